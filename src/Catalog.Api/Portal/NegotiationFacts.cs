using Catalog.Api.Features.Agreements;
using Catalog.Api.Features.Attainment;
using Catalog.Api.Features.Metrics;
using Catalog.Api.Features.Proposals;
using Catalog.Api.Infrastructure.Http;
using MediatR;

namespace Catalog.Api.Portal;

/// <summary>
/// What both sides of a negotiation decide with: whether IT can keep the availability asked for (the ceiling the
/// dependencies allow and what limits it), what the agreement promises now, and what was delivered against it month
/// by month with the credits paid. As it stood when IT published its analysis, or as it stands now before it has.
/// </summary>
public sealed record NegotiationFacts(
    FeasibilityResponse Evidence,
    Guid? AgreementId,
    IReadOnlyDictionary<string, MonthCreditResponse> Credits,
    IReadOnlyDictionary<string, MetricResponse> Metrics)
{
    public static async Task<NegotiationFacts> LoadAsync(IMediator mediator, ProposalResponse proposal, AnalysisResponse? analysis, CancellationToken cancellationToken)
    {
        var evidence = analysis?.Evidence ?? await mediator.Send(new GetFeasibility.Query(proposal.Id), cancellationToken);
        var metrics = (await mediator.Send(new ListMetrics.Query(new PageRequest(PageRequest.MaxLimit, null)), cancellationToken)).Items.ToDictionary(m => m.Key);
        var agreement = (await mediator.Send(new ListAgreements.Query(new PageRequest(1, null), proposal.ServiceId, proposal.CustomerId, ConsumerServiceId: proposal.ConsumerServiceId), cancellationToken)).Items is [var first, ..] ? first : null;
        var credits = new Dictionary<string, MonthCreditResponse>();
        if (agreement is not null && evidence.Delivered.Count > 0)
        {
            var attainment = await mediator.Send(new GetAgreementAttainment.Query(agreement.Id, evidence.Delivered[0].Month, evidence.Delivered[^1].Month), cancellationToken);
            foreach (var month in attainment.Months.Where(m => m.Credit is { Amount: > 0 }))
            {
                credits[month.Month] = month.Credit!;
            }
        }

        return new NegotiationFacts(evidence, agreement?.Id, credits, metrics);
    }
}
