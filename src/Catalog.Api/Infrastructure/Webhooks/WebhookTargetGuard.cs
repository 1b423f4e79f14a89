using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Options;

namespace Catalog.Api.Infrastructure.Webhooks;

/// <summary>A webhook target that must not be called: it resolves to an address inside the network.</summary>
public sealed class WebhookTargetRefusedException(string message) : Exception(message);

/// <summary>
/// Keeps webhooks from being pointed at the network the API runs in (server-side request forgery): a target
/// host that resolves to any special-purpose address (the IANA IPv4 and IPv6 special-purpose registries: loopback,
/// private, shared, link-local with cloud metadata, documentation, benchmarking, protocol assignments, multicast,
/// reserved) or to IPv6 outside global unicast is refused. <c>Webhooks:AllowLoopback</c> lets 127.0.0.0/8 and ::1
/// through, and only those. The check runs when a subscription is created and again on every connection a delivery
/// opens, against the addresses the connection then really uses, so a DNS answer that changes later cannot get
/// around it.
/// </summary>
public sealed class WebhookTargetGuard(IOptions<WebhookOptions> options)
{
    private static readonly IPNetwork Nat64 = IPNetwork.Parse("64:ff9b::/96");
    private static readonly IPNetwork SixToFour = IPNetwork.Parse("2002::/16");
    private static readonly IPNetwork GlobalUnicast = IPNetwork.Parse("2000::/3");

    /// <summary>The IANA IPv4 Special-Purpose Address Registry (RFC 6890 and its updates), multicast and broadcast.</summary>
    private static readonly (IPNetwork Network, string Kind)[] SpecialV4 = Table(
        ("0.0.0.0/8", "unspecified"),
        ("10.0.0.0/8", "private"),
        ("100.64.0.0/10", "shared (carrier-grade NAT)"),
        ("127.0.0.0/8", "loopback"),
        ("169.254.0.0/16", "link-local"),
        ("172.16.0.0/12", "private"),
        ("192.0.0.0/24", "special-purpose"),
        ("192.0.2.0/24", "documentation"),
        ("192.31.196.0/24", "special-purpose"), // AS112
        ("192.52.193.0/24", "special-purpose"), // AMT
        ("192.88.99.0/24", "special-purpose"), // 6to4 relay anycast, deprecated
        ("192.168.0.0/16", "private"),
        ("192.175.48.0/24", "special-purpose"), // AS112 direct delegation
        ("198.18.0.0/15", "benchmarking"),
        ("198.51.100.0/24", "documentation"),
        ("203.0.113.0/24", "documentation"),
        ("224.0.0.0/4", "multicast"),
        ("255.255.255.255/32", "broadcast"),
        ("240.0.0.0/4", "reserved"));

    /// <summary>The IANA IPv6 Special-Purpose Address Registry, and the special blocks outside it (site-local, multicast).</summary>
    private static readonly (IPNetwork Network, string Kind)[] SpecialV6 = Table(
        ("::/128", "unspecified"),
        ("::1/128", "loopback"),
        ("64:ff9b:1::/48", "private"), // NAT64 for local use
        ("::/8", "reserved"), // includes the deprecated IPv4-compatible ::/96
        ("100::/64", "discard-only"),
        ("2001::/23", "special-purpose"), // Teredo, benchmarking, AMT, AS112, ORCHID, drone identifiers
        ("2001:db8::/32", "documentation"),
        ("2620:4f:8000::/48", "special-purpose"), // AS112 direct delegation
        ("3fff::/20", "documentation"),
        ("5f00::/16", "special-purpose"), // segment routing identifiers
        ("fc00::/7", "private"), // unique local
        ("fe80::/10", "link-local"),
        ("fec0::/10", "private"), // site-local, deprecated
        ("ff00::/8", "multicast"));

    private readonly bool _allowLoopback = options.Value.AllowLoopback;

    /// <summary>Resolves the host and returns its addresses if every one of them may be called; throws otherwise.</summary>
    public async Task<IPAddress[]> ResolveAllowedAsync(string host, CancellationToken cancellationToken)
    {
        IPAddress[] addresses;
        if (IPAddress.TryParse(host.Trim('[', ']'), out var literal))
        {
            addresses = [literal];
        }
        else
        {
            try
            {
                addresses = await Dns.GetHostAddressesAsync(host, cancellationToken);
            }
            catch (SocketException e)
            {
                throw new WebhookTargetRefusedException($"The host '{host}' could not be resolved ({e.SocketErrorCode}).");
            }
        }

        if (addresses.Length == 0)
        {
            throw new WebhookTargetRefusedException($"The host '{host}' has no addresses.");
        }

        foreach (var address in addresses)
        {
            if (RefusalFor(address) is { } kind)
            {
                var resolved = IPAddress.TryParse(host.Trim('[', ']'), out _) ? $"'{host}' is" : $"'{host}' resolves to {address}, which is";
                throw new WebhookTargetRefusedException(
                    $"{resolved} {(kind[0] is 'a' or 'e' or 'i' or 'o' or 'u' ? "an" : "a")} {kind} address; webhooks are only sent to public addresses"
                    + (kind == "loopback" ? " (Webhooks:AllowLoopback lets loopback through, for tests and local tools)." : "."));
            }
        }

        return addresses;
    }

    /// <summary>Why the address may not be called, or null when it may.</summary>
    public string? RefusalFor(IPAddress address)
    {
        var kind = Classify(address);
        return kind == "loopback" && _allowLoopback ? null : kind;
    }

    /// <summary>The kind of non-public address this is (loopback, private, link-local…), or null for a public one.</summary>
    public static string? Classify(IPAddress address)
    {
        var bytes = address.GetAddressBytes();
        return address.AddressFamily switch
        {
            AddressFamily.InterNetwork => Kind(SpecialV4, address),
            AddressFamily.InterNetworkV6 => ClassifyV6(address, bytes),
            _ => "non-IP",
        };
    }

    private static string? ClassifyV6(IPAddress address, byte[] bytes)
    {
        // Forms that carry an IPv4 address reach that address, so they are what it is: mapped (::ffff:0:0/96),
        // the well-known NAT64 prefix (64:ff9b::/96, what DNS64 answers on IPv6-only networks) and 6to4 (2002::/16).
        if (address.IsIPv4MappedToIPv6 || Nat64.Contains(address))
        {
            return Classify(new IPAddress(bytes[12..16]));
        }

        if (SixToFour.Contains(address))
        {
            return Classify(new IPAddress(bytes[2..6]));
        }

        // Only 2000::/3 is allocated for global unicast; the rest of the space is special-purpose or unassigned.
        return Kind(SpecialV6, address) ?? (GlobalUnicast.Contains(address) ? null : "reserved");
    }

    private static string? Kind((IPNetwork Network, string Kind)[] table, IPAddress address)
    {
        foreach (var (network, kind) in table)
        {
            if (network.Contains(address))
            {
                return kind;
            }
        }

        return null;
    }

    private static (IPNetwork, string)[] Table(params (string Network, string Kind)[] entries) =>
        entries.Select(e => (IPNetwork.Parse(e.Network), e.Kind)).ToArray();
}
