using System.Reflection;
using Catalog.Api.Domain.ApiKeys;
using Catalog.Api.Domain.Common;
using static Catalog.Api.UnitTests.TestData;

namespace Catalog.Api.UnitTests.Domain.ApiKeys;

public class ApiKeyTests
{
    private const string ChosenSecret = "bootstrap-admin-secret-0123456789";
    private static readonly Guid CustomerId = new("0190f0b4-0000-7000-8000-0000000000c1");

    [Fact]
    public void Issue_AnyRole_ReturnsPrefixedSecretMatchingTheStoredHash()
    {
        var key = ApiKey.Issue("ci", ApiRole.Integrator, null, T0, out var secret);

        Assert.StartsWith(ApiKey.SecretPrefix, secret, StringComparison.Ordinal);
        Assert.Equal("cat_", ApiKey.SecretPrefix);
        Assert.True(secret.Length >= 24 + ApiKey.SecretPrefix.Length);
        Assert.Equal(ApiKey.HashOf(secret), key.Hash);
        Assert.Equal(secret[..12], key.DisplayPrefix);
        Assert.Equal("ci", key.Name);
        Assert.Equal(ApiRole.Integrator, key.Role);
        Assert.Null(key.CustomerId);
        Assert.True(key.IsActive);
        Assert.Null(key.RevokedAt);
        Assert.Equal(T0, key.CreatedAt);
        Assert.Equal(1, key.Version);
        Assert.NotEqual(Guid.Empty, key.Id);
    }

    [Fact]
    public void Issue_Secret_UsesOnlyUrlSafeCharacters()
    {
        ApiKey.Issue("ci", ApiRole.Integrator, null, T0, out var secret);

        Assert.All(secret[ApiKey.SecretPrefix.Length..], c => Assert.True(char.IsAsciiLetterOrDigit(c) || c is '-' or '_', $"unexpected '{c}'"));
    }

    [Fact]
    public void Issue_Key_NeverHoldsTheSecret()
    {
        var key = ApiKey.Issue("ci", ApiRole.Integrator, null, T0, out var secret);

        var stored = typeof(ApiKey)
            .GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic)
            .Select(f => f.GetValue(key))
            .OfType<string>()
            .ToList();

        Assert.Contains(key.Hash, stored);
        Assert.DoesNotContain(stored, value => value.Contains(secret, StringComparison.Ordinal));
    }

    [Fact]
    public void Issue_TwoKeys_GetDifferentSecretsAndHashes()
    {
        var first = ApiKey.Issue("one", ApiRole.Admin, null, T0, out var firstSecret);
        var second = ApiKey.Issue("two", ApiRole.Admin, null, T0, out var secondSecret);

        Assert.NotEqual(firstSecret, secondSecret);
        Assert.NotEqual(first.Hash, second.Hash);
        Assert.NotEqual(first.Id, second.Id);
    }

    [Fact]
    public void HashOf_KnownInput_IsLowerCaseHexSha256()
    {
        Assert.Equal("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", ApiKey.HashOf("abc"));
    }

    [Fact]
    public void FromSecret_ChosenSecret_StoresItsHash()
    {
        var key = ApiKey.FromSecret("bootstrap", ApiRole.Admin, null, ChosenSecret, T0);

        Assert.Equal(ApiKey.HashOf(ChosenSecret), key.Hash);

        // A chosen secret may be guessable, so nothing of it is shown: only the start of its hash.
        Assert.Equal("sha256:" + key.Hash[..8], key.DisplayPrefix);
        Assert.DoesNotContain(ChosenSecret[..4], key.DisplayPrefix, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(23)]
    public void FromSecret_ShorterThan24_ThrowsWeakSecret(int length)
    {
        var error = Assert.Throws<DomainRuleException>(() => ApiKey.FromSecret("bootstrap", ApiRole.Admin, null, new string('x', length), T0));

        Assert.Equal("weak-secret", error.Code);
    }

    [Fact]
    public void FromSecret_Exactly24_IsAccepted()
    {
        var key = ApiKey.FromSecret("bootstrap", ApiRole.Admin, null, new string('x', 24), T0);

        Assert.True(key.IsActive);
    }

    [Fact]
    public void Issue_CustomerRoleWithCustomer_IsBound()
    {
        var key = ApiKey.Issue("finance portal", ApiRole.Customer, CustomerId, T0, out _);

        Assert.Equal(CustomerId, key.CustomerId);
    }

    [Fact]
    public void Issue_CustomerRoleWithoutCustomer_ThrowsCustomerRequired()
    {
        var error = Assert.Throws<DomainRuleException>(() => ApiKey.Issue("finance portal", ApiRole.Customer, null, T0, out _));

        Assert.Equal("customer-required", error.Code);
    }

    [Theory]
    [InlineData(ApiRole.Admin)]
    [InlineData(ApiRole.ItLead)]
    [InlineData(ApiRole.Integrator)]
    public void Issue_OtherRoleWithCustomer_ThrowsCustomerNotAllowed(ApiRole role)
    {
        var error = Assert.Throws<DomainRuleException>(() => ApiKey.Issue("key", role, CustomerId, T0, out _));

        Assert.Equal("customer-not-allowed", error.Code);
    }

    [Fact]
    public void Revoke_LastActiveAdminKey_ThrowsLastAdminKeyAndStaysActive()
    {
        var key = ApiKey.Issue("admin", ApiRole.Admin, null, T0, out _);

        var error = Assert.Throws<DomainRuleException>(() => key.Revoke(otherActiveAdminKeys: 0, T1));

        Assert.Equal("last-admin-key", error.Code);
        Assert.True(key.IsActive);
        Assert.Equal(1, key.Version);
    }

    [Fact]
    public void Revoke_AdminKeyWithAnotherAdmin_Revokes()
    {
        var key = ApiKey.Issue("admin", ApiRole.Admin, null, T0, out _);

        key.Revoke(otherActiveAdminKeys: 1, T1);

        Assert.False(key.IsActive);
        Assert.Equal(T1, key.RevokedAt);
        Assert.Equal(2, key.Version);
    }

    [Theory]
    [InlineData(ApiRole.ItLead)]
    [InlineData(ApiRole.Integrator)]
    public void Revoke_NonAdminKeyWithNoAdminsLeft_Revokes(ApiRole role)
    {
        var key = ApiKey.Issue("key", role, null, T0, out _);

        key.Revoke(otherActiveAdminKeys: 0, T1);

        Assert.False(key.IsActive);
    }

    [Fact]
    public void Revoke_CustomerKey_Revokes()
    {
        var key = ApiKey.Issue("portal", ApiRole.Customer, CustomerId, T0, out _);

        key.Revoke(otherActiveAdminKeys: 0, T1);

        Assert.Equal(T1, key.RevokedAt);
    }

    [Fact]
    public void Revoke_Twice_SecondIsNoOp()
    {
        var key = ApiKey.Issue("admin", ApiRole.Admin, null, T0, out _);
        key.Revoke(otherActiveAdminKeys: 1, T1);

        key.Revoke(otherActiveAdminKeys: 0, T2);

        Assert.Equal(T1, key.RevokedAt);
        Assert.Equal(2, key.Version);
    }
}
