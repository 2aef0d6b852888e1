using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using ApprovalTools.Emulator.State;
using Microsoft.AspNetCore.Http.Features;

namespace ApprovalTools.Emulator.Aws;

/// <summary>Who signed a request, and for which region (the region is taken from the credential scope).</summary>
internal sealed record CallerIdentity(string AccessKeyId, string Region);

/// <summary>
/// Verifies AWS Signature Version 4 from the Authorization header: rebuilds the canonical request from exactly the
/// headers named in SignedHeaders, then the string to sign and the HMAC key chain, and compares signatures.
/// </summary>
internal sealed class SigV4Verifier(CredentialStore credentials, string service)
{
    private const string Algorithm = "AWS4-HMAC-SHA256";
    private static readonly TimeSpan AllowedSkew = TimeSpan.FromMinutes(15);

    public CallerIdentity Verify(HttpRequest request, byte[] body, DateTimeOffset now)
    {
        var header = request.Headers.Authorization.ToString();
        if (string.IsNullOrEmpty(header)) throw AwsErrors.MissingAuthenticationToken();
        var auth = AuthorizationHeader.Parse(header);

        var credential = credentials.Find(auth.AccessKeyId) ?? throw AwsErrors.UnrecognizedClient();
        var sentToken = request.Headers["X-Amz-Security-Token"].ToString();
        if ((credential.SessionToken ?? "") != sentToken) throw AwsErrors.UnrecognizedClient();

        var amzDate = request.Headers["X-Amz-Date"].ToString();
        if (amzDate.Length == 0)
            throw AwsErrors.IncompleteSignature("Authorization header requires existence of either a 'X-Amz-Date' or " +
                "a 'Date' header. Authorization=" + header);
        if (!DateTimeOffset.TryParseExact(amzDate, "yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture,
                DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var signedAt))
            throw AwsErrors.IncompleteSignature($"Date must be in ISO-8601 'basic format'. Got '{amzDate}'. See " +
                $"http://en.wikipedia.org/wiki/ISO_8601");

        if (auth.Service != service)
            throw AwsErrors.InvalidSignature($"Credential should be scoped to correct service: '{service}'. ");
        if (auth.Date != amzDate[..8])
            throw AwsErrors.InvalidSignature("Date in Credential scope does not match YYYYMMDD from ISO-8601 " +
                $"version of date from HTTP: '{auth.Date}' != '{amzDate[..8]}', from '{amzDate}'.");
        if (signedAt < now - AllowedSkew)
            throw AwsErrors.InvalidSignature($"Signature expired: {amzDate} is now earlier than " +
                $"{Basic(now - AllowedSkew)} ({Basic(now)} - 15 min.)");
        if (signedAt > now + AllowedSkew)
            throw AwsErrors.InvalidSignature($"Signature not yet current: {amzDate} is still later than " +
                $"{Basic(now + AllowedSkew)} ({Basic(now)} + 15 min.)");
        if (!auth.SignedHeaders.Contains("host"))
            throw AwsErrors.IncompleteSignature("'Host' or ':authority' must be a 'SignedHeader' in the AWS " +
                "Authorization.");

        var canonical = CanonicalRequest(request, auth.SignedHeaders, body);
        var scope = $"{auth.Date}/{auth.Region}/{auth.Service}/aws4_request";
        var canonicalHash = Hex(SHA256.HashData(Encoding.UTF8.GetBytes(canonical)));
        var stringToSign = $"{Algorithm}\n{amzDate}\n{scope}\n{canonicalHash}";
        var key = Hmac(Hmac(Hmac(Hmac(Encoding.UTF8.GetBytes("AWS4" + credential.SecretAccessKey), auth.Date),
            auth.Region), auth.Service), "aws4_request");
        var expected = Encoding.ASCII.GetBytes(Hex(Hmac(key, stringToSign)));
        if (!CryptographicOperations.FixedTimeEquals(expected,
            Encoding.ASCII.GetBytes(auth.Signature.ToLowerInvariant())))
            throw AwsErrors.InvalidSignature();
        return new(auth.AccessKeyId, auth.Region);
    }

    /// <summary>The access key id a request claims to be signed with, for the call log; null when there is
    /// none.</summary>
    public static string? ClaimedAccessKeyId(HttpRequest request)
    {
        var header = request.Headers.Authorization.ToString();
        var at = header.IndexOf("Credential=", StringComparison.Ordinal);
        if (at < 0) return null;
        var start = at + "Credential=".Length;
        var end = header.IndexOfAny(['/', ',', ' '], start);
        return end < 0 ? header[start..] : header[start..end];
    }

    /// <summary>The region of the credential scope the request claims
    /// (Credential=key/date/region/service/...).</summary>
    public static string? ClaimedRegion(HttpRequest request)
    {
        var header = request.Headers.Authorization.ToString();
        var at = header.IndexOf("Credential=", StringComparison.Ordinal);
        if (at < 0) return null;
        var end = header.IndexOfAny([',', ' '], at);
        var scope = (end < 0 ? header[at..] : header[at..end]).Split('/');
        return scope.Length > 2 ? scope[2] : null;
    }

