namespace Catalog.Api.Infrastructure.Persistence;

/// <summary>
/// An invariant that spans rows, which a write must check and keep in one go: writers under the same guard
/// run one after the other (see <see cref="CatalogDbContext.BeginGuardedWriteAsync"/>). The values are lock keys.
/// </summary>
public enum WriteGuard : long
{
    /// <summary>The dependency graph has no cycle.</summary>
    ServiceGraph = 0x43415401,

    /// <summary>At least one admin key stays active.</summary>
    AdminKeys = 0x43415402,
}
