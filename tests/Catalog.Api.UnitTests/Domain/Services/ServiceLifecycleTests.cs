using Catalog.Api.Domain.Common;
using Catalog.Api.Domain.Services;
using static Catalog.Api.UnitTests.TestData;

namespace Catalog.Api.UnitTests.Domain.Services;

public class ServiceLifecycleTests
{
    [Fact]
    public void Create_ValidInput_StartsInPipelineAtVersionOne()
    {
        var service = Service.Create("mail", Details(), [], T0);

        Assert.Equal("mail", service.Key);
        Assert.Equal(Lifecycle.Pipeline, service.Lifecycle);
        Assert.Equal(1, service.Version);
        Assert.Equal(T0, service.CreatedAt);
        Assert.Equal(T0, service.UpdatedAt);
        Assert.NotEqual(Guid.Empty, service.Id);
        Assert.Empty(service.Dependencies);
        Assert.False(service.AcceptsNewWork);
    }

    [Fact]
    public void Create_ValidInput_KeepsAllDetails()
    {
        var alternative = new Alternative("Hosted mail", 3.10m, "EUR", "per seat");
        var details = Details(alternatives: [alternative]);

        var service = Service.Create("mail", details, [], T0);

        Assert.Equal(details.Name, service.Name);
        Assert.Equal(details.Summary, service.Summary);
        Assert.Equal(details.Category, service.Category);
        Assert.Equal(details.Owner, service.Owner);
        Assert.Equal(details.Kind, service.Kind);
        Assert.Equal(details.Cost, service.Cost);
        Assert.Equal([alternative], service.Alternatives);
    }

    [Theory]
    [InlineData("")]
    [InlineData("Mail")]
    [InlineData("mail box")]
    [InlineData("mail_box")]
    [InlineData("-mail")]
    [InlineData("mail--box")]
    public void Create_InvalidKey_ThrowsInvalidKey(string key)
    {
        var error = Assert.Throws<DomainRuleException>(() => Service.Create(key, Details(), [], T0));

        Assert.Equal("invalid-key", error.Code);
    }

    [Theory]
    [InlineData("XYZ")]
    [InlineData("eur")]
    [InlineData("EURO")]
    [InlineData("")]
    public void Create_UnknownCurrency_ThrowsInvalidCurrency(string currency)
    {
        var error = Assert.Throws<DomainRuleException>(() => Service.Create("mail", Details(currency: currency), [], T0));

        Assert.Equal("invalid-currency", error.Code);
    }

    [Fact]
    public void Create_NegativeUnitCost_ThrowsNegativeCost()
    {
        var error = Assert.Throws<DomainRuleException>(() => Service.Create("mail", Details(unitCost: -0.01m), [], T0));

        Assert.Equal("negative-cost", error.Code);
    }

    [Fact]
    public void Create_NegativeAlternativeCost_ThrowsNegativeCost()
    {
        var details = Details(alternatives: [new Alternative("Hosted mail", -1m, "EUR", null)]);

        var error = Assert.Throws<DomainRuleException>(() => Service.Create("mail", details, [], T0));

        Assert.Equal("negative-cost", error.Code);
    }

    [Fact]
    public void Create_UnknownAlternativeCurrency_ThrowsInvalidCurrency()
    {
        var details = Details(alternatives: [new Alternative("Hosted mail", 3m, "ABC", null)]);

        var error = Assert.Throws<DomainRuleException>(() => Service.Create("mail", details, [], T0));

        Assert.Equal("invalid-currency", error.Code);
    }

    [Fact]
    public void Create_ZeroUnitCost_IsAllowed()
    {
        var service = Service.Create("mail", Details(unitCost: 0m), [], T0);

        Assert.Equal(0m, service.Cost.UnitCostPerMonth);
    }

