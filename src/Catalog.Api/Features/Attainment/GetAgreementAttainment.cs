using Catalog.Api.Domain.Common;
using System.Globalization;
using Catalog.Api.Domain.Agreements;
using Catalog.Api.Domain.Delivery;
using Catalog.Api.Domain.Services;
using Catalog.Api.Features.Agreements;
using Catalog.Api.Features.Metrics;
using Catalog.Api.Infrastructure.Persistence;
using Catalog.Api.Infrastructure.Problems;
using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Catalog.Api.Features.Attainment;

/// <summary>
/// Per calendar month in the customer's time zone, per version in force, per target: what was promised, what was
/// delivered, and the evidence. Outages of every service the agreed one depends on, directly or not, count against
/// it and are attributed to the service that failed.
/// </summary>
public static class GetAgreementAttainment
{
    public const int MaxMonths = 36;

    /// <param name="From">First month, YYYY-MM; by default eleven months before <paramref name="To"/>.</param>
    /// <param name="To">Last month, YYYY-MM; by default the running month.</param>
    public sealed record Query(Guid AgreementId, string? From, string? To) : IRequest<AttainmentResponse>;

    internal sealed class Validator : AbstractValidator<Query>
    {
        public Validator()
        {
            RuleFor(q => q.From).Must(m => Month(m) is not null).WithMessage("from is a calendar month, YYYY-MM.").When(q => q.From is not null);
            RuleFor(q => q.To).Must(m => Month(m) is not null).WithMessage("to is a calendar month, YYYY-MM.").When(q => q.To is not null);
            RuleFor(q => q).Must(q => Month(q.From) <= Month(q.To)).WithName("from").WithMessage("from is not after to.")
                .When(q => Month(q.From) is not null && Month(q.To) is not null);
            RuleFor(q => q).Must(q => Months(Month(q.From)!.Value, Month(q.To)!.Value) <= MaxMonths).WithName("from").WithMessage($"At most {MaxMonths} months at once.")
                .When(q => Month(q.From) is not null && Month(q.To) is not null);
        }
    }

    internal static YearMonth? Month(string? value) => CalendarMonth.Parse(value) is { } month ? new YearMonth(month.Year, month.Month) : null;

    private static int Months(YearMonth from, YearMonth to) => ((to.Year - from.Year) * 12) + to.Month - from.Month + 1;

