using Catalog.Api.Features.Agreements;
using Catalog.Api.Infrastructure.Persistence;
using FluentValidation;
using MediatR;
using NodaTime;

namespace Catalog.Api.Features.Attainment;

/// <summary>
/// Per calendar month in the customer's time zone (an operational level agreement's: the configured default zone), per version in force, per target: what was promised, what was
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
            RuleFor(q => q.From).Must(m => AttainmentReader.Month(m) is not null).WithMessage("from is a calendar month, YYYY-MM.").When(q => q.From is not null);
            RuleFor(q => q.To).Must(m => AttainmentReader.Month(m) is not null).WithMessage("to is a calendar month, YYYY-MM.").When(q => q.To is not null);
            RuleFor(q => q).Must(q => AttainmentReader.Month(q.From) <= AttainmentReader.Month(q.To)).WithName("from").WithMessage("from is not after to.")
                .When(q => AttainmentReader.Month(q.From) is not null && AttainmentReader.Month(q.To) is not null);
            RuleFor(q => q).Must(q => AttainmentReader.Months(AttainmentReader.Month(q.From)!.Value, AttainmentReader.Month(q.To)!.Value) <= MaxMonths).WithName("from").WithMessage($"At most {MaxMonths} months at once.")
                .When(q => AttainmentReader.Month(q.From) is not null && AttainmentReader.Month(q.To) is not null);
        }
    }

    internal sealed class Handler(CatalogDbContext db, AttainmentReader reader, TimeProvider clock) : IRequestHandler<Query, AttainmentResponse>
    {
        public async Task<AttainmentResponse> Handle(Query query, CancellationToken cancellationToken)
        {
            var agreement = await AgreementLookup.LoadAsync(db, query.AgreementId, forUpdate: false, cancellationToken);
            var zone = await reader.ZoneOfAsync(agreement, cancellationToken);
            var now = Instant.FromDateTimeUtc(clock.GetUtcNow().UtcDateTime);
            var to = AttainmentReader.Month(query.To) ?? now.InZone(zone).Date.ToYearMonth();
            var from = AttainmentReader.Month(query.From) ?? to.PlusMonths(-11);

            var attained = (await reader.ReadAsync([agreement], from, to, now, cancellationToken)).Single();
            return AttainmentResponse.From(attained, reader.ServiceNames);
        }
    }
}
