using Catalog.Api.Domain.Common;
using Catalog.Api.Domain.Negotiation;

namespace Catalog.Api.UnitTests.Domain.Negotiation;

public class ProposalStateMachineTests
{
    /// <summary>The legal actions per status, in declaration order, as the refusal names them.</summary>
    private static readonly Dictionary<ProposalStatus, string[]> LegalActions = new()
    {
        [ProposalStatus.Draft] = ["submit", "revise", "withdraw"],
        [ProposalStatus.Submitted] = ["revise", "analyse", "withdraw"],
        [ProposalStatus.Analysed] = ["revise", "analyse", "accept", "withdraw"],
        [ProposalStatus.Agreed] = [],
        [ProposalStatus.Withdrawn] = [],
    };

    /// <summary>Every (status × action) pair; a null next status means the action is refused.</summary>
    public static TheoryData<ProposalStatus, ProposalAction, ProposalStatus?> EveryPair => new()
    {
        { ProposalStatus.Draft, ProposalAction.Submit, ProposalStatus.Submitted },
        { ProposalStatus.Draft, ProposalAction.Revise, ProposalStatus.Draft },
        { ProposalStatus.Draft, ProposalAction.Analyse, null },
        { ProposalStatus.Draft, ProposalAction.Accept, null },
        { ProposalStatus.Draft, ProposalAction.Withdraw, ProposalStatus.Withdrawn },

        { ProposalStatus.Submitted, ProposalAction.Submit, null },
        { ProposalStatus.Submitted, ProposalAction.Revise, ProposalStatus.Submitted },
        { ProposalStatus.Submitted, ProposalAction.Analyse, ProposalStatus.Analysed },
        { ProposalStatus.Submitted, ProposalAction.Accept, null },
        { ProposalStatus.Submitted, ProposalAction.Withdraw, ProposalStatus.Withdrawn },

        { ProposalStatus.Analysed, ProposalAction.Submit, null },
        { ProposalStatus.Analysed, ProposalAction.Revise, ProposalStatus.Submitted },
        { ProposalStatus.Analysed, ProposalAction.Analyse, ProposalStatus.Analysed },
        { ProposalStatus.Analysed, ProposalAction.Accept, ProposalStatus.Agreed },
        { ProposalStatus.Analysed, ProposalAction.Withdraw, ProposalStatus.Withdrawn },

        { ProposalStatus.Agreed, ProposalAction.Submit, null },
        { ProposalStatus.Agreed, ProposalAction.Revise, null },
        { ProposalStatus.Agreed, ProposalAction.Analyse, null },
        { ProposalStatus.Agreed, ProposalAction.Accept, null },
        { ProposalStatus.Agreed, ProposalAction.Withdraw, null },

        { ProposalStatus.Withdrawn, ProposalAction.Submit, null },
        { ProposalStatus.Withdrawn, ProposalAction.Revise, null },
        { ProposalStatus.Withdrawn, ProposalAction.Analyse, null },
        { ProposalStatus.Withdrawn, ProposalAction.Accept, null },
        { ProposalStatus.Withdrawn, ProposalAction.Withdraw, null },
    };

    [Fact]
    public void EveryPair_Table_CoversAllStatusesAndActions()
    {
        // If a status or an action is added, the table above must grow with its pairs.
        Assert.Equal(
            [ProposalStatus.Draft, ProposalStatus.Submitted, ProposalStatus.Analysed, ProposalStatus.Agreed, ProposalStatus.Withdrawn],
            Enum.GetValues<ProposalStatus>());
        Assert.Equal(
            [ProposalAction.Submit, ProposalAction.Revise, ProposalAction.Analyse, ProposalAction.Accept, ProposalAction.Withdraw],
            Enum.GetValues<ProposalAction>());
        Assert.Equal(25, EveryPair.Count);
        Assert.Equal(25, EveryPair.Select(row => ((ProposalStatus)row[0], (ProposalAction)row[1])).Distinct().Count());
    }

