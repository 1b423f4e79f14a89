using Catalog.Api.Domain.Common;
using Catalog.Api.Domain.Delivery;
using Catalog.Api.Domain.Negotiation;
using Catalog.Api.Features.Attainment;
using Catalog.Api.Features.Metrics;
using Catalog.Api.Infrastructure.Application;
using Catalog.Api.Infrastructure.Auth;
using Catalog.Api.Infrastructure.Persistence;
using Catalog.Api.Infrastructure.Problems;
using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using Catalog.Api.Infrastructure.ChangeFeed;

namespace Catalog.Api.Features.Proposals;

/// <summary>
/// An IT lead answers the current round: cost, effort, feasibility, consequences for other services, what the
/// customer would give up, and optionally a counter-offer. IT cannot reject; it can only say what it would take.
/// </summary>
public static class PublishAnalysis
{
    public sealed record AnalysisInput(
        decimal? OneOffCost,
        decimal? MonthlyCostDelta,
        string? Currency,
        decimal? LabourDays,
        int? LeadTimeDays,
        Feasibility? Feasibility,
        IReadOnlyList<ConsequenceInput>? Consequences,
        IReadOnlyList<string>? TradeOffs,
        CounterOfferInput? CounterOffer,
        IReadOnlyList<MaintenanceWindowInput>? MaintenanceWindows = null,
        ServiceCreditsInput? ServiceCredits = null);

    public sealed record ConsequenceInput(Guid? ServiceId, string? Description, ConsequenceSeverity? Severity);

    /// <param name="LeadTimeDays">The counter-offer's own lead time: an accepted counter-offer takes effect this many days after acceptance.</param>
    /// <param name="MaintenanceWindows">The planned-work windows that come with the counter-offer.</param>
    /// <param name="ServiceCredits">What a miss of the counter-offer's targets would cost IT.</param>
    public sealed record CounterOfferInput(
        IReadOnlyList<TargetInput>? Targets,
        decimal? OneOffCost,
        decimal? MonthlyCostDelta,
        int? LeadTimeDays,
        string? Note,
        IReadOnlyList<MaintenanceWindowInput>? MaintenanceWindows = null,
        ServiceCreditsInput? ServiceCredits = null);

    public sealed record Command(Guid ProposalId, AnalysisInput Input) : IRequest<AnalysisResponse>;

    private const decimal MaxAmount = 1_000_000_000m;

