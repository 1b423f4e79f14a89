// What ASP.NET Core does on this machine with no database, no authentication and no middleware: the
// ceiling the Catalog's throughput is compared with, measured in the same run with the same wrk settings.
// GET /api/v1/services/{id} returns a document the size and shape of a catalog service.
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

app.MapGet("/api/v1/services/{id:guid}", (Guid id) => TypedResults.Ok(service with { Id = id }));
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
internal sealed partial class ReferenceJson : System.Text.Json.Serialization.JsonSerializerContext;
