using System;
using System.Collections;
using System.Globalization;
using System.Management.Automation;
using System.Text.Json;
using System.Text.RegularExpressions;
using ApprovalTools.Commands;

namespace ApprovalTools.Engine;

/// <summary>
/// Reads the approval notification CodePipeline publishes to SNS (User Guide, "JSON data format for manual approval
/// notifications"): { region, consoleLink, approval: { pipelineName, stageName, actionName, token, expires,
/// externalEntityLink, approvalReviewLink, customData } }, as a JSON string, as the object ConvertFrom-Json makes of
/// it (or a dictionary), or its approval part alone, whose region is read from its approvalReviewLink.
/// </summary>
internal static class NotificationReader
{
    private static readonly Regex Name = new(AnswerApprovalCommandBase.NamePattern);
    private static readonly Regex Token = new(AnswerApprovalCommandBase.TokenPattern);
    private static readonly Regex Region = new(@"^[a-z]{2}(-[a-z0-9]+){2,3}\z");
    private static readonly Regex RegionInLink = new(@"[?&]region=([a-z0-9-]+)");
    private static readonly string[] ExpiresFormats = { "yyyy-MM-dd'T'HH:mm'Z'", "yyyy-MM-dd'T'HH:mm:ss'Z'",
        "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", "yyyy-MM-dd'T'HH:mmzzz", "yyyy-MM-dd'T'HH:mm:sszzz" };

    /// <summary>
    /// The approval the notification names, as a PendingApproval (names, token in lower case, Region, ExpiresAt,
    /// ApprovalUrl, CustomData, ExternalEntityLink). Throws InvalidNotification (InvalidArgument) naming the first
    /// missing or invalid field; nothing has been called then.
    /// </summary>
    public static PendingApproval Read(object message)
    {
        var root = Root(message);
        // The whole message has an approval member (and region, consoleLink); the approval part has none of them.
        var approval = Member(root, "approval");
        var whole = approval is not null || Member(root, "region") is not null
            || Member(root, "consoleLink") is not null;
        if (whole && approval is null) throw Invalid("has no approval");
        if (approval is string || approval?.GetType().IsPrimitive == true)
            throw Invalid("has an approval that is not an object");
        var part = approval ?? root;
        var prefix = whole ? "approval." : "";

        string Required(object node, string field, string prefixOfField, Regex? rule)
        {
            var value = Member(node, field) as string ?? Text(Member(node, field));
            if (string.IsNullOrEmpty(value)) throw Invalid($"has no {prefixOfField}{field}");
            if (rule is not null && !rule.IsMatch(value!))
                throw Invalid($"has an invalid {prefixOfField}{field} '{value}'");
            return value!;
        }

        var region = whole ? Required(root, "region", "", Region) : RegionOf(Text(Member(part, "approvalReviewLink")));
        var pipeline = Required(part, "pipelineName", prefix, Name);
        var stage = Required(part, "stageName", prefix, Name);
        var action = Required(part, "actionName", prefix, Name);
        var token = Required(part, "token", prefix, Token);
        var expires = Expires(Member(part, "expires"), prefix);
        if (pipeline.Length > 100 || stage.Length > 100 || action.Length > 100)
            throw Invalid($"has a {prefix}pipelineName, stageName or actionName longer than 100 characters");

        return new PendingApproval
        {
            PipelineName = pipeline,
            StageName = stage,
            ActionName = action,
            Token = AnswerApprovalCommandBase.NormalizeToken(token)!,
            Region = region,
            ExpiresAt = expires,
            CustomData = Text(Member(part, "customData")),
            ExternalEntityLink = Text(Member(part, "externalEntityLink")),
            ApprovalUrl = Text(Member(part, "approvalReviewLink")),
        };
    }

