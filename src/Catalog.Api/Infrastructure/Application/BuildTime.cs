using System.Reflection;

namespace Catalog.Api.Infrastructure.Application;

public static class BuildTime
{
    /// <summary>
    /// True while the build runs the program only to write the OpenAPI document: no database, no secrets.
    /// </summary>
    public static bool IsGeneratingOpenApiDocument =>
        Assembly.GetEntryAssembly()?.GetName().Name == "GetDocument.Insider";
}
