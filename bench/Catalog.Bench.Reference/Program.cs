// What ASP.NET Core does on this machine with no database, no authentication and no middleware: the
// ceiling the Catalog's throughput is compared with, measured in the same run with the same wrk settings.
// GET /api/v1/services/{id} returns a document the size and shape of a catalog service.
// GET /api/v1/floor/services/{id} is the floor of an uncached read on this stack: the same service as a row of
// SQLite, read by id through EF Core (no tracking) and serialised, with nothing else. The rows' ids are
// ReadFloor.Id(1) to ReadFloor.Id(ReadFloor.Rows).
// POST /api/v1/proposals is the floor of a write on this stack: the proposal as a row and an event about it,
// saved through EF Core in one transaction on SQLite (write-ahead log, synchronous=NORMAL, writers queued on
// one gate), with no authentication, validation, reads before the write or event numbering. The Catalog's
// POST does all of those besides; the report sets the two side by side.
using System.Data.Common;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.AspNetCore.Http.HttpResults;

var builder = WebApplication.CreateSlimBuilder(args);
builder.Logging.ClearProviders();
builder.Services.ConfigureHttpJsonOptions(options =>
{
    options.SerializerOptions.PropertyNamingPolicy = JsonNamingPolicy.CamelCase;
    options.SerializerOptions.TypeInfoResolverChain.Insert(0, ReferenceJson.Default);
});
var database = builder.Configuration["Reference:Database"] ?? Path.Combine(Path.GetTempPath(), $"catalog-reference-{Environment.ProcessId}.db");
builder.Services.AddDbContextPool<WriteFloorDb>(options => options.UseSqlite($"Data Source={database}").AddInterceptors(new SynchronousNormal()));
var app = builder.Build();

using (var scope = app.Services.CreateScope())
{
    var db = scope.ServiceProvider.GetRequiredService<WriteFloorDb>();
    await db.Database.EnsureDeletedAsync();
    await db.Database.EnsureCreatedAsync();
    await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;");
}

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

using (var scope = app.Services.CreateScope())
{
    var db = scope.ServiceProvider.GetRequiredService<WriteFloorDb>();
    db.Services.AddRange(Enumerable.Range(1, ReadFloor.Rows).Select(i => FloorService.From(service with { Id = ReadFloor.Id(i), Key = $"service-{i}" })));
    await db.SaveChangesAsync();
}

app.MapGet("/api/v1/services/{id:guid}", (Guid id) => TypedResults.Ok(service with { Id = id }));
app.MapGet("/api/v1/floor/services/{id:guid}", async Task<Results<Ok<ReferenceService>, NotFound>> (Guid id, WriteFloorDb db) =>
    await db.Services.AsNoTracking().SingleOrDefaultAsync(s => s.Id == id) is { } row ? TypedResults.Ok(row.ToResponse()) : TypedResults.NotFound());
app.MapGet("/health/ready", () => TypedResults.Text("Healthy"));

var writeGate = new SemaphoreSlim(1, 1);
app.MapPost("/api/v1/proposals", async (ReferenceProposalInput input, WriteFloorDb db) =>
{
    var now = DateTime.UtcNow;
    var proposal = new FloorProposal
    {
        Id = Guid.CreateVersion7(),
        ServiceId = input.ServiceId,
        Title = input.Title,
        BusinessJustification = input.BusinessJustification,
        Targets = JsonSerializer.Serialize(input.Targets, ReferenceJson.Default.ReferenceTargetArray),
        Status = "draft",
        CreatedAt = now,
        Version = 1,
    };
    db.Proposals.Add(proposal);
    db.Events.Add(new FloorEvent { Type = "proposal.created", SubjectId = proposal.Id, OccurredAt = now, Data = JsonSerializer.Serialize(proposal, ReferenceJson.Default.FloorProposal) });
    await writeGate.WaitAsync();
    try
    {
        await using var transaction = await db.Database.BeginTransactionAsync();
        await db.SaveChangesAsync();
        await transaction.CommitAsync();
    }
    finally
    {
        writeGate.Release();
    }

    return TypedResults.Created($"/api/v1/proposals/{proposal.Id}", proposal);
});
app.Run();

internal sealed record ReferenceTarget(string Metric, decimal Value, string? Scope);

internal sealed record ReferenceProposalInput(Guid ServiceId, string Title, string BusinessJustification, ReferenceTarget[] Targets, bool? Submit);

