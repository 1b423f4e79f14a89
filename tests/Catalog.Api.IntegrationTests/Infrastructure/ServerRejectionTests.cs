using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace Catalog.Api.IntegrationTests.Infrastructure;

/// <summary>
/// Requests the web server itself would refuse with a bare status (bad header bytes, an over-long request target or
/// header block) still get a problem body. Sent as raw bytes to a real Kestrel on 127.0.0.1: the in-memory test
/// server neither parses HTTP nor lets a client send such bytes.
/// </summary>
public sealed class ServerRejectionTests(ServerRejectionTests.KestrelApi api) : IClassFixture<ServerRejectionTests.KestrelApi>
{
    [SkippableTheory]
    [InlineData("X-Note: \u00ff\u00fe", 400, "malformed-request", "X-Note")]
    [InlineData("X-Note: a\u0001b", 400, "malformed-request", "X-Note")]
    [InlineData("X-Big: {40000}", 431, "header-fields-too-large", "headers")]
    public async Task Request_HeaderTheServerWouldRefuse_ReturnsAProblem(string header, int status, string type, string named)
    {
        header = header.Replace("{40000}", new string('a', 40_000), StringComparison.Ordinal);

        var (actual, contentType, body) = await api.SendAsync("GET /api/v1/metrics HTTP/1.0", header);

        AssertProblem(status, type, named, actual, contentType, body);
    }

    [SkippableFact]
    public async Task Request_OverLongTarget_Returns414Problem()
    {
        var (actual, contentType, body) = await api.SendAsync($"GET /api/v1/services?q={new string('a', 10_000)} HTTP/1.0");

        AssertProblem(414, "uri-too-long", "request target", actual, contentType, body);
    }

    [SkippableFact]
    public async Task Request_WithinTheLimits_IsServedAsUsual()
    {
        var (actual, contentType, body) = await api.SendAsync($"GET /api/v1/services?q={new string('a', 150)} HTTP/1.0", "X-Note: caf\u00c3\u00a9");

        Assert.True(actual == 200, body);
        Assert.Equal("application/json", contentType);
    }

    private static void AssertProblem(int status, string type, string named, int actual, string? contentType, string body)
    {
        Assert.True(actual == status, $"Expected {status}, got {actual}: {body}");
        Assert.Equal("application/problem+json", contentType);
        var problem = JsonNode.Parse(body)!.AsObject();
        Assert.Equal("https://catalog.example/problems/" + type, problem["type"]!.GetValue<string>());
        Assert.Equal(status, problem["status"]!.GetValue<int>());
        Assert.Contains(named, problem["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.False(string.IsNullOrEmpty(problem["traceId"]?.GetValue<string>()));
    }

    /// <summary>The API on Kestrel, listening on a free port of 127.0.0.1.</summary>
    public sealed class KestrelApi : CatalogApiFactory
    {
        private readonly Lazy<Uri> _address;

        public KestrelApi()
        {
            UseKestrel(options => options.Listen(IPAddress.Loopback, 0));
            _address = new Lazy<Uri>(() =>
            {
                StartServer();
                return new Uri(Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
            });
        }

        /// <summary>Sends the request line and headers byte for byte (each char one byte) and reads the whole answer.</summary>
        public async Task<(int Status, string? ContentType, string Body)> SendAsync(string requestLine, params string[] headers)
        {
            var address = _address.Value;
            using var tcp = new TcpClient();
            await tcp.ConnectAsync(address.Host, address.Port);
            await using var stream = tcp.GetStream();
            var request = new StringBuilder(requestLine).Append("\r\nHost: 127.0.0.1\r\n")
                .Append($"Authorization: Bearer {AdminKey}\r\n");
            foreach (var header in headers)
            {
                request.Append(header).Append("\r\n");
            }

            await stream.WriteAsync(Encoding.Latin1.GetBytes(request.Append("\r\n").ToString()));
            using var reader = new StreamReader(stream, Encoding.UTF8);
            var response = await reader.ReadToEndAsync();

            var split = response.IndexOf("\r\n\r\n", StringComparison.Ordinal);
            var head = response[..split].Split("\r\n");
            var contentType = head.Skip(1)
                .Select(h => h.Split(':', 2))
                .Where(h => h[0].Equals("Content-Type", StringComparison.OrdinalIgnoreCase))
                .Select(h => h[1].Split(';')[0].Trim())
                .FirstOrDefault();
            return (int.Parse(head[0].Split(' ')[1], System.Globalization.CultureInfo.InvariantCulture), contentType, response[(split + 4)..]);
        }
    }
}
