namespace Catalog.Api.Domain.Services;

/// <summary>An edge of the dependency graph: <see cref="ServiceId"/> depends on <see cref="DependsOnId"/>.</summary>
public sealed class ServiceDependency
{
    public ServiceDependency(Guid serviceId, Guid dependsOnId)
    {
        ServiceId = serviceId;
        DependsOnId = dependsOnId;
    }

    public Guid ServiceId { get; private set; }

    public Guid DependsOnId { get; private set; }
}
