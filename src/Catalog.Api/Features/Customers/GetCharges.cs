using Catalog.Api.Domain.Agreements;
using Catalog.Api.Domain.Common;
using Catalog.Api.Domain.Customers;
using Catalog.Api.Infrastructure.Persistence;
using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;

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
    /// <param name="Totals">Services and agreement amounts together, per currency.</param>
    public sealed record ChargesResponse(
        Guid CustomerId,
        string Month,
        IReadOnlyList<Charges.ChargeLine> Services,
        IReadOnlyList<Charges.AgreementCharge> Agreements,
        IReadOnlyList<Charges.UpcomingCharge> Upcoming,
        IReadOnlyList<Charges.ChargeTotal> Totals);

    internal sealed class Validator : AbstractValidator<Query>
    {
        public Validator() =>
            RuleFor(q => q.Month).Must(m => CalendarMonth.Parse(m) is not null).When(q => q.Month is not null)
                .OverridePropertyName("month").WithMessage("month must be a calendar month written YYYY-MM, such as 2026-12.");
    }

    internal sealed class Handler(CatalogDbContext db, TimeProvider clock) : IRequestHandler<Query, ChargesResponse>
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

            var charges = Charges.Compute(month, consumption, histories);
            return new ChargesResponse(query.CustomerId, month.ToString(), charges.Lines, charges.Agreements, charges.Upcoming, charges.Totals);
        }
    }
}
