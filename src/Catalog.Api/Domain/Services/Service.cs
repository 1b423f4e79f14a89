using Catalog.Api.Domain.Common;

namespace Catalog.Api.Domain.Services;

public sealed class Service
{
    private readonly List<ServiceDependency> _dependencies = [];
    private List<Alternative> _alternatives = [];

    private Service()
    {
        Key = Name = Summary = Category = string.Empty;
        Owner = new Owner(string.Empty, string.Empty);
        Cost = new UnitCost(string.Empty, 0m, string.Empty);
    }

    public Guid Id { get; private set; }

    public string Key { get; private set; }

    public string Name { get; private set; }

    public string Summary { get; private set; }

    public string? Description { get; private set; }

    public string Category { get; private set; }

    public Owner Owner { get; private set; }

    public ServiceKind Kind { get; private set; }

    public Lifecycle Lifecycle { get; private set; }

    public UnitCost Cost { get; private set; }

    public IReadOnlyList<Alternative> Alternatives => _alternatives;

    public IReadOnlyCollection<ServiceDependency> Dependencies => _dependencies;

    public DateTime CreatedAt { get; private set; }

    public DateTime UpdatedAt { get; private set; }

    /// <summary>Increases with every change; the concurrency token behind the ETag.</summary>
    public int Version { get; private set; }

    /// <summary>
    /// Key, name, summary and category folded to lower case by .NET, so that searching ignores case for every
    /// alphabet on every database (SQLite's own lower() folds ASCII only).
    /// </summary>
    public string SearchText { get; private set; } = string.Empty;

    public bool AcceptsNewWork => Lifecycle == Lifecycle.Live;

    /// <param name="key">The unique, immutable slug.</param>
    /// <param name="details">Everything editable about the service.</param>
    /// <param name="dependencies">The services it depends on; a new service has no dependants, so they close no cycle.</param>
    /// <param name="now">The time of creation.</param>
    public static Service Create(string key, ServiceDetails details, IReadOnlyCollection<Service> dependencies, DateTime now)
    {
        if (!Slug.IsValid(key))
        {
            throw new DomainRuleException("invalid-key", $"'{key}' is not a valid key: use lower-case letters, digits and single hyphens.");
        }

        var service = new Service
        {
            Id = Guid.CreateVersion7(now),
            Key = key,
            Lifecycle = Lifecycle.Pipeline,
            CreatedAt = now,
        };
        service.Apply(details, dependencies, now);
        return service;
    }

    /// <summary>
    /// Replaces the description and the dependencies. The caller has checked that each dependency exists and
    /// that the new edges close no cycle (<see cref="DependencyGraph.FindCycle"/>); this method checks what it
    /// can see itself.
    /// </summary>
    public void Update(ServiceDetails details, IReadOnlyCollection<Service> dependencies, DateTime now)
    {
        EnsureNotRetired("updated");
        Apply(details, dependencies, now);
    }

    /// <summary>
    /// Moves the service along pipeline → live → retired. A pipeline service may also be retired
    /// (cancelled) without going live. Retired is final.
    /// </summary>
    /// <param name="target">The lifecycle to move to.</param>
    /// <param name="dependencies">The services this one depends on, to check they are live before it goes live.</param>
    /// <param name="activeDependants">Non-retired services that depend on this one; they block retirement.</param>
    /// <param name="now">The time of the change.</param>
    public void MoveTo(Lifecycle target, IReadOnlyCollection<Service> dependencies, IReadOnlyCollection<Service> activeDependants, DateTime now)
    {
        if (!CanMove(Lifecycle, target))
        {
            throw new DomainRuleException(
                "lifecycle-transition-not-allowed",
                $"Service '{Key}' is {Describe(Lifecycle)} and cannot move to {Describe(target)}; allowed: {AllowedFrom(Lifecycle)}.");
        }

        if (target == Lifecycle.Live)
        {
            var notLive = dependencies.Where(d => d.Lifecycle != Lifecycle.Live).ToList();
            if (notLive.Count > 0)
            {
                throw new DomainRuleException(
                    "dependencies-not-live",
                    $"Service '{Key}' cannot go live before the services it depends on: {string.Join(", ", notLive.Select(d => $"{d.Key} ({Describe(d.Lifecycle)})"))}.");
            }
        }

        if (target == Lifecycle.Retired && activeDependants.Count > 0)
        {
            throw new DomainRuleException(
                "service-has-dependants",
                $"Service '{Key}' still underpins {string.Join(", ", activeDependants.Select(d => d.Key))}; retire or re-point them first.");
        }

        Lifecycle = target;
        Touch(now);
    }