internal sealed class FloorProposal
{
    public Guid Id { get; set; }

    public Guid ServiceId { get; set; }

    public string Title { get; set; } = string.Empty;

    public string BusinessJustification { get; set; } = string.Empty;

    public string Targets { get; set; } = string.Empty;

    public string Status { get; set; } = string.Empty;

    public DateTime CreatedAt { get; set; }

    public int Version { get; set; }
}

/// <summary>The ids of the read floor's rows: the bench driver asks for the same ones.</summary>
internal static class ReadFloor
{
    public const int Rows = 1000;

    public static Guid Id(int i) => Guid.Parse($"00000000-0000-7000-8000-{i:D12}");
}

/// <summary>A service as a row: the reference document's fields, the nested ones as columns.</summary>
internal sealed class FloorService
{
    public Guid Id { get; set; }

    public string Key { get; set; } = string.Empty;

    public string Name { get; set; } = string.Empty;

    public string Summary { get; set; } = string.Empty;

    public string Description { get; set; } = string.Empty;

    public string Category { get; set; } = string.Empty;

    public string OwnerTeam { get; set; } = string.Empty;

    public string OwnerContact { get; set; } = string.Empty;

    public string Kind { get; set; } = string.Empty;

    public string Lifecycle { get; set; } = string.Empty;

    public string CostUnit { get; set; } = string.Empty;

    public decimal CostPerMonth { get; set; }

    public string CostCurrency { get; set; } = string.Empty;

    public string Alternatives { get; set; } = string.Empty;

    public DateTime CreatedAt { get; set; }

    public DateTime UpdatedAt { get; set; }

    public int Version { get; set; }

    public static FloorService From(ReferenceService s) => new()
    {
        Id = s.Id, Key = s.Key, Name = s.Name, Summary = s.Summary, Description = s.Description, Category = s.Category,
        OwnerTeam = s.Owner.Team, OwnerContact = s.Owner.Contact, Kind = s.Kind, Lifecycle = s.Lifecycle,
        CostUnit = s.Cost.Unit, CostPerMonth = s.Cost.UnitCostPerMonth, CostCurrency = s.Cost.Currency,
        Alternatives = JsonSerializer.Serialize(s.Alternatives, ReferenceJson.Default.ReferenceAlternativeArray),
        CreatedAt = s.CreatedAt, UpdatedAt = s.UpdatedAt, Version = s.Version,
    };

    public ReferenceService ToResponse() => new(
        Id, Key, Name, Summary, Description, Category, new ReferenceOwner(OwnerTeam, OwnerContact), Kind, Lifecycle, [],
        new ReferenceCost(CostUnit, CostPerMonth, CostCurrency),
        JsonSerializer.Deserialize(Alternatives, ReferenceJson.Default.ReferenceAlternativeArray) ?? [],
        DateTime.SpecifyKind(CreatedAt, DateTimeKind.Utc), DateTime.SpecifyKind(UpdatedAt, DateTimeKind.Utc), Version);
}

internal sealed class FloorEvent
{
    public long Id { get; set; }

    public string Type { get; set; } = string.Empty;

    public Guid SubjectId { get; set; }

    public DateTime OccurredAt { get; set; }

    public string Data { get; set; } = string.Empty;
}

/// <summary>Sets <c>synchronous=NORMAL</c> once on each native connection, which the pool then hands out with it, as the Catalog does.</summary>
internal sealed class SynchronousNormal : DbConnectionInterceptor
{
    private readonly ConditionalWeakTable<SQLitePCL.sqlite3, object> _set = new();

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        if (connection is SqliteConnection { Handle: { } handle } && _set.TryAdd(handle, this))
        {
            await using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA synchronous=NORMAL;";
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
    }
}

internal sealed class WriteFloorDb(DbContextOptions<WriteFloorDb> options) : DbContext(options)
{
    public DbSet<FloorProposal> Proposals => Set<FloorProposal>();

    public DbSet<FloorEvent> Events => Set<FloorEvent>();

    public DbSet<FloorService> Services => Set<FloorService>();
}

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
[System.Text.Json.Serialization.JsonSerializable(typeof(ReferenceProposalInput))]
[System.Text.Json.Serialization.JsonSerializable(typeof(FloorProposal))]
[System.Text.Json.Serialization.JsonSerializable(typeof(ReferenceAlternative[]))]
internal sealed partial class ReferenceJson : System.Text.Json.Serialization.JsonSerializerContext;
