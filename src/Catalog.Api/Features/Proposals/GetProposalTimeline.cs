using Catalog.Api.Domain.Negotiation;
using Catalog.Api.Features.Agreements;
using Catalog.Api.Features.Metrics;
using Catalog.Api.Infrastructure.Auth;
using Catalog.Api.Infrastructure.Persistence;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Catalog.Api.Features.Proposals;

/// <summary>Every round, analysis and decision of the proposal in order, with who and when; as data or as a story.</summary>
public static class GetProposalTimeline
{
    public sealed record Query(Guid ProposalId) : IRequest<Result>;

    /// <param name="Markdown">The same timeline in plain language, for the text renderings.</param>
    public sealed record Result(TimelineResponse Timeline, string Title, string Markdown);

    public sealed record TimelineResponse(Guid ProposalId, ProposalStatus Status, IReadOnlyList<TimelineEntry> Entries);

    /// <param name="Note">The revision note, the withdrawal reason, or the accepted option.</param>
    public sealed record TimelineEntry(int Sequence, ProposalEventType Type, int Round, Guid? AnalysisId, string? Note, ActorRef Actor, DateTime OccurredAt);

    internal sealed class Handler(CatalogDbContext db, MetricVocabulary vocabulary) : IRequestHandler<Query, Result>
    {
        public async Task<Result> Handle(Query query, CancellationToken cancellationToken)
        {
            var proposal = await ProposalLookup.LoadAsync(db, query.ProposalId, forUpdate: false, cancellationToken);
            var entries = proposal.Events.OrderBy(e => e.Sequence)
                .Select(e => new TimelineEntry(e.Sequence, e.Type, e.Round, e.AnalysisId, e.Note, e.Actor, e.OccurredAt))
                .ToList();
            var timeline = new TimelineResponse(proposal.Id, proposal.Status, entries);

            var service = await db.Services.AsNoTracking().Where(s => s.Id == proposal.ServiceId).Select(s => s.Name).SingleAsync(cancellationToken);
            var customer = await AgreementConsumers.NameOfAsync(db, proposal.Consumer, cancellationToken);
            var targets = proposal.Rounds.SelectMany(r => r.Targets)
                .Concat(proposal.Analyses.SelectMany(a => a.Content.CounterOffer?.Targets ?? []));
            var metrics = await vocabulary.ReadAsync(db, targets.Select(t => t.Metric), cancellationToken);
            var mentioned = proposal.Analyses.SelectMany(a => a.Content.Consequences).Where(c => c.ServiceId is not null).Select(c => c.ServiceId!.Value).Distinct().ToList();
            var serviceNames = await db.Services.AsNoTracking().Where(s => mentioned.Contains(s.Id)).ToDictionaryAsync(s => s.Id, s => s.Name, cancellationToken);
            var agreed = proposal.Status == ProposalStatus.Agreed
                ? await db.Agreements.AsNoTracking().SelectMany(a => a.Versions).SingleOrDefaultAsync(v => v.ProposalId == proposal.Id, cancellationToken)
                : null;

            var context = new TimelineStory.Context(service, customer, metrics, serviceNames, agreed);
            return new Result(timeline, TimelineStory.Title(proposal, context), TimelineStory.Markdown(proposal, context));
        }
    }
}
