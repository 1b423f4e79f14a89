using Catalog.Api.Domain.Agreements;
using Catalog.Api.Domain.Delivery;
using Catalog.Api.Domain.Negotiation;
using Catalog.Api.Features.Agreements;
using Catalog.Api.Features.Customers;
using Catalog.Api.Infrastructure.ChangeFeed;
using Catalog.Api.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using NodaTime;

namespace Catalog.Api.Features.Attainment;

/// <summary>
/// One step of the attainment watcher over a batch of agreements: judge them with <see cref="AttainmentReader"/>
/// from the oldest month each still has open, decide which notices are due (<see cref="AttainmentNotices"/>), and
/// write each with its event in one short transaction. The notices' unique keys make a second instance's write of
/// the same notice fail, and its events with it, so each is given exactly once.
/// </summary>
public sealed class GiveAttainmentNotices(CatalogDbContext db, AttainmentReader reader, IOptions<AttainmentOptions> options, IOptions<CustomerOptions> customerOptions)
{
    /// <summary>Who gives the notices: nobody asked, time passed.</summary>
    public static readonly ActorRef Watcher = new(Guid.Empty, "attainment watcher", "system");

    private readonly AttainmentOptions _options = options.Value;

    /// <param name="Given">How many notices this step gave.</param>
    /// <param name="Unfinished">Months are left to judge (a long past to catch up on), or another instance gave some of these notices first: go again at once.</param>
    public sealed record Outcome(int Given, bool Unfinished);

    /// <summary>
    /// The agreements to watch: the active ones, and terminated ones whose last months may still be open; with
    /// <paramref name="services"/>, only those for one of these services.
    /// </summary>
    public static IQueryable<Guid> Watched(CatalogDbContext db, Instant now, int catchUpMonths, IReadOnlyCollection<Guid>? services = null)
    {
        var cutoff = now.ToDateTimeUtc().AddMonths(-(catchUpMonths + 1));
        var watched = db.Agreements.AsNoTracking().Where(a => a.Status == AgreementStatus.Active || a.TerminatedAt > cutoff);
        if (services is not null)
        {
            watched = watched.Where(a => services.Contains(a.ServiceId));
        }

        return watched.Select(a => a.Id);
    }

