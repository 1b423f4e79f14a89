using Catalog.Api.Domain.Services;

namespace Catalog.Api.UnitTests.Domain.Services;

public class DependencyGraphTests
{
    private static readonly Guid S = Id(1);
    private static readonly Guid A = Id(2);
    private static readonly Guid B = Id(3);
    private static readonly Guid C = Id(4);
    private static readonly Guid D = Id(5);
    private static readonly Guid E = Id(6);

    [Fact]
    public void FindCycle_NoPathBack_ReturnsNull()
    {
        var dependsOn = Graph((A, [B]), (B, [C]));

        Assert.Null(DependencyGraph.FindCycle(S, [A], dependsOn));
    }

    [Fact]
    public void FindCycle_NoNewDependencies_ReturnsNull()
    {
        var dependsOn = Graph((A, [S]));

        Assert.Null(DependencyGraph.FindCycle(S, [], dependsOn));
    }

    [Fact]
    public void FindCycle_DependsOnItself_ReturnsSelfLoop()
    {
        Assert.Equal([S, S], DependencyGraph.FindCycle(S, [A, S], Graph()));
    }

    [Fact]
    public void FindCycle_DirectDependencyDependsBack_ReturnsTwoCycle()
    {
        var dependsOn = Graph((A, [S]));

        Assert.Equal([S, A, S], DependencyGraph.FindCycle(S, [A], dependsOn));
    }

    [Fact]
    public void FindCycle_LongerCycle_ReturnsPathInOrder()
    {
        // S → A → B → C → S, with a side branch B → D that leads nowhere.
        var dependsOn = Graph((A, [B]), (B, [D, C]), (C, [S]), (D, [E]));

        Assert.Equal([S, A, B, C, S], DependencyGraph.FindCycle(S, [A], dependsOn));
    }

    [Fact]
    public void FindCycle_CycleThroughSecondNewDependency_StartsWithThatDependency()
    {
        var dependsOn = Graph((A, [C]), (B, [D]), (D, [S]));

        Assert.Equal([S, B, D, S], DependencyGraph.FindCycle(S, [A, B], dependsOn));
    }

    [Fact]
    public void FindCycle_TwoWaysBack_ReturnsAShortestOne()
    {
        var dependsOn = Graph((A, [B, S]), (B, [C]), (C, [S]));

        Assert.Equal([S, A, S], DependencyGraph.FindCycle(S, [A], dependsOn));
    }

    [Fact]
    public void FindCycle_DiamondWithoutCycle_ReturnsNull()
    {
        // S → A → C, S → B → C, C → D: two paths meet, none returns.
        var dependsOn = Graph((A, [C]), (B, [C]), (C, [D]));

        Assert.Null(DependencyGraph.FindCycle(S, [A, B], dependsOn));
    }

    [Fact]
    public void FindCycle_ExistingCycleNotThroughService_TerminatesWithNull()
    {
        var dependsOn = Graph((A, [B]), (B, [C]), (C, [A]));

        Assert.Null(DependencyGraph.FindCycle(S, [A], dependsOn));
    }

    [Fact]
    public void FindCycle_OwnOldEdgesInMap_AreIgnored()
    {
        // The service used to depend on B, which depends on C; the new set is only A, which reaches nothing.
        var dependsOn = Graph((S, [B]), (B, [C]));

        Assert.Null(DependencyGraph.FindCycle(S, [A], dependsOn));
    }

    [Fact]
    public void Dependants_NoneDependOnIt_ReturnsEmpty()
    {
        Assert.Empty(DependencyGraph.Dependants(S, Graph((A, [B]))));
    }

    [Fact]
    public void Dependants_Chain_ReportsDistanceAndVia()
    {
        // dependedOnBy: A and B depend on S; C depends on A; D depends on C.
        var dependedOnBy = Graph((S, [A, B]), (A, [C]), (C, [D]));

        var reach = DependencyGraph.Dependants(S, dependedOnBy);

        Assert.Equal(
            [
                new DependencyGraph.Reach(A, 1, S),
                new DependencyGraph.Reach(B, 1, S),
                new DependencyGraph.Reach(C, 2, A),
                new DependencyGraph.Reach(D, 3, C),
            ],
            reach);
    }

    [Fact]
    public void Dependants_Diamond_VisitsSharedDependantOnceAtShortestDistance()
    {
        // A and B depend on S; C depends on both A and B, and D directly on S and on C.
        var dependedOnBy = Graph((S, [A, B, D]), (A, [C]), (B, [C]), (C, [D]));

        var reach = DependencyGraph.Dependants(S, dependedOnBy);

        Assert.Equal(4, reach.Count);
        Assert.Equal(reach.Count, reach.Select(r => r.ServiceId).Distinct().Count());
        var c = Assert.Single(reach, r => r.ServiceId == C);
        Assert.Equal(2, c.Distance);
        Assert.Contains(c.Via, new[] { A, B });
        Assert.Equal(new DependencyGraph.Reach(D, 1, S), Assert.Single(reach, r => r.ServiceId == D));
    }

    [Fact]
    public void Dependants_CycleBackToService_DoesNotListServiceItself()
    {
        var dependedOnBy = Graph((S, [A]), (A, [S, B]));

        var reach = DependencyGraph.Dependants(S, dependedOnBy);

        Assert.Equal([A, B], reach.Select(r => r.ServiceId));
    }

    [Fact]
    public void Dependants_UnorderedInput_ListsEachLevelInIdOrder()
    {
        var dependedOnBy = Graph((S, [C, A, B]));

        Assert.Equal([A, B, C], DependencyGraph.Dependants(S, dependedOnBy).Select(r => r.ServiceId));
    }

    [Fact]
    public void CycleRefused_KnownKeys_NamesServicesInOrder()
    {
        var keys = new Dictionary<Guid, string> { [S] = "mail", [A] = "storage", [B] = "network" };

        var error = DependencyGraph.CycleRefused([S, A, B, S], keys);

        Assert.Equal("dependency-cycle", error.Code);
        Assert.Contains("mail → storage → network → mail", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void CycleRefused_UnknownKey_FallsBackToId()
    {
        var keys = new Dictionary<Guid, string> { [S] = "mail" };

        var error = DependencyGraph.CycleRefused([S, A, S], keys);

        Assert.Contains($"mail → {A} → mail", error.Message, StringComparison.Ordinal);
    }

    private static Guid Id(int n) => new($"00000000-0000-0000-0000-{n:D12}");

    private static Dictionary<Guid, IReadOnlyCollection<Guid>> Graph(params (Guid From, Guid[] To)[] edges) =>
        edges.ToDictionary(e => e.From, e => (IReadOnlyCollection<Guid>)e.To);
}
