// What ASP.NET Core does on this machine with no database, no authentication and no middleware: the
// ceiling the Catalog's throughput is compared with, measured in the same run with the same wrk settings.
// GET /api/v1/services/{id} returns a document the size and shape of a catalog service.
using System.Text.Json;

var builder = WebApplication.CreateSlimBuilder(args);
builder.Logging.ClearProviders();
builder.Services.ConfigureHttpJsonOptions(options =>
{
    options.SerializerOptions.PropertyNamingPolicy = JsonNamingPolicy.CamelCase;
    options.SerializerOptions.TypeInfoResolverChain.Insert(0, ReferenceJson.Default);
});
var app = builder.Build();

var created = new DateTime(2026, 11, 1, 9, 30, 0, DateTimeKind.Utc);
var service = new ReferenceService(
    Guid.Parse("01a20507-daa4-7041-9d07-aa9ec6eb3fc0"),
    "corporate-email",
    "Corporate Email",
    "Email for every employee, on every device.",
    "Exchange-compatible mailboxes with 50 GB each.",
    "collaboration",
    new ReferenceOwner("Workplace Services", "workplace@example.com"),
    "business",
    "live",
    [],
    new ReferenceCost("mailbox", 4.5m, "EUR"),
    [new ReferenceAlternative("Hosted email", 3.2m, "EUR", "Vendor-hosted")],
    created,
    created,
    1);

app.MapGet("/api/v1/services/{id:guid}", (Guid id) => TypedResults.Ok(service with { Id = id }));
app.MapGet("/health/ready", () => TypedResults.Text("Healthy"));
app.Run();

internal sealed record ReferenceOwner(string Team, string Contact);

internal sealed record ReferenceCost(string Unit, decimal UnitCostPerMonth, string Currency);

internal sealed record ReferenceAlternative(string Name, decimal UnitCostPerMonth, string Currency, string Note);

internal sealed record ReferenceService(
    Guid Id,
    string Key,
    string Name,
    string Summary,
    string Description,
    string Category,
    ReferenceOwner Owner,
    string Kind,
    string Lifecycle,
    Guid[] DependsOn,
    ReferenceCost Cost,
    ReferenceAlternative[] Alternatives,
    DateTime CreatedAt,
    DateTime UpdatedAt,
    int Version);

[System.Text.Json.Serialization.JsonSerializable(typeof(ReferenceService))]
internal sealed partial class ReferenceJson : System.Text.Json.Serialization.JsonSerializerContext;
