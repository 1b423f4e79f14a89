using Catalog.Api.Domain.Agreements;
using Catalog.Api.Domain.Delivery;
using Catalog.Api.Features.Attainment;
using Catalog.Api.Features.Metrics;
using Catalog.Api.Infrastructure.Figures;
using Catalog.Api.Infrastructure.Http;
using Catalog.Api.Infrastructure.Persistence;
using Catalog.Api.Infrastructure.Problems;
using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Catalog.Api.Features.Reviews;

/// <summary>
/// The monthly service review of a customer: every agreement in force that month, what was promised and delivered,
/// what went wrong and why, corrections to the record, the last twelve months, and what to do next.
/// </summary>
public static class GetServiceReview
{
    /// <param name="Page">One page of the agreements, by service name; null tells them all. The summary always speaks of the whole month.</param>
    /// <param name="ProposeForm">A form proposing targets for the service in its <c>serviceId</c> query parameter, linked from each agreement (the portal's); null names the API's path instead.</param>
    public sealed record Query(Guid CustomerId, string Month, PageRequest? Page = null, string? ProposeForm = null) : IRequest<Review>;

    /// <param name="Parts">The review as Markdown, with each agreement's chart after the part that closes with its twelve months.</param>
    public sealed record Review(string Title, ServiceReviewDocument Document, IReadOnlyList<PlainPart> Parts);

    internal sealed class Validator : AbstractValidator<Query>
    {
        public Validator() =>
            RuleFor(q => q.Month).Must(AttainmentMonth.IsWellFormed).OverridePropertyName(AttainmentMonth.Field).WithMessage(AttainmentMonth.FormatMessage);
    }

    internal sealed class Handler(CatalogDbContext db, AttainmentReader reader, MetricVocabulary vocabulary, TimeProvider clock) : IRequestHandler<Query, Review>
    {
        public async Task<Review> Handle(Query query, CancellationToken cancellationToken)
        {
            var customer = await db.Customers.AsNoTracking().Where(c => c.Id == query.CustomerId)
                    .Select(c => new { c.Name, c.TimeZone, c.CreatedAt })
                    .SingleOrDefaultAsync(cancellationToken)
                ?? throw new NotFoundException("customer", query.CustomerId);
            var zone = DateTimeZoneProviders.Tzdb[customer.TimeZone];
            var now = Instant.FromDateTimeUtc(clock.GetUtcNow().UtcDateTime);
            var month = Reviewable(AttainmentReader.Month(query.Month)!.Value, customer.TimeZone, zone, now, Instant.FromDateTimeUtc(DateTime.SpecifyKind(customer.CreatedAt, DateTimeKind.Utc)));

            var agreements = await db.Agreements.AsNoTracking().Include(a => a.Versions).Where(a => a.CustomerId == query.CustomerId).ToListAsync(cancellationToken);

            // The month of every agreement, for the summary and to know which are in force; the twelve months, the
            // outages and the charts only for the agreements this page tells.
            var inMonth = (await reader.ReadAsync(agreements, month, month, now, cancellationToken))
                .Where(a => a.Months.Count > 0)
                .Select(a => (Attained: a, Service: reader.ServiceNames[a.Agreement.ServiceId]))
                .OrderBy(a => a.Service, StringComparer.Ordinal)
                .ThenBy(a => a.Attained.Agreement.Id)
                .ToList();
            var inForce = inMonth.Select(a => ReviewStanding.Of(a.Service, a.Attained.Months[0])).ToList();
            var told = query.Page is { } page
                ? inMonth.Select(a => a.Attained.Agreement).ToPage(page, a => a.Id.ToString())
                : new Page<Agreement>(inMonth.Select(a => a.Attained.Agreement).ToList(), null);

            var attained = await reader.ReadAsync(told.Items, month.PlusMonths(-11), month, now, cancellationToken);
            var names = reader.ServiceNames;

            var start = month.OnDayOfMonth(1).AtStartOfDayInZone(zone).ToInstant().ToDateTimeUtc();
            var end = month.PlusMonths(1).OnDayOfMonth(1).AtStartOfDayInZone(zone).ToInstant().ToDateTimeUtc();
            var services = attained.SelectMany(a => a.ReliesOn).Distinct().ToList();
            var outages = await db.Outages.AsNoTracking()
                .Where(o => services.Contains(o.ServiceId) && o.StartedAt < end && (o.RestoredAt == null || o.RestoredAt > start))
                .ToListAsync(cancellationToken);

            var targets = agreements.SelectMany(a => a.Versions).SelectMany(v => v.Targets).Select(t => t.Metric).Distinct();
            var input = new ReviewInput(
                customer.Name,
                zone,
                month,
                now,
                attained.Select(a => new ReviewedAgreement(
                    a.Agreement.ServiceId,
                    a.ReliesOn,
                    a.Months.SingleOrDefault(m => m.Month == month),
                    a.Months)).ToList(),
                inForce,
                names,
                outages.ToDictionary(o => o.Id, o => new OutageFacts(o.Id, o.ServiceId, o.Kind, o.StartedAt, o.RestoredAt, o.Summary, o.Cause, o.History)),
                await vocabulary.ReadAsync(db, targets, cancellationToken));
            var document = ServiceReview.Compose(input) with { NextCursor = told.NextCursor };
            var markdown = ServiceReview.Markdown(document, namingProposePath: query.ProposeForm is null);

            // Two parts an agreement: the first closes with its twelve months, which its chart follows; the second
            // says what to do next, which the link to the proposal form follows where there is one.
            var parts = markdown.Select((text, i) => (Text: text, Agreement: document.Agreements.ElementAtOrDefault(i / 2)))
                .Select((p, i) => p.Agreement is not { } agreement ? new PlainPart(p.Text)
                    : i % 2 == 0 ? new PlainPart(p.Text, AttainmentChart.Svg(agreement.Service, agreement.LastTwelveMonths))
                    : new PlainPart(p.Text, Link: query.ProposeForm is { } form ? new PlainLink($"{form}?serviceId={agreement.ServiceId}", $"Propose other targets for {agreement.Service}") : null))
                .ToList();
            return new Review($"Service review: {customer.Name}, {month.ToString("MMMM yyyy", System.Globalization.CultureInfo.InvariantCulture)}", document, parts);
        }

        /// <summary>The month, if it has begun and the customer existed in it; otherwise a 400 that says why.</summary>
        private static YearMonth Reviewable(YearMonth month, string zoneId, DateTimeZone zone, Instant now, Instant created)
        {
            AttainmentMonth.EnsureBegun(month, now.InZone(zone).Date.ToYearMonth(), $"in {zoneId}");
            var first = created.InZone(zone).Date.ToYearMonth();
            if (month < first)
            {
                throw new InvalidInputException(
                    AttainmentMonth.Field, $"The customer was created in {AttainmentReader.Period(first)}; there is nothing to review for {AttainmentReader.Period(month)}.");
            }

            return month;
        }
    }
}
