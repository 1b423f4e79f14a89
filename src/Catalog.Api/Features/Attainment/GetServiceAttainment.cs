using Catalog.Api.Infrastructure.Persistence;
using Catalog.Api.Infrastructure.Problems;
using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Catalog.Api.Features.Attainment;

/// <summary>
/// A service's month across all its customers: every agreement on the service with a version in force during the
/// month, each judged in its own customer's time zone, and how many targets were met, missed, at risk or not
/// measured. A customer key sees only its own agreements on the service (the tenancy filter).
/// </summary>
public static class GetServiceAttainment
{
    /// <param name="Month">YYYY-MM; by default the running month in UTC. A month that has begun in no time zone yet is refused.</param>
    public sealed record Query(Guid ServiceId, string? Month) : IRequest<ServiceAttainmentResponse>;

    /// <param name="Month">The month, YYYY-MM; each agreement's month runs in its customer's time zone.</param>
    /// <param name="Agreements">Every agreement on the service (that the caller may see) with a version in force during the month.</param>
    public sealed record ServiceAttainmentResponse(
        Guid ServiceId,
        string ServiceName,
        string Month,
        AttainmentSummaryResponse Summary,
        IReadOnlyList<AgreementMonthResponse> Agreements);

    internal sealed class Validator : AbstractValidator<Query>
    {
        public Validator() =>
            RuleFor(q => q.Month).Must(AttainmentMonth.IsWellFormed).OverridePropertyName(AttainmentMonth.Field).WithMessage(AttainmentMonth.FormatMessage);
    }

    internal sealed class Handler(CatalogDbContext db, AttainmentReader reader, TimeProvider clock) : IRequestHandler<Query, ServiceAttainmentResponse>
    {
        public async Task<ServiceAttainmentResponse> Handle(Query query, CancellationToken cancellationToken)
        {
            var name = await db.Services.AsNoTracking().Where(s => s.Id == query.ServiceId).Select(s => s.Name).SingleOrDefaultAsync(cancellationToken)
                ?? throw new NotFoundException("service", query.ServiceId);
            var now = Instant.FromDateTimeUtc(clock.GetUtcNow().UtcDateTime);

            // The customers keep their months in their own time zones: a month may be asked for once it has begun in any.
            var latest = now.InZone(AttainmentMonth.EarliestZone).Date.ToYearMonth();
            var month = AttainmentReader.Month(query.Month) ?? now.InUtc().Date.ToYearMonth();
            AttainmentMonth.EnsureBegun(month, latest, "in any time zone");

            var agreements = await AttainmentMonth.CandidatesAsync(db.Agreements.Where(a => a.ServiceId == query.ServiceId), month, cancellationToken);
            var attained = (await reader.ReadAsync(agreements, month, month, now, cancellationToken)).Where(a => a.Months.Count > 0).ToList();
            return new ServiceAttainmentResponse(
                query.ServiceId,
                name,
                AttainmentReader.Period(month),
                AttainmentSummaryResponse.Of(attained),
                attained.Select(a => AgreementMonthResponse.From(a, reader.ServiceNames)).OrderBy(a => a.CustomerName ?? a.ConsumerServiceName, StringComparer.Ordinal).ThenBy(a => a.AgreementId).ToList());
        }
    }
}