    [Theory]
    [InlineData(Lifecycle.Pipeline, Lifecycle.Pipeline, false)]
    [InlineData(Lifecycle.Pipeline, Lifecycle.Live, true)]
    [InlineData(Lifecycle.Pipeline, Lifecycle.Retired, true)]
    [InlineData(Lifecycle.Live, Lifecycle.Pipeline, false)]
    [InlineData(Lifecycle.Live, Lifecycle.Live, false)]
    [InlineData(Lifecycle.Live, Lifecycle.Retired, true)]
    [InlineData(Lifecycle.Retired, Lifecycle.Pipeline, false)]
    [InlineData(Lifecycle.Retired, Lifecycle.Live, false)]
    [InlineData(Lifecycle.Retired, Lifecycle.Retired, false)]
    public void CanMove_EveryPair_AllowsOnlyForwardMoves(Lifecycle from, Lifecycle to, bool expected)
    {
        Assert.Equal(expected, Service.CanMove(from, to));
    }

    [Fact]
    public void CanMove_AllPairs_AreCoveredByTheTable()
    {
        // If a lifecycle is added, the table above must be extended with its pairs.
        Assert.Equal([Lifecycle.Pipeline, Lifecycle.Live, Lifecycle.Retired], Enum.GetValues<Lifecycle>());
    }

    [Theory]
    [InlineData(Lifecycle.Pipeline, Lifecycle.Live)]
    [InlineData(Lifecycle.Pipeline, Lifecycle.Retired)]
    [InlineData(Lifecycle.Live, Lifecycle.Retired)]
    public void MoveTo_LegalTransition_ChangesLifecycleVersionAndUpdatedAt(Lifecycle from, Lifecycle to)
    {
        var service = NewService(lifecycle: from);
        var version = service.Version;

        service.MoveTo(to, [], [], T1);

        Assert.Equal(to, service.Lifecycle);
        Assert.Equal(version + 1, service.Version);
        Assert.Equal(T1, service.UpdatedAt);
        Assert.Equal(T0, service.CreatedAt);
    }

    [Theory]
    [InlineData(Lifecycle.Pipeline, Lifecycle.Pipeline)]
    [InlineData(Lifecycle.Live, Lifecycle.Pipeline)]
    [InlineData(Lifecycle.Live, Lifecycle.Live)]
    [InlineData(Lifecycle.Retired, Lifecycle.Pipeline)]
    [InlineData(Lifecycle.Retired, Lifecycle.Live)]
    [InlineData(Lifecycle.Retired, Lifecycle.Retired)]
    public void MoveTo_IllegalTransition_ThrowsAndLeavesServiceUnchanged(Lifecycle from, Lifecycle to)
    {
        var service = NewService(lifecycle: from);
        var version = service.Version;
        var updatedAt = service.UpdatedAt;

        var error = Assert.Throws<DomainRuleException>(() => service.MoveTo(to, [], [], T1));

        Assert.Equal("lifecycle-transition-not-allowed", error.Code);
        Assert.Equal(from, service.Lifecycle);
        Assert.Equal(version, service.Version);
        Assert.Equal(updatedAt, service.UpdatedAt);
    }

