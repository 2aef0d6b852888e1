using System;

namespace ApprovalTools;

/// <summary>
/// The approval notification CodePipeline publishes to SNS, as a cmdlet received it: the JSON message (a string), the
/// object ConvertFrom-Json makes of it (or a hashtable), or its approval part. The cmdlets read it when they use it;
/// a malformed one is reported then, per item (InvalidNotification), naming the missing or invalid field.
/// </summary>
public sealed class ApprovalNotification
{
    // Internal: only the cmdlets' transformation makes one, so PowerShell never converts other input to it.
    internal ApprovalNotification(object message) =>
        Message = message ?? throw new ArgumentNullException(nameof(message));

    /// <summary>The notification as received: a string, an object, or a dictionary.</summary>
    public object Message { get; }

    /// <summary>The message as text (JSON for a string), so it never passes for a name.</summary>
    public override string ToString() => Message.ToString() ?? "";
}
