namespace Catalog.Api.Domain.Services;

public enum ServiceKind
{
    /// <summary>Used directly by business units.</summary>
    Business,

    /// <summary>Underpins other services (storage, network…).</summary>
    Supporting,
}
