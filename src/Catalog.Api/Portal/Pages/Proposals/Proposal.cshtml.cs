using Catalog.Api.Domain.Negotiation;
using Catalog.Api.Features.Customers;
using Catalog.Api.Features.Metrics;
using Catalog.Api.Features.Proposals;
using Catalog.Api.Features.Services;
using Catalog.Api.Infrastructure.Auth;
using Catalog.Api.Infrastructure.Http;
using Catalog.Api.Portal.Forms;
using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace Catalog.Api.Portal.Pages.Proposals;

/// <summary>The person who signs, as typed into the acceptance form.</summary>
public sealed class SignatoryField
{
    public string? Name { get; set; }

    public string? Title { get; set; }
}

/// <summary>
/// One of the business unit's proposals: what it asked for beside IT's analysis (each option's cost, when it would take
/// effect, what it means, what it gives up), whether IT can keep it and what was delivered so far, the story so far,
/// and the decisions that are the business unit's alone: send, accept (naming who signs), revise, withdraw.
/// </summary>
// The business unit's side of the negotiation; IT leads negotiate between services through the API.
[Authorize(Roles = Roles.Customer)]
public sealed class ProposalModel(IMediator mediator, Actor actor) : FormPage
{
    /// <summary>Which form was sent back, so its errors show beside it.</summary>
    public enum Form
    {
        None,
        Submit,
        Accept,
        Revise,
        Withdraw,
    }

    public ProposalResponse Proposal { get; private set; } = null!;

    public ServiceResponse Service { get; private set; } = null!;

    /// <summary>The analysis to decide on (or the one accepted); null before IT has answered the current round.</summary>
    public AnalysisResponse? Analysis { get; private set; }

    /// <summary>Feasibility and delivered history: as they stood when IT answered, or as they stand now before it has.</summary>
    public NegotiationFacts Facts { get; private set; } = null!;

    public IReadOnlyDictionary<string, MetricResponse> Metrics => Facts.Metrics;

    public IReadOnlyDictionary<Guid, string> ServiceNames { get; private set; } = new Dictionary<Guid, string>();

    public string TimelineHtml { get; private set; } = string.Empty;

    public TargetRows Rows { get; private set; } = null!;

    public Form Posted { get; private set; }

    public AcceptOption? PostedOption { get; private set; }

    [BindProperty]
    public List<TargetField>? Targets { get; set; }

    [BindProperty]
    public string? Note { get; set; }

    [BindProperty]
    public string? Reason { get; set; }

    [BindProperty]
    public SignatoryField? SignedBy { get; set; }

    public async Task OnGetAsync(Guid id, CancellationToken cancellationToken) => await LoadAsync(id, cancellationToken);

    public Task<IActionResult> OnPostSubmitAsync(Guid id, CancellationToken cancellationToken) =>
        ActAsync(id, Form.Submit, () => mediator.Send(new SubmitProposal.Command(id), cancellationToken), cancellationToken);

    public Task<IActionResult> OnPostWithdrawAsync(Guid id, CancellationToken cancellationToken) =>
        ActAsync(id, Form.Withdraw, () => mediator.Send(new WithdrawProposal.Command(id, new WithdrawProposal.WithdrawalInput(FormValues.Text(Reason))), cancellationToken), cancellationToken);

    public async Task<IActionResult> OnPostReviseAsync(Guid id, CancellationToken cancellationToken)
    {
        await LoadAsync(id, cancellationToken);
        var input = new ReviseProposal.RevisionInput(Rows.Inputs(Targets), FormValues.Text(Note));
        return await ActAsync(id, Form.Revise, () => mediator.Send(new ReviseProposal.Command(id, input), cancellationToken), cancellationToken, loaded: true);
    }

    /// <param name="monthlyCharge">The resulting charge the page showed for the option: what the person saw is what is confirmed.</param>
    public async Task<IActionResult> OnPostAcceptAsync(Guid id, Guid? analysisId, AcceptOption? option, string? monthlyCharge, CancellationToken cancellationToken)
    {
        PostedOption = option;
        var charge = FormValues.Amount(monthlyCharge, "monthlyCharge", Errors);
        var signatory = new AcceptProposal.SignatoryInput(FormValues.Text(SignedBy?.Name), FormValues.Text(SignedBy?.Title));
        var input = new AcceptProposal.AcceptanceInput(analysisId, option, charge, signatory);
        return await ActAsync(id, Form.Accept, () => mediator.Send(new AcceptProposal.Command(id, input), cancellationToken), cancellationToken);
    }

    private async Task<IActionResult> ActAsync<T>(Guid id, Form form, Func<Task<T>> send, CancellationToken cancellationToken, bool loaded = false)
    {
        Posted = form;
        if (!loaded)
        {
            // Load first: a proposal that is not this business unit's is the not-found page, whatever the form said.
            await LoadAsync(id, cancellationToken);
        }

        if (await TryAsync(send, form == Form.Revise ? Rows.FieldOf : null))
        {
            return RedirectToPage("/Proposals/Proposal", new { id });
        }

        return Page();
    }

    private async Task LoadAsync(Guid id, CancellationToken cancellationToken)
    {
        Proposal = await mediator.Send(new GetProposal.Query(id), cancellationToken);
        Service = await mediator.Send(new GetService.Query(Proposal.ServiceId), cancellationToken);
        var shown = Proposal.AcceptedAnalysisId ?? Proposal.CurrentAnalysisId;
        Analysis = shown is { } analysisId ? await mediator.Send(new GetAnalysis.Query(id, analysisId), cancellationToken) : null;
        Facts = await NegotiationFacts.LoadAsync(mediator, Proposal, Analysis, cancellationToken);

        var mentioned = (Analysis?.Consequences ?? []).Where(c => c.ServiceId is not null).Select(c => c.ServiceId!.Value).Distinct();
        var names = new Dictionary<Guid, string>();
        foreach (var serviceId in mentioned)
        {
            names[serviceId] = (await mediator.Send(new GetService.Query(serviceId), cancellationToken)).Name;
        }

        ServiceNames = names;
        var timeline = await mediator.Send(new GetProposalTimeline.Query(id), cancellationToken);
        TimelineHtml = PlainLanguage.Fragment([new PlainPart(timeline.Markdown)], headingLevelsDown: 1);
        var customer = await mediator.Send(new GetCustomer.Query(actor.CustomerId!.Value), cancellationToken);
        Rows = await TargetRows.LoadAsync(mediator, "targets", customer.TimeZone, cancellationToken);
        Targets = Rows.Fill(Targets, Proposal.Targets);
    }
}
