using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace ApprovalTools.Tests.Emulator;

/// <summary>
/// A test-side SigV4 signer, written independently of the emulator's verifier so that a shared mistake cannot
/// make both agree. Signs host, content-type, x-amz-date, x-amz-target and every extra x-amz-*/amz-sdk-* header set.
/// </summary>
internal static class TestSigner
{
    public static void Sign(HttpRequestMessage request, byte[] body, string accessKeyId, string secretAccessKey,
        string region, DateTimeOffset at, string service = "codepipeline", string? sessionToken = null,
        string? scopeDate = null)
    {
        var amzDate = at.UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);
        var date = scopeDate ?? amzDate[..8];
        request.Headers.TryAddWithoutValidation("X-Amz-Date", amzDate);
        if (sessionToken is not null) request.Headers.TryAddWithoutValidation("X-Amz-Security-Token", sessionToken);

        var uri = request.RequestUri!;
        var headers = new SortedDictionary<string, string>(StringComparer.Ordinal)
        {
            ["host"] = uri.IsDefaultPort ? uri.Host : $"{uri.Host}:{uri.Port}",
        };
        foreach (var h in request.Headers)
        {
            var name = h.Key.ToLowerInvariant();
            if (name.StartsWith("x-amz-") || name.StartsWith("amz-sdk-")) headers[name] = string.Join(",", h.Value).Trim();
        }
        if (request.Content?.Headers.ContentType is { } contentType) headers["content-type"] = contentType.ToString();

        var signedHeaders = string.Join(";", headers.Keys);
        var canonicalHeaders = string.Concat(headers.Select(h => $"{h.Key}:{h.Value}\n"));
        var canonicalRequest = string.Join("\n",
            request.Method.Method,
            uri.AbsolutePath,
            uri.Query.TrimStart('?'),
            canonicalHeaders,
            signedHeaders,
            Convert.ToHexString(SHA256.HashData(body)).ToLowerInvariant());

        var scope = $"{date}/{region}/{service}/aws4_request";
        var stringToSign = "AWS4-HMAC-SHA256\n" + amzDate + "\n" + scope + "\n" +
            Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(canonicalRequest))).ToLowerInvariant();

        byte[] key = Encoding.UTF8.GetBytes("AWS4" + secretAccessKey);
        foreach (var part in new[] { date, region, service, "aws4_request" })
        {
            using var hmac = new HMACSHA256(key);
            key = hmac.ComputeHash(Encoding.UTF8.GetBytes(part));
        }
        using var final = new HMACSHA256(key);
        var signature = Convert.ToHexString(final.ComputeHash(Encoding.UTF8.GetBytes(stringToSign))).ToLowerInvariant();

        request.Headers.TryAddWithoutValidation("Authorization",
            $"AWS4-HMAC-SHA256 Credential={accessKeyId}/{scope}, SignedHeaders={signedHeaders}, Signature={signature}");
    }
}
