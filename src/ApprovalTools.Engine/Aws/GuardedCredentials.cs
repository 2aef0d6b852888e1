using System;
using System.Management.Automation;
using System.Net;
using System.Net.Http;
using System.Threading.Tasks;
using Amazon.Runtime;
using ApprovalTools.Engine;

namespace ApprovalTools.Aws;

/// <summary>
/// Credentials whose failures (refresh included) surface as <see cref="ApprovalToolsException"/> that say what to do.
/// </summary>
internal sealed class GuardedCredentials(AWSCredentials inner, Func<Exception, ApprovalToolsException> translate)
    : AWSCredentials
{
    public override ImmutableCredentials GetCredentials()
    {
        try { return inner.GetCredentials(); }
        catch (Exception e) when (e is not ApprovalToolsException and not OperationCanceledException)
        {
            throw translate(e);
        }
    }

    public override async Task<ImmutableCredentials> GetCredentialsAsync()
    {
        try { return await inner.GetCredentialsAsync().ConfigureAwait(false); }
        catch (Exception e) when (e is not ApprovalToolsException and not OperationCanceledException)
        {
            throw translate(e);
        }
    }

    public override string ToString() => inner.ToString();
}

/// <summary>
/// A failure to obtain credentials (AssumeRole, SSO, container, instance) as one error that says what to do; the
/// service's error code is reported as <see cref="ErrorMapping"/> says.
/// </summary>
internal static class CredentialFailure
{
    /// <param name="e">What the credentials threw.</param>
    /// <param name="description">Where the credentials come from, in words.</param>
    /// <param name="profile">The profile they come from, if any.</param>
    /// <param name="sso">True when IAM Identity Center gives them.</param>
    public static ApprovalToolsException Translate(Exception e, string description, string? profile, bool sso)
    {
        var service = Inner<AmazonServiceException>(e);
        var message = FirstLine(service?.Message is { Length: > 0 } m ? m : Innermost(e).Message);
        var unreachable = Inner<HttpRequestException>(e) is not null || Inner<WebException>(e) is not null;
        var refused = service is null || service.StatusCode == HttpStatusCode.Unauthorized
            || service.ErrorCode == "UnauthorizedException";
        if (sso && refused && Inner<HttpRequestException>(e) is null)
        {
            var login = profile is null ? "aws sso login" : $"aws sso login --profile {profile}";
            return new("SsoLoginRequired", ErrorCategory.AuthenticationError,
                $"The IAM Identity Center (SSO) login for {description} has expired or was never made ({message}). "
                + $"Run '{login}' and try again.");
        }
        var (id, category) = ErrorMapping.ForCode(service?.ErrorCode, ErrorMapping.Origin.Credentials)
            ?? (service?.ErrorCode is null && unreachable ? ("EndpointUnreachable", ErrorCategory.ConnectionError)
                : (profile is null ? "NoCredentials" : "InvalidProfile", ErrorCategory.AuthenticationError));
        return new(id, category, $"Getting credentials from {description} failed: {message}");
    }

    /// <summary>The first line of <paramref name="text"/>, trimmed (SDK messages can run on with detail).</summary>
    public static string FirstLine(string text) => text.Split('\n')[0].Trim();

    private static T? Inner<T>(Exception? e) where T : Exception
    {
        for (; e is not null; e = e.InnerException)
            if (e is T found) return found;
        return null;
    }

    private static Exception Innermost(Exception e)
    {
        while (e.InnerException is not null) e = e.InnerException;
        return e;
    }
}
