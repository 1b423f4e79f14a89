using Catalog.Api.Domain.Agreements;
using Catalog.Api.Features.Metrics;
using Catalog.Api.Infrastructure.Auth;
using Catalog.Api.Infrastructure.Persistence;
using FluentValidation;
using MediatR;

namespace Catalog.Api.Features.Agreements;

/// <summary>What changed from version <c>from</c> (default: the one before) to version n, target by target and in charge.</summary>
public static class GetVersionDiff
{
    public sealed record Query(Guid AgreementId, int Number, int? From) : IRequest<VersionDiff>;

    internal sealed class Validator : AbstractValidator<Query>
    {
        public Validator() => RuleFor(q => q.From).GreaterThanOrEqualTo(1).When(q => q.From is not null).OverridePropertyName("from");
    }

    internal sealed class Handler(CatalogDbContext db, MetricVocabulary vocabulary, Actor actor) : IRequestHandler<Query, VersionDiff>
    {
        public async Task<VersionDiff> Handle(Query query, CancellationToken cancellationToken)
        {
            var agreement = await AgreementLookup.LoadAsync(db, actor, query.AgreementId, forUpdate: false, cancellationToken);
            var to = AgreementLookup.VersionOf(agreement, query.Number);
            var from = AgreementLookup.VersionOf(agreement, query.From ?? Math.Max(1, query.Number - 1));
            var metrics = await vocabulary.ReadAsync(db, from.Targets.Concat(to.Targets).Select(t => t.Metric), cancellationToken);
            return VersionDiff.Between(from, to, metrics);
        }
    }
}