    /// <summary>ApprovalExpired (OperationTimeout) when the notification's expires has passed; nothing is called.
    /// </summary>
    public static void CheckNotExpired(PendingApproval approval)
    {
        if (approval.ExpiresAt is not { } expires || expires.ToUniversalTime() > DateTime.UtcNow) return;
        throw new ApprovalToolsException("ApprovalExpired", ErrorCategory.OperationTimeout,
            $"The approval at pipeline '{approval.PipelineName}', stage '{approval.StageName}', action "
            + $"'{approval.ActionName}' (token {approval.Token}) expired at {Instant.Format(expires)}, as its "
            + "notification says, so nothing was called and nothing was answered. Start the pipeline again (or "
            + "retry the stage) and answer the new run.");
    }

    private static object Root(object message)
    {
        if (message is PSObject { BaseObject: string } wrapped) message = wrapped.BaseObject;
        if (message is not string text) return message;
        try
        {
            using var document = JsonDocument.Parse(text);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
                throw Invalid("is not a JSON object");
            return document.RootElement.Clone();
        }
        catch (JsonException e)
        {
            throw Invalid($"is not a JSON document ({e.Message.TrimEnd('.')})",
                " A file is read whole with Get-Content -Raw (without -Raw, each line comes on its own).");
        }
    }

    // A member by name, in either case, of a JSON object, a dictionary or any object.
    private static object? Member(object? node, string name)
    {
        switch (node)
        {
            case null: return null;
            case JsonElement { ValueKind: JsonValueKind.Object } element:
                foreach (var property in element.EnumerateObject())
                    if (string.Equals(property.Name, name, StringComparison.OrdinalIgnoreCase))
                        return Value(property.Value);
                return null;
            case JsonElement: return null;
            case PSObject { BaseObject: IDictionary } or IDictionary:
                var dictionary = (IDictionary)(node is PSObject p ? p.BaseObject : node);
                foreach (DictionaryEntry entry in dictionary)
                    if (string.Equals(entry.Key?.ToString(), name, StringComparison.OrdinalIgnoreCase))
                        return Unwrap(entry.Value);
                return null;
            case string: return null;
            default: return Unwrap(PSObject.AsPSObject(node).Properties[name]?.Value);
        }
    }

    private static object? Unwrap(object? value) =>
        value is PSObject { BaseObject: not PSCustomObject } wrapped ? wrapped.BaseObject : value;

    private static object? Value(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString(),
        JsonValueKind.Null or JsonValueKind.Undefined => null,
        JsonValueKind.Object => value,
        _ => value.GetRawText(),
    };

    private static string? Text(object? value) => value switch
    {
        null => null,
        string s => s,
        JsonElement e => e.GetRawText(),
        DateTime d => d.ToString("o", CultureInfo.InvariantCulture),
        _ => Convert.ToString(value, CultureInfo.InvariantCulture),
    };

    private static string? RegionOf(string? link) =>
        link is not null && RegionInLink.Match(link) is { Success: true } m ? m.Groups[1].Value : null;

    // "2016-07-07T20:22Z" as published; ConvertFrom-Json may already have made a DateTime of it.
    private static DateTime Expires(object? value, string prefix)
    {
        switch (value)
        {
            case DateTime time:
                return time.Kind == DateTimeKind.Unspecified ? DateTime.SpecifyKind(time, DateTimeKind.Utc) : time;
            case DateTimeOffset offset: return offset.UtcDateTime;
        }
        var text = Text(value);
        if (string.IsNullOrEmpty(text)) throw Invalid($"has no {prefix}expires");
        if (DateTimeOffset.TryParseExact(text, ExpiresFormats, CultureInfo.InvariantCulture,
                DateTimeStyles.AssumeUniversal, out var parsed))
            return parsed.UtcDateTime;
        throw Invalid($"has an invalid {prefix}expires '{text}' (CodePipeline writes it as 2016-07-07T20:22Z)");
    }

    private static ApprovalToolsException Invalid(string what, string hint = "") => new("InvalidNotification",
        ErrorCategory.InvalidArgument, $"The approval notification {what}, so nothing was called. Pass the message "
        + "CodePipeline published (region, approval with pipelineName, stageName, actionName, token and expires) as "
        + "its JSON text or as ConvertFrom-Json reads it, or its approval part." + hint);
}
