using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Catalog.Api.IntegrationTests.Features.Webhooks;

/// <summary>What the receiver got, and what it answered (0: it never answered).</summary>
public sealed record ReceivedWebhook(
    string Hook, string? Id, string? Timestamp, string? Signature, string? ContentType, string Body, bool SignatureValid, int Answered, DateTimeOffset At)
{
    public long Sequence => System.Text.Json.Nodes.JsonNode.Parse(Body)!["sequence"]!.GetValue<long>();

    public string Type => System.Text.Json.Nodes.JsonNode.Parse(Body)!["type"]!.GetValue<string>();
}

/// <summary>
/// A real webhook receiver: Kestrel on 127.0.0.1, one path per hook (<c>/hooks/{name}</c>). It verifies each
/// request's Standard Webhooks signature with the hook's secret, written here independently of the API's signer,
/// records everything, and can fail on purpose, hang, or be stopped and started again on the same port.
/// </summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    private static readonly TimeSpan Tolerance = TimeSpan.FromMinutes(5);

    private readonly ConcurrentDictionary<string, Hook> _hooks = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<ReceivedWebhook> _received = new();
    private readonly TimeProvider _clock;
    private WebApplication? _app;

    private WebhookReceiver(TimeProvider clock)
    {
        _clock = clock;
    }

    public int Port { get; private set; }

    public bool IsRunning => _app is not null;

    public IReadOnlyList<ReceivedWebhook> Received => [.. _received];

    /// <param name="clock">What the receiver holds the signature's timestamp against: the sender's calendar, where a test moves it.</param>
    public static async Task<WebhookReceiver> StartAsync(TimeProvider? clock = null)
    {
        var receiver = new WebhookReceiver(clock ?? TimeProvider.System);
        await receiver.ListenAsync(0);
        return receiver;
    }

    /// <summary>A new hook path with its behaviour; give it the secret once the subscription is created.</summary>
    public Hook NewHook(string? name = null)
    {
        var hook = new Hook(name ?? Guid.NewGuid().ToString("N")[..12], this);
        _hooks[hook.Name] = hook;
        return hook;
    }

    public async Task StopAsync()
    {
        if (_app is { } app)
        {
            _app = null;
            await app.StopAsync();
            await app.DisposeAsync();
        }
    }

    /// <summary>Starts again on the port it had, so subscribed URLs stay valid.</summary>
    public Task RestartAsync() => IsRunning ? Task.CompletedTask : ListenAsync(Port);

    public async ValueTask DisposeAsync()
    {
        foreach (var hook in _hooks.Values)
        {
            hook.Release();
        }

        await StopAsync();
    }

    private async Task ListenAsync(int port)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, port));
        var app = builder.Build();
        app.MapPost("/hooks/{name}", ReceiveAsync);
        await app.StartAsync();
        Port = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single()).Port;
        _app = app;
    }

    private async Task<IResult> ReceiveAsync(string name, HttpRequest request, CancellationToken aborted)
    {
        using var reader = new StreamReader(request.Body, Encoding.UTF8);
        var body = await reader.ReadToEndAsync(aborted);
        var hook = _hooks.GetValueOrDefault(name);
        string? Header(string header) => request.Headers.TryGetValue(header, out var values) ? values.ToString() : null;
        var id = Header("webhook-id");
        var timestamp = Header("webhook-timestamp");
        var signature = Header("webhook-signature");
        var valid = hook?.Secret is { } secret && Verify(secret, id, timestamp, signature, body, _clock.GetUtcNow());
        var answer = hook is null ? StatusCodes.Status404NotFound
            : hook.TakeFailure() ? StatusCodes.Status500InternalServerError
            : valid ? StatusCodes.Status204NoContent
            : StatusCodes.Status401Unauthorized;

        if (hook is not null && hook.Hangs)
        {
            _received.Enqueue(new ReceivedWebhook(name, id, timestamp, signature, request.ContentType, body, valid, 0, DateTimeOffset.UtcNow));
            try
            {
                await hook.WaitForReleaseAsync(aborted);
            }
            catch (OperationCanceledException)
            {
                return Results.StatusCode(StatusCodes.Status408RequestTimeout);
            }

            return Results.StatusCode(answer);
        }

        if (hook is { Delay: var delay } && delay > TimeSpan.Zero)
        {
            await Task.Delay(delay, aborted);
        }

        _received.Enqueue(new ReceivedWebhook(name, id, timestamp, signature, request.ContentType, body, valid, answer, DateTimeOffset.UtcNow));
        return Results.StatusCode(answer);
    }

    /// <summary>Standard Webhooks verification, as a receiver would write it.</summary>
    private static bool Verify(string secret, string? id, string? timestamp, string? signatureHeader, string body, DateTimeOffset now)
    {
        if (id is null || signatureHeader is null || !long.TryParse(timestamp, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
            || (now - DateTimeOffset.FromUnixTimeSeconds(seconds)).Duration() > Tolerance
            || !secret.StartsWith("whsec_", StringComparison.Ordinal))
        {
            return false;
        }

        var key = Convert.FromBase64String(secret["whsec_".Length..]);
        var expected = Encoding.ASCII.GetBytes(Convert.ToBase64String(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes($"{id}.{timestamp}.{body}"))));
        return signatureHeader.Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Where(s => s.StartsWith("v1,", StringComparison.Ordinal))
            .Any(s => CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(s[3..]), expected));
    }

    /// <summary>One path on the receiver, standing for one subscriber.</summary>
    public sealed class Hook(string name, WebhookReceiver receiver)
    {
        private readonly TaskCompletionSource _release = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private int _failuresLeft;

        public string Name { get; } = name;

        public string Url => $"http://127.0.0.1:{receiver.Port}/hooks/{Name}";

        public string? Secret { get; set; }

        /// <summary>How long it takes to answer each request.</summary>
        public TimeSpan Delay { get; set; }

        /// <summary>Holds every request without answering until <see cref="Release"/> or the caller gives up.</summary>
        public bool Hangs { get; set; }

        public IReadOnlyList<ReceivedWebhook> Received => [.. receiver.Received.Where(r => r.Hook == Name)];

        /// <summary>What it answered 2xx to, in the order it got it.</summary>
        public IReadOnlyList<ReceivedWebhook> Accepted => [.. Received.Where(r => r.Answered is >= 200 and < 300)];

        /// <summary>Answers 500 to the next <paramref name="count"/> requests.</summary>
        public void FailNext(int count) => Interlocked.Exchange(ref _failuresLeft, count);

        public void Release() => _release.TrySetResult();

        internal bool TakeFailure()
        {
            while (true)
            {
                var left = Volatile.Read(ref _failuresLeft);
                if (left <= 0)
                {
                    return false;
                }

                if (Interlocked.CompareExchange(ref _failuresLeft, left - 1, left) == left)
                {
                    return true;
                }
            }
        }

        internal Task WaitForReleaseAsync(CancellationToken cancellationToken) => _release.Task.WaitAsync(cancellationToken);
    }
}
