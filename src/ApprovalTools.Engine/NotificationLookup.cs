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
internal sealed class NotificationLookup(ICommandSink sink, SessionCache sessions)
{
    public async Task LookUpAsync(GetPendingApprovalRequest request)
    {
        var notification = request.Notification!;
        var aws = request.Aws;
        PendingApproval wanted;
        try { wanted = NotificationReader.Read(notification.Message); }
        catch (ApprovalToolsException e)
        {
            sink.WriteError(ErrorMapping.ToErrorRecord(e, notification.Message));
            return;
        }
        var where = $"pipeline '{wanted.PipelineName}', stage '{wanted.StageName}', action '{wanted.ActionName}'";
        var regionGiven = aws.Regions.Any(r => r is not null);
        var regions = regionGiven ? aws.Regions : new[] { wanted.Region };
        var errors = new List<ErrorRecord>();
        ApprovalRun? became = null;
        foreach (var profile in aws.ProfileNames)
        foreach (var region in regions)
        {
            try
            {
                var session = sessions.Get(aws, new SessionTarget
                {
                    Region = region,
                    RegionSource = !regionGiven && region is not null ? "the notification" : null,
                    ProfileName = profile,
                    ProfileLocation = aws.ProfileLocation,
                    EndpointUrl = aws.EndpointUrl,
                });
                var resolver = new ApprovalResolver(session, sink.WriteVerbose, sink.WriteWarning);
                var found = (await resolver.FindPendingAsync(wanted.PipelineName, s => s == wanted.StageName,
                        a => a == wanted.ActionName, sink.CancelToken).ConfigureAwait(false))
                    .FirstOrDefault(a => string.Equals(a.Token, wanted.Token, StringComparison.OrdinalIgnoreCase));
                if (found is not null)
                {
                    if (ApprovalPins.Carries(found, request.RevisionId)
                        && ApprovalPins.ExpiresWithin(found, request.ExpiringWithin))
                        sink.WriteObject(found);
                    return;
                }
                became ??= await resolver.ReadRunAsync(wanted.PipelineName, wanted.StageName, wanted.ActionName,
                    wanted.Token, null, sink.CancelToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is not OperationCanceledException || !sink.CancelToken.IsCancellationRequested)
            {
                var target = $"{wanted.PipelineName}/{wanted.StageName}/{wanted.ActionName}";
                errors.Add(ErrorMapping.ToErrorRecord(e, target));
            }
        }
        // Waiting nowhere: the reasons it could not be read, and what became of it where it could.
        foreach (var error in errors) sink.WriteError(error);
        if (errors.Count == 0 || became is not null)
            sink.WriteWarning($"The approval of the notification ({where}, token {wanted.Token}) is no longer "
                + $"waiting: {became?.Describe() ?? "its state could not be read"}.");
    }
}
