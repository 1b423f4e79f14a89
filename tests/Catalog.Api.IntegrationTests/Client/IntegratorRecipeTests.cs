using System.Text.Json;
using Catalog.Api.IntegrationTests.Infrastructure;
using Catalog.Client;

namespace Catalog.Api.IntegrationTests.Client;

/// <summary>The integrator's recipe, driven only through the client generated from the committed OpenAPI document.</summary>
public sealed class IntegratorRecipeTests(CatalogApiFactory factory) : IClassFixture<CatalogApiFactory>
{
    // NDJSON lines are read with the same conventions the generated client uses for JSON bodies.
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower) },
    };

    [SkippableFact]
    public async Task GeneratedClient_ExportThenFollowTheFeed_SeesEveryLaterChange()
    {
        var admin = ClientFor(CatalogApiFactory.AdminKey);
        var issued = await admin.CreateApiKeyAsync(new ApiKeyInput { Name = "CMDB sync", Role = ApiRole.Integrator });
        var integrator = ClientFor(issued.Key);
        var storage = await admin.CreateServiceAsync(Service("storage-" + Guid.NewGuid().ToString("N")[..8], ServiceKind.Supporting));

        // Load once.
        var snapshot = await ReadExportAsync(integrator);
        Assert.Contains(storage.Id, snapshot.Services);

        // Then follow the feed from the snapshot's position.
        var email = await admin.CreateServiceAsync(Service("email-" + Guid.NewGuid().ToString("N")[..8], ServiceKind.Business, storage.Id));
        var live = await admin.ChangeServiceLifecycleAsync(storage.Id, new LifecycleInput { Lifecycle = Lifecycle.Live });
        var after = snapshot.Sequence;
        var seen = new List<ChangeResponse>();
        while (true)
        {
            var page = await integrator.ListChangesAsync(after, 2, "service.created,service.lifecycle-changed");
            seen.AddRange(page.Items);
            if (page.LastSequence == after)
            {
                break;
            }

            after = page.LastSequence;
        }

        Assert.Equal(["service.created", "service.lifecycle-changed"], seen.Select(c => c.Type));
        Assert.Equal(email.Id, seen[0].Subject.Id);
        Assert.Equal(storage.Id, seen[1].Subject.Id);
        var data = Assert.IsType<JsonElement>(seen[1].Data);
        Assert.Equal("live", data.GetProperty("lifecycle").GetString());
        Assert.Equal(live.Version, data.GetProperty("version").GetInt32());
    }

    [SkippableFact]
    public async Task GeneratedClient_MonitoringPostsTheSameAlertTwice_OneOutageThatTheServiceMonthShows()
    {
        var admin = ClientFor(CatalogApiFactory.AdminKey);
        var issued = await admin.CreateApiKeyAsync(new ApiKeyInput { Name = "Monitoring", Role = ApiRole.Integrator });
        var monitoring = ClientFor(issued.Key);
        var storage = await admin.CreateServiceAsync(Service("storage-" + Guid.NewGuid().ToString("N")[..8], ServiceKind.Supporting));
        await admin.ChangeServiceLifecycleAsync(storage.Id, new LifecycleInput { Lifecycle = Lifecycle.Live });
        var alert = new OutageInput
        {
            ServiceId = storage.Id,
            Kind = OutageKind.Outage,
            Priority = "P1",
            StartedAt = DateTimeOffset.UtcNow.AddMinutes(-20),
            Summary = "Storage stopped answering.",
            Source = new SourceInput { System = "monitoring", Reference = "ALERT-" + Guid.NewGuid().ToString("N")[..8] },
        };

        var first = await monitoring.RecordOutageAsync(alert);
        var again = await monitoring.RecordOutageAsync(alert);
        var month = await monitoring.GetServiceAttainmentAsync(storage.Id);

        Assert.Equal(first.Id, again.Id);
        Assert.Null(first.RestoredAt);
        Assert.Equal(storage.Name, month.ServiceName);
        Assert.Empty(month.Agreements);
    }

    [SkippableFact]
    public async Task GeneratedClient_Problem_SurfacesAsTypedException()
    {
        var admin = ClientFor(CatalogApiFactory.AdminKey);

        var error = await Assert.ThrowsAsync<CatalogApiException<HttpValidationProblemDetails>>(() => admin.CreateServiceAsync(new ServiceInput { Key = "Not A Slug" }));

        Assert.Equal(400, error.StatusCode);
        Assert.Contains("name", error.Result.Errors.Keys);
        Assert.Equal("https://catalog.example/problems/validation", error.Result.Type);
    }

    private CatalogClient ClientFor(string apiKey)
    {
        var http = factory.CreateClient();
        http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", apiKey);
        return new CatalogClient(http);
    }

    private static ServiceInput Service(string key, ServiceKind kind, Guid? dependsOn = null) => new()
    {
        Key = key,
        Name = key,
        Summary = "Used by the generated-client test.",
        Category = "client",
        Owner = new OwnerInput { Team = "Platform", Contact = "platform@example.com" },
        Kind = kind,
        DependsOn = dependsOn is { } id ? [id] : [],
        Cost = new CostInput { Unit = "unit", UnitCostPerMonth = 1.5, Currency = "EUR" },
    };

    private static async Task<(long Sequence, HashSet<Guid> Services)> ReadExportAsync(CatalogClient client)
    {
        using var export = await client.ExportSnapshotAsync();
        using var reader = new StreamReader(export.Stream);
        var sequence = -1L;
        var services = new HashSet<Guid>();
        while (await reader.ReadLineAsync() is { } line)
        {
            using var document = JsonDocument.Parse(line);
            var type = document.RootElement.GetProperty("type").GetString();
            if (type == "snapshot")
            {
                sequence = document.RootElement.GetProperty("data").GetProperty("sequence").GetInt64();
            }
            else if (type == "service")
            {
                services.Add(document.RootElement.GetProperty("data").Deserialize<ServiceResponse>(Json)!.Id);
            }
        }

        return (sequence, services);
    }
}
