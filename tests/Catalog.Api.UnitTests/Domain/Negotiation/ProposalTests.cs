using Catalog.Api.Domain.Agreements;
using Catalog.Api.Domain.Common;
using Catalog.Api.Domain.Negotiation;
using Catalog.Api.Domain.Services;
using static Catalog.Api.UnitTests.Domain.Negotiation.NegotiationTestData;
using static Catalog.Api.UnitTests.TestData;

namespace Catalog.Api.UnitTests.Domain.Negotiation;

public class ProposalTests
{
    private static void AssertEvent(
        ProposalEvent e, int sequence, ProposalEventType type, int round, ActorRef actor, DateTime at, Guid? analysisId = null, string? note = null)
    {
        Assert.Equal(
            (sequence, type, round, actor, at, analysisId, note),
            (e.Sequence, e.Type, e.Round, e.Actor, e.OccurredAt, e.AnalysisId, e.Note));
    }

    // ---- Open ----

    [Theory]
    [InlineData(Lifecycle.Pipeline, "pipeline")]
    [InlineData(Lifecycle.Retired, "retired")]
    public void Open_ServiceNotLive_ThrowsServiceNotLive(Lifecycle lifecycle, string name)
    {
        var service = NewService("mail", lifecycle);

        var error = Assert.Throws<DomainRuleException>(
            () => Proposal.Open(service, CustomerId, "Title", "Why", Round1Targets, true, Customer, T0));

        Assert.Equal("service-not-live", error.Code);
        Assert.Contains("'mail'", error.Message, StringComparison.Ordinal);
        Assert.Contains($"is {name}", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Open_LiveServiceWithoutSubmit_IsDraftWithRoundOne()
    {
        var service = LiveService();

        var proposal = Proposal.Open(service, CustomerId, "Mail for the closing week", "Month-end.", Round1Targets, false, Customer, T0);

        Assert.Equal(ProposalStatus.Draft, proposal.Status);
        Assert.Equal(service.Id, proposal.ServiceId);
        Assert.Equal(CustomerId, proposal.CustomerId);
        Assert.Equal("Mail for the closing week", proposal.Title);
        Assert.Equal("Month-end.", proposal.BusinessJustification);
        Assert.NotEqual(Guid.Empty, proposal.Id);
        Assert.Equal(1, proposal.CurrentRound);
        var round = Assert.Single(proposal.Rounds);
        Assert.Equal((proposal.Id, 1, Customer, T0, (string?)null), (round.ProposalId, round.Number, round.CreatedBy, round.CreatedAt, round.Note));
        Assert.Equal(Round1Targets, round.Targets);
        Assert.Empty(proposal.Analyses);
        Assert.Null(proposal.CurrentAnalysis);
        Assert.Equal((T0, T0, 1), (proposal.CreatedAt, proposal.UpdatedAt, proposal.Version));
        AssertEvent(Assert.Single(proposal.Events), 1, ProposalEventType.Created, 1, Customer, T0);
        Assert.Equal(proposal.Id, proposal.Events[0].ProposalId);
    }

    [Fact]
    public void Open_WithSubmit_IsSubmittedWithCreatedAndSubmittedEvents()
    {
        var proposal = OpenProposal(submit: true);

        Assert.Equal(ProposalStatus.Submitted, proposal.Status);
        Assert.Equal(2, proposal.Events.Count);
        AssertEvent(proposal.Events[0], 1, ProposalEventType.Created, 1, Customer, T0);
        AssertEvent(proposal.Events[1], 2, ProposalEventType.Submitted, 1, Customer, T0);
        Assert.Equal(2, proposal.Version);
    }

    [Fact]
    public void Open_TargetsListChangedLater_RoundKeepsItsOwnCopy()
    {
        var targets = new List<Target> { Availability(99.9m) };
        var proposal = OpenProposal(targets: targets);

        targets.Add(SupportHours("24x7"));

        Assert.Equal([Availability(99.9m)], proposal.Rounds[0].Targets);
    }

    // ---- A service that no longer takes work ----

    public static TheoryData<string> MovesTowardsAnAgreement => new("submit", "revise", "accept");

    [Theory]
    [MemberData(nameof(MovesTowardsAnAgreement))]
    public void MoveTowardsAgreement_ServiceRetired_ThrowsServiceNotLiveAndRecordsNothing(string move)
    {
        var service = LiveService();
        var (proposal, analysis) = AnalysedProposal(service: service);
        var draft = OpenProposal(submit: false, service: service);
        service.MoveTo(Lifecycle.Retired, [], [], T2);

        var error = Assert.Throws<DomainRuleException>(() =>
        {
            switch (move)
            {
                case "submit": draft.Submit(service, Customer, T3); break;
                case "revise": proposal.Revise(service, Round2Targets, null, Customer, T3); break;
                default: proposal.Accept(service, analysis.Id, AcceptOption.Proposed, 1_500m, AgreementStanding.None, Signer, Customer, T3); break;
            }
        });

        Assert.Equal("service-not-live", error.Code);
        Assert.Contains("'mail' is retired", error.Message, StringComparison.Ordinal);
        Assert.Equal((ProposalStatus.Draft, 1), (draft.Status, draft.Version));
        Assert.Equal((ProposalStatus.Analysed, 3, 1), (proposal.Status, proposal.Version, proposal.CurrentRound));
    }

    [Fact]
    public void Withdraw_ServiceRetired_StillWithdraws()
    {
        var service = LiveService();
        var proposal = OpenProposal(service: service);
        service.MoveTo(Lifecycle.Retired, [], [], T2);

        proposal.Withdraw("The service is going away.", Customer, T3);

        Assert.Equal(ProposalStatus.Withdrawn, proposal.Status);
    }

    [Fact]
    public void Submit_AnotherService_IsAProgrammingError()
    {
        var proposal = OpenProposal(submit: false);

        Assert.Throws<ArgumentException>(() => proposal.Submit(LiveService(), Customer, T1));
        Assert.Equal(ProposalStatus.Draft, proposal.Status);
    }

    // ---- Submit ----

    [Fact]
    public void Submit_Draft_SubmitsAndRecordsEvent()
    {
        var proposal = OpenProposal(submit: false);

        proposal.Submit(Mail, Customer2, T1);

        Assert.Equal(ProposalStatus.Submitted, proposal.Status);
        AssertEvent(proposal.Events[^1], 2, ProposalEventType.Submitted, 1, Customer2, T1);
        Assert.Equal((2, T1), (proposal.Version, proposal.UpdatedAt));
    }

    [Fact]
    public void Submit_AlreadySubmitted_ThrowsAndRecordsNothing()
    {
        var proposal = OpenProposal();

        var error = Assert.Throws<DomainRuleException>(() => proposal.Submit(Mail, Customer, T1));

        Assert.Equal("proposal-action-not-allowed", error.Code);
        Assert.Equal(ProposalStatus.Submitted, proposal.Status);
        Assert.Equal(2, proposal.Events.Count);
        Assert.Equal((2, T0), (proposal.Version, proposal.UpdatedAt));
    }

    // ---- PublishAnalysis ----

    [Fact]
    public void PublishAnalysis_Submitted_AnalysesTheCurrentRound()
    {
        var proposal = OpenProposal();
        var content = Analysis(counterOffer: Counter());

        var analysis = proposal.PublishAnalysis(content, ItLead, T1);

        Assert.Equal(ProposalStatus.Analysed, proposal.Status);
        Assert.Same(analysis, proposal.CurrentAnalysis);
        Assert.Same(analysis, Assert.Single(proposal.Analyses));
        Assert.Equal((proposal.Id, 1, ItLead, T1), (analysis.ProposalId, analysis.Round, analysis.PublishedBy, analysis.PublishedAt));
        Assert.Same(content, analysis.Content);
        Assert.True(analysis.IsCurrent);
        Assert.Null(analysis.SupersededBy);
        Assert.Null(analysis.SupersededAt);
        AssertEvent(proposal.Events[^1], 3, ProposalEventType.Analysed, 1, ItLead, T1, analysis.Id);
        Assert.Equal((3, T1), (proposal.Version, proposal.UpdatedAt));
    }

    [Fact]
    public void PublishAnalysis_Draft_ThrowsProposalActionNotAllowed()
    {
        var proposal = OpenProposal(submit: false);

        var error = Assert.Throws<DomainRuleException>(() => proposal.PublishAnalysis(Analysis(), ItLead, T1));

        Assert.Equal("proposal-action-not-allowed", error.Code);
        Assert.Equal("draft", error.Facts["currentStatus"]);
        Assert.Empty(proposal.Analyses);
        Assert.Single(proposal.Events);
        Assert.Equal(1, proposal.Version);
    }

    [Fact]
    public void PublishAnalysis_TwiceInSameRound_SupersedesTheFirstAndKeepsIt()
    {
        var (proposal, first) = AnalysedProposal();

        var second = proposal.PublishAnalysis(Analysis(monthlyCostDelta: 1_200m), ItLead, T2);

        Assert.Equal(ProposalStatus.Analysed, proposal.Status);
        Assert.Equal([first, second], proposal.Analyses);
        Assert.Same(second, proposal.CurrentAnalysis);
        Assert.NotEqual(first.Id, second.Id);
        Assert.Equal(second.Id, first.SupersededBy);
        Assert.Equal(T2, first.SupersededAt);
        Assert.False(first.IsCurrent);
        Assert.True(second.IsCurrent);
        Assert.Null(second.SupersededBy);
        Assert.Equal(1_500m, first.Content.MonthlyCostDelta);
        Assert.Equal(1, second.Round);
        AssertEvent(proposal.Events[^1], 4, ProposalEventType.Analysed, 1, ItLead, T2, second.Id);
    }

    [Fact]
    public void PublishAnalysis_ThreeTimes_OnlyTheNewestIsCurrentAndEachPointsToItsSuccessor()
    {
        var (proposal, first) = AnalysedProposal();
        var second = proposal.PublishAnalysis(Analysis(monthlyCostDelta: 1_200m), ItLead, T2);

        var third = proposal.PublishAnalysis(Analysis(monthlyCostDelta: 1_100m), ItLead, T3);

        Assert.Equal(second.Id, first.SupersededBy);
        Assert.Equal(T2, first.SupersededAt);
        Assert.Equal(third.Id, second.SupersededBy);
        Assert.Equal(T3, second.SupersededAt);
        Assert.Same(third, proposal.CurrentAnalysis);
        Assert.Equal(3, proposal.Analyses.Count);
    }

    // ---- Revise ----

    [Fact]
    public void Revise_Submitted_OpensNextRoundAndStaysSubmitted()
    {
        var proposal = OpenProposal();

        proposal.Revise(Mail, Round2Targets, "Closing week needs more.", Customer2, T1);

        Assert.Equal(ProposalStatus.Submitted, proposal.Status);
        Assert.Equal(2, proposal.CurrentRound);
        Assert.Equal([1, 2], proposal.Rounds.Select(r => r.Number));
        Assert.Equal(Round1Targets, proposal.Rounds[0].Targets);
        Assert.Equal(Round2Targets, proposal.Rounds[1].Targets);
        Assert.Equal((2, "Closing week needs more.", Customer2, T1), (proposal.Rounds[1].Number, proposal.Rounds[1].Note, proposal.Rounds[1].CreatedBy, proposal.Rounds[1].CreatedAt));
        AssertEvent(proposal.Events[^1], 3, ProposalEventType.Revised, 2, Customer2, T1, note: "Closing week needs more.");
        Assert.Equal((3, T1), (proposal.Version, proposal.UpdatedAt));
    }

    [Fact]
    public void Revise_Draft_StaysDraft()
    {
        var proposal = OpenProposal(submit: false);

        proposal.Revise(Mail, Round2Targets, null, Customer, T1);

        Assert.Equal(ProposalStatus.Draft, proposal.Status);
        Assert.Equal(2, proposal.CurrentRound);
        AssertEvent(proposal.Events[^1], 2, ProposalEventType.Revised, 2, Customer, T1);
    }

    [Fact]
    public void Revise_Analysed_GoesBackToSubmittedAndDropsTheCurrentAnalysis()
    {
        var (proposal, analysis) = AnalysedProposal();

        proposal.Revise(Mail, Round2Targets, null, Customer, T2);

        Assert.Equal(ProposalStatus.Submitted, proposal.Status);
        Assert.Equal(2, proposal.CurrentRound);
        Assert.Null(proposal.CurrentAnalysis);
        Assert.Same(analysis, Assert.Single(proposal.Analyses));
        Assert.Equal(1, analysis.Round);
        Assert.Equal(Round1Targets, proposal.Rounds[0].Targets);
    }

    [Fact]
    public void Revise_ThenAnalyse_NewAnalysisBelongsToNewRoundAndLeavesOldOneUntouched()
    {
        var (proposal, first) = AnalysedProposal();
        proposal.Revise(Mail, Round2Targets, null, Customer, T2);

        var second = proposal.PublishAnalysis(Analysis(monthlyCostDelta: 2_500m), ItLead, T3);

        Assert.Equal(2, second.Round);
        Assert.Same(second, proposal.CurrentAnalysis);
        Assert.Null(first.SupersededBy);
        Assert.Equal([first, second], proposal.Analyses);
    }

    // ---- Accept ----

    [Fact]
    public void Accept_ProposedOptionAtExactCost_AgreesAndReturnsTheRoundsTargets()
    {
        var (proposal, analysis) = AnalysedProposal(Analysis(monthlyCostDelta: 1_500m, currency: "CHF", leadTimeDays: 21));

        var terms = proposal.Accept(Mail, analysis.Id, AcceptOption.Proposed, 1_500m, AgreementStanding.None, Signer, Customer2, T2);

        Assert.Equal(ProposalStatus.Agreed, proposal.Status);
        Assert.Equal(analysis.Id, proposal.AcceptedAnalysisId);
        Assert.Equal(AcceptOption.Proposed, proposal.AcceptedOption);
        Assert.Equal(proposal.Id, terms.ProposalId);
        Assert.Equal("Mail for the closing week", terms.ProposalTitle);
        Assert.Equal(1, terms.Round);
        Assert.Equal(analysis.Id, terms.AnalysisId);
        Assert.Equal(AcceptOption.Proposed, terms.Option);
        Assert.Equal(Round1Targets, terms.Targets);
        Assert.Equal(1_500m, terms.MonthlyCostDelta);
        Assert.Equal("CHF", terms.Currency);
        Assert.Equal(21, terms.LeadTimeDays);
        Assert.Equal(Customer2, terms.AcceptedBy);
        Assert.Equal(T2, terms.AcceptedAt);
        AssertEvent(proposal.Events[^1], 4, ProposalEventType.Accepted, 1, Customer2, T2, analysis.Id, "proposed");
        Assert.Equal((4, T2), (proposal.Version, proposal.UpdatedAt));
    }

    [Fact]
    public void Accept_CostWithDifferentScale_IsTheSameAmount()
    {
        var (proposal, analysis) = AnalysedProposal(Analysis(monthlyCostDelta: 1_500m));

        var terms = proposal.Accept(Mail, analysis.Id, AcceptOption.Proposed, 1_500.00m, AgreementStanding.None, Signer, Customer, T2);

        Assert.Equal(1_500m, terms.MonthlyCostDelta);
    }

    [Fact]
    public void Accept_AfterRevision_ReturnsTheCurrentRoundsTargets()
    {
        var (proposal, _) = AnalysedProposal();
        proposal.Revise(Mail, Round2Targets, null, Customer, T2);
        var analysis = proposal.PublishAnalysis(Analysis(monthlyCostDelta: 2_500m), ItLead, T3);

        var terms = proposal.Accept(Mail, analysis.Id, AcceptOption.Proposed, 2_500m, AgreementStanding.None, Signer, Customer, T4);

        Assert.Equal(2, terms.Round);
        Assert.Equal(Round2Targets, terms.Targets);
        Assert.Equal(2_500m, terms.MonthlyCostDelta);
        AssertEvent(proposal.Events[^1], 6, ProposalEventType.Accepted, 2, Customer, T4, analysis.Id, "proposed");
    }

    [Fact]
    public void Accept_CounterOffer_ReturnsTheCounterOffersTargetsAndDelta()
    {
        var (proposal, analysis) = AnalysedProposal(Analysis(monthlyCostDelta: 1_500m, counterOffer: Counter(monthlyCostDelta: 600m)));

        var terms = proposal.Accept(Mail, analysis.Id, AcceptOption.CounterOffer, 600m, AgreementStanding.None, Signer, Customer, T2);

        Assert.Equal(ProposalStatus.Agreed, proposal.Status);
        Assert.Equal(AcceptOption.CounterOffer, terms.Option);
        Assert.Equal(CounterOfferTargets, terms.Targets);
        Assert.Equal(600m, terms.MonthlyCostDelta);
        Assert.Equal("EUR", terms.Currency);
        // The counter-offer's own lead time, cost and note, not the proposed option's.
        Assert.Equal(45, terms.LeadTimeDays);
        Assert.Equal(2_000m, terms.OneOffCost);
        Assert.Equal("Cheaper without a second data centre.", terms.Note);
        Assert.Equal(["Maintenance windows move to Sunday nights."], terms.TradeOffs);
        Assert.Equal(Signer, terms.SignedBy);
        Assert.Equal(AcceptOption.CounterOffer, proposal.AcceptedOption);
        AssertEvent(proposal.Events[^1], 4, ProposalEventType.Accepted, 1, Customer, T2, analysis.Id, "counter-offer");
    }

    [Fact]
    public void Accept_CounterOfferAtTheProposedCost_ThrowsMonthlyCostMismatch()
    {
        var (proposal, analysis) = AnalysedProposal(Analysis(monthlyCostDelta: 1_500m, counterOffer: Counter(monthlyCostDelta: 600m)));

        var error = Assert.Throws<DomainRuleException>(() => proposal.Accept(Mail, analysis.Id, AcceptOption.CounterOffer, 1_500m, AgreementStanding.None, Signer, Customer, T2));

        Assert.Equal("monthly-charge-mismatch", error.Code);
        Assert.Equal(600m, error.Facts["expectedMonthlyCharge"]);
    }

    [Fact]
    public void Accept_SupersededAnalysis_ThrowsAnalysisNotCurrentNamingTheNewer()
    {
        var (proposal, first) = AnalysedProposal();
        var second = proposal.PublishAnalysis(Analysis(monthlyCostDelta: 1_200m), ItLead, T2);

        var error = Assert.Throws<DomainRuleException>(() => proposal.Accept(Mail, first.Id, AcceptOption.Proposed, 1_500m, AgreementStanding.None, Signer, Customer, T3));

        Assert.Equal("analysis-not-current", error.Code);
        Assert.Equal(second.Id, error.Facts["currentAnalysisId"]);
        Assert.Contains(second.Id.ToString(), error.Message, StringComparison.Ordinal);
        AssertUnchangedAnalysed(proposal, version: 4, updatedAt: T2);
    }

    [Fact]
    public void Accept_AnalysisOfEarlierRoundAfterRevision_ThrowsAnalysisNotCurrent()
    {
        var (proposal, first) = AnalysedProposal();
        proposal.Revise(Mail, Round2Targets, null, Customer, T2);
        var second = proposal.PublishAnalysis(Analysis(monthlyCostDelta: 2_500m), ItLead, T3);

        // The round-1 analysis was never superseded within its round; it is stale because the round moved on.
        Assert.True(first.IsCurrent);
        var error = Assert.Throws<DomainRuleException>(() => proposal.Accept(Mail, first.Id, AcceptOption.Proposed, 1_500m, AgreementStanding.None, Signer, Customer, T4));

        Assert.Equal("analysis-not-current", error.Code);
        Assert.Equal(second.Id, error.Facts["currentAnalysisId"]);
        AssertUnchangedAnalysed(proposal, version: 5, updatedAt: T3);
    }

    [Fact]
    public void Accept_AfterRevisionBeforeNewAnalysis_ThrowsProposalActionNotAllowed()
    {
        var (proposal, first) = AnalysedProposal();
        proposal.Revise(Mail, Round2Targets, null, Customer, T2);

        var error = Assert.Throws<DomainRuleException>(() => proposal.Accept(Mail, first.Id, AcceptOption.Proposed, 1_500m, AgreementStanding.None, Signer, Customer, T3));

        Assert.Equal("proposal-action-not-allowed", error.Code);
        Assert.Equal("submitted", error.Facts["currentStatus"]);
        Assert.Equal(ProposalStatus.Submitted, proposal.Status);
    }

    [Fact]
    public void Accept_UnknownAnalysisId_ThrowsAnalysisNotCurrent()
    {
        var (proposal, analysis) = AnalysedProposal();

        var error = Assert.Throws<DomainRuleException>(
            () => proposal.Accept(Mail, new Guid("0190f0b4-0000-7000-8000-0000000000ff"), AcceptOption.Proposed, 1_500m, AgreementStanding.None, Signer, Customer, T2));

        Assert.Equal("analysis-not-current", error.Code);
        Assert.Equal(analysis.Id, error.Facts["currentAnalysisId"]);
        AssertUnchangedAnalysed(proposal, version: 3, updatedAt: T1);
    }

    [Fact]
    public void Accept_CounterOfferWhenThereIsNone_ThrowsNoCounterOffer()
    {
        var (proposal, analysis) = AnalysedProposal(Analysis(counterOffer: null));

        var error = Assert.Throws<DomainRuleException>(() => proposal.Accept(Mail, analysis.Id, AcceptOption.CounterOffer, 1_500m, AgreementStanding.None, Signer, Customer, T2));

        Assert.Equal("no-counter-offer", error.Code);
        AssertUnchangedAnalysed(proposal, version: 3, updatedAt: T1);
    }

    public static TheoryData<decimal> WrongCosts => [1_499.99m, 1_500.01m, 0m, -1_500m, 15_000m];

    [Theory]
    [MemberData(nameof(WrongCosts))]
    public void Accept_DifferentMonthlyCost_ThrowsMonthlyCostMismatchWithTheRealCost(decimal offered)
    {
        var (proposal, analysis) = AnalysedProposal(Analysis(monthlyCostDelta: 1_500m));

        var error = Assert.Throws<DomainRuleException>(() => proposal.Accept(Mail, analysis.Id, AcceptOption.Proposed, offered, AgreementStanding.None, Signer, Customer, T2));

        Assert.Equal("monthly-charge-mismatch", error.Code);
        Assert.Equal(1_500m, error.Facts["expectedMonthlyCharge"]);
        Assert.Equal("EUR", error.Facts["currency"]);
        AssertUnchangedAnalysed(proposal, version: 3, updatedAt: T1);
    }

    [Fact]
    public void Accept_Twice_ThrowsProposalActionNotAllowed()
    {
        var (proposal, analysis) = AnalysedProposal();
        proposal.Accept(Mail, analysis.Id, AcceptOption.Proposed, 1_500m, AgreementStanding.None, Signer, Customer, T2);

        var error = Assert.Throws<DomainRuleException>(() => proposal.Accept(Mail, analysis.Id, AcceptOption.Proposed, 1_500m, AgreementStanding.None, Signer, Customer, T3));

        Assert.Equal("proposal-action-not-allowed", error.Code);
        Assert.Equal("agreed", error.Facts["currentStatus"]);
        Assert.Equal(ProposalStatus.Agreed, proposal.Status);
        Assert.Equal(4, proposal.Events.Count);
        Assert.Equal((4, T2), (proposal.Version, proposal.UpdatedAt));
    }

    [Fact]
    public void Agreed_AnyFurtherAction_IsRefused()
    {
        var (proposal, analysis) = AnalysedProposal();
        proposal.Accept(Mail, analysis.Id, AcceptOption.Proposed, 1_500m, AgreementStanding.None, Signer, Customer, T2);

        Assert.Equal("proposal-action-not-allowed", Assert.Throws<DomainRuleException>(() => proposal.Withdraw("Too late", Customer, T3)).Code);
        Assert.Equal("proposal-action-not-allowed", Assert.Throws<DomainRuleException>(() => proposal.Revise(Mail, Round2Targets, null, Customer, T3)).Code);
        Assert.Equal("proposal-action-not-allowed", Assert.Throws<DomainRuleException>(() => proposal.PublishAnalysis(Analysis(), ItLead, T3)).Code);
        Assert.Equal(ProposalStatus.Agreed, proposal.Status);
        Assert.Null(proposal.WithdrawalReason);
        Assert.Equal(4, proposal.Version);
    }

    // ---- Withdraw ----

    [Theory]
    [InlineData(false, false)]
    [InlineData(true, false)]
    [InlineData(true, true)]
    public void Withdraw_BeforeAgreement_RecordsReasonAndEvent(bool submit, bool analyse)
    {
        var proposal = OpenProposal(submit);
        if (analyse)
        {
            proposal.PublishAnalysis(Analysis(), ItLead, T1);
        }

        var before = proposal.Events.Count;

        proposal.Withdraw("Budget frozen.", Customer2, T2);

        Assert.Equal(ProposalStatus.Withdrawn, proposal.Status);
        Assert.Equal("Budget frozen.", proposal.WithdrawalReason);
        AssertEvent(proposal.Events[^1], before + 1, ProposalEventType.Withdrawn, 1, Customer2, T2, note: "Budget frozen.");
        Assert.Equal((before + 1, T2), (proposal.Version, proposal.UpdatedAt));
    }

    [Fact]
    public void Withdraw_IsFinal_EveryLaterActionIsRefused()
    {
        var (proposal, analysis) = AnalysedProposal();
        proposal.Withdraw("Budget frozen.", Customer, T2);

        var refusals = new Action[]
        {
            () => proposal.Submit(Mail, Customer, T3),
            () => proposal.Revise(Mail, Round2Targets, null, Customer, T3),
            () => proposal.PublishAnalysis(Analysis(), ItLead, T3),
            () => proposal.Accept(Mail, analysis.Id, AcceptOption.Proposed, 1_500m, AgreementStanding.None, Signer, Customer, T3),
            () => proposal.Withdraw("Again.", Customer, T3),
        };

        foreach (var refusal in refusals)
        {
            var error = Assert.Throws<DomainRuleException>(refusal);
            Assert.Equal("proposal-action-not-allowed", error.Code);
            Assert.Equal("withdrawn", error.Facts["currentStatus"]);
        }

        Assert.Equal(ProposalStatus.Withdrawn, proposal.Status);
        Assert.Equal("Budget frozen.", proposal.WithdrawalReason);
        Assert.Equal(1, proposal.CurrentRound);
        Assert.Single(proposal.Analyses);
        Assert.Equal((4, T2), (proposal.Version, proposal.UpdatedAt));
    }

    // ---- History and version ----

    [Fact]
    public void FullNegotiation_EveryChange_AppendsOneEventInSequenceAndBumpsVersion()
    {
        var proposal = OpenProposal(submit: false);
        Assert.Equal(1, proposal.Version);

        proposal.Submit(Mail, Customer, T1);
        Assert.Equal((2, T1), (proposal.Version, proposal.UpdatedAt));

        var first = proposal.PublishAnalysis(Analysis(), ItLead, T2);
        Assert.Equal((3, T2), (proposal.Version, proposal.UpdatedAt));

        proposal.Revise(Mail, Round2Targets, "More, please.", Customer, T3);
        Assert.Equal((4, T3), (proposal.Version, proposal.UpdatedAt));

        var second = proposal.PublishAnalysis(Analysis(monthlyCostDelta: 2_500m), ItLead, T4);
        Assert.Equal((5, T4), (proposal.Version, proposal.UpdatedAt));

        var third = proposal.PublishAnalysis(Analysis(monthlyCostDelta: 2_000m), ItLead, T5);
        Assert.Equal((6, T5), (proposal.Version, proposal.UpdatedAt));

        proposal.Accept(Mail, third.Id, AcceptOption.Proposed, 2_000m, AgreementStanding.None, Signer, Customer2, T6);
        Assert.Equal((7, T6), (proposal.Version, proposal.UpdatedAt));

        Assert.Equal([1, 2, 3, 4, 5, 6, 7], proposal.Events.Select(e => e.Sequence));
        AssertEvent(proposal.Events[0], 1, ProposalEventType.Created, 1, Customer, T0);
        AssertEvent(proposal.Events[1], 2, ProposalEventType.Submitted, 1, Customer, T1);
        AssertEvent(proposal.Events[2], 3, ProposalEventType.Analysed, 1, ItLead, T2, first.Id);
        AssertEvent(proposal.Events[3], 4, ProposalEventType.Revised, 2, Customer, T3, note: "More, please.");
        AssertEvent(proposal.Events[4], 5, ProposalEventType.Analysed, 2, ItLead, T4, second.Id);
        AssertEvent(proposal.Events[5], 6, ProposalEventType.Analysed, 2, ItLead, T5, third.Id);
        AssertEvent(proposal.Events[6], 7, ProposalEventType.Accepted, 2, Customer2, T6, third.Id, "proposed");
        Assert.All(proposal.Events, e => Assert.Equal(proposal.Id, e.ProposalId));
        Assert.Equal(T0, proposal.CreatedAt);
        Assert.Equal([first, second, third], proposal.Analyses);
        Assert.Equal(third.Id, second.SupersededBy);
        Assert.Null(first.SupersededBy);
    }

    [Fact]
    public void Quote_EachOption_IsThatOptionsTermsAgainstTheStandingOrNull()
    {
        var (_, withCounter) = AnalysedProposal(Analysis(monthlyCostDelta: 1_500m, counterOffer: Counter(monthlyCostDelta: -200m)));
        var (_, withoutCounter) = AnalysedProposal(Analysis(monthlyCostDelta: 1_500m));
        var standing = new AgreementStanding(4_000m, null);

        Assert.Equal(new OptionQuote(1_500m, 4_000m, 5_500m, 8_000m, 14, T0.Date.AddDays(14)), withCounter.Quote(AcceptOption.Proposed, standing, T0));
        Assert.Equal(new OptionQuote(-200m, 4_000m, 3_800m, 2_000m, 45, T0.Date.AddDays(45)), withCounter.Quote(AcceptOption.CounterOffer, standing, T0));
        Assert.Equal(1_500m, withoutCounter.Quote(AcceptOption.Proposed, AgreementStanding.None, T0)!.MonthlyCharge);
        Assert.Null(withoutCounter.Quote(AcceptOption.CounterOffer, standing, T0));
    }

    [Fact]
    public void Accept_Renegotiation_ConfirmsCurrentChargePlusIncrease()
    {
        var (proposal, analysis) = AnalysedProposal(Analysis(monthlyCostDelta: 1_500m));
        var standing = new AgreementStanding(4_000m, T0);

        var terms = proposal.Accept(Mail, analysis.Id, AcceptOption.Proposed, 5_500m, standing, Signer, Customer, T2);

        Assert.Equal(1_500m, terms.MonthlyCostDelta);
    }

    [Fact]
    public void Accept_RenegotiationConfirmingOnlyTheIncrease_ThrowsNamingTheChargeAndHowItIsMadeUp()
    {
        var (proposal, analysis) = AnalysedProposal(Analysis(monthlyCostDelta: 1_500m));
        var standing = new AgreementStanding(4_000m, T0);

        var error = Assert.Throws<DomainRuleException>(() => proposal.Accept(Mail, analysis.Id, AcceptOption.Proposed, 1_500m, standing, Signer, Customer, T2));

        Assert.Equal("monthly-charge-mismatch", error.Code);
        Assert.Equal(5_500m, error.Facts["expectedMonthlyCharge"]);
        Assert.Equal(4_000m, error.Facts["currentMonthlyCharge"]);
        Assert.Equal(1_500m, error.Facts["monthlyCostDelta"]);
        Assert.Contains("5500 EUR: the current 4000 EUR plus 1500 EUR", error.Message, StringComparison.Ordinal);
        AssertUnchangedAnalysed(proposal, version: 3, updatedAt: T1);
    }

    private static void AssertUnchangedAnalysed(Proposal proposal, int version, DateTime updatedAt)
    {
        Assert.Equal(ProposalStatus.Analysed, proposal.Status);
        Assert.Null(proposal.AcceptedAnalysisId);
        Assert.Null(proposal.AcceptedOption);
        Assert.DoesNotContain(proposal.Events, e => e.Type == ProposalEventType.Accepted);
        Assert.Equal((version, updatedAt), (proposal.Version, proposal.UpdatedAt));
        Assert.Equal(version, proposal.Events.Count);
    }
}
