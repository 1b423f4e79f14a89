using Catalog.Api.Domain.Common;

namespace Catalog.Api.Domain.Negotiation;

public enum ProposalStatus
{
    Draft,
    Submitted,
    Analysed,
    Agreed,
    Withdrawn,
}

public enum ProposalAction
{
    Submit,
    Revise,
    Analyse,
    Accept,
    Withdraw,
}

/// <summary>
/// The negotiation's states and the only moves between them. IT has one move, analyse; everything that
/// decides (submit, revise, accept, withdraw) belongs to the customer. Agreed and withdrawn are final.
/// </summary>
public static class ProposalStateMachine
{
    public static ProposalStatus? Next(ProposalStatus from, ProposalAction action) => (from, action) switch
    {
        (ProposalStatus.Draft, ProposalAction.Submit) => ProposalStatus.Submitted,
        (ProposalStatus.Draft, ProposalAction.Revise) => ProposalStatus.Draft,
        (ProposalStatus.Draft, ProposalAction.Withdraw) => ProposalStatus.Withdrawn,
        (ProposalStatus.Submitted, ProposalAction.Analyse) => ProposalStatus.Analysed,
        (ProposalStatus.Submitted, ProposalAction.Revise) => ProposalStatus.Submitted,
        (ProposalStatus.Submitted, ProposalAction.Withdraw) => ProposalStatus.Withdrawn,
        (ProposalStatus.Analysed, ProposalAction.Analyse) => ProposalStatus.Analysed,
        (ProposalStatus.Analysed, ProposalAction.Revise) => ProposalStatus.Submitted,
        (ProposalStatus.Analysed, ProposalAction.Accept) => ProposalStatus.Agreed,
        (ProposalStatus.Analysed, ProposalAction.Withdraw) => ProposalStatus.Withdrawn,
        _ => null,
    };

    public static IReadOnlyList<ProposalAction> Allowed(ProposalStatus from) =>
        Enum.GetValues<ProposalAction>().Where(action => Next(from, action) is not null).ToList();

    /// <summary>The state after <paramref name="action"/>, or a 409-worthy refusal naming the state and what is allowed.</summary>
    public static ProposalStatus Apply(ProposalStatus from, ProposalAction action)
    {
        if (Next(from, action) is { } next)
        {
            return next;
        }

        var allowed = Allowed(from).Select(Name).ToList();
        throw new DomainRuleException(
            "proposal-action-not-allowed",
            $"The proposal is {Name(from)}; it cannot be {Past(action)}. Allowed now: {(allowed.Count == 0 ? "nothing, the negotiation is closed" : string.Join(", ", allowed))}.",
            new Dictionary<string, object?> { ["currentStatus"] = Name(from), ["allowedActions"] = allowed });
    }

    public static string Name(ProposalStatus status) => status.ToString().ToLowerInvariant();

    public static string Name(ProposalAction action) => action.ToString().ToLowerInvariant();

    private static string Past(ProposalAction action) => action switch
    {
        ProposalAction.Submit => "submitted",
        ProposalAction.Revise => "revised",
        ProposalAction.Analyse => "analysed",
        ProposalAction.Accept => "accepted",
        ProposalAction.Withdraw => "withdrawn",
        _ => action.ToString(),
    };
}