    public async Task<Outcome> RunAsync(IReadOnlyCollection<Guid> agreementIds, Instant now, CancellationToken cancellationToken)
    {
        var agreements = await db.Agreements.AsNoTracking().Include(a => a.Versions).Where(a => agreementIds.Contains(a.Id)).ToListAsync(cancellationToken);
        var closedThrough = await db.Set<EmittedNotice>().AsNoTracking()
            .Where(n => agreementIds.Contains(n.AgreementId) && n.Kind == NoticeKind.MonthClosed)
            .GroupBy(n => n.AgreementId)
            .Select(g => new { AgreementId = g.Key, Last = g.Max(n => n.Month) })
            .ToDictionaryAsync(n => n.AgreementId, n => n.Last, cancellationToken);

        // Months are counted in each customer's time zone (between services, in the configured default zone). An agreement's open months run from the one after its last
        // closed month (or the month its first version took effect) to the running month, or, once terminated, to
        // the last month a version was in force: a month after that has no attainment and would never close.
        var zones = (await AgreementConsumers.ReadAsync(db, agreements.Select(a => a.Consumer), customerOptions.Value.DefaultTimeZone, cancellationToken))
            .ToDictionary(c => c.Key, c => DateTimeZoneProviders.Tzdb[c.Value.TimeZone]);
        var running = now.InUtc().Date.ToYearMonth();
        var latest = running.PlusMonths(1);
        var earliest = running.PlusMonths(-_options.CatchUpMonths);
        var open = new Dictionary<Guid, YearMonth>();
        var ends = new Dictionary<Guid, YearMonth>();
        foreach (var agreement in agreements.Where(a => a.Versions.Count > 0))
        {
            var zone = zones[agreement.Consumer];
            var first = closedThrough.TryGetValue(agreement.Id, out var last)
                ? NoticeKey.FromMonthNumber(last).PlusMonths(1)
                : MonthIn(zone, agreement.Versions.Min(v => v.EffectiveFrom));
            var end = agreement.TerminatedAt is { } terminated ? Min(latest, MonthIn(zone, terminated.AddTicks(-1))) : latest;
            first = first < earliest ? earliest : first;
            if (first <= end)
            {
                open[agreement.Id] = first;
                ends[agreement.Id] = end;
            }
        }

        if (open.Count == 0)
        {
            return new Outcome(0, Unfinished: false);
        }

        // Oldest months first, at most MonthsPerStep of them: an agreement seen for the first time long after its
        // months ended catches up in bounded steps, and its running month is judged once it has.
        var from = open.Values.Min();
        var to = Min(latest, from.PlusMonths(_options.MonthsPerStep - 1));
        var judged = agreements.Where(a => open.TryGetValue(a.Id, out var first) && first <= to).ToList();
        var fromNumber = NoticeKey.MonthNumber(from);
        var given = (await db.Set<EmittedNotice>().AsNoTracking()
                .Where(n => agreementIds.Contains(n.AgreementId) && n.Month >= fromNumber)
                .ToListAsync(cancellationToken))
            .Select(n => n.Key)
            .ToHashSet();

        var attained = await reader.ReadAsync(judged, from, to, now, cancellationToken);
        var due = attained
            .SelectMany(a => a.Months
                .Where(m => m.Month >= open[a.Agreement.Id])
                .SelectMany(m => AttainmentNotices.Due(a.Agreement.Id, m, given))
                .Select(notice => (Attained: a, Notice: notice)))
            .ToList();
        // More to do at once only while some agreement has months left after this step's last.
        var unfinished = ends.Any(e => e.Value > to);
        if (due.Count == 0)
        {
            // Nothing changed, so going again at once would judge the same months: wait for the next round.
            return new Outcome(0, Unfinished: false);
        }

        var at = now.ToDateTimeUtc();
        await using var transaction = await db.BeginWriteAsync(cancellationToken);
        foreach (var (agreement, notice) in due)
        {
            db.Set<EmittedNotice>().Add(EmittedNotice.Of(notice.Key, at));
            switch (notice.Key.Kind)
            {
                case NoticeKind.AtRisk:
                    db.Record(ChangeTypes.AgreementAtRisk, SubjectTypes.Agreement, agreement.Agreement.Id, Watcher, at, TargetNoticeResponse.Of(agreement, notice, reader.ServiceNames));
                    break;
                case NoticeKind.TargetMissed:
                    db.Record(ChangeTypes.AgreementTargetMissed, SubjectTypes.Agreement, agreement.Agreement.Id, Watcher, at, TargetNoticeResponse.Of(agreement, notice, reader.ServiceNames));
                    break;
                case NoticeKind.MonthClosed:
                    CloseMonth(agreement, notice.Month, at);
                    break;
            }
        }

        try
        {
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
        catch (DbUpdateException e) when (e.IsUniqueViolation())
        {
            // Another instance gave some of these notices first: its events stand, this batch's roll back, and the
            // next step judges the batch again against what is now given.
            db.ChangeTracker.Clear();
            return new Outcome(0, Unfinished: true);
        }

        return new Outcome(due.Count, unfinished);
    }

    /// <summary>
    /// Closes a month: its final result, announced once. Whatever else a closed month settles for the agreement (the
    /// service credit it earns) is recorded here as well, so it commits in the same transaction as the closing, once.
    /// </summary>
    private void CloseMonth(AgreementAttainment attained, MonthAttainment month, DateTime at)
    {
        var closed = AttainmentResponse.From(attained with { Months = [month] }, reader.ServiceNames);
        db.Record(ChangeTypes.AttainmentMonthClosed, SubjectTypes.Agreement, attained.Agreement.Id, Watcher, at, closed);
        if (closed.Months.Single().Credit is { Amount: > 0 } credit)
        {
            db.Record(ChangeTypes.CreditEarned, SubjectTypes.Agreement, attained.Agreement.Id, Watcher, at, new CreditEarnedResponse(
                closed.AgreementId, closed.ServiceId, closed.ServiceName, closed.CustomerId, closed.CustomerName, closed.Months.Single().Month, credit));
        }
    }

    private static YearMonth MonthIn(DateTimeZone zone, DateTime instant) => Instant.FromDateTimeUtc(DateTime.SpecifyKind(instant, DateTimeKind.Utc)).InZone(zone).Date.ToYearMonth();

    private static YearMonth Min(YearMonth a, YearMonth b) => a < b ? a : b;
}
