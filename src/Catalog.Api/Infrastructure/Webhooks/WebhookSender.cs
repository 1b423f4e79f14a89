using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text;
using Microsoft.Extensions.Options;

namespace Catalog.Api.Infrastructure.Webhooks;

/// <summary>What one attempt came to: the receiver's status code, or why there is none.</summary>
public sealed record WebhookSendOutcome(int? StatusCode, string? Error, long LatencyMs)
{
    public bool Succeeded => StatusCode is >= 200 and < 300 && Error is null;
}

/// <summary>
/// Sends one signed request. Connections go only to addresses <see cref="WebhookTargetGuard"/> allows, checked
/// on every new connection; no proxy, no redirects (a 3xx is a failed attempt), and a time limit on each attempt.
/// </summary>
public sealed class WebhookSender : IDisposable
{
    private readonly HttpClient _client;
    private readonly TimeSpan _timeout;

    public WebhookSender(WebhookTargetGuard guard, IOptions<WebhookOptions> options)
    {
        _timeout = options.Value.Timeout;
        var handler = new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            UseProxy = false,
            UseCookies = false,
            ConnectTimeout = _timeout,

            // Pooled connections keep the address they were checked against; renewing them picks up DNS changes.
            PooledConnectionLifetime = TimeSpan.FromMinutes(1),
            ConnectCallback = async (context, cancellationToken) =>
            {
                var addresses = await guard.ResolveAllowedAsync(context.DnsEndPoint.Host, cancellationToken);
                var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
                try
                {
                    await socket.ConnectAsync(addresses, context.DnsEndPoint.Port, cancellationToken);
                    return new NetworkStream(socket, ownsSocket: true);
                }
                catch
                {
                    socket.Dispose();
                    throw;
                }
            },
        };
        _client = new HttpClient(handler) { Timeout = Timeout.InfiniteTimeSpan };
        _client.DefaultRequestHeaders.UserAgent.Add(new ProductInfoHeaderValue("Catalog-Webhooks", "1"));
    }

    /// <param name="abort">Cancelled only when the host gives up waiting for attempts in flight.</param>
    public async Task<WebhookSendOutcome> SendAsync(Uri url, string id, DateTimeOffset timestamp, string secret, string body, CancellationToken abort)
    {
        var unixSeconds = timestamp.ToUnixTimeSeconds();
        using var request = new HttpRequestMessage(HttpMethod.Post, url);
        request.Headers.Add("webhook-id", id);
        request.Headers.Add("webhook-timestamp", unixSeconds.ToString(CultureInfo.InvariantCulture));
        request.Headers.Add("webhook-signature", WebhookSigner.Sign(secret, id, unixSeconds, body));
        request.Content = new ByteArrayContent(Encoding.UTF8.GetBytes(body));
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(abort);
        timeout.CancelAfter(_timeout);
        var clock = Stopwatch.StartNew();
        try
        {
            using var response = await _client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
            var status = (int)response.StatusCode;
            var error = status is >= 300 and < 400 ? $"Redirects are not followed (HTTP {status} to {response.Headers.Location?.OriginalString ?? "no location"})." : null;
            return new WebhookSendOutcome(status, error, clock.ElapsedMilliseconds);
        }
        catch (OperationCanceledException) when (!abort.IsCancellationRequested)
        {
            return new WebhookSendOutcome(null, $"Timed out after {_timeout.TotalSeconds:0.###} s without a response.", clock.ElapsedMilliseconds);
        }
        catch (HttpRequestException e)
        {
            var refused = Inner<WebhookTargetRefusedException>(e);
            var message = refused is not null
                ? $"Not sent: {refused.Message}"
                : $"Could not send: {Inner<SocketException>(e)?.Message ?? e.Message}";
            return new WebhookSendOutcome(null, message, clock.ElapsedMilliseconds);
        }
    }

    public void Dispose() => _client.Dispose();

    private static T? Inner<T>(Exception exception)
        where T : Exception
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            if (e is T match)
            {
                return match;
            }
        }

        return null;
    }
}
