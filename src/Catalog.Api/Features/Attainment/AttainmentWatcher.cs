using Catalog.Api.Features.Services;
using Catalog.Api.Infrastructure.Hosting;
using Catalog.Api.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using NodaTime;

namespace Catalog.Api.Features.Attainment;

/// <summary>
/// Wakes this instance's attainment watcher at once for a service whose delivered record was just written here (an
/// outage or a measurement recorded, restored or corrected), so it judges the agreements that service bears on.
/// </summary>
public sealed class AttainmentSignal : WakeSignal
{
    private readonly Lock _gate = new();
    private HashSet<Guid> _changed = [];

    public void Notify(Guid serviceId)
    {
        lock (_gate)
        {
            _changed.Add(serviceId);
        }

        Notify();
    }

    /// <summary>The services written since the last call.</summary>
    internal IReadOnlyCollection<Guid> TakeChanged()
    {
        lock (_gate)
        {
            var changed = _changed;
            _changed = [];
            return changed;
        }
    }
}

/// <summary>
/// Gives the attainment notices (<c>agreement.at-risk</c>, <c>agreement.target-missed</c>,
/// <c>attainment.month-closed</c>) as time passes, not only as things are written: an ongoing outage crosses a
/// threshold, and a month ends, with nobody posting anything. Every <see cref="AttainmentOptions.CheckInterval"/> a
/// round goes through all the agreements in batches (<see cref="GiveAttainmentNotices"/>), each judged and written on
/// its own, so no transaction holds the database for long. In between, a write through this instance wakes it (after
/// <see cref="AttainmentOptions.WakeInterval"/>, gathering the writes meanwhile) for the agreements that write bears
/// on only: those on the service written and on every service relying on it, however indirectly. A round over every
/// agreement for each outage a monitoring tool posts would make the watcher's work grow with the number of agreements
/// times the rate of alerts. Every instance runs one; what each notice is given once rests on the database
/// (<see cref="Domain.Delivery.EmittedNotice"/>), not on which instance gets there first.
/// </summary>
internal sealed class AttainmentWatcher(
    IServiceScopeFactory scopes, AttainmentSignal signal, IOptions<AttainmentOptions> options, TimeProvider clock, ILogger<AttainmentWatcher> logger)
    : PollingService
{
    private readonly AttainmentOptions _options = options.Value;

    // Runs out CheckInterval after the last round over every agreement.
    private CancellationTokenSource? _everythingDue;

    // The last round left months to judge: the next goes over every agreement again.
    private bool _unfinished;

    protected override async Task<bool> RunOnceAsync(CancellationToken cancellationToken)
    {
        var now = Instant.FromDateTimeOffset(clock.GetUtcNow());
        var changed = signal.TakeChanged();
        var everything = _unfinished || _everythingDue is null || _everythingDue.IsCancellationRequested;
        if (!everything && changed.Count == 0)
        {
            return false;
        }

        if (everything)
        {
            _everythingDue?.Dispose();
            _everythingDue = new CancellationTokenSource(_options.CheckInterval, clock);
        }

        List<Guid> watched;
        await using (var scope = scopes.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<CatalogDbContext>();
            var services = everything ? null : await ReliedOnByAsync(db, changed, cancellationToken);
            watched = await GiveAttainmentNotices.Watched(db, now, _options.CatchUpMonths, services)
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

        _unfinished = more;
        return more;
    }

    protected override async Task WaitAsync(CancellationToken cancellationToken)
    {
        // Writes in quick succession are gathered (AttainmentSignal keeps every service written meanwhile), so the
        // rounds they cause stay at most one per WakeInterval however fast monitoring posts.
        await Task.Delay(_options.WakeInterval < _options.CheckInterval ? _options.WakeInterval : _options.CheckInterval, clock, cancellationToken);
        await (_everythingDue is { } due
            ? signal.WaitAsync(due.Token, cancellationToken)
            : signal.WaitAsync(_options.CheckInterval, clock, cancellationToken));
    }

    protected override void LogFailure(Exception exception) => logger.LogError(exception, "Checking attainment for notices failed; trying again at the next check.");

    /// <summary>The services written and every service that relies on one of them, directly or through others.</summary>
    private static async Task<HashSet<Guid>> ReliedOnByAsync(CatalogDbContext db, IReadOnlyCollection<Guid> written, CancellationToken cancellationToken)
    {
        var dependants = await ServiceGraph.DependantsOfAsync(db, written, cancellationToken);
        return written.SelectMany(service => ServiceGraph.Reachable(service, dependants)).ToHashSet();
    }

    public override void Dispose()
    {
        _everythingDue?.Dispose();
        base.Dispose();
    }
}
