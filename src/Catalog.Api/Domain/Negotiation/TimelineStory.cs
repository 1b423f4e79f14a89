using System.Globalization;
using System.Text;
using Catalog.Api.Domain.Agreements;
using Catalog.Api.Domain.Common;
using Catalog.Api.Domain.Metrics;

namespace Catalog.Api.Domain.Negotiation;

/// <summary>
/// A proposal's timeline as a story a business reader follows: who asked for what, what IT said it would cost
/// and take, what changed between rounds, who decided, and why a proposal was withdrawn.
/// </summary>
public static class TimelineStory
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    /// <param name="ServiceNames">Names of the services the analyses' consequences mention, by id.</param>
    /// <param name="Agreed">The agreement version the acceptance created, if the proposal was agreed.</param>
    public sealed record Context(
        string ServiceName,
        string CustomerName,
        IReadOnlyDictionary<string, Metric> Metrics,
        IReadOnlyDictionary<Guid, string> ServiceNames,
        AgreementVersion? Agreed);

    public static string Title(Proposal proposal, Context context) => $"\"{proposal.Title}\": {context.CustomerName} and {context.ServiceName}";

    public static string Markdown(Proposal proposal, Context context)
    {
        var customer = MarkdownText.Escape(context.CustomerName);
        var text = new StringBuilder();
        text.Append(Invariant, $"# \"{MarkdownText.Escape(proposal.Title)}\": {customer} and {MarkdownText.Escape(context.ServiceName)}\n\n");
        text.Append(Invariant, $"{customer} asked IT for new service levels on {MarkdownText.Escape(context.ServiceName)}. {Status(proposal.Status)}\n\n");
        text.Append(Invariant, $"Why: {MarkdownText.Escape(proposal.BusinessJustification)}\n\n");
        text.Append("## What happened\n\n");
        foreach (var entry in proposal.Events.OrderBy(e => e.Sequence))
        {
            text.Append(Invariant, $"- {When(entry.OccurredAt)}: {Entry(proposal, entry, context)}\n");
        }

        return text.ToString();
    }

    private static string Entry(Proposal proposal, ProposalEvent entry, Context context)
    {
        var who = Who(entry.Actor, context);
        var round = proposal.Rounds.Single(r => r.Number == entry.Round);
        switch (entry.Type)
        {
            case ProposalEventType.Created:
                return $"{who} opened the proposal asking for {Targets(round.Targets, context)}.";
            case ProposalEventType.Submitted:
                return $"{who} sent the proposal to IT.";
            case ProposalEventType.Revised:
                var previous = proposal.Rounds.Single(r => r.Number == entry.Round - 1);
                var note = string.IsNullOrEmpty(entry.Note) ? string.Empty : $" Their note: {Close(MarkdownText.Escape(entry.Note))}";
                return $"{who} revised the targets (round {entry.Round}): {Changes(previous.Targets, round.Targets, context)}.{note}";
            case ProposalEventType.Analysed:
                return Analysis(proposal.Analyses.Single(a => a.Id == entry.AnalysisId), who, context);
            case ProposalEventType.Accepted:
                return Acceptance(entry, who, context);
            default:
                return $"{who} withdrew the proposal. The reason given: {Close(MarkdownText.Escape(entry.Note))}";
        }
    }

    private static string Analysis(ImpactAnalysis analysis, string who, Context context)
    {
        var content = analysis.Content;
        var story = new StringBuilder();
        story.Append(Invariant, $"{who} answered round {analysis.Round}: meeting these targets would add {Money(content.MonthlyCostDelta, content.Currency)} per month");
        story.Append(Invariant, $" and cost {Money(content.OneOffCost, content.Currency)} once, taking effect {Days(content.LeadTimeDays)} after acceptance; {Feasibility(content.Feasibility)}.");
        if (content.TradeOffs.Count > 0)
        {
            story.Append(Invariant, $" What the customer would give up: {Close(string.Join("; ", content.TradeOffs.Select(MarkdownText.Escape)))}");
        }

        if (content.Consequences.Count > 0)
        {
            var consequences = content.Consequences.Select(c =>
                (c.ServiceId is { } id && context.ServiceNames.GetValueOrDefault(id) is { } name ? $"{MarkdownText.Escape(name)}: " : string.Empty) + MarkdownText.Escape(c.Description));
            story.Append(Invariant, $" Effects on other services: {Close(string.Join("; ", consequences))}");
        }

        if (content.CounterOffer is { } offer)
        {
            story.Append(Invariant, $" IT also offered {Targets(offer.Targets, context)} instead, adding {Money(offer.MonthlyCostDelta, content.Currency)} per month and costing {Money(offer.OneOffCost, content.Currency)} once, taking effect {Days(offer.LeadTimeDays)} after acceptance");
            story.Append(offer.Note is null ? "." : $" ({MarkdownText.Escape(offer.Note)}).");
        }

        if (!analysis.IsCurrent)
        {
            story.Append(" A newer analysis later replaced this one.");
        }

        return story.ToString();
    }

    private static string Acceptance(ProposalEvent entry, string who, Context context)
    {
        var option = entry.Note == "counter-offer" ? "IT's counter-offer" : "the targets as proposed";
        if (context.Agreed is not { } version)
        {
            return $"{who} accepted {option}.";
        }

        var signer = version.SignedBy is { } signatory ? $"{AgreementDocument.Signature(signatory)} signed for {MarkdownText.Escape(context.CustomerName)}, accepting" : $"{who} accepted";
        return $"{signer} {option}: version {version.Number} of the agreement, {Money(version.MonthlyCharge, version.Currency)} per month"
            + $"{(version.OneOffCost > 0 ? $" and {Money(version.OneOffCost, version.Currency)} once" : string.Empty)}, in force from {AgreementDocument.Date(version.EffectiveFrom)}.";
    }

    private static string Targets(IReadOnlyList<Target> targets, Context context) =>
        string.Join("; ", targets.Select(t => TargetWording.Describe(t, context.Metrics)));

    /// <summary>"time to restore, P1 incidents: 30 → 15 minutes, stricter; support hours: around the clock (24x7), added".</summary>
    private static string Changes(IReadOnlyList<Target> before, IReadOnlyList<Target> after, Context context)
    {
        var old = before.ToDictionary(t => t.Identity);
        var changes = new List<string>();
        foreach (var target in after)
        {
            var label = TargetWording.Label(target.Metric, target.Scope, context.Metrics);
            if (!old.TryGetValue(target.Identity, out var was))
            {
                changes.Add($"{label}: {TargetWording.Value(target.Metric, target.Value, context.Metrics)}, added");
            }
            else if (was.Value != target.Value)
            {
                var strictness = context.Metrics.TryGetValue(target.Metric, out var metric) ? TargetRules.Strictness(metric, target.Value, was.Value) : 0;
                var direction = strictness > 0 ? ", stricter" : strictness < 0 ? ", looser" : string.Empty;
                changes.Add($"{label}: {TargetWording.Change(target.Metric, was.Value, target.Value, context.Metrics)}{direction}");
            }
        }

        var kept = after.Select(t => t.Identity).ToHashSet();
        changes.AddRange(before.Where(t => !kept.Contains(t.Identity)).Select(t => $"{TargetWording.Label(t.Metric, t.Scope, context.Metrics)}, removed"));
        return changes.Count == 0 ? "the same targets again" : string.Join("; ", changes);
    }

    private static string Who(ActorRef actor, Context context) => actor.Role switch
    {
        "customer" => MarkdownText.Escape(context.CustomerName),
        "it-lead" => $"IT ({MarkdownText.Escape(actor.Name)})",
        _ => $"An administrator ({MarkdownText.Escape(actor.Name)})",
    };

    private static string Status(ProposalStatus status) => status switch
    {
        ProposalStatus.Draft => "The proposal is still a draft.",
        ProposalStatus.Submitted => "IT has yet to answer.",
        ProposalStatus.Analysed => "IT has answered; the decision is the customer's.",
        ProposalStatus.Agreed => "They agreed.",
        _ => "The proposal was withdrawn.",
    };

    private static string Feasibility(Feasibility feasibility) => feasibility switch
    {
        Negotiation.Feasibility.Feasible => "feasible as things stand",
        Negotiation.Feasibility.NeedsInvestment => "feasible with investment",
        _ => "not feasible with the current technology",
    };

    /// <summary>Ends what someone typed as a sentence, without doubling the full stop they may have typed.</summary>
    private static string Close(string text) => text.Length > 0 && text[^1] is '.' or '!' or '?' ? text : text + ".";

    private static string Days(int days) => days == 1 ? "1 day" : $"{days} days";

    private static string When(DateTime instant) => instant.ToString("d MMMM yyyy, HH:mm 'UTC'", Invariant);

    private static string Money(decimal amount, string currency) => AgreementDocument.Money(amount, currency);
}
