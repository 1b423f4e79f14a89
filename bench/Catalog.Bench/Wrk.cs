using System.Globalization;
using System.Text.Json;

namespace Catalog.Bench;

/// <summary>What wrk measured for one scenario, from the line <c>bench/lua/report.lua</c> prints.</summary>
internal sealed record WrkResult(long Requests, double Seconds, double Rps, long P50, long P99, long Max, long Non2xx, long SocketErrors);

internal static class Wrk
{
    /// <summary>A warm-up run (the JIT compiles and tiers up the paths, pools fill), then the measured one.</summary>
    public static async Task<WrkResult> RunAsync(Options options, Uri target, string script, IReadOnlyDictionary<string, string> environment)
    {
        if (options.WarmupSeconds > 0)
        {
            await RunOnceAsync(options, target, script, environment, options.WarmupSeconds);
        }

        return await RunOnceAsync(options, target, script, environment, options.DurationSeconds);
    }

    private static async Task<WrkResult> RunOnceAsync(Options options, Uri target, string script, IReadOnlyDictionary<string, string> environment, int seconds)
    {
        var output = await Processes.RunAsync(
            "wrk",
            ["-t", options.Threads.ToString(CultureInfo.InvariantCulture), "-c", options.Connections.ToString(CultureInfo.InvariantCulture),
             "-d", $"{seconds}s", "--timeout", "10s", "-s", script, target.ToString()],
            environment,
            workingDirectory: options.LuaDirectory);
        var line = output.Split('\n').LastOrDefault(l => l.StartsWith("BENCH ", StringComparison.Ordinal))
            ?? throw new InvalidOperationException($"wrk printed no result:\n{output}");
        return JsonSerializer.Deserialize<WrkResult>(line["BENCH ".Length..], Report.Json)!;
    }
}
