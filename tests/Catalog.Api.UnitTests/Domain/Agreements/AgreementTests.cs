using Catalog.Api.Domain.Agreements;
using Catalog.Api.Domain.Common;
using Catalog.Api.Domain.Negotiation;
using static Catalog.Api.UnitTests.Domain.Negotiation.NegotiationTestData;
using static Catalog.Api.UnitTests.TestData;

namespace Catalog.Api.UnitTests.Domain.Agreements;

public class AgreementTests
{
    private static readonly Guid ServiceId = new("0190f0b4-0000-7000-8000-0000000000a1");

    // A Tuesday, late in the day, so that "the date" and "the instant" differ.
    private static readonly DateTime AcceptedAt = new(2026, 3, 10, 17, 45, 30, DateTimeKind.Utc);

    [Fact]
    public void Open_AcceptedTerms_MakesVersionOneWithTheTermsAndProvenance()
    {
        var terms = Terms(targets: Round1Targets, monthlyCostDelta: 1_500m, currency: "EUR", leadTimeDays: 14, acceptedAt: AcceptedAt, round: 3, option: AcceptOption.CounterOffer);

        var agreement = Agreement.Open(ServiceId, CustomerId, terms);

        Assert.Equal((ServiceId, CustomerId, AgreementStatus.Active), (agreement.ServiceId, agreement.CustomerId, agreement.Status));
        Assert.NotEqual(Guid.Empty, agreement.Id);
        Assert.Equal(1, agreement.CurrentVersion);
        Assert.Equal((AcceptedAt, AcceptedAt, 1), (agreement.CreatedAt, agreement.UpdatedAt, agreement.Version));
        Assert.Null(agreement.TerminationReason);
        var version = Assert.Single(agreement.Versions);
        Assert.Equal(agreement.Id, version.AgreementId);
        Assert.Equal(1, version.Number);
        Assert.Equal(Round1Targets, version.Targets);
        Assert.Equal(1_500m, version.MonthlyCharge);
        Assert.Equal("EUR", version.Currency);
        Assert.Equal(new DateTime(2026, 3, 24, 0, 0, 0, DateTimeKind.Utc), version.EffectiveFrom);
        Assert.Equal(DateTimeKind.Utc, version.EffectiveFrom.Kind);
        Assert.Equal(terms.ProposalId, version.ProposalId);
        Assert.Equal(terms.ProposalTitle, version.ProposalTitle);
        Assert.Equal(3, version.Round);
        Assert.Equal(terms.AnalysisId, version.AnalysisId);
        Assert.Equal(AcceptOption.CounterOffer, version.Option);
        Assert.Equal(Customer, version.AcceptedBy);
        Assert.Equal(AcceptedAt, version.AcceptedAt);
    }

    [Theory]
    [InlineData(0, 10)]
    [InlineData(1, 11)]
    [InlineData(22, 32)]
    public void Open_LeadTime_EffectiveFromIsAcceptanceDatePlusLeadTimeDays(int leadTimeDays, int expectedDayOfMarch)
    {
        var agreement = Agreement.Open(ServiceId, CustomerId, Terms(leadTimeDays: leadTimeDays, acceptedAt: AcceptedAt));

        Assert.Equal(new DateTime(2026, 3, 1, 0, 0, 0, DateTimeKind.Utc).AddDays(expectedDayOfMarch - 1), agreement.Versions[0].EffectiveFrom);
    }

    [Fact]
    public void Open_FromARealAcceptance_CarriesTheProposalsProvenance()
    {
        var (proposal, analysis) = AnalysedProposal(Analysis(monthlyCostDelta: 11_000m, leadTimeDays: 7));
        var terms = proposal.Accept(Mail, analysis.Id, AcceptOption.Proposed, 11_000m, AgreementStanding.None, Signer, Customer2, T2);

        var version = Agreement.Open(proposal.ServiceId, proposal.Consumer, terms).Versions[0];

        Assert.Equal((proposal.Id, proposal.Title, 1, analysis.Id, Customer2, T2), (version.ProposalId, version.ProposalTitle, version.Round, version.AnalysisId, version.AcceptedBy, version.AcceptedAt));
        Assert.Equal(11_000m, version.MonthlyCharge);
        Assert.Equal(T2.Date.AddDays(7), version.EffectiveFrom);
        Assert.Equal(Round1Targets, version.Targets);
    }