    public static bool CanMove(Lifecycle from, Lifecycle to) => (from, to) switch
    {
        (Lifecycle.Pipeline, Lifecycle.Live) => true,
        (Lifecycle.Pipeline, Lifecycle.Retired) => true,
        (Lifecycle.Live, Lifecycle.Retired) => true,
        _ => false,
    };

    private static string AllowedFrom(Lifecycle from)
    {
        var allowed = Enum.GetValues<Lifecycle>().Where(to => CanMove(from, to)).Select(Describe).ToList();
        return allowed.Count == 0 ? "none, retired is final" : string.Join(", ", allowed);
    }

    private static string Describe(Lifecycle lifecycle) => lifecycle.ToString().ToLowerInvariant();

    private void EnsureNotRetired(string action)
    {
        if (Lifecycle == Lifecycle.Retired)
        {
            throw new DomainRuleException("service-retired", $"Service '{Key}' is retired and cannot be {action}.");
        }
    }

    private void Apply(ServiceDetails details, IReadOnlyCollection<Service> dependencies, DateTime now)
    {
        if (!CurrencyCodes.IsActive(details.Cost.Currency) || details.Alternatives.Any(a => !CurrencyCodes.IsActive(a.Currency)))
        {
            throw new DomainRuleException("invalid-currency", "Costs must be in ISO 4217 currencies.");
        }

        if (details.Cost.UnitCostPerMonth < 0 || details.Alternatives.Any(a => a.UnitCostPerMonth < 0))
        {
            throw new DomainRuleException("negative-cost", "Costs cannot be negative.");
        }

        if (dependencies.Any(d => d.Id == Id))
        {
            throw new DomainRuleException("dependency-cycle", $"Service '{Key}' cannot depend on itself.");
        }

        var newlyRetired = dependencies.Where(d => d.Lifecycle == Lifecycle.Retired && _dependencies.All(e => e.DependsOnId != d.Id)).ToList();
        if (newlyRetired.Count > 0)
        {
            throw new DomainRuleException(
                "dependency-retired",
                $"A service cannot start depending on a retired service: {string.Join(", ", newlyRetired.Select(r => r.Key))}.");
        }

        var notLive = dependencies.Where(d => d.Lifecycle != Lifecycle.Live && _dependencies.All(e => e.DependsOnId != d.Id)).ToList();
        if (Lifecycle == Lifecycle.Live && notLive.Count > 0)
        {
            throw new DomainRuleException(
                "dependencies-not-live",
                $"Live service '{Key}' can only start depending on live services; not live: {string.Join(", ", notLive.Select(d => d.Key))}.");
        }

        Name = details.Name;
        Summary = details.Summary;
        Description = details.Description;
        Category = details.Category;
        Owner = details.Owner;
        Kind = details.Kind;
        Cost = details.Cost;
        _alternatives = [.. details.Alternatives];
        SearchText = string.Join(' ', Key, Name, Summary, Category).ToLowerInvariant();

        var wanted = dependencies.Select(d => d.Id).ToHashSet();
        _dependencies.RemoveAll(d => !wanted.Contains(d.DependsOnId));
        foreach (var id in wanted.Where(id => _dependencies.All(d => d.DependsOnId != id)))
        {
            _dependencies.Add(new ServiceDependency(Id, id));
        }

        Touch(now);
    }

    private void Touch(DateTime now)
    {
        UpdatedAt = now;
        Version++;
    }
}
