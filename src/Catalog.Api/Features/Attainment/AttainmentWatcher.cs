using Catalog.Api.Infrastructure.Hosting;
using Catalog.Api.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using NodaTime;

namespace Catalog.Api.Features.Attainment;

/// <summary>Wakes this instance's attainment watcher at once: an outage or a measurement was just recorded, restored or corrected.</summary>
public sealed class AttainmentSignal : WakeSignal;

/// <summary>
/// Gives the attainment notices (<c>agreement.at-risk</c>, <c>agreement.target-missed</c>,
/// <c>attainment.month-closed</c>) as time passes, not only as things are written: an ongoing outage crosses a
/// threshold, and a month ends, with nobody posting anything. Every round goes through the agreements in batches
/// (<see cref="GiveAttainmentNotices"/>), each judged and written on its own, so no transaction holds the database
/// for long; it runs every <see cref="AttainmentOptions.CheckInterval"/> and as soon as an outage is recorded,
/// restored or corrected on this instance. Every instance runs one; what each notice is given once rests on the
/// database (<see cref="Domain.Delivery.EmittedNotice"/>), not on which instance gets there first.
/// </summary>
internal sealed class AttainmentWatcher(
    IServiceScopeFactory scopes, AttainmentSignal signal, IOptions<AttainmentOptions> options, TimeProvider clock, ILogger<AttainmentWatcher> logger)
    : PollingService
{
    private readonly AttainmentOptions _options = options.Value;

    protected override async Task<bool> RunOnceAsync(CancellationToken cancellationToken)
    {
        var now = Instant.FromDateTimeOffset(clock.GetUtcNow());
        List<Guid> watched;
        await using (var scope = scopes.CreateAsyncScope())
        {
            watched = await GiveAttainmentNotices.Watched(scope.ServiceProvider.GetRequiredService<CatalogDbContext>(), now, _options.CatchUpMonths)
                .OrderBy(id => id)
                .ToListAsync(cancellationToken);
        }

        var more = false;
        foreach (var batch in watched.Chunk(_options.BatchSize))
        {
            await using var scope = scopes.CreateAsyncScope();
            var step = await scope.ServiceProvider.GetRequiredService<GiveAttainmentNotices>().RunAsync(batch, now, cancellationToken);
            more |= step.Unfinished;
        }

        return more;
    }

    protected override Task WaitAsync(CancellationToken cancellationToken) => signal.WaitAsync(_options.CheckInterval, clock, cancellationToken);

    protected override void LogFailure(Exception exception) => logger.LogError(exception, "Checking attainment for notices failed; trying again at the next check.");
}
