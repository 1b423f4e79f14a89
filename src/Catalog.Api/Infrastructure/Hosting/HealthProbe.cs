namespace Catalog.Api.Infrastructure.Hosting;

/// <summary>
/// <c>dotnet Catalog.Api.dll health-probe</c> asks the running API whether it is ready and exits 0 or 1. The
/// container's HEALTHCHECK uses it because the runtime image carries no curl or wget.
/// </summary>
public static class HealthProbe
{
    public const string Argument = "health-probe";

    public static bool IsRequested(string[] args) => args is [Argument, ..];

    public static async Task<int> RunAsync(string[] args)
    {
        var url = args.Length > 1 ? args[1] : "http://127.0.0.1:8080/health/ready";
        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(3) };
        try
        {
            using var response = await client.GetAsync(new Uri(url));
            return response.IsSuccessStatusCode ? 0 : 1;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            return 1;
        }
    }
}