    [Theory]
    [MemberData(nameof(EveryPair))]
    public void Apply_EveryStatusAndAction_MovesToTheTabledStatusOrRefuses(ProposalStatus from, ProposalAction action, ProposalStatus? expected)
    {
        if (expected is { } next)
        {
            Assert.Equal(next, ProposalStateMachine.Apply(from, action));
            Assert.Equal(next, ProposalStateMachine.Next(from, action));
            return;
        }

        Assert.Null(ProposalStateMachine.Next(from, action));
        var error = Assert.Throws<DomainRuleException>(() => ProposalStateMachine.Apply(from, action));

        var name = from.ToString().ToLowerInvariant();
        Assert.Equal("proposal-action-not-allowed", error.Code);
        Assert.Equal(name, error.Facts["currentStatus"]);
        Assert.Equal(LegalActions[from], Assert.IsAssignableFrom<IEnumerable<string>>(error.Facts["allowedActions"]));
        Assert.Contains($"The proposal is {name};", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(ProposalStatus.Draft)]
    [InlineData(ProposalStatus.Submitted)]
    [InlineData(ProposalStatus.Analysed)]
    [InlineData(ProposalStatus.Agreed)]
    [InlineData(ProposalStatus.Withdrawn)]
    public void Allowed_EachStatus_ListsExactlyTheLegalActions(ProposalStatus status)
    {
        Assert.Equal(LegalActions[status], ProposalStateMachine.Allowed(status).Select(ProposalStateMachine.Name));
    }

    [Theory]
    [InlineData(ProposalStatus.Agreed)]
    [InlineData(ProposalStatus.Withdrawn)]
    public void Allowed_FinalStatus_AllowsNothing(ProposalStatus status)
    {
        Assert.Empty(ProposalStateMachine.Allowed(status));
    }

    [Theory]
    [InlineData(ProposalStatus.Agreed, ProposalAction.Withdraw, "The proposal is agreed; it cannot be withdrawn.")]
    [InlineData(ProposalStatus.Withdrawn, ProposalAction.Submit, "The proposal is withdrawn; it cannot be submitted.")]
    public void Apply_FinalStatus_MessageSaysTheNegotiationIsClosed(ProposalStatus status, ProposalAction action, string start)
    {
        var error = Assert.Throws<DomainRuleException>(() => ProposalStateMachine.Apply(status, action));

        Assert.StartsWith(start, error.Message, StringComparison.Ordinal);
        Assert.Contains("nothing, the negotiation is closed", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Apply_RefusedWithLegalAlternatives_MessageListsThem()
    {
        var error = Assert.Throws<DomainRuleException>(() => ProposalStateMachine.Apply(ProposalStatus.Submitted, ProposalAction.Accept));

        Assert.Equal("The proposal is submitted; it cannot be accepted. Allowed now: revise, analyse, withdraw.", error.Message);
    }

    [Fact]
    public void Analyse_FromAnyStatus_NeverLeadsAnywhereButAnalysed()
    {
        // IT's only move is analyse; it can only ever answer, never close the negotiation.
        foreach (var status in Enum.GetValues<ProposalStatus>())
        {
            var next = ProposalStateMachine.Next(status, ProposalAction.Analyse);
            Assert.True(next is null or ProposalStatus.Analysed, $"analyse from {status} leads to {next}");
        }
    }

    [Fact]
    public void Analysed_EveryAction_LeadsOnlyToCustomerDecisionsOrAnotherAnalysis()
    {
        var reachable = Enum.GetValues<ProposalAction>()
            .Select(action => ProposalStateMachine.Next(ProposalStatus.Analysed, action))
            .OfType<ProposalStatus>()
            .Distinct()
            .Order();

        Assert.Equal([ProposalStatus.Submitted, ProposalStatus.Analysed, ProposalStatus.Agreed, ProposalStatus.Withdrawn], reachable);
    }

    [Fact]
    public void Vocabulary_Actions_HaveNoReject()
    {
        var actions = Enum.GetNames<ProposalAction>();

        Assert.DoesNotContain("Reject", actions);
        Assert.DoesNotContain(actions, a => a.Contains("reject", StringComparison.OrdinalIgnoreCase) || a.Contains("decline", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public void Vocabulary_Statuses_HaveNoRejectedState()
    {
        Assert.DoesNotContain(
            Enum.GetNames<ProposalStatus>(),
            s => s.Contains("reject", StringComparison.OrdinalIgnoreCase) || s.Contains("decline", StringComparison.OrdinalIgnoreCase));
    }

    [Theory]
    [InlineData(ProposalStatus.Draft, "draft")]
    [InlineData(ProposalStatus.Submitted, "submitted")]
    [InlineData(ProposalStatus.Analysed, "analysed")]
    [InlineData(ProposalStatus.Agreed, "agreed")]
    [InlineData(ProposalStatus.Withdrawn, "withdrawn")]
    public void Name_Status_IsLowerCase(ProposalStatus status, string expected)
    {
        Assert.Equal(expected, ProposalStateMachine.Name(status));
    }
}