    [Fact]
    public void Open_TermsTargetsChangedLater_VersionKeepsItsOwnCopy()
    {
        var targets = new List<Target> { Availability(99.9m) };
        var agreement = Agreement.Open(ServiceId, CustomerId, Terms(targets: targets));

        targets.Add(SupportHours("24x7"));

        Assert.Equal([Availability(99.9m)], agreement.Versions[0].Targets);
    }

    [Fact]
    public void AddVersion_PositiveDelta_ChargeIsPreviousPlusDeltaAndCurrentVersionMoves()
    {
        var agreement = Agreement.Open(ServiceId, CustomerId, Terms(monthlyCostDelta: 1_500m, acceptedAt: T0));
        var first = agreement.Versions[0];

        var second = agreement.AddVersion(Terms(targets: Round2Targets, monthlyCostDelta: 2_500m, acceptedAt: T3, round: 2, acceptedBy: Customer2));

        Assert.Equal(2, second.Number);
        Assert.Equal(4_000m, second.MonthlyCharge);
        Assert.Equal(Round2Targets, second.Targets);
        Assert.Equal(2, agreement.CurrentVersion);
        Assert.Equal([first, second], agreement.Versions);
        Assert.Equal((T0, T3, 2), (agreement.CreatedAt, agreement.UpdatedAt, agreement.Version));
        Assert.Equal((Customer2, T3, 2), (second.AcceptedBy, second.AcceptedAt, second.Round));
    }

    [Fact]
    public void AddVersion_NegativeDelta_ReducesTheCharge()
    {
        var agreement = Agreement.Open(ServiceId, CustomerId, Terms(monthlyCostDelta: 11_000m));

        var second = agreement.AddVersion(Terms(monthlyCostDelta: -1_500m, acceptedAt: T1));

        Assert.Equal(9_500m, second.MonthlyCharge);
    }

    [Fact]
    public void AddVersion_ThreeVersions_ChargeAccumulatesDeltas()
    {
        var agreement = Agreement.Open(ServiceId, CustomerId, Terms(monthlyCostDelta: 1_000m));
        agreement.AddVersion(Terms(monthlyCostDelta: 250.50m, acceptedAt: T1));

        var third = agreement.AddVersion(Terms(monthlyCostDelta: -100.25m, acceptedAt: T2));

        Assert.Equal([1_000m, 1_250.50m, 1_150.25m], agreement.Versions.Select(v => v.MonthlyCharge));
        Assert.Equal(3, third.Number);
        Assert.Equal(3, agreement.CurrentVersion);
    }

    [Fact]
    public void AddVersion_FractionOfACent_ChargeIsRoundedToCentsAwayFromZero()
    {
        var agreement = Agreement.Open(ServiceId, CustomerId, Terms(monthlyCostDelta: 100m));

        var second = agreement.AddVersion(Terms(monthlyCostDelta: 0.005m, acceptedAt: T1));

        Assert.Equal(100.01m, second.MonthlyCharge);
    }

    [Fact]
    public void AddVersion_EarlierVersions_StayExactlyAsTheyWere()
    {
        var agreement = Agreement.Open(ServiceId, CustomerId, Terms(targets: Round1Targets, monthlyCostDelta: 1_500m, leadTimeDays: 14, acceptedAt: T0));
        var first = agreement.Versions[0];
        var snapshot = (first.Number, first.Targets.ToList(), first.MonthlyCharge, first.Currency, first.EffectiveFrom, first.AcceptedAt, first.AcceptedBy, first.Round);

        agreement.AddVersion(Terms(targets: Round2Targets, monthlyCostDelta: 500m, leadTimeDays: 30, acceptedAt: T2, round: 2, acceptedBy: Customer2));

        Assert.Same(first, agreement.Versions[0]);
        Assert.Equal(snapshot.Number, first.Number);
        Assert.Equal(snapshot.Item2, first.Targets);
        Assert.Equal(
            (snapshot.MonthlyCharge, snapshot.Currency, snapshot.EffectiveFrom, snapshot.AcceptedAt, snapshot.AcceptedBy, snapshot.Round),
            (first.MonthlyCharge, first.Currency, first.EffectiveFrom, first.AcceptedAt, first.AcceptedBy, first.Round));
    }

