using Catalog.Api.IntegrationTests.Features.Webhooks;
using Catalog.Api.IntegrationTests.Infrastructure.Databases;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Catalog.Api.IntegrationTests.Features.Attainment;

/// <summary>
/// A calendar the test moves (past a month end, past the allowed downtime of an ongoing outage) while the
/// instance's background work keeps its own pace: the timers it makes run on the wall clock, so the attainment
/// watcher checks every 100 ms of real time and sees whatever date the test has set.
/// </summary>
public sealed class MovableClock(DateTimeOffset start) : FakeTimeProvider(start)
{
    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period) =>
        System.CreateTimer(callback, state, dueTime, period);
}

/// <summary>The API as <see cref="WebhookApiFactory"/> runs it, on a <see cref="MovableClock"/>, checking attainment every 100 ms unless told otherwise.</summary>
public class MovableClockApiFactory : WebhookApiFactory
{
    /// <summary>Friday 10 April 2026, 09:00 UTC: three weeks of April are left.</summary>
    public static readonly DateTimeOffset Start = new(2026, 4, 10, 9, 0, 0, TimeSpan.Zero);

    public MovableClockApiFactory()
        : this(null, new MovableClock(Start), TimeSpan.FromMilliseconds(100))
    {
    }

    /// <summary>The watcher goes over every agreement every <paramref name="checkInterval"/> of real time.</summary>
    protected MovableClockApiFactory(TimeSpan checkInterval)
        : this(null, new MovableClock(Start), checkInterval)
    {
    }

    private MovableClockApiFactory(TestDatabase? database, MovableClock clock, TimeSpan checkInterval)
        : base(database, new Dictionary<string, string?> { ["Attainment:CheckInterval"] = checkInterval.ToString("c", System.Globalization.CultureInfo.InvariantCulture) })
    {
        Clock = clock;
    }

    public MovableClock Clock { get; }

    /// <summary>An API on <paramref name="database"/> and <paramref name="clock"/>, beside another one; the caller disposes the database.</summary>
    public static MovableClockApiFactory Beside(TestDatabase database, MovableClock clock) => new(database, clock, TimeSpan.FromMilliseconds(100));

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services => services.AddSingleton<TimeProvider>(Clock));
    }
}