    internal sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.Input.OneOffCost).NotNull().InclusiveBetween(0, MaxAmount);
            RuleFor(c => c.Input.MonthlyCostDelta).NotNull().InclusiveBetween(-MaxAmount, MaxAmount);
            RuleFor(c => c.Input.Currency).NotEmpty().Must(CurrencyCodes.IsActive).WithMessage("currency must be an ISO 4217 code such as EUR or USD.");
            RuleFor(c => c.Input.LabourDays).NotNull().InclusiveBetween(0, 100_000);
            RuleFor(c => c.Input.LeadTimeDays).NotNull().InclusiveBetween(0, 3650);
            RuleFor(c => c.Input.Feasibility).NotNull().IsInEnum();
            RuleFor(c => c.Input.Consequences).ItemCount(0, 50).WithMessage("At most 50 consequences.");
            RuleForEach(c => c.Input.Consequences).NotNull().ChildRules(consequence =>
            {
                consequence.RuleFor(x => x.Description).NotEmpty().MaximumLength(2000);
                consequence.RuleFor(x => x.Severity).NotNull().IsInEnum();
            });
            RuleFor(c => c.Input.TradeOffs).ItemCount(0, 50).WithMessage("At most 50 trade-offs.");
            RuleForEach(c => c.Input.TradeOffs).NotEmpty().MaximumLength(2000);
            RuleFor(c => c.Input.CounterOffer!).ChildRules(counterOffer =>
            {
                counterOffer.RuleFor(o => o.Targets).NotNull().SetValidator(new TargetListValidator()!);
                counterOffer.RuleFor(o => o.OneOffCost).NotNull().InclusiveBetween(0, MaxAmount);
                counterOffer.RuleFor(o => o.MonthlyCostDelta).NotNull().InclusiveBetween(-MaxAmount, MaxAmount);
                counterOffer.RuleFor(o => o.LeadTimeDays).NotNull().InclusiveBetween(0, 3650);
                counterOffer.RuleFor(o => o.Note).MaximumLength(2000);
                counterOffer.RuleFor(o => o.MaintenanceWindows!).SetValidator(new MaintenanceWindowListValidator()).When(o => o.MaintenanceWindows is not null);
                counterOffer.RuleFor(o => o.ServiceCredits!).SetValidator(new ServiceCreditsValidator()).When(o => o.ServiceCredits is not null);
            });
            RuleFor(c => c.Input.ServiceCredits!).SetValidator(new ServiceCreditsValidator()).When(c => c.Input.ServiceCredits is not null);
            RuleFor(c => c.Input.MaintenanceWindows!).SetValidator(new MaintenanceWindowListValidator()).When(c => c.Input.MaintenanceWindows is not null);
        }
    }

    internal sealed class Handler(CatalogDbContext db, MetricVocabulary vocabulary, AttainmentReader reader, Actor actor, TimeProvider clock) : IRequestHandler<Command, AnalysisResponse>
    {
        public async Task<AnalysisResponse> Handle(Command command, CancellationToken cancellationToken)
        {
            var proposal = await ProposalLookup.LoadAsync(db, command.ProposalId, forUpdate: true, cancellationToken);
            var input = command.Input;
            var service = await db.Services.AsNoTracking().SingleAsync(s => s.Id == proposal.ServiceId, cancellationToken);
            if (input.Currency != service.Cost.Currency)
            {
                throw new InvalidInputException("currency", $"Service '{service.Key}' is priced in {service.Cost.Currency}; analyses of it are too.");
            }

            var consequences = input.Consequences ?? [];
            var named = consequences.Where(c => c.ServiceId is not null).Select(c => c.ServiceId!.Value).Distinct().ToList();
            var known = await db.Services.Where(s => named.Contains(s.Id)).Select(s => s.Id).ToListAsync(cancellationToken);
            for (var i = 0; i < consequences.Count; i++)
            {
                if (consequences[i].ServiceId is { } id && !known.Contains(id))
                {
                    throw new InvalidInputException($"consequences[{i}].serviceId", $"No service with id '{id}' exists.");
                }
            }

            CounterOffer? counterOffer = null;
            if (input.CounterOffer is { } offer)
            {
                var targets = offer.Targets!.ToTargets();
                await TargetInputs.EnsureValidAsync(vocabulary, db, targets, "counterOffer.targets", cancellationToken);
                var offeredCredits = await CreditsAsync(offer.ServiceCredits, targets, "counterOffer.serviceCredits", cancellationToken);
                counterOffer = new CounterOffer(targets, offer.OneOffCost!.Value, offer.MonthlyCostDelta!.Value, offer.LeadTimeDays!.Value, offer.Note?.Trim(),
                    offer.MaintenanceWindows?.Select(w => w.ToWindow()).ToList(), offeredCredits);
            }

            var credits = await CreditsAsync(input.ServiceCredits, proposal.Rounds.Single(r => r.Number == proposal.CurrentRound).Targets, "serviceCredits", cancellationToken);

            var content = new AnalysisContent(
                input.OneOffCost!.Value,
                input.MonthlyCostDelta!.Value,
                input.Currency!,
                input.LabourDays!.Value,
                input.LeadTimeDays!.Value,
                input.Feasibility!.Value,
                consequences.Select(c => new Consequence(c.ServiceId, c.Description!.Trim(), c.Severity!.Value)).ToList(),
                (input.TradeOffs ?? []).Select(t => t.Trim()).ToList(),
                counterOffer,
                input.MaintenanceWindows?.Select(w => w.ToWindow()).ToList(),
                credits);
            var now = clock.GetUtcNow().UtcDateTime;
            var analysis = proposal.PublishAnalysis(content, actor.Ref, now);
            db.Record(ChangeTypes.ProposalAnalysed, SubjectTypes.Proposal, proposal.Id, actor.Ref, now, ProposalResponse.From(proposal));
            await db.SaveActionAsync("proposal", cancellationToken);
            var standing = await ProposalLookup.StandingAsync(db, proposal, cancellationToken);
            return AnalysisResponse.From(analysis, proposal.CurrentRound, standing, now) with
            {
                Evidence = await GetFeasibility.AssessAsync(db, reader, proposal, Instant.FromDateTimeUtc(analysis.PublishedAt), cancellationToken, analysis.Round),
            };
        }

        /// <summary>The option's credit bands, judged against the targets the option promises.</summary>
        private async Task<ServiceCredits?> CreditsAsync(ServiceCreditsInput? input, IReadOnlyList<Target> targets, string path, CancellationToken cancellationToken)
        {
            if (input is null)
            {
                return null;
            }

            var credits = input.ToCredits();
            var metrics = await vocabulary.ReadAsync(db, targets.Select(t => t.Metric).Concat(credits.Bands.Select(b => b.Metric)).Distinct(), cancellationToken);
            ServiceCreditsInput.EnsureValid(credits, targets, metrics, path);
            return credits;
        }
    }
}