    [Fact]
    public void AddVersion_DifferentCurrency_ThrowsCurrencyMismatchAndAddsNothing()
    {
        var agreement = Agreement.Open(ServiceId, CustomerId, Terms(currency: "EUR", acceptedAt: T0));

        var error = Assert.Throws<DomainRuleException>(() => agreement.AddVersion(Terms(currency: "USD", acceptedAt: T1)));

        Assert.Equal("currency-mismatch", error.Code);
        Assert.Contains("EUR", error.Message, StringComparison.Ordinal);
        Assert.Contains("USD", error.Message, StringComparison.Ordinal);
        Assert.Single(agreement.Versions);
        Assert.Equal((1, 1, T0), (agreement.CurrentVersion, agreement.Version, agreement.UpdatedAt));
    }

    [Fact]
    public void Terminate_Active_RecordsReasonActorAndTime()
    {
        var agreement = Agreement.Open(ServiceId, CustomerId, Terms(acceptedAt: T0));

        agreement.Terminate("Mail moves to the group platform.", Customer2, T2);

        Assert.Equal(AgreementStatus.Terminated, agreement.Status);
        Assert.Equal("Mail moves to the group platform.", agreement.TerminationReason);
        Assert.Equal(Customer2, agreement.TerminatedBy);
        Assert.Equal(T2, agreement.TerminatedAt);
        Assert.Equal((T2, 2), (agreement.UpdatedAt, agreement.Version));
        Assert.Single(agreement.Versions);
        Assert.Equal(1, agreement.CurrentVersion);
    }

    [Fact]
    public void Terminate_Twice_ThrowsAgreementTerminatedAndKeepsTheFirstTermination()
    {
        var agreement = Agreement.Open(ServiceId, CustomerId, Terms(acceptedAt: T0));
        agreement.Terminate("First.", Customer, T1);

        var error = Assert.Throws<DomainRuleException>(() => agreement.Terminate("Second.", Customer2, T2));

        Assert.Equal("agreement-terminated", error.Code);
        Assert.Equal("terminated", error.Facts["currentStatus"]);
        Assert.Contains("2026-03-01", error.Message, StringComparison.Ordinal);
        Assert.Equal(("First.", Customer, T1), (agreement.TerminationReason, agreement.TerminatedBy, agreement.TerminatedAt));
        Assert.Equal((T1, 2), (agreement.UpdatedAt, agreement.Version));
    }

    [Fact]
    public void AddVersion_AfterTermination_ReactivatesAndKeepsHistory()
    {
        var agreement = Agreement.Open(ServiceId, CustomerId, Terms(monthlyCostDelta: 1_500m, acceptedAt: T0));
        var first = agreement.Versions[0];
        agreement.Terminate("Paused.", Customer, T1);

        var second = agreement.AddVersion(Terms(targets: Round2Targets, monthlyCostDelta: 500m, acceptedAt: T2));

        Assert.Equal(AgreementStatus.Active, agreement.Status);
        Assert.Null(agreement.TerminationReason);
        Assert.Null(agreement.TerminatedBy);
        Assert.Null(agreement.TerminatedAt);
        Assert.Equal([first, second], agreement.Versions);
        Assert.Equal(2, agreement.CurrentVersion);
        Assert.Equal(2_000m, second.MonthlyCharge);
        Assert.Equal((T2, 3), (agreement.UpdatedAt, agreement.Version));
    }

    [Fact]
    public void Terminate_AfterReactivation_IsAllowedAgain()
    {
        var agreement = Agreement.Open(ServiceId, CustomerId, Terms(acceptedAt: T0));
        agreement.Terminate("Paused.", Customer, T1);
        agreement.AddVersion(Terms(acceptedAt: T2));

        agreement.Terminate("Stopped.", Customer2, T3);

        Assert.Equal(AgreementStatus.Terminated, agreement.Status);
        Assert.Equal(("Stopped.", Customer2, T3), (agreement.TerminationReason, agreement.TerminatedBy, agreement.TerminatedAt));
        Assert.Equal(4, agreement.Version);
    }

    [Fact]
    public void Open_NegativeDelta_IsRefusedBecauseAnAgreementNeverPaysTheCustomer()
    {
        var error = Assert.Throws<Catalog.Api.Domain.Common.DomainRuleException>(() => Agreement.Open(Guid.NewGuid(), CustomerId, Terms(monthlyCostDelta: -50m)));

        Assert.Equal("negative-charge", error.Code);
    }

    [Fact]
    public void AddVersion_DeltaBelowTheCurrentCharge_IsRefusedAndKeepsTheHistory()
    {
        var agreement = Agreement.Open(Guid.NewGuid(), CustomerId, Terms(monthlyCostDelta: 100m));

        var error = Assert.Throws<Catalog.Api.Domain.Common.DomainRuleException>(() => agreement.AddVersion(Terms(monthlyCostDelta: -100.01m)));

        Assert.Equal("negative-charge", error.Code);
        Assert.Single(agreement.Versions);
        Assert.Equal(1, agreement.CurrentVersion);
    }
}

