using Catalog.Api.Domain.Services;
using Catalog.Api.Features.Customers;
using Catalog.Api.Features.Proposals;
using Catalog.Api.Features.Services;
using Catalog.Api.Infrastructure.Auth;
using Catalog.Api.Infrastructure.Http;
using Catalog.Api.Portal.Forms;
using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace Catalog.Api.Portal.Pages.Proposals;

/// <summary>
/// A business unit proposes targets for a service it subscribes to, or any live service it finds: one row per metric,
/// each with what its values mean, kept as a draft or sent to IT at once.
/// </summary>
// The business unit's side of the negotiation; IT leads negotiate between services through the API.
[Authorize(Roles = Roles.Customer)]
public sealed class NewProposalModel(IMediator mediator, Actor actor) : FormPage
{
    private const int SearchResults = 20;

    public sealed record ServiceChoice(Guid Id, string Name, string Note);

    [BindProperty(SupportsGet = true)]
    public Guid? ServiceId { get; set; }

    /// <summary>A search of the live services, for one it does not subscribe to yet.</summary>
    [BindProperty(SupportsGet = true)]
    public string? Q { get; set; }

    [BindProperty]
    public string? Title { get; set; }

    [BindProperty]
    public string? BusinessJustification { get; set; }

    [BindProperty]
    public List<TargetField>? Targets { get; set; }

    public IReadOnlyList<ServiceChoice> Services { get; private set; } = [];

    public TargetRows Rows { get; private set; } = null!;

    public async Task OnGetAsync(CancellationToken cancellationToken) => await LoadAsync(cancellationToken);

    public async Task<IActionResult> OnPostAsync(bool submit, CancellationToken cancellationToken)
    {
        await LoadAsync(cancellationToken);
        var input = new CreateProposal.ProposalInput(ServiceId, null, FormValues.Text(Title), FormValues.Text(BusinessJustification), Rows.Inputs(Targets), submit);
        ProposalResponse? created = null;
        if (await TryAsync(async () => created = await mediator.Send(new CreateProposal.Command(input), cancellationToken), Rows.FieldOf))
        {
            return RedirectToPage("/Proposals/Proposal", new { id = created!.Id });
        }

        return Page();
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        var customer = await mediator.Send(new GetCustomer.Query(actor.CustomerId!.Value), cancellationToken);
        Rows = await TargetRows.LoadAsync(mediator, "targets", customer.TimeZone, cancellationToken);
        Targets = Rows.Fill(Targets);

        var subscribed = (await mediator.Send(new ListSubscriptions.Query(customer.Id, new PageRequest(PageRequest.MaxLimit, null)), cancellationToken)).Items
            .Select(s => new ServiceChoice(s.ServiceId, s.ServiceName, "you subscribe to it"));
        var found = string.IsNullOrWhiteSpace(Q)
            ? []
            : (await mediator.Send(new ListServices.Query(new PageRequest(SearchResults, null), Lifecycle: Lifecycle.Live, Q: Q.Trim()), cancellationToken)).Items
                .Select(s => new ServiceChoice(s.Id, s.Name, "found"));
        var choices = subscribed.Concat(found).DistinctBy(s => s.Id).ToList();
        if (ServiceId is { } chosen && choices.All(s => s.Id != chosen))
        {
            var service = await mediator.Send(new GetService.Query(chosen), cancellationToken);
            choices.Insert(0, new ServiceChoice(service.Id, service.Name, "chosen in the catalog"));
        }

        Services = choices;
    }
}
