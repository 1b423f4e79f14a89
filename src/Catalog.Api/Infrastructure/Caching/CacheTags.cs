namespace Catalog.Api.Infrastructure.Caching;

/// <summary>The output cache's tags: what a cached response shows, so that a change evicts every response that shows it.</summary>
public static class CacheTags
{
    /// <summary>The tag every cached response carries.</summary>
    public const string All = "all";

    /// <summary>The tag of every response that shows the resource.</summary>
    public static string Resource(string subjectType, Guid subjectId) => $"{subjectType}:{subjectId:D}";

    /// <summary>The tag of every list of resources of a type.</summary>
    public static string List(string subjectType) => subjectType + ":list";
}
