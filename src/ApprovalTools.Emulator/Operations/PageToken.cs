using System.Security.Cryptography;
using System.Text;

namespace ApprovalTools.Emulator.Operations;

/// <summary>
/// Opaque ListPipelines tokens: the last name returned, MAC'd with a per-process key so a made-up or altered
/// token is refused (InvalidNextTokenException) rather than silently reinterpreted.
/// </summary>
internal static class PageToken
{
    private static readonly byte[] Key = RandomNumberGenerator.GetBytes(32);

    public static string Create(string lastName)
    {
        var payload = Encoding.UTF8.GetBytes("v1:" + lastName);
        return Base64Url(payload) + "." + Base64Url(HMACSHA256.HashData(Key, payload)[..16]);
    }

    public static bool TryRead(string token, out string lastName)
    {
        lastName = "";
        var dot = token.IndexOf('.');
        if (dot <= 0) return false;
        try
        {
            var payload = Convert.FromBase64String(Pad(token[..dot]));
            var mac = Convert.FromBase64String(Pad(token[(dot + 1)..]));
            if (!CryptographicOperations.FixedTimeEquals(mac, HMACSHA256.HashData(Key, payload)[..16])) return false;
            var text = Encoding.UTF8.GetString(payload);
            if (!text.StartsWith("v1:", StringComparison.Ordinal)) return false;
            lastName = text[3..];
            return true;
        }
        catch (FormatException)
        {
            return false;
        }
    }

    private static string Base64Url(byte[] bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static string Pad(string s)
    {
        s = s.Replace('-', '+').Replace('_', '/');
        return s.PadRight(s.Length + (4 - s.Length % 4) % 4, '=');
    }
}
