using System.Globalization;

namespace Catalog.Bench;

/// <summary>What one run measures; every option has a default, so <c>bench/run.sh</c> alone runs the full suite.</summary>
internal sealed record Options(
    string Label,
    IReadOnlyList<string> Providers,
    IReadOnlyList<int> Sizes,
    IReadOnlyList<string> Scenarios,
    int DurationSeconds,
    int WarmupSeconds,
    int Connections,
    int Threads,
    int ColdStarts,
    string ApiDll,
    string ReferenceDll,
    string LuaDirectory,
    string ResultsDirectory,
    string Report,
    string PostgresImage,
    bool RenderOnly,
    string? Note,
    string? KeepDirectory)
{
    /// <summary>The scenario groups: the catalog's reads and writes, the delivered service (outages and attainment), and closing a month.</summary>
    public const string Catalog = "catalog";

    public const string Delivery = "delivery";

    /// <summary>Closing a month: the watcher's work on many agreements at once, while requests keep coming.</summary>
    public const string Closing = "closing";

    private static readonly string[] Groups = [Catalog, Delivery, Closing];

    public bool Runs(string group) => Scenarios.Contains(group);

    public static Options Parse(string[] args)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < args.Length; i++)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal))
            {
                throw new ArgumentException($"Unexpected argument '{args[i]}'.");
            }

            var name = args[i][2..];
            values[name] = name is "smoke" or "render-only" ? "true" : i + 1 < args.Length ? args[++i] : throw new ArgumentException($"--{name} needs a value.");
        }

        var smoke = values.ContainsKey("smoke");
        string Get(string name, string fallback) => values.GetValueOrDefault(name, fallback);
        var root = Get("root", Directory.GetCurrentDirectory());
        return new Options(
            Label: Get("label", smoke ? "smoke" : "current"),
            Providers: Get("providers", "sqlite,postgres").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
            Sizes: Get("sizes", smoke ? "40" : "1000,100000").Split(',').Select(s => int.Parse(s, CultureInfo.InvariantCulture)).ToList(),
            Scenarios: ScenarioGroups(Get("scenarios", string.Join(',', Groups))),
            DurationSeconds: int.Parse(Get("duration", smoke ? "1" : "10"), CultureInfo.InvariantCulture),
            // After a start, the runtime recompiles the hot paths with what it measured (tiered compilation): under
            // POST load on two cores its thread took a fifth of the CPU 9-19 s after the start and 2 % from 15 s on,
            // and the write path reached its steady throughput after about 25 s. A shorter warm-up measures that.
            WarmupSeconds: int.Parse(Get("warmup", smoke ? "1" : "30"), CultureInfo.InvariantCulture),
            Connections: int.Parse(Get("connections", "32"), CultureInfo.InvariantCulture),
            Threads: int.Parse(Get("threads", "2"), CultureInfo.InvariantCulture),
            ColdStarts: int.Parse(Get("cold-starts", smoke ? "1" : "5"), CultureInfo.InvariantCulture),
            ApiDll: Path.GetFullPath(Get("api", Path.Combine(root, "bench/.out/api/Catalog.Api.dll"))),
            ReferenceDll: Path.GetFullPath(Get("reference", Path.Combine(root, "bench/.out/reference/Catalog.Bench.Reference.dll"))),
            LuaDirectory: Path.GetFullPath(Get("lua", Path.Combine(root, "bench/lua"))),
            ResultsDirectory: Path.GetFullPath(Get("results", Path.Combine(root, smoke ? "bench/.out/results" : "docs/performance"))),
            Report: Path.GetFullPath(Get("report", Path.Combine(root, smoke ? "bench/.out/performance.md" : "docs/performance.md"))),
            PostgresImage: Environment.GetEnvironmentVariable("CATALOG_POSTGRES_IMAGE") is { Length: > 0 } image ? image : "postgres:15",
            RenderOnly: values.ContainsKey("render-only"),
            Note: values.GetValueOrDefault("note"),
            // Where each seeded SQLite database is copied when its block ends, to profile against it again without seeding.
            KeepDirectory: values.GetValueOrDefault("keep") is { } keep ? Path.GetFullPath(keep) : null);
    }

    private static List<string> ScenarioGroups(string value)
    {
        var groups = value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Distinct().ToList();
        return groups.Count > 0 && groups.All(Groups.Contains)
            ? groups
            : throw new ArgumentException($"--scenarios takes any of {string.Join(", ", Groups)}, comma-separated; '{value}' is not that.");
    }
}