    internal sealed class Handler(CatalogDbContext db, MetricVocabulary vocabulary, TimeProvider clock) : IRequestHandler<Query, AttainmentResponse>
    {
        public async Task<AttainmentResponse> Handle(Query query, CancellationToken cancellationToken)
        {
            var agreement = await AgreementLookup.LoadAsync(db, query.AgreementId, forUpdate: false, cancellationToken);
            var customer = await db.Customers.AsNoTracking().Where(c => c.Id == agreement.CustomerId).Select(c => new { c.Name, c.TimeZone }).SingleAsync(cancellationToken);
            var zone = DateTimeZoneProviders.Tzdb[customer.TimeZone];
            var now = Instant.FromDateTimeUtc(clock.GetUtcNow().UtcDateTime);
            var running = now.InZone(zone).Date.ToYearMonth();
            var to = Month(query.To) ?? running;
            var from = Month(query.From) ?? to.PlusMonths(-11);
            var start = from.OnDayOfMonth(1).AtStartOfDayInZone(zone).ToInstant();
            var end = to.PlusMonths(1).OnDayOfMonth(1).AtStartOfDayInZone(zone).ToInstant();

            var counted = await ServiceAndDependenciesAsync(agreement.ServiceId, cancellationToken);
            var names = await db.Services.AsNoTracking().Where(s => counted.Contains(s.Id)).ToDictionaryAsync(s => s.Id, s => s.Name, cancellationToken);
            var startUtc = start.ToDateTimeUtc();
            var endUtc = end.ToDateTimeUtc();
            var outages = (await db.Outages.AsNoTracking()
                    .Where(o => counted.Contains(o.ServiceId) && o.StartedAt < endUtc && (o.RestoredAt == null || o.RestoredAt > startUtc))
                    .Select(o => new { o.Id, o.ServiceId, o.Kind, o.Priority, o.StartedAt, o.RestoredAt })
                    .ToListAsync(cancellationToken))
                .Select(o => new CountedOutageInput(o.Id, o.ServiceId, o.Kind, o.Priority, Instant.FromDateTimeUtc(o.StartedAt), o.RestoredAt is { } r ? Instant.FromDateTimeUtc(r) : null))
                .ToList();
            var periods = Enumerable.Range(0, Months(from, to)).Select(i => Period(from.PlusMonths(i))).ToList();
            var measurements = (await db.Measurements.AsNoTracking()
                    .Where(m => m.ServiceId == agreement.ServiceId && periods.Contains(m.Period))
                    .ToListAsync(cancellationToken))
                .Select(m => new MeasurementInput(m.Metric, m.Scope.Length == 0 ? null : m.Scope, Month(m.Period)!.Value, m.Value, m.Source))
                .ToList();
            var metrics = await vocabulary.ReadAsync(db, agreement.Versions.SelectMany(v => v.Targets).Select(t => t.Metric).Distinct(), cancellationToken);

            var aroundTheClock = ServiceCalendar.BuiltIn.Single(c => c.Key == ServiceHoursCalendar.AllHours).For(customer.TimeZone);
            var versions = agreement.Versions.OrderBy(v => v.Number).Select(v => new PromisedTerms(
                v.Number, Instant.FromDateTimeUtc(v.EffectiveFrom), v.Targets, v.ServiceHours ?? aroundTheClock, v.MaintenanceWindows)).ToList();
            var endedAt = agreement.TerminatedAt is { } terminated ? Instant.FromDateTimeUtc(terminated) : (Instant?)null;

            var months = new List<MonthResponse>();
            for (var month = from; month <= to; month = month.PlusMonths(1))
            {
                if (AttainmentRules.ForMonth(month, zone, versions, endedAt, outages, measurements, metrics, now) is { } attained)
                {
                    months.Add(ToResponse(attained, names));
                }
            }

            return new AttainmentResponse(agreement.Id, agreement.ServiceId, names[agreement.ServiceId], agreement.CustomerId, customer.Name, customer.TimeZone, months);
        }

        /// <summary>The agreed service and every service it depends on, directly or through others.</summary>
        private async Task<HashSet<Guid>> ServiceAndDependenciesAsync(Guid serviceId, CancellationToken cancellationToken)
        {
            var found = new HashSet<Guid> { serviceId };
            var frontier = new List<Guid> { serviceId };
            while (frontier.Count > 0)
            {
                var next = await db.ServiceDependencies.AsNoTracking()
                    .Where(d => frontier.Contains(d.ServiceId))
                    .Select(d => d.DependsOnId)
                    .ToListAsync(cancellationToken);
                frontier = next.Where(found.Add).ToList();
            }

            return found;
        }

        private static string Period(YearMonth month) => month.ToString("yyyy-MM", CultureInfo.InvariantCulture);

        private static MonthResponse ToResponse(MonthAttainment month, IReadOnlyDictionary<Guid, string> names) => new(
            Period(month.Month),
            month.Closed ? "closed" : "in-progress",
            month.Versions.Select(v => new VersionStretchResponse(
                v.Version,
                v.From.ToDateTimeUtc(),
                v.To.ToDateTimeUtc(),
                v.Targets.Select(t => new TargetAttainmentResponse(
                    t.Metric,
                    t.Scope,
                    t.Target,
                    t.Achieved,
                    t.Met,
                    t.AtRisk,
                    t.Availability is { } a
                        ? new AvailabilityEvidenceResponse(a.ServiceMinutes, a.AllowedDowntimeMinutes, a.CountedDowntimeMinutes, a.ExcludedMaintenanceMinutes,
                            a.Outages.Select(o => new CountedOutageResponse(o.OutageId, o.AttributedServiceId, names.GetValueOrDefault(o.AttributedServiceId, "?"), o.CountedMinutes)).ToList())
                        : null,
                    t.Restore is { } r
                        ? new RestoreEvidenceResponse(r.Incidents.Select(i => new IncidentResponse(i.OutageId, i.AttributedServiceId, names.GetValueOrDefault(i.AttributedServiceId, "?"), i.Minutes, i.Restored, i.InTime)).ToList())
                        : null,
                    t.Measurements?.Select(m => new MeasurementEvidenceResponse(m.Value, m.Source)).ToList())).ToList())).ToList());
    }
}
