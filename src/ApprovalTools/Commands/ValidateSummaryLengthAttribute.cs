using System;
using System.Management.Automation;

namespace ApprovalTools.Commands;

/// <summary>
/// Checks -Summary as the service counts its length (the model's ApprovalSummary, 0 to 512): in Unicode characters
/// (code points), so an emoji, two UTF-16 units in .NET, counts once. $null passes: it means no summary.
/// </summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Field)]
internal sealed class ValidateSummaryLengthAttribute : ValidateArgumentsAttribute
{
    /// <summary>The most characters the service takes in a summary.</summary>
    internal const int MaxLength = 512;

    /// <inheritdoc />
    protected override void Validate(object arguments, EngineIntrinsics engineIntrinsics)
    {
        if ((arguments is PSObject wrapped ? wrapped.BaseObject : arguments) is not string text) return;
        var length = CodePoints(text);
        if (length > MaxLength)
            throw new ValidationMetadataException($"The summary is {length} characters long, and the service takes "
                + $"at most {MaxLength} (counted as Unicode characters: an emoji counts as one). Shorten it.");
    }

    /// <summary>The number of Unicode characters in <paramref name="text"/>: a surrogate pair counts once.</summary>
    internal static int CodePoints(string text)
    {
        var count = text.Length;
        for (var i = 0; i + 1 < text.Length; i++)
        {
            if (char.IsSurrogatePair(text[i], text[i + 1]))
            {
                count--;
                i++;
            }
        }
        return count;
    }
}
