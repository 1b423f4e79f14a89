using Catalog.Api.IntegrationTests.Infrastructure.Contract;
using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Catalog.Api.IntegrationTests.Infrastructure;

namespace Catalog.Api.IntegrationTests.Infrastructure;

public sealed class HostingTests(CatalogApiFactory factory) : IClassFixture<CatalogApiFactory>
{
    [SkippableTheory]
    [InlineData("/health/live")]
    [InlineData("/health/ready")]
    public async Task Health_DatabaseReachable_ReportsHealthy(string path)
    {
        var response = await factory.ClientWithKey(null).GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync());
    }

    [SkippableFact]
    public async Task Startup_FreshDatabase_AppliesMigrationsAndSeedsBuiltInMetrics()
    {
        var metrics = await (await factory.ClientWithKey().GetAsync("/api/v1/metrics")).ExpectAsync(HttpStatusCode.OK);

        var keys = metrics["items"]!.AsArray().Select(m => m!["key"].Value<string>()).ToList();
        Assert.Equal(["availability", "recovery-point", "recovery-time", "response-time", "support-hours", "time-to-restore"], keys.Where(k => metrics["items"]!.AsArray().First(m => m!["key"].Value<string>() == k)!["builtIn"].Value<bool>()));
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<Catalog.Api.Infrastructure.Persistence.CatalogDbContext>();
        Assert.Equal(db.Database.GetMigrations(), await db.Database.GetAppliedMigrationsAsync());
    }

    [SkippableFact]
    public async Task UnknownRoute_WithKey_Returns404Problem()
    {
        using var undocumented = ContractValidation.ExpectInvalidRequest();
        await (await factory.ClientWithKey().GetAsync("/api/v1/nothing-here")).ExpectProblemAsync(HttpStatusCode.NotFound, "not-found");
    }

    [SkippableFact]
    public async Task WrongMethod_Returns405Problem()
    {
        var response = await factory.ClientWithKey().DeleteAsync("/api/v1/services");

        await response.ExpectProblemAsync(HttpStatusCode.MethodNotAllowed);
    }

    [SkippableFact]
    public async Task SwaggerUi_Anonymous_PointsAtTheGeneratedDocument()
    {
        var client = factory.ClientWithKey(null);

        var page = await client.GetAsync("/swagger/index.html");
        var config = await client.GetStringAsync("/swagger/index.js");

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("/openapi/v1.json", config, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task BootstrapAdminKey_ConfiguredKey_IsTheOnlyAdminKeyAndStoredHashed()
    {
        var keys = await (await factory.ClientWithKey().GetAsync("/api/v1/api-keys?role=admin")).ExpectAsync(HttpStatusCode.OK);

        var bootstrap = Assert.Single(keys["items"]!.AsArray(), k => k!["name"].Value<string>() == "bootstrap-admin")!.AsObject();
        // A chosen secret shows nothing of itself, only the start of its hash.
        var hash = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(CatalogApiFactory.AdminKey)));
        Assert.Equal("sha256:" + hash[..8], bootstrap["prefix"].Value<string>());
        Assert.Null(bootstrap["key"]);
        var stored = await factory.Database.ReadStoredTextAsync();
        Assert.Contains(hash, stored, StringComparison.Ordinal);
        Assert.DoesNotContain(CatalogApiFactory.AdminKey[4..16], stored, StringComparison.Ordinal);
    }
}
