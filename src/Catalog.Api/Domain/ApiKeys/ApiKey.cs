using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using Catalog.Api.Domain.Common;

namespace Catalog.Api.Domain.ApiKeys;

/// <summary>
/// A bearer credential with a role. The secret is shown once, at issue; only its SHA-256 hash is kept,
/// which is enough for a 256-bit random secret (no slow hash is needed against guessing).
/// </summary>
public sealed class ApiKey
{
    public const string SecretPrefix = "cat_";

    private ApiKey()
    {
        Name = Hash = DisplayPrefix = string.Empty;
    }

    public Guid Id { get; private set; }

    public string Name { get; private set; }

    public ApiRole Role { get; private set; }

    public Guid? CustomerId { get; private set; }

    /// <summary>The first characters of the secret, so an operator can tell keys apart.</summary>
    public string DisplayPrefix { get; private set; }

    public string Hash { get; private set; }

    public DateTime CreatedAt { get; private set; }

    public DateTime? RevokedAt { get; private set; }

    public int Version { get; private set; }

    public bool IsActive => RevokedAt is null;

    /// <summary>Issues a key with a fresh random secret, returned once in <paramref name="secret"/>.</summary>
    public static ApiKey Issue(string name, ApiRole role, Guid? customerId, DateTime now, out string secret)
    {
        secret = SecretPrefix + Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));
        var key = FromSecret(name, role, customerId, secret, now);

        // Of a random secret, the first characters may be shown: what remains is still 256 bits minus a few.
        key.DisplayPrefix = secret[..12];
        return key;
    }

    /// <summary>Registers a key whose secret the operator chose (the bootstrap admin key).</summary>
    public static ApiKey FromSecret(string name, ApiRole role, Guid? customerId, string secret, DateTime now)
    {
        if (secret.Length < 24)
        {
            throw new DomainRuleException("weak-secret", "An API key secret must be at least 24 characters long.");
        }

        if (role == ApiRole.Customer && customerId is null)
        {
            throw new DomainRuleException("customer-required", "A customer key must be bound to a customer.");
        }

        if (role != ApiRole.Customer && customerId is not null)
        {
            throw new DomainRuleException("customer-not-allowed", "Only customer keys are bound to a customer.");
        }

        var hash = HashOf(secret);
        return new ApiKey
        {
            Id = Guid.CreateVersion7(now),

            // A secret the operator chose may be short or guessable: show nothing of it, only of its hash.
            DisplayPrefix = "sha256:" + hash[..8],
            Name = name,
            Role = role,
            CustomerId = customerId,
            Hash = hash,
            CreatedAt = now,
            Version = 1,
        };
    }

    public static string HashOf(string secret) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));

    /// <summary>Revokes the key; revoking twice changes nothing.</summary>
    /// <param name="otherActiveAdminKeys">How many other active admin keys exist; the last one cannot be revoked.</param>
    /// <param name="now">The time of the change.</param>
    public void Revoke(int otherActiveAdminKeys, DateTime now)
    {
        if (!IsActive)
        {
            return;
        }

        if (Role == ApiRole.Admin && otherActiveAdminKeys <= 0)
        {
            throw new DomainRuleException("last-admin-key", "This is the last active admin key; issue another admin key before revoking it.");
        }

        RevokedAt = now;
        Version++;
    }
}
