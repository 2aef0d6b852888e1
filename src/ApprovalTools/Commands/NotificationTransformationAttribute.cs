using System;
using System.Collections;
using System.Linq;
using System.Management.Automation;

namespace ApprovalTools.Commands;

/// <summary>
/// Recognises an approval notification among piped or given values and wraps it in an
/// <see cref="ApprovalNotification"/>; anything else is passed on unchanged, so it binds as before (a PendingApproval
/// to -InputObject, an object with PipelineName... by property name, a string to -PipelineName). PowerShell applies
/// transformations before its first, uncoerced, pipeline binding pass: a notification then binds to -Notification
/// there, and no other value can.
/// </summary>
/// <remarks>
/// A notification is: a string (with <see cref="JsonStringsOnly"/>, only one that starts with '{': other strings keep
/// binding as before, as pipeline names or not at all); an object or dictionary with an approval or consoleLink
/// member (the whole message); or one with an expires or approvalReviewLink member (its approval part), which
/// objects listed or exported by the module never have.
/// </remarks>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Field)]
public sealed class NotificationTransformationAttribute : ArgumentTransformationAttribute
{
    private static readonly string[] Markers = { "approval", "consoleLink", "expires", "approvalReviewLink" };

    /// <summary>Only strings that look like a JSON object are notifications.</summary>
    public bool JsonStringsOnly { get; set; }

    /// <inheritdoc />
    public override object Transform(EngineIntrinsics engineIntrinsics, object inputData)
    {
        var value = inputData is PSObject wrapped ? wrapped.BaseObject : inputData;
        return value switch
        {
            null or ApprovalNotification => value!,
            string text => !JsonStringsOnly || text.TrimStart().StartsWith("{", StringComparison.Ordinal)
                ? new ApprovalNotification(text) : inputData,
            IDictionary dictionary => dictionary.Keys.OfType<object>().Any(k => IsMarker(k.ToString()))
                ? new ApprovalNotification(inputData) : inputData,
            PendingApproval or IEnumerable => inputData,
            _ => PSObject.AsPSObject(inputData).Properties.Any(p => IsMarker(p.Name))
                ? new ApprovalNotification(inputData) : inputData,
        };
    }

    private static bool IsMarker(string? name) =>
        Markers.Any(m => string.Equals(m, name, StringComparison.OrdinalIgnoreCase));
}
