using Catalog.Api.Infrastructure.Persistence;
using Catalog.Api.Infrastructure.Problems;
using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Catalog.Api.Features.Attainment;

/// <summary>
/// A customer's month across all its agreements: every agreement with a version in force during the month (in the
/// customer's time zone), each with that month's attainment, and how many targets were met, missed, at risk or not
/// measured. A customer key finds only its own customer (the tenancy filter).
/// </summary>
public static class GetCustomerAttainment
{
    /// <param name="Month">YYYY-MM; by default the running month in the customer's time zone.</param>
    public sealed record Query(Guid CustomerId, string? Month) : IRequest<CustomerAttainmentResponse>;

    /// <param name="Month">The month, YYYY-MM, in the customer's time zone.</param>
    /// <param name="Status">`closed` once the month has ended in the customer's time zone; `in-progress` for the running month.</param>
    /// <param name="Agreements">Every agreement of the customer that had a version in force during the month.</param>
    public sealed record CustomerAttainmentResponse(
        Guid CustomerId,
        string CustomerName,
        string TimeZone,
        string Month,
        string Status,
        AttainmentSummaryResponse Summary,
        IReadOnlyList<AgreementMonthResponse> Agreements);

    internal sealed class Validator : AbstractValidator<Query>
    {
        public Validator() =>
            RuleFor(q => q.Month).Must(AttainmentMonth.IsWellFormed).OverridePropertyName(AttainmentMonth.Field).WithMessage(AttainmentMonth.FormatMessage);
    }

    internal sealed class Handler(CatalogDbContext db, AttainmentReader reader, TimeProvider clock) : IRequestHandler<Query, CustomerAttainmentResponse>
    {
        public async Task<CustomerAttainmentResponse> Handle(Query query, CancellationToken cancellationToken)
        {
            var customer = await db.Customers.AsNoTracking().Where(c => c.Id == query.CustomerId).Select(c => new { c.Name, c.TimeZone }).SingleOrDefaultAsync(cancellationToken)
                ?? throw new NotFoundException("customer", query.CustomerId);
            var zone = DateTimeZoneProviders.Tzdb[customer.TimeZone];
            var now = Instant.FromDateTimeUtc(clock.GetUtcNow().UtcDateTime);
            var running = now.InZone(zone).Date.ToYearMonth();
            var month = AttainmentReader.Month(query.Month) ?? running;
            AttainmentMonth.EnsureBegun(month, running, $"in {customer.TimeZone}");

            var agreements = await AttainmentMonth.CandidatesAsync(db.Agreements.Where(a => a.CustomerId == query.CustomerId), month, cancellationToken);
            var attained = (await reader.ReadAsync(agreements, month, month, now, cancellationToken)).Where(a => a.Months.Count > 0).ToList();
            return new CustomerAttainmentResponse(
                query.CustomerId,
                customer.Name,
                customer.TimeZone,
                AttainmentReader.Period(month),
                month < running ? "closed" : "in-progress",
                AttainmentSummaryResponse.Of(attained),
                attained.Select(a => AgreementMonthResponse.From(a, reader.ServiceNames)).OrderBy(a => a.ServiceName, StringComparer.Ordinal).ThenBy(a => a.AgreementId).ToList());
        }
    }
}
