using Catalog.Api.Domain.Agreements;
using Catalog.Api.Domain.Common;
using Catalog.Api.Domain.Delivery;
using Catalog.Api.Domain.Negotiation;
using Catalog.Api.Domain.Services;
using static Catalog.Api.UnitTests.Domain.Negotiation.NegotiationTestData;
using static Catalog.Api.UnitTests.TestData;

namespace Catalog.Api.UnitTests.Domain.Negotiation;

/// <summary>The negotiation between two services: who it is for, that the consumer relies on the provider, who decides, and what it carries.</summary>
public class OperationalLevelAgreementTests
{
    private static readonly ActorRef OtherItLead = new(new Guid("0190f0b4-0000-7000-8000-0000000000b4"), "Olga Other", "it-lead");

    private static readonly ActorRef Admin = new(new Guid("0190f0b4-0000-7000-8000-0000000000b5"), "Ada Admin", "admin");

    private static readonly Service Storage = NewService("storage", Lifecycle.Live);

    private static readonly Service Email = NewService("corporate-email", Lifecycle.Live);

    private static Proposal OpenOla(IReadOnlySet<Guid>? reliesOn = null, bool submit = true) =>
        Proposal.OpenBetweenServices(Storage, Email, reliesOn ?? new HashSet<Guid> { Storage.Id }, "Storage for mail", "Mail stops when storage does.", Round1Targets, submit, ItLead, T0);

    [Fact]
    public void OpenBetweenServices_ConsumerReliesOnProvider_IsForTheServiceAndNoCustomer()
    {
        var proposal = OpenOla();

        Assert.Null(proposal.CustomerId);
        Assert.Equal(Email.Id, proposal.ConsumerServiceId);
        Assert.Equal(Consumer.ForService(Email.Id), proposal.Consumer);
        Assert.Equal(Storage.Id, proposal.ServiceId);
        Assert.Equal(ProposalStatus.Submitted, proposal.Status);
        Assert.Equal(ItLead, proposal.OpenedBy);
    }

    [Fact]
    public void OpenBetweenServices_ConsumerDoesNotRelyOnProvider_ThrowsConsumerNotDependent()
    {
        var error = Assert.Throws<DomainRuleException>(() => OpenOla(reliesOn: new HashSet<Guid>()));

        Assert.Equal("consumer-not-dependent", error.Code);
        Assert.Contains("'corporate-email' does not depend on 'storage'", error.Message, StringComparison.Ordinal);
        Assert.Equal(Email.Id, error.Facts["consumerServiceId"]);
    }

    [Fact]
    public void OpenBetweenServices_ServiceWithItself_ThrowsConsumerNotDependent()
    {
        var error = Assert.Throws<DomainRuleException>(
            () => Proposal.OpenBetweenServices(Storage, Storage, new HashSet<Guid> { Storage.Id }, "Self", "Why", Round1Targets, true, ItLead, T0));

        Assert.Equal("consumer-not-dependent", error.Code);
    }

    [Fact]
    public void MayBeDecidedBy_CustomerProposal_OnlyTheCustomer()
    {
        var proposal = OpenProposal();

        Assert.True(proposal.MayBeDecidedBy(Customer));
        Assert.False(proposal.MayBeDecidedBy(ItLead));
        Assert.False(proposal.MayBeDecidedBy(Admin));
    }

    [Fact]
    public void MayBeDecidedBy_BetweenServices_TheKeyThatOpenedItOrAnAdmin()
    {
        var proposal = OpenOla();

        Assert.True(proposal.MayBeDecidedBy(ItLead));
        Assert.True(proposal.MayBeDecidedBy(Admin));
        Assert.False(proposal.MayBeDecidedBy(OtherItLead));
        Assert.False(proposal.MayBeDecidedBy(Customer));
    }

    [Fact]
    public void PublishAnalysis_BetweenServicesWithCredits_ThrowsCreditsWithoutChargeAndStaysSubmitted()
    {
        var proposal = OpenOla();
        var credits = new ServiceCredits([new CreditBand("availability", 99.5m, 10m)], 10m);

        var error = Assert.Throws<DomainRuleException>(() => proposal.PublishAnalysis(Analysis() with { ServiceCredits = credits }, OtherItLead, T1));

        Assert.Equal("credits-without-charge", error.Code);
        Assert.Equal(ProposalStatus.Submitted, proposal.Status);
        Assert.Empty(proposal.Analyses);
    }

    [Fact]
    public void PublishAnalysis_BetweenServicesWithCreditsOnTheCounterOffer_ThrowsCreditsWithoutCharge()
    {
        var proposal = OpenOla();
        var counter = Counter() with { ServiceCredits = new ServiceCredits([new CreditBand("availability", 99m, 5m)], 5m) };

        var error = Assert.Throws<DomainRuleException>(() => proposal.PublishAnalysis(Analysis(counterOffer: counter), OtherItLead, T1));

        Assert.Equal("credits-without-charge", error.Code);
    }

    [Fact]
    public void Accept_BetweenServices_OpensAnAgreementWhoseConsumerIsTheService()
    {
        var proposal = OpenOla();
        var analysis = proposal.PublishAnalysis(Analysis(monthlyCostDelta: 900m), OtherItLead, T1);

        var terms = proposal.Accept(Storage, analysis.Id, AcceptOption.Proposed, 900m, AgreementStanding.None, Signer, ItLead, T2);
        var agreement = Agreement.Open(proposal.ServiceId, proposal.Consumer, terms);

        Assert.Equal(ProposalStatus.Agreed, proposal.Status);
        Assert.Null(agreement.CustomerId);
        Assert.Equal(Email.Id, agreement.ConsumerServiceId);
        Assert.Equal(900m, agreement.Versions[0].MonthlyCharge);
    }

    [Fact]
    public void ConsumerOf_NeitherOrBoth_IsABrokenRow()
    {
        Assert.Throws<InvalidOperationException>(() => Consumer.Of(null, null));
        Assert.Throws<InvalidOperationException>(() => Consumer.Of(CustomerId, Email.Id));
        Assert.Equal(Consumer.ForCustomer(CustomerId), Consumer.Of(CustomerId, null));
    }
}
