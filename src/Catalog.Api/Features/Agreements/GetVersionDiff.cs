using Catalog.Api.Domain.Agreements;
using Catalog.Api.Features.Metrics;
using Catalog.Api.Infrastructure.Persistence;
using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Catalog.Api.Features.Agreements;

/// <summary>What changed from version <c>from</c> (default: the one before) to version n, target by target and in charge; as data or as a story.</summary>
public static class GetVersionDiff
{
    public sealed record Query(Guid AgreementId, int Number, int? From) : IRequest<Result>;

    /// <param name="Markdown">The same diff in plain language, for the text renderings.</param>
    public sealed record Result(VersionDiff Diff, string Title, string Markdown);

    internal sealed class Validator : AbstractValidator<Query>
    {
        public Validator()
        {
            RuleFor(q => q.From).GreaterThanOrEqualTo(1).When(q => q.From is not null).OverridePropertyName("from");
            RuleFor(q => q.From).NotNull().When(q => q.Number == 1).OverridePropertyName("from")
                .WithMessage("Version 1 has no previous version to compare with; name another version with from=.");
            RuleFor(q => q.From).NotEqual(q => q.Number).When(q => q.From is not null).OverridePropertyName("from")
                .WithMessage("A version compared with itself shows no change; name another version with from=.");
        }
    }

    internal sealed class Handler(CatalogDbContext db, MetricVocabulary vocabulary) : IRequestHandler<Query, Result>
    {
        public async Task<Result> Handle(Query query, CancellationToken cancellationToken)
        {
            var agreement = await AgreementLookup.LoadAsync(db, query.AgreementId, forUpdate: false, cancellationToken);
            var to = AgreementLookup.VersionOf(agreement, query.Number);
            var from = AgreementLookup.VersionOf(agreement, query.From ?? query.Number - 1);
            var metrics = await vocabulary.ReadAsync(db, from.Targets.Concat(to.Targets).Select(t => t.Metric), cancellationToken);
            var service = await db.Services.AsNoTracking().Where(s => s.Id == agreement.ServiceId).Select(s => s.Name).SingleAsync(cancellationToken);
            var customer = await AgreementConsumers.NameOfAsync(db, agreement.Consumer, cancellationToken);
            var diff = VersionDiff.Between(from, to, metrics);
            return new Result(
                diff,
                $"{service} for {customer}: version {to.Number} compared with version {from.Number}",
                VersionDiffDocument.Markdown(diff, from, to, service, customer, metrics));
        }
    }
}
