using System.Security.Cryptography;
using System.Text;

namespace Metrology.Notifications.Sms;

/// <summary>
/// Aliyun's RPC request signature (SignatureMethod HMAC-SHA1, SignatureVersion 1.0): parameters sorted by
/// name and percent-encoded (RFC 3986, UTF-8) into a canonical query; the string to sign is
/// <c>GET&amp;%2F&amp;</c> + the encoded canonical query; the key is the AccessKey secret followed by "&amp;".
/// </summary>
public static class AliyunSignature
{
    /// <summary>RFC 3986 percent-encoding: everything but A–Z a–z 0–9 - _ . ~ (so space is %20, * is %2A, ~ stays).</summary>
    public static string Encode(string value) => Uri.EscapeDataString(value);

    public static string CanonicalQuery(IEnumerable<KeyValuePair<string, string>> parameters) =>
        string.Join("&", parameters.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => Encode(p.Key) + "=" + Encode(p.Value)));

    public static string StringToSign(string method, string canonicalQuery) => method + "&" + Encode("/") + "&" + Encode(canonicalQuery);

    public static string Sign(string method, IEnumerable<KeyValuePair<string, string>> parameters, string accessKeySecret)
    {
        var toSign = StringToSign(method, CanonicalQuery(parameters));
        using var hmac = new HMACSHA1(Encoding.UTF8.GetBytes(accessKeySecret + "&"));
        return Convert.ToBase64String(hmac.ComputeHash(Encoding.UTF8.GetBytes(toSign)));
    }
}
