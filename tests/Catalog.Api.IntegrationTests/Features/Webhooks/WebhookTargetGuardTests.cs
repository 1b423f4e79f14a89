using System.Net;
using Catalog.Api.Infrastructure.Webhooks;

namespace Catalog.Api.IntegrationTests.Features.Webhooks;

/// <summary>What the SSRF guard calls each address; the API-level refusals are in <see cref="WebhookSubscriptionTests"/>.</summary>
public sealed class WebhookTargetGuardTests
{
    [SkippableTheory]

    // Public addresses, including neighbours of the special ranges.
    [InlineData("8.8.8.8", null)]
    [InlineData("1.1.1.1", null)]
    [InlineData("100.63.255.255", null)]
    [InlineData("100.128.0.0", null)]
    [InlineData("172.32.0.1", null)]
    [InlineData("192.0.1.1", null)]
    [InlineData("198.17.255.255", null)]
    [InlineData("198.20.0.1", null)]
    [InlineData("223.255.255.254", null)]
    [InlineData("2001:4860:4860::8888", null)]
    [InlineData("2606:4700:4700::1111", null)]
    [InlineData("2001:200::1", null)]

    // IPv4 special-purpose registry, multicast, reserved and broadcast.
    [InlineData("0.0.0.0", "unspecified")]
    [InlineData("0.1.2.3", "unspecified")]
    [InlineData("10.1.2.3", "private")]
    [InlineData("100.64.0.1", "shared (carrier-grade NAT)")]
    [InlineData("100.127.255.255", "shared (carrier-grade NAT)")]
    [InlineData("127.0.0.1", "loopback")]
    [InlineData("127.0.0.2", "loopback")]
    [InlineData("169.254.169.254", "link-local")]
    [InlineData("172.16.0.1", "private")]
    [InlineData("172.31.255.255", "private")]
    [InlineData("192.0.0.8", "special-purpose")]
    [InlineData("192.0.0.170", "special-purpose")]
    [InlineData("192.0.2.10", "documentation")]
    [InlineData("192.31.196.1", "special-purpose")]
    [InlineData("192.52.193.1", "special-purpose")]
    [InlineData("192.88.99.1", "special-purpose")]
    [InlineData("192.168.1.20", "private")]
    [InlineData("192.175.48.6", "special-purpose")]
    [InlineData("198.18.0.1", "benchmarking")]
    [InlineData("198.19.255.255", "benchmarking")]
    [InlineData("198.51.100.7", "documentation")]
    [InlineData("203.0.113.9", "documentation")]
    [InlineData("224.0.0.1", "multicast")]
    [InlineData("239.255.255.250", "multicast")]
    [InlineData("240.0.0.1", "reserved")]
    [InlineData("255.255.255.254", "reserved")]
    [InlineData("255.255.255.255", "broadcast")]

    // IPv6 special-purpose registry and what lies outside global unicast.
    [InlineData("::", "unspecified")]
    [InlineData("::1", "loopback")]
    [InlineData("::ffff:127.0.0.1", "loopback")]
    [InlineData("::ffff:10.0.0.1", "private")]
    [InlineData("::ffff:8.8.8.8", null)]
    [InlineData("::127.0.0.1", "reserved")]
    [InlineData("::8.8.8.8", "reserved")]
    [InlineData("64:ff9b::a9fe:a9fe", "link-local")]
    [InlineData("64:ff9b::808:808", null)]
    [InlineData("64:ff9b:1::808:808", "private")]
    [InlineData("100::1", "discard-only")]
    [InlineData("2001::1", "special-purpose")]
    [InlineData("2001:2::1", "special-purpose")]
    [InlineData("2001:1ff:ffff::1", "special-purpose")]
    [InlineData("2001:db8::1", "documentation")]
    [InlineData("2002:c0a8:0101::1", "private")]
    [InlineData("2002:0808:0808::1", null)]
    [InlineData("2002:7f00:0001::1", "loopback")]
    [InlineData("2620:4f:8000::1", "special-purpose")]
    [InlineData("3fff::1", "documentation")]
    [InlineData("5f00::1", "special-purpose")]
    [InlineData("fc00::1", "private")]
    [InlineData("fd12:3456::1", "private")]
    [InlineData("fe80::1", "link-local")]
    [InlineData("febf::1", "link-local")]
    [InlineData("fec0::1", "private")]
    [InlineData("ff02::1", "multicast")]
    [InlineData("4000::1", "reserved")]
    [InlineData("1000::1", "reserved")]
    public void Classify_Address_NamesTheKindOfNonPublicAddress(string address, string? kind)
    {
        Assert.Equal(kind, WebhookTargetGuard.Classify(IPAddress.Parse(address)));
    }
}
