using Catalog.Api.Domain.Common;
using Catalog.Api.Domain.Services;
using static Catalog.Api.UnitTests.TestData;

namespace Catalog.Api.UnitTests.Domain.Services;

public class ServiceDependencyTests
{
    [Fact]
    public void Create_WithDependencies_RecordsEdgesFromThisService()
    {
        var storage = NewService("storage", Lifecycle.Live);
        var network = NewService("network");

        var mail = Service.Create("mail", Details(), [storage, network], T1);

        Assert.All(mail.Dependencies, d => Assert.Equal(mail.Id, d.ServiceId));
        Assert.Equal(IdsOf(storage, network), DependenciesOf(mail));
        Assert.Equal(1, mail.Version);
    }

    [Fact]
    public void Create_RetiredDependency_ThrowsDependencyRetired()
    {
        var legacy = NewService("legacy-storage", Lifecycle.Retired);

        var error = Assert.Throws<DomainRuleException>(() => Service.Create("mail", Details(), [legacy], T1));

        Assert.Equal("dependency-retired", error.Code);
        Assert.Contains("legacy-storage", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Update_ChangedDependencies_ReplacesDroppedAndAddsNew()
    {
        var storage = NewService("storage");
        var network = NewService("network");
        var backup = NewService("backup");
        var mail = Service.Create("mail", Details(), [storage, network], T0);

        mail.Update(Details(), [network, backup], T1);

        Assert.Equal(IdsOf(network, backup), DependenciesOf(mail));
        Assert.All(mail.Dependencies, d => Assert.Equal(mail.Id, d.ServiceId));
        Assert.Equal(2, mail.Version);
        Assert.Equal(T1, mail.UpdatedAt);
    }

    [Fact]
    public void Update_NoDependencies_RemovesAll()
    {
        var storage = NewService("storage");
        var mail = Service.Create("mail", Details(), [storage], T0);

        mail.Update(Details(), [], T1);

        Assert.Empty(mail.Dependencies);
    }

    [Fact]
    public void Update_SameDependenciesInAnotherOrder_KeepsTheEdgesAndBumpsVersionOnce()
    {
        var storage = NewService("storage");
        var network = NewService("network");
        var mail = Service.Create("mail", Details(), [storage, network], T0);
        var edges = mail.Dependencies.ToList();

        mail.Update(Details(), [network, storage], T1);

        // The same edge objects: EF Core sees no delete and re-insert.
        Assert.Equal(edges, mail.Dependencies);
        Assert.Equal(2, mail.Version);
    }

    [Fact]
    public void Update_DuplicateEntries_RecordsOneEdge()
    {
        var storage = NewService("storage");
        var mail = NewService("mail");

        mail.Update(Details(), [storage, storage], T1);

        Assert.Equal(storage.Id, Assert.Single(mail.Dependencies).DependsOnId);
    }

    [Fact]
    public void Update_DependsOnItself_ThrowsDependencyCycleAndChangesNothing()
    {
        var storage = NewService("storage");
        var mail = NewService("mail");

        var error = Assert.Throws<DomainRuleException>(() => mail.Update(Details(name: "Renamed"), [storage, mail], T1));

        Assert.Equal("dependency-cycle", error.Code);
        Assert.Empty(mail.Dependencies);
        Assert.Equal("Mail", mail.Name);
        Assert.Equal(1, mail.Version);
    }

    [Fact]
    public void Update_NewRetiredDependency_ThrowsDependencyRetiredAndChangesNothing()
    {
        var storage = NewService("storage", Lifecycle.Live);
        var legacy = NewService("legacy-storage", Lifecycle.Retired);
        var mail = NewService("mail");

        var error = Assert.Throws<DomainRuleException>(() => mail.Update(Details(name: "Renamed"), [storage, legacy], T1));

        Assert.Equal("dependency-retired", error.Code);
        Assert.Contains("legacy-storage", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("storage,", error.Message, StringComparison.Ordinal);
        Assert.Empty(mail.Dependencies);
        Assert.Equal("Mail", mail.Name);
        Assert.Equal(1, mail.Version);
    }

    [Fact]
    public void Update_ExistingDependencySinceRetired_IsTolerated()
    {
        var storage = NewService("storage", Lifecycle.Live);
        var network = NewService("network", Lifecycle.Live);
        var mail = Service.Create("mail", Details(), [storage], T0);
        storage.MoveTo(Lifecycle.Retired, [], [], T1);

        mail.Update(Details(name: "Renamed"), [storage, network], T2);

        Assert.Equal(IdsOf(storage, network), DependenciesOf(mail));
        Assert.Equal("Renamed", mail.Name);
    }

    [Fact]
    public void Update_RetiredService_ThrowsServiceRetiredAndKeepsDependencies()
    {
        var storage = NewService("storage", Lifecycle.Live);
        var network = NewService("network", Lifecycle.Live);
        var mail = Service.Create("mail", Details(), [storage], T0);
        mail.MoveTo(Lifecycle.Retired, [], [], T1);

        var error = Assert.Throws<DomainRuleException>(() => mail.Update(Details(), [network], T2));

        Assert.Equal("service-retired", error.Code);
        Assert.Equal(IdsOf(storage), DependenciesOf(mail));
        Assert.Equal(2, mail.Version);
    }

    private static IEnumerable<Guid> IdsOf(params Service[] services) => services.Select(s => s.Id).Order();

    private static IEnumerable<Guid> DependenciesOf(Service service) => service.Dependencies.Select(d => d.DependsOnId).Order();
}
