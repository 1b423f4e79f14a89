using Catalog.Api.Domain.Agreements;
using Catalog.Api.Domain.Common;
using Catalog.Api.Domain.Customers;
using Catalog.Api.Features.Attainment;
using Catalog.Api.Infrastructure.Persistence;
using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Catalog.Api.Features.Customers;

/// <summary>
/// What the customer pays for a month (default the current one): per subscribed service, per agreement version
/// in force during the month (pro rata by day), and in total per currency; versions not yet in force are listed apart.
/// </summary>
public static class GetCharges
{
    /// <param name="Month">YYYY-MM; null for the current month.</param>
    public sealed record Query(Guid CustomerId, string? Month = null) : IRequest<ChargesResponse>;

    /// <param name="Month">The month charged, YYYY-MM (UTC days).</param>
    /// <param name="Services">Units × unit cost, per subscribed service.</param>
    /// <param name="Agreements">Each agreement version in force during the month: its monthly charge, the days it was in force, and the amount those days bear.</param>
    /// <param name="Upcoming">Versions agreed but taking effect only after the month, with their date; not charged in it.</param>
    /// <param name="Credits">Service credits the month earned, once it has closed in the customer's time zone, each with its reason.</param>
    /// <param name="Totals">Per currency: services and agreement amounts (gross), the credits, and what is payable (net).</param>
    public sealed record ChargesResponse(
        Guid CustomerId,
        string Month,
        IReadOnlyList<Charges.ChargeLine> Services,
        IReadOnlyList<Charges.AgreementCharge> Agreements,
        IReadOnlyList<Charges.UpcomingCharge> Upcoming,
        IReadOnlyList<Charges.CreditLine> Credits,
        IReadOnlyList<Charges.ChargeTotal> Totals);

    internal sealed class Validator : AbstractValidator<Query>
    {
        public Validator() =>
            RuleFor(q => q.Month).Must(m => CalendarMonth.Parse(m) is not null).When(q => q.Month is not null)
                .OverridePropertyName("month").WithMessage("month must be a calendar month written YYYY-MM, such as 2026-12.");
    }

    internal sealed class Handler(CatalogDbContext db, AttainmentReader reader, TimeProvider clock) : IRequestHandler<Query, ChargesResponse>
    {
        public async Task<ChargesResponse> Handle(Query query, CancellationToken cancellationToken)
        {
            await CustomerLookup.EnsureExistsAsync(db, query.CustomerId, cancellationToken);
            var month = CalendarMonth.Parse(query.Month) ?? CalendarMonth.Of(clock.GetUtcNow().UtcDateTime);
            var consumption = await db.Subscriptions.AsNoTracking()
                .Where(s => s.CustomerId == query.CustomerId)
                .Join(db.Services, s => s.ServiceId, service => service.Id, (s, service) => new Charges.Consumption(service.Id, service.Key, service.Name, service.Cost, s.Units))
                .ToListAsync(cancellationToken);

            // A version can bear part of the month even when a later one, or a termination, has since replaced it.
            var agreements = await db.Agreements.AsNoTracking().Include(a => a.Versions)
                .Where(a => a.CustomerId == query.CustomerId)
                .Join(db.Services, a => a.ServiceId, s => s.Id, (a, s) => new { Agreement = a, s.Key, s.Name })
                .ToListAsync(cancellationToken);
            var histories = agreements.Select(a => new Charges.AgreementHistory(
                a.Agreement.Id,
                a.Agreement.ServiceId,
                a.Key,
                a.Name,
                a.Agreement.Versions.OrderBy(v => v.Number).Last().Currency,
                a.Agreement.Versions.Select(v => new Charges.VersionCharge(v.Number, v.EffectiveFrom, v.MonthlyCharge)).ToList(),
                a.Agreement.Status == AgreementStatus.Terminated ? a.Agreement.TerminatedAt : null));

            var credits = await CreditsAsync(query.CustomerId, month, agreements.Select(a => (a.Agreement, a.Key, a.Name)).ToList(), cancellationToken);
            var charges = Charges.Compute(month, consumption, histories, credits);
            return new ChargesResponse(query.CustomerId, month.ToString(), charges.Lines, charges.Agreements, charges.Upcoming, charges.Credits, charges.Totals);
        }

        /// <summary>
        /// The credits the month earned, judged by attainment over all the agreements that carry credit bands at once.
        /// Attainment counts the month in the customer's time zone; until it has ended there, nothing is earned.
        /// </summary>
        private async Task<IReadOnlyList<Charges.CreditLine>> CreditsAsync(
            Guid customerId, CalendarMonth month, IReadOnlyList<(Agreement Agreement, string Key, string Name)> agreements, CancellationToken cancellationToken)
        {
            var withCredits = agreements.Where(a => a.Agreement.Versions.Any(v => v.ServiceCredits is not null)).ToList();
            if (withCredits.Count == 0)
            {
                return [];
            }

            var zone = await CustomerLookup.TimeZoneOfAsync(db, customerId, cancellationToken);
            var now = Instant.FromDateTimeUtc(clock.GetUtcNow().UtcDateTime);
            var judged = month.ToYearMonth();
            if (judged >= now.InZone(zone).Date.ToYearMonth())
            {
                return [];
            }

            var names = withCredits.ToDictionary(a => a.Agreement.Id);
            var attained = await reader.ReadAsync(withCredits.Select(a => a.Agreement).ToList(), judged, judged, now, cancellationToken);
            return attained
                .SelectMany(a => a.Months.Where(m => m.Credit is not null).SelectMany(m => m.Credit!.Versions.Select(v => new Charges.CreditLine(
                    a.Agreement.Id, a.Agreement.ServiceId, names[a.Agreement.Id].Key, names[a.Agreement.Id].Name, v.Version, v.CreditPercent, v.Amount, m.Credit.Currency, v.Reason))))
                .ToList();
        }
    }
}
