using System.Globalization;
using Catalog.Api.Domain.Agreements;
using Catalog.Api.Domain.Delivery;
using Catalog.Api.Domain.Negotiation;
using Catalog.Api.Features.Attainment;
using Catalog.Api.Features.Services;
using Catalog.Api.Infrastructure.Persistence;
using MediatR;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Catalog.Api.Features.Proposals;

/// <summary>
/// Whether IT can keep the availability a proposal asks for: the ceiling the service's direct dependencies allow (each
/// one's availability as its operational level agreement with the service promises it, or else as measured over the
/// last twelve months, counting what it in turn depends on), which one limits it and by
/// how much, the dependencies nothing is known about, and what the service delivered to this customer month by month.
/// A proposal above the ceiling is not refused: the ceiling is a consequence both sides read.
/// </summary>
public static class GetFeasibility
{
    public const int Months = 12;

    public sealed record Query(Guid ProposalId) : IRequest<FeasibilityResponse>;

    internal sealed class Handler(CatalogDbContext db, AttainmentReader reader, TimeProvider clock) : IRequestHandler<Query, FeasibilityResponse>
    {
        public async Task<FeasibilityResponse> Handle(Query query, CancellationToken cancellationToken)
        {
            var proposal = await ProposalLookup.LoadAsync(db, query.ProposalId, forUpdate: false, cancellationToken);
            return await AssessAsync(db, reader, proposal, ToTheMinute(clock), cancellationToken);
        }
    }

