using Catalog.Api.Domain.Common;

namespace Catalog.Api.Domain.Services;

/// <summary>
/// Reasoning over the service dependency graph, given the edges that matter as a map from a service to
/// the services it depends on (or, read the other way, to the services that depend on it).
/// </summary>
public static class DependencyGraph
{
    /// <summary>
    /// Finds the cycle that making <paramref name="service"/> depend on <paramref name="newDependencies"/>
    /// would close, as the path service → … → service; null when there is none.
    /// </summary>
    /// <param name="service">The service whose dependencies change.</param>
    /// <param name="newDependencies">What it would depend on.</param>
    /// <param name="dependsOn">Existing edges reachable from the new dependencies (its own outgoing edges are ignored).</param>
    public static IReadOnlyList<Guid>? FindCycle(Guid service, IEnumerable<Guid> newDependencies, IReadOnlyDictionary<Guid, IReadOnlyCollection<Guid>> dependsOn)
    {
        var cameFrom = new Dictionary<Guid, Guid>();
        var queue = new Queue<Guid>();
        foreach (var dependency in newDependencies.Distinct())
        {
            if (dependency == service)
            {
                return [service, service];
            }

            cameFrom[dependency] = service;
            queue.Enqueue(dependency);
        }

        while (queue.TryDequeue(out var current))
        {
            if (!dependsOn.TryGetValue(current, out var next))
            {
                continue;
            }

            foreach (var target in next)
            {
                if (target == service)
                {
                    var path = new List<Guid> { service, current };
                    for (var step = current; cameFrom[step] != service; step = cameFrom[step])
                    {
                        path.Add(cameFrom[step]);
                    }

                    path.Add(service);
                    path.Reverse();
                    return path;
                }

                if (cameFrom.TryAdd(target, current))
                {
                    queue.Enqueue(target);
                }
            }
        }

        return null;
    }

    /// <summary>
    /// Every service that depends on <paramref name="service"/> directly or transitively, with its distance
    /// (1 = direct dependant) and the neighbour through which it was first reached.
    /// </summary>
    public static IReadOnlyList<Reach> Dependants(Guid service, IReadOnlyDictionary<Guid, IReadOnlyCollection<Guid>> dependedOnBy)
    {
        var result = new List<Reach>();
        var seen = new HashSet<Guid> { service };
        var queue = new Queue<(Guid Id, int Distance)>();
        queue.Enqueue((service, 0));
        while (queue.TryDequeue(out var current))
        {
            if (!dependedOnBy.TryGetValue(current.Id, out var dependants))
            {
                continue;
            }

            foreach (var dependant in dependants.Order())
            {
                if (seen.Add(dependant))
                {
                    result.Add(new Reach(dependant, current.Distance + 1, current.Id));
                    queue.Enqueue((dependant, current.Distance + 1));
                }
            }
        }

        return result;
    }

    /// <summary>The refusal for a change that would close <paramref name="cycle"/>, naming the services by key.</summary>
    public static DomainRuleException CycleRefused(IReadOnlyList<Guid> cycle, IReadOnlyDictionary<Guid, string> keys) =>
        new(
            "dependency-cycle",
            "These dependencies would close a cycle: " + string.Join(" → ", cycle.Select(id => keys.TryGetValue(id, out var key) ? key : id.ToString())) + ".");

    public sealed record Reach(Guid ServiceId, int Distance, Guid Via);
}