    private static string CanonicalRequest(HttpRequest request, IReadOnlyList<string> signedHeaders, byte[] body)
    {
        var sb = new StringBuilder();
        sb.Append(request.Method).Append('\n');
        sb.Append(CanonicalUri(request)).Append('\n');
        sb.Append(CanonicalQuery(request)).Append('\n');
        foreach (var name in signedHeaders)
        {
            var values = name == "host" ? [request.Headers.Host.ToString()] : request.Headers[name].ToArray();
            sb.Append(name).Append(':').Append(string.Join(",",
                values.Select(v => CollapseSpaces(v ?? "")))).Append('\n');
        }
        sb.Append('\n').Append(string.Join(";", signedHeaders)).Append('\n');
        var contentHash = request.Headers["X-Amz-Content-Sha256"].ToString();
        sb.Append(contentHash == "UNSIGNED-PAYLOAD" ? contentHash : Hex(SHA256.HashData(body)));
        return sb.ToString();
    }

    // Non-S3 services encode the (already encoded) path once more, keeping '/'.
    private static string CanonicalUri(HttpRequest request)
    {
        var raw = request.HttpContext.Features.Get<IHttpRequestFeature>()?.RawTarget ?? request.Path.ToString();
        var path = raw.Split('?')[0];
        if (path.Length == 0) path = "/";
        return string.Join("/", path.Split('/').Select(Encode));
    }

    private static string CanonicalQuery(HttpRequest request) =>
        string.Join("&", request.Query
            .SelectMany(q => q.Value.Select(v => (Key: Encode(q.Key), Value: Encode(v ?? ""))))
            .OrderBy(p => p.Key, StringComparer.Ordinal).ThenBy(p => p.Value, StringComparer.Ordinal)
            .Select(p => $"{p.Key}={p.Value}"));

    // RFC 3986 unreserved characters stay, everything else is %XX (upper case) over UTF-8.
    private static string Encode(string value)
    {
        var sb = new StringBuilder();
        foreach (var b in Encoding.UTF8.GetBytes(value))
        {
            var c = (char)b;
            if (char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or '~') sb.Append(c);
            else sb.Append('%').Append(b.ToString("X2"));
        }
        return sb.ToString();
    }

    private static string CollapseSpaces(string value) => string.Join(" ", value.Trim().Split(' ',
        StringSplitOptions.RemoveEmptyEntries));

    private static byte[] Hmac(byte[] key, string data) => HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(data));

    private static string Hex(byte[] bytes) => Convert.ToHexStringLower(bytes);

    private static string Basic(DateTimeOffset time) => time.UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'",
        CultureInfo.InvariantCulture);

    /// <summary>The parts of "AWS4-HMAC-SHA256 Credential=AKID/date/region/service/aws4_request, SignedHeaders=a;b,
    /// Signature=hex".</summary>
    private sealed record AuthorizationHeader(string AccessKeyId, string Date, string Region, string Service,
        IReadOnlyList<string> SignedHeaders, string Signature)
    {
        public static AuthorizationHeader Parse(string header)
        {
            if (!header.StartsWith(Algorithm + " ", StringComparison.Ordinal))
                throw AwsErrors.IncompleteSignature($"Authorization header requires '{Algorithm}' as its algorithm. " +
                    $"Authorization={header}");
            var parts = header[Algorithm.Length..].Split(',',
                StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
                .Select(p => p.Split('=', 2))
                .Where(p => p.Length == 2)
                .ToDictionary(p => p[0].Trim(), p => p[1].Trim(), StringComparer.Ordinal);
            var missing = new[] { "Credential", "Signature", "SignedHeaders" }.Where(k =>
                !parts.ContainsKey(k)).ToList();
            if (missing.Count > 0)
                throw AwsErrors.IncompleteSignature(string.Join(" ",
                    missing.Select(m => $"Authorization header requires '{m}' parameter."))
                    + $" Authorization={header}");
            var scope = parts["Credential"].Split('/');
            if (scope.Length != 5 || scope[0].Length == 0)
                throw AwsErrors.IncompleteSignature($"Credential must have exactly 5 slash-delimited elements, e.g. " +
                    $"keyid/date/region/service/term, got '{parts["Credential"]}'");
            if (scope[4] != "aws4_request")
                throw AwsErrors.IncompleteSignature($"Credential should be scoped with a valid terminator: " +
                    $"'aws4_request', not '{scope[4]}'.");
            if (scope[2].Length == 0)
                throw AwsErrors.InvalidSignature("Credential should be scoped to a valid region. ");
            return new(scope[0], scope[1], scope[2], scope[3],
                parts["SignedHeaders"].Split(';').Select(h => h.Trim().ToLowerInvariant()).ToList(),
                    parts["Signature"]);
        }
    }
}