    /// <summary>
    /// Now, to the minute: the assessment is the same for a minute, so a client that asks again within it gets a 304
    /// rather than a new body that differs only in its last second.
    /// </summary>
    internal static Instant ToTheMinute(TimeProvider clock)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        return Instant.FromDateTimeUtc(new DateTime(now.Ticks - (now.Ticks % TimeSpan.TicksPerMinute), DateTimeKind.Utc));
    }

    /// <summary>The feasibility of a round of the proposal (by default the current one) as things stood at <paramref name="now"/>.</summary>
    internal static async Task<FeasibilityResponse> AssessAsync(
        CatalogDbContext db, AttainmentReader reader, Proposal proposal, Instant now, CancellationToken cancellationToken, int? round = null)
    {
        var from = now.InUtc().LocalDateTime.PlusMonths(-Months).InUtc().ToInstant();

        var graph = await ServiceGraph.DependenciesFromAsync(db, [proposal.ServiceId], cancellationToken);
        var direct = graph.GetValueOrDefault(proposal.ServiceId) ?? [];
        var below = graph.Values.SelectMany(d => d).ToHashSet();
        var names = await db.Services.AsNoTracking()
            .Where(s => s.Id == proposal.ServiceId || below.Contains(s.Id))
            .ToDictionaryAsync(s => s.Id, s => s.Name, cancellationToken);

        // A service is watched once any outage has been recorded for it; one never reported on is unknown, not perfect.
        var watched = (await db.Outages.AsNoTracking().Where(o => below.Contains(o.ServiceId)).Select(o => o.ServiceId).Distinct()
            .ToListAsync(cancellationToken)).ToHashSet();
        var fromUtc = from.ToDateTimeUtc();
        var outages = (await db.Outages.AsNoTracking()
                .Where(o => below.Contains(o.ServiceId) && o.Kind != OutageKind.Degradation && (o.RestoredAt == null || o.RestoredAt > fromUtc))
                .Select(o => new { o.Id, o.ServiceId, o.Kind, o.Priority, o.StartedAt, o.RestoredAt })
                .ToListAsync(cancellationToken))
            .Select(o => new CountedOutageInput(o.Id, o.ServiceId, o.Kind, o.Priority, Instant.FromDateTimeUtc(o.StartedAt), o.RestoredAt is { } r ? Instant.FromDateTimeUtc(r) : null))
            .ToLookup(o => o.AttributedServiceId);

        var agreed = await AgreedAvailabilityAsync(db, proposal.ServiceId, direct, now, cancellationToken);
        var dependencies = direct.Select(d =>
        {
            var counted = ServiceGraph.Reachable(d, graph);
            var measured = counted.Any(watched.Contains) ? AvailabilityCeiling.Measured(counted.SelectMany(s => outages[s]), from, now) : (decimal?)null;
            return AvailabilityCeiling.Dependency(d, agreed.GetValueOrDefault(d), measured);
        }).ToList();
        var ceiling = AvailabilityCeiling.Of(dependencies);
        var history = await HistoryAsync(db, reader, proposal, now, cancellationToken);
        var proposed = proposal.Rounds.Single(r => r.Number == (round ?? proposal.CurrentRound)).Targets
            .FirstOrDefault(t => t.Metric == AttainmentRules.AvailabilityMetric)?.Value.Number;

        return new FeasibilityResponse(
            proposal.Id,
            proposal.ServiceId,
            names[proposal.ServiceId],
            from.ToDateTimeUtc(),
            now.ToDateTimeUtc(),
            proposed,
            new CeilingResponse(
                ceiling.Availability,
                ceiling.LimitedBy is { } limit ? Dependency(limit, names) : null,
                proposed is { } p ? ceiling.Above(p) : null),
            dependencies.OrderBy(d => names[d.ServiceId], StringComparer.Ordinal).Select(d => Dependency(d, names)).ToList(),
            ceiling.Unknown.Select(d => new ServiceNameResponse(d.ServiceId, names[d.ServiceId])).OrderBy(s => s.Name, StringComparer.Ordinal).ToList(),
            history.Current,
            history.Delivered,
            InPlainWords(names[proposal.ServiceId], proposed, ceiling, names));
    }

    /// <summary>
    /// The availability each of <paramref name="providers"/> promises <paramref name="consumer"/> in the operational level
    /// agreement version in force now, where there is one that names an availability for the whole service.
    /// </summary>
    private static async Task<Dictionary<Guid, decimal?>> AgreedAvailabilityAsync(
        CatalogDbContext db, Guid consumer, IReadOnlyCollection<Guid> providers, Instant now, CancellationToken cancellationToken)
    {
        // Agreements between services belong to no customer, so the tenancy filter would hide them from a customer key;
        // their promise is what the customer's ceiling rests on, and only that is read. No customer's agreement matches.
        var agreements = await db.Agreements.IgnoreQueryFilters([CatalogDbContext.TenancyFilter]).AsNoTracking().Include(a => a.Versions)
            .Where(a => a.CustomerId == null && a.ConsumerServiceId == consumer && providers.Contains(a.ServiceId) && a.Status == AgreementStatus.Active)
            .ToListAsync(cancellationToken);
        var at = now.ToDateTimeUtc();
        return agreements.ToDictionary(
            a => a.ServiceId,
            a => a.VersionInForceAt(at)?.Targets.FirstOrDefault(t => t.Metric == AttainmentRules.AvailabilityMetric && t.Scope is null)?.Value.Number);
    }

    /// <summary>The customer's agreement on the service: what it promises now, and what was delivered month by month, target by target.</summary>
    private static async Task<(CurrentPromiseResponse? Current, IReadOnlyList<DeliveredMonthResponse> Delivered)> HistoryAsync(
        CatalogDbContext db, AttainmentReader reader, Proposal proposal, Instant now, CancellationToken cancellationToken)
    {
        var agreement = await ProposalLookup.AgreementOfAsync(db, proposal, cancellationToken);
        if (agreement is null)
        {
            return (null, []);
        }

        var nowUtc = now.ToDateTimeUtc();
        var current = agreement.Versions.Where(v => v.EffectiveFrom <= nowUtc).MaxBy(v => v.Number) ?? agreement.Versions.MinBy(v => v.Number)!;
        var zone = await reader.ZoneOfAsync(agreement, cancellationToken);
        var to = now.InZone(zone).Date.ToYearMonth();
        var attained = (await reader.ReadAsync([agreement], to.PlusMonths(-(Months - 1)), to, now, cancellationToken)).Single();
        var months = attained.Months.Select(m =>
        {
            var targets = m.Versions.SelectMany(v => v.Targets.Select(t => new DeliveredTargetResponse(v.Version, t.Metric, t.Scope, t.Target, t.Achieved, t.Met))).ToList();
            bool? met = targets.Any(t => t.Met == false) ? false : targets.Any(t => t.Met == true) ? true : null;
            return new DeliveredMonthResponse(AttainmentReader.Period(m.Month), m.Closed ? "closed" : "in-progress", met, targets);
        }).ToList();
        return (new CurrentPromiseResponse(current.Number, current.EffectiveFrom, current.Targets, current.MonthlyCharge, current.Currency), months);
    }

    private static DependencyResponse Dependency(DependencyAvailability d, Dictionary<Guid, string> names) =>
        new(d.ServiceId, names[d.ServiceId], d.Availability, d.Basis);

    private static string InPlainWords(string service, decimal? proposed, AvailabilityCeilingResult ceiling, Dictionary<Guid, string> names)
    {
        var words = new List<string>();
        if (ceiling.LimitedBy is { } limit)
        {
            words.Add(limit.Basis == AvailabilityBasis.Ola
                ? string.Create(CultureInfo.InvariantCulture,
                    $"What {service} relies on allows at most {ceiling.Availability:0.####}% availability; {names[limit.ServiceId]} limits it most, promising {limit.Availability:0.####}% in its operational level agreement with {service}.")
                : string.Create(CultureInfo.InvariantCulture,
                    $"What {service} relies on allows at most {ceiling.Availability:0.####}% availability; {names[limit.ServiceId]} limits it most, with {limit.Availability:0.####}% over the last {Months} months."));
        }
        else if (ceiling.Unknown.Count == 0)
        {
            words.Add($"{service} relies on no other service, so nothing below it limits its availability.");
        }

        if (ceiling.Unknown.Count > 0)
        {
            var unknown = $"{Join(ceiling.Unknown.Select(u => names[u.ServiceId]))} {(ceiling.Unknown.Count == 1 ? "is" : "are")}";
            words.Add(ceiling.Availability is null
                ? $"Nothing is known yet about how available {unknown}, so what {service} can be promised is not known either."
                : $"Nothing is known yet about how available {unknown}, which can only lower this.");
            if (proposed is { } asked && ceiling.Above(asked) is null)
            {
                words.Add(string.Create(CultureInfo.InvariantCulture, $"Whether the proposed {asked:0.####}% can be kept depends on {(ceiling.Unknown.Count == 1 ? "it" : "them")}."));
            }
        }

        if (proposed is { } p && ceiling.Above(p) > 0)
        {
            var basis = ceiling.LimitedBy?.Basis == AvailabilityBasis.Ola ? "promise" : "have delivered";
            words.Add(string.Create(CultureInfo.InvariantCulture,
                $"The proposed {p:0.####}% is {ceiling.Above(p):0.####} percentage points above what the dependencies {basis}."));
            if (ceiling.LimitedBy is { } raiser)
            {
                words.Add(raiser.Basis == AvailabilityBasis.Ola
                    ? $"A stricter operational level agreement with {names[raiser.ServiceId]} would raise the ceiling."
                    : $"An operational level agreement in which {names[raiser.ServiceId]} promises {service} a higher availability would raise the ceiling.");
            }
        }

        return string.Join(' ', words);
    }

    private static string Join(IEnumerable<string> names)
    {
        var list = names.OrderBy(n => n, StringComparer.Ordinal).ToList();
        return list.Count == 1 ? list[0] : $"{string.Join(", ", list[..^1])} and {list[^1]}";
    }
}
