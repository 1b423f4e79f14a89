using Catalog.Api.Domain.Delivery;
using Catalog.Api.Features.Customers;
using Catalog.Api.Features.Proposals;
using Catalog.Api.Features.Services;
using Catalog.Api.Infrastructure.Auth;
using Catalog.Api.Portal.Forms;
using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace Catalog.Api.Portal.Pages.Queue;

/// <summary>
/// A proposal in IT's queue with what IT answers from: the request, what a failure of the service touches (the impact
/// view), whether the dependencies allow what is asked, and what was delivered; and the form to publish the analysis.
/// </summary>
[Authorize(Policy = Policies.Curate)]
public sealed class QueuedProposalModel(IMediator mediator, IOptions<CustomerOptions> customerOptions) : FormPage
{
    /// <summary>The example under the maintenance-window fields, described by the same rules as any window.</summary>
    public static readonly MaintenanceWindow ExampleWindow = new("FREQ=WEEKLY;BYDAY=SU;BYHOUR=2", 120, "Europe/Berlin");

    public ProposalResponse Proposal { get; private set; } = null!;

    public ServiceResponse Service { get; private set; } = null!;

    /// <summary>The business unit asking; null when the proposal is between services.</summary>
    public CustomerResponse? Customer { get; private set; }

    /// <summary>The service asking, for an operational level agreement.</summary>
    public ServiceResponse? ConsumerService { get; private set; }

    /// <summary>Who asks, in words.</summary>
    public string AskerName => Customer?.Name ?? ConsumerService!.Name;

    public GetServiceImpact.ImpactResponse Impact { get; private set; } = null!;

    public NegotiationFacts Facts { get; private set; } = null!;

    /// <summary>The analysis of the current round already published, which a new one would replace.</summary>
    public AnalysisResponse? Published { get; private set; }

    public TargetRows CounterTargets { get; private set; } = null!;

    [BindProperty]
    public AnalysisFields Analysis { get; set; } = new();

    public async Task OnGetAsync(Guid id, CancellationToken cancellationToken) => await LoadAsync(id, cancellationToken);

    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken cancellationToken)
    {
        await LoadAsync(id, cancellationToken);
        var maps = new AnalysisMaps();
        var input = Analysis.ToInput(Service.Cost.Currency, CounterTargets, maps, Errors);
        if (await TryAsync(() => mediator.Send(new PublishAnalysis.Command(id, input), cancellationToken), maps.FieldOf(CounterTargets)))
        {
            return RedirectToPage("/Queue/Proposal", new { id });
        }

        return Page();
    }

    private async Task LoadAsync(Guid id, CancellationToken cancellationToken)
    {
        Proposal = await mediator.Send(new GetProposal.Query(id), cancellationToken);
        Service = await mediator.Send(new GetService.Query(Proposal.ServiceId), cancellationToken);
        Customer = Proposal.CustomerId is { } customerId ? await mediator.Send(new GetCustomer.Query(customerId), cancellationToken) : null;
        ConsumerService = Proposal.ConsumerServiceId is { } consumerId ? await mediator.Send(new GetService.Query(consumerId), cancellationToken) : null;
        Impact = await mediator.Send(new GetServiceImpact.Query(Proposal.ServiceId), cancellationToken);
        Published = Proposal.CurrentAnalysisId is { } analysisId ? await mediator.Send(new GetAnalysis.Query(id, analysisId), cancellationToken) : null;
        Facts = await NegotiationFacts.LoadAsync(mediator, Proposal, analysis: null, cancellationToken);
        var zone = Customer?.TimeZone ?? customerOptions.Value.DefaultTimeZone;
        CounterTargets = await TargetRows.LoadAsync(mediator, "counterOffer.targets", zone, cancellationToken);
        Analysis.CounterOffer.Targets = CounterTargets.Fill(Analysis.CounterOffer.Targets);
        Analysis.Padded(zone);
    }
}
