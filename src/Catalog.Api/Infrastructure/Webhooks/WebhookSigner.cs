using System.Security.Cryptography;
using System.Text;

namespace Catalog.Api.Infrastructure.Webhooks;

/// <summary>
/// Secrets and signatures as the Standard Webhooks spec has them: the secret is <c>whsec_</c> + base64 of
/// random bytes, and <c>webhook-signature</c> is <c>v1,</c> + base64 HMAC-SHA256, keyed with the decoded
/// secret, over <c>{webhook-id}.{webhook-timestamp}.{body}</c>.
/// </summary>
public static class WebhookSigner
{
    public const string SecretPrefix = "whsec_";
    public const string SignatureVersion = "v1";

    public static string NewSecret() => SecretPrefix + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

    public static string Sign(string secret, string id, long timestamp, string body)
    {
        var key = Convert.FromBase64String(secret.StartsWith(SecretPrefix, StringComparison.Ordinal) ? secret[SecretPrefix.Length..] : secret);
        var mac = HMACSHA256.HashData(key, Encoding.UTF8.GetBytes($"{id}.{timestamp}.{body}"));
        return $"{SignatureVersion},{Convert.ToBase64String(mac)}";
    }
}