public class AgreementDatesTests
{
    private static readonly Guid ServiceId = new("0190f0b4-0000-7000-8000-0000000000a1");
    private static readonly DateTime March10 = new(2026, 3, 10, 17, 45, 30, DateTimeKind.Utc);

    [Fact]
    public void AddVersion_ShorterLeadTimeThanThePreviousVersion_TakesEffectTheSameDayAsTheOneBefore()
    {
        var agreement = Agreement.Open(ServiceId, CustomerId, Terms(leadTimeDays: 120, acceptedAt: March10));

        var second = agreement.AddVersion(Terms(leadTimeDays: 21, acceptedAt: March10.AddDays(29)));

        Assert.Equal(new DateTime(2026, 7, 8, 0, 0, 0, DateTimeKind.Utc), agreement.Versions[0].EffectiveFrom);
        Assert.Equal(agreement.Versions[0].EffectiveFrom, second.EffectiveFrom);
    }

    [Fact]
    public void AddVersion_LaterThanThePreviousVersion_TakesEffectAfterItsOwnLeadTime()
    {
        var agreement = Agreement.Open(ServiceId, CustomerId, Terms(leadTimeDays: 5, acceptedAt: March10));

        var second = agreement.AddVersion(Terms(leadTimeDays: 21, acceptedAt: March10.AddDays(2)));

        Assert.Equal(new DateTime(2026, 4, 2, 0, 0, 0, DateTimeKind.Utc), second.EffectiveFrom);
    }

    [Fact]
    public void AddVersion_CounterOfferTerms_KeepsWhatWasAcceptedWithIt()
    {
        var version = Agreement.Open(ServiceId, CustomerId, Terms(option: AcceptOption.CounterOffer, acceptedAt: March10)).Versions[0];

        Assert.Equal(3_000m, version.OneOffCost);
        Assert.Equal(["Maintenance windows move to Sunday nights."], version.TradeOffs);
        Assert.Equal("Backups move to a second site.", Assert.Single(version.Consequences).Description);
        Assert.Equal("Cheaper without a second data centre.", version.Note);
        Assert.Equal(Signer, version.SignedBy);
    }

    [Fact]
    public void VersionInForceAt_BeforeFirstBetweenAndAfter_NamesExactlyTheVersionThatApplies()
    {
        var agreement = Agreement.Open(ServiceId, CustomerId, Terms(leadTimeDays: 10, acceptedAt: March10));
        agreement.AddVersion(Terms(leadTimeDays: 30, acceptedAt: March10.AddDays(1)));
        var first = agreement.Versions[0].EffectiveFrom;
        var second = agreement.Versions[1].EffectiveFrom;

        Assert.Null(agreement.VersionInForceAt(first.AddTicks(-1)));
        Assert.Equal(1, agreement.VersionInForceAt(first)!.Number);
        Assert.Equal(1, agreement.VersionInForceAt(second.AddTicks(-1))!.Number);
        Assert.Equal(2, agreement.VersionInForceAt(second)!.Number);
        Assert.Equal(2, agreement.VersionInForceAt(second.AddYears(5))!.Number);
    }

    [Fact]
    public void VersionInForceAt_AfterTermination_IsNone()
    {
        var agreement = Agreement.Open(ServiceId, CustomerId, Terms(leadTimeDays: 0, acceptedAt: March10));
        agreement.Terminate("Moving elsewhere.", Customer, March10.AddDays(3));

        Assert.Equal(1, agreement.VersionInForceAt(March10.AddDays(2))!.Number);
        Assert.Null(agreement.VersionInForceAt(March10.AddDays(3)));
    }

    [Fact]
    public void Standing_AfterTwoVersions_IsTheNewestChargeAndDate()
    {
        var agreement = Agreement.Open(ServiceId, CustomerId, Terms(monthlyCostDelta: 1_000m, leadTimeDays: 10, acceptedAt: March10));
        agreement.AddVersion(Terms(monthlyCostDelta: 250m, leadTimeDays: 30, acceptedAt: March10));

        Assert.Equal(new AgreementStanding(1_250m, new DateTime(2026, 4, 9, 0, 0, 0, DateTimeKind.Utc)), agreement.Standing);
        Assert.Equal(AgreementStanding.None, new AgreementStanding(0m, null));
    }
}