    [Fact]
    public void MoveTo_FromRetired_MessageSaysRetiredIsFinal()
    {
        var service = NewService(lifecycle: Lifecycle.Retired);

        var error = Assert.Throws<DomainRuleException>(() => service.MoveTo(Lifecycle.Live, [], [], T1));

        Assert.Contains("retired is final", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void MoveTo_LiveWithLiveDependencies_GoesLive()
    {
        var storage = NewService("storage", Lifecycle.Live);
        var network = NewService("network", Lifecycle.Live);
        var service = NewService();

        service.MoveTo(Lifecycle.Live, [storage, network], [], T1);

        Assert.Equal(Lifecycle.Live, service.Lifecycle);
        Assert.True(service.AcceptsNewWork);
    }

    [Theory]
    [InlineData(Lifecycle.Pipeline)]
    [InlineData(Lifecycle.Retired)]
    public void MoveTo_LiveWithNonLiveDependency_ThrowsDependenciesNotLive(Lifecycle dependencyLifecycle)
    {
        var storage = NewService("storage", Lifecycle.Live);
        var backup = NewService("backup", dependencyLifecycle);
        var service = NewService();

        var error = Assert.Throws<DomainRuleException>(() => service.MoveTo(Lifecycle.Live, [storage, backup], [], T1));

        Assert.Equal("dependencies-not-live", error.Code);
        Assert.Contains("backup", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("storage", error.Message, StringComparison.Ordinal);
        Assert.Equal(Lifecycle.Pipeline, service.Lifecycle);
        Assert.Equal(1, service.Version);
    }

    [Theory]
    [InlineData(Lifecycle.Pipeline)]
    [InlineData(Lifecycle.Live)]
    public void MoveTo_RetiredWithActiveDependants_ThrowsServiceHasDependants(Lifecycle from)
    {
        var storage = NewService("storage", from);
        var mail = NewService("mail", Lifecycle.Live);
        var version = storage.Version;

        var error = Assert.Throws<DomainRuleException>(() => storage.MoveTo(Lifecycle.Retired, [], [mail], T1));

        Assert.Equal("service-has-dependants", error.Code);
        Assert.Contains("mail", error.Message, StringComparison.Ordinal);
        Assert.Equal(from, storage.Lifecycle);
        Assert.Equal(version, storage.Version);
    }

    [Fact]
    public void MoveTo_RetiredWithNonLiveDependencies_IsAllowed()
    {
        // Only going live needs live dependencies; retiring never does.
        var backup = NewService("backup", Lifecycle.Retired);
        var service = NewService(lifecycle: Lifecycle.Live);

        service.MoveTo(Lifecycle.Retired, [backup], [], T1);

        Assert.Equal(Lifecycle.Retired, service.Lifecycle);
    }

    [Fact]
    public void Update_ActiveService_ReplacesDetailsAndBumpsVersion()
    {
        var service = NewService(lifecycle: Lifecycle.Live);
        var version = service.Version;
        var alternative = new Alternative("Hosted mail", 3.10m, "USD", null);

        service.Update(Details(name: "Mail and calendar", unitCost: 5m, currency: "USD", alternatives: [alternative]), [], T1);

        Assert.Equal("Mail and calendar", service.Name);
        Assert.Equal(new UnitCost("mailbox", 5m, "USD"), service.Cost);
        Assert.Equal([alternative], service.Alternatives);
        Assert.Equal(version + 1, service.Version);
        Assert.Equal(T1, service.UpdatedAt);
        Assert.Equal(T0, service.CreatedAt);
        Assert.Equal("mail", service.Key);
        Assert.Equal(Lifecycle.Live, service.Lifecycle);
    }

    [Fact]
    public void Update_RetiredService_ThrowsServiceRetired()
    {
        var service = NewService(lifecycle: Lifecycle.Retired);
        var version = service.Version;

        var error = Assert.Throws<DomainRuleException>(() => service.Update(Details(name: "Renamed"), [], T1));

        Assert.Equal("service-retired", error.Code);
        Assert.Equal("Mail", service.Name);
        Assert.Equal(version, service.Version);
    }

    [Fact]
    public void Update_UnknownCurrency_ThrowsAndKeepsOldDetails()
    {
        var service = NewService();

        var error = Assert.Throws<DomainRuleException>(() => service.Update(Details(name: "Renamed", currency: "ABC"), [], T1));

        Assert.Equal("invalid-currency", error.Code);
        Assert.Equal("Mail", service.Name);
        Assert.Equal(1, service.Version);
    }

    [Fact]
    public void Changes_InSequence_EachBumpVersionOnceAndMoveUpdatedAt()
    {
        var storage = NewService("storage", Lifecycle.Live);
        var service = Service.Create("mail", Details(), [], T0);

        // Details and dependencies change in one write, which is one version.
        service.Update(Details(name: "Mail 2"), [storage], T1);
        Assert.Equal((2, T1), (service.Version, service.UpdatedAt));

        service.Update(Details(name: "Mail 3"), [storage], T2);
        Assert.Equal((3, T2), (service.Version, service.UpdatedAt));

        service.MoveTo(Lifecycle.Live, [storage], [], T3);
        Assert.Equal((4, T3), (service.Version, service.UpdatedAt));
        Assert.Equal(T0, service.CreatedAt);
    }
}
