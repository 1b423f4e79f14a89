using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Options;

namespace Catalog.Api.Infrastructure.Webhooks;

/// <summary>A webhook target that must not be called: it resolves to an address inside the network.</summary>
public sealed class WebhookTargetRefusedException(string message) : Exception(message);

/// <summary>
/// Keeps webhooks from being pointed at the network the API runs in (server-side request forgery): a target
/// host that resolves to a loopback, private, link-local (cloud metadata included), unspecified, multicast or
/// reserved address is refused. <c>Webhooks:AllowLoopback</c> lets 127.0.0.0/8 and ::1 through, and only those.
/// The check runs when a subscription is created and again on every connection a delivery opens, against
/// the addresses the connection then really uses, so a DNS answer that changes later cannot get around it.
/// </summary>
public sealed class WebhookTargetGuard(IOptions<WebhookOptions> options)
{
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
                    $"{resolved} a {kind} address; webhooks are only sent to public addresses"
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
        if (address.IsIPv4MappedToIPv6)
        {
            return Classify(address.MapToIPv4());
        }

        var bytes = address.GetAddressBytes();
        return address.AddressFamily switch
        {
            AddressFamily.InterNetwork => ClassifyV4(bytes),
            AddressFamily.InterNetworkV6 => ClassifyV6(bytes),
            _ => "non-IP",
        };
    }

    private static string? ClassifyV4(byte[] b) => b switch
    {
        [0, ..] => "unspecified",
        [10, ..] => "private",
        [100, >= 64 and <= 127, ..] => "private", // shared address space (carrier-grade NAT)
        [127, ..] => "loopback",
        [169, 254, ..] => "link-local",
        [172, >= 16 and <= 31, ..] => "private",
        [192, 168, ..] => "private",
        [>= 224 and <= 239, ..] => "multicast",
        [>= 240, ..] => "reserved", // includes the broadcast address 255.255.255.255
        _ => null,
    };

    private static string? ClassifyV6(byte[] b)
    {
        if (b.All(x => x == 0))
        {
            return "unspecified";
        }

        if (b.Take(15).All(x => x == 0) && b[15] == 1)
        {
            return "loopback";
        }

        // Addresses that carry an IPv4 address inside (IPv4-compatible ::a.b.c.d, NAT64 64:ff9b::/96, 6to4 2002::/16)
        // reach that IPv4 address, so they are what it is.
        if (b.Take(12).All(x => x == 0))
        {
            return ClassifyV4(b[12..16]);
        }

        if (b is [0x00, 0x64, 0xff, 0x9b, 0, 0, 0, 0, 0, 0, 0, 0, ..])
        {
            return ClassifyV4(b[12..16]);
        }

        if (b is [0x20, 0x02, ..])
        {
            return ClassifyV4(b[2..6]);
        }

        return b switch
        {
            [>= 0xfc and <= 0xfd, ..] => "private", // unique local fc00::/7
            [0xfe, >= 0x80 and <= 0xbf, ..] => "link-local", // fe80::/10
            [0xfe, >= 0xc0, ..] => "private", // site-local fec0::/10, deprecated
            [0xff, ..] => "multicast",
            _ => null,
        };
    }
}
