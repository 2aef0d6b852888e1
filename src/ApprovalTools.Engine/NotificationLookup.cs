using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Threading.Tasks;
using ApprovalTools.Aws;
using ApprovalTools.Commands;

namespace ApprovalTools.Engine;

/// <summary>
/// Get-PendingApproval -Notification: the current PendingApproval of the run a notification names (same pipeline,
/// stage, action and token), read in the notification's region (or each -Region given) with each -ProfileName; when
/// that run no longer waits, nothing is returned and one warning says what became of it.
/// </summary>
internal sealed class NotificationLookup(GetPendingApprovalCommand command, SessionCache sessions)
{
    public async Task LookUpAsync(ApprovalNotification notification)
    {
        PendingApproval wanted;
        try { wanted = NotificationReader.Read(notification.Message); }
        catch (ApprovalToolsException e)
        {
            command.WriteError(ErrorMapping.ToErrorRecord(e, notification.Message));
            return;
        }
        var where = $"pipeline '{wanted.PipelineName}', stage '{wanted.StageName}', action '{wanted.ActionName}'";
        var regions = command.Region is { Length: > 0 } given ? given.Distinct(StringComparer.OrdinalIgnoreCase).ToArray()
            : new[] { wanted.Region };
        var errors = new List<ErrorRecord>();
        ApprovalRun? became = null;
        foreach (var profile in ((IAwsParameters)command).ProfileNames)
        foreach (var region in regions)
        {
            try
            {
                var session = sessions.Get(new SessionTarget
                {
                    Region = region,
                    RegionSource = command.Region is null && region is not null ? "the notification" : null,
                    ProfileName = profile,
                    ProfileLocation = command.ProfileLocation,
                    EndpointUrl = command.EndpointUrl,
                });
                var resolver = new ApprovalResolver(session, command.WriteVerbose, command.WriteWarning);
                var found = (await resolver.FindPendingAsync(wanted.PipelineName, s => s == wanted.StageName,
                        a => a == wanted.ActionName, command.CancelToken).ConfigureAwait(false))
                    .FirstOrDefault(a => string.Equals(a.Token, wanted.Token, StringComparison.OrdinalIgnoreCase));
                if (found is not null)
                {
                    if (ApprovalPins.Carries(found, command.RevisionId) && ApprovalPins.ExpiresWithin(found, command.ExpiringWithin))
                        command.WriteObject(found);
                    return;
                }
                became ??= await resolver.ReadRunAsync(wanted.PipelineName, wanted.StageName, wanted.ActionName,
                    wanted.Token, null, command.CancelToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is not OperationCanceledException || !command.CancelToken.IsCancellationRequested)
            {
                errors.Add(ErrorMapping.ToErrorRecord(e, $"{wanted.PipelineName}/{wanted.StageName}/{wanted.ActionName}"));
            }
        }
        // Waiting nowhere: the reasons it could not be read, and what became of it where it could.
        foreach (var error in errors) command.WriteError(error);
        if (errors.Count == 0 || became is not null)
            command.WriteWarning($"The approval of the notification ({where}, token {wanted.Token}) is no longer "
                + $"waiting: {became?.Describe() ?? "its state could not be read"}.");
    }
}
