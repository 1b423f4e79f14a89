using Catalog.Api.Domain.Services;
using Catalog.Api.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Catalog.Api.Features.Services;

/// <summary>
/// Loads the part of the dependency graph reachable from some services, one query per level, so a change
/// or an impact view touches only the services involved rather than the whole catalog.
/// </summary>
internal static class ServiceGraph
{
    /// <summary>Edges service → the services it depends on, reachable from <paramref name="roots"/>.</summary>
    public static Task<IReadOnlyDictionary<Guid, IReadOnlyCollection<Guid>>> DependenciesFromAsync(
        CatalogDbContext db, IEnumerable<Guid> roots, CancellationToken cancellationToken) =>
        WalkAsync(
            roots,
            frontier => db.ServiceDependencies.AsNoTracking().Where(d => frontier.Contains(d.ServiceId)).Select(d => new Edge(d.ServiceId, d.DependsOnId)),
            cancellationToken);

    /// <summary>Edges service → the services that depend on it, reachable from <paramref name="roots"/>.</summary>
    public static Task<IReadOnlyDictionary<Guid, IReadOnlyCollection<Guid>>> DependantsOfAsync(
        CatalogDbContext db, IEnumerable<Guid> roots, CancellationToken cancellationToken) =>
        WalkAsync(
            roots,
            frontier => db.ServiceDependencies.AsNoTracking().Where(d => frontier.Contains(d.DependsOnId)).Select(d => new Edge(d.DependsOnId, d.ServiceId)),
            cancellationToken);

    /// <summary>The service and every service reachable from it along <paramref name="graph"/>'s edges.</summary>
    public static HashSet<Guid> Reachable(Guid serviceId, IReadOnlyDictionary<Guid, IReadOnlyCollection<Guid>> graph)
    {
        var found = new HashSet<Guid> { serviceId };
        var pending = new Stack<Guid>([serviceId]);
        while (pending.TryPop(out var service))
        {
            foreach (var next in graph.GetValueOrDefault(service) ?? [])
            {
                if (found.Add(next))
                {
                    pending.Push(next);
                }
            }
        }

        return found;
    }

    private static async Task<IReadOnlyDictionary<Guid, IReadOnlyCollection<Guid>>> WalkAsync(
        IEnumerable<Guid> roots, Func<List<Guid>, IQueryable<Edge>> edgesFrom, CancellationToken cancellationToken)
    {
        var edges = new Dictionary<Guid, List<Guid>>();
        var seen = roots.ToHashSet();
        var frontier = seen.ToList();
        while (frontier.Count > 0)
        {
            var found = await edgesFrom(frontier).ToListAsync(cancellationToken);
            frontier = [];
            foreach (var edge in found)
            {
                if (!edges.TryGetValue(edge.From, out var targets))
                {
                    edges[edge.From] = targets = [];
                }

                targets.Add(edge.To);
                if (seen.Add(edge.To))
                {
                    frontier.Add(edge.To);
                }
            }
        }

        return edges.ToDictionary(e => e.Key, e => (IReadOnlyCollection<Guid>)e.Value);
    }

    private sealed record Edge(Guid From, Guid To);
}
