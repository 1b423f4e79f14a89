// The benchmark driver (bench/run.sh publishes the apps and calls it). For each provider and catalog size it
// seeds a database through the API, measures cold start on it, then drives the running API with wrk next to
// the bare reference app, and writes the run to <results>/<label>.json and every run found there to the
// Markdown report. It reports; it does not judge.
using System.Text.Json;
using Catalog.Bench;

var options = Options.Parse(args);
Directory.CreateDirectory(options.ResultsDirectory);
if (options.RenderOnly)
{
    // Rewrites the report from the runs already in the results folder, measuring nothing.
    await File.WriteAllTextAsync(options.Report, Report.Render(options.ResultsDirectory));
    Console.WriteLine($"Wrote {options.Report}.");
    return 0;
}

var run = new Run(
    options.Label,
    DateTimeOffset.UtcNow,
    Environment.ProcessorCount,
    Machine.MemoryGiB(),
    Machine.Cpu(),
    await Machine.WrkVersionAsync(),
    options.Connections,
    options.Threads,
    options.DurationSeconds,
    options.WarmupSeconds,
    await Machine.CommitAsync(),
    [],
    options.Note);

foreach (var provider in options.Providers)
{
    await using var postgres = provider == "postgres" ? await PostgresServer.StartAsync(options.PostgresImage) : null;
    foreach (var size in options.Sizes)
    {
        Console.WriteLine($"== {provider}, {size:N0} services");
        await using var load = new LoadSampler();
        var block = await Suite.RunAsync(options, provider, size, postgres);
        var (median, max) = load.Figures();
        block = block with { LoadMedian = median, LoadMax = max };
        run.Blocks.Add(block);
        foreach (var m in block.Measurements)
        {
            Console.WriteLine($"   {m.Scenario,-28} {m.Rps,10:N0} req/s  ratio {m.Ratio,5:N2}  p50 {m.P50Ms,7:N2} ms  p99 {m.P99Ms,7:N2} ms  rss {m.PeakRssMiB,6:N0} MiB  {m.Count} {m.Seconds:N2}s  failures {m.Failures}  {m.Note}");
        }
    }
}

var file = Path.Combine(options.ResultsDirectory, $"{options.Label}.json");
await File.WriteAllTextAsync(file, JsonSerializer.Serialize(run, Report.Json));
await File.WriteAllTextAsync(options.Report, Report.Render(options.ResultsDirectory));
Console.WriteLine($"Wrote {file} and {options.Report}.");
var failed = run.Blocks.SelectMany(b => b.Measurements).Where(m => m.Failures > 0).ToList();
if (failed.Count > 0)
{
    // Figures from failing requests would be meaningless: say so, and fail the command.
    Console.Error.WriteLine($"Requests failed in: {string.Join(", ", failed.Select(m => m.Scenario))}.");
    return 1;
}

return 0;
