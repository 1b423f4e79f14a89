using System.Net;
using Catalog.Api.Infrastructure.Webhooks;

namespace Catalog.Api.IntegrationTests.Features.Webhooks;

/// <summary>What the SSRF guard calls each address; the API-level refusals are in <see cref="WebhookSubscriptionTests"/>.</summary>
public sealed class WebhookTargetGuardTests
{
    [SkippableTheory]
    [InlineData("8.8.8.8", null)]
    [InlineData("2001:4860:4860::8888", null)]
    [InlineData("127.0.0.2", "loopback")]
    [InlineData("100.64.0.1", "private")]
    [InlineData("172.31.255.255", "private")]
    [InlineData("172.32.0.1", null)]
    [InlineData("255.255.255.255", "reserved")]
    [InlineData("::", "unspecified")]
    [InlineData("fc00::1", "private")]
    [InlineData("ff02::1", "multicast")]
    [InlineData("64:ff9b::a9fe:a9fe", "link-local")]
    [InlineData("2002:c0a8:0101::1", "private")]
    [InlineData("::ffff:127.0.0.1", "loopback")]
    public void Classify_Address_NamesTheKindOfNonPublicAddress(string address, string? kind)
    {
        Assert.Equal(kind, WebhookTargetGuard.Classify(IPAddress.Parse(address)));
    }
}
