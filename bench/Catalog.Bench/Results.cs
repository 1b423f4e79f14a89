namespace Catalog.Bench;

/// <summary>One scenario's figures. Throughput scenarios fill Rps/ratio/latencies; the others Count and Seconds.</summary>
internal sealed record Measurement(
    string Scenario,
    double? Rps = null,
    double? Ratio = null,
    double? P50Ms = null,
    double? P99Ms = null,
    double PeakRssMiB = 0,
    long? Count = null,
    double? Seconds = null,
    long Failures = 0,
    string? Note = null);

/// <summary>Every scenario on one provider at one catalog size; the delivered service's seeding, when it ran, beside the catalog's.</summary>
internal sealed record Block(
    string Provider,
    int Size,
    int Customers,
    int Subscriptions,
    int Agreements,
    long Events,
    double SeedSeconds,
    double ReferenceRps,
    List<Measurement> Measurements,
    int Outages = 0,
    int SupportingServices = 0,
    double? DeliverySeedSeconds = null,
    double? LoadMedian = null,
    double? LoadMax = null);

/// <summary>One run of the suite: the machine, the wrk settings, a block per provider and size, and what whoever ran it noted (<c>--note</c>).</summary>
internal sealed record Run(
    string Label,
    DateTimeOffset At,
    int Cores,
    double MemoryGiB,
    string Cpu,
    string Wrk,
    int Connections,
    int Threads,
    int DurationSeconds,
    int WarmupSeconds,
    string Commit,
    List<Block> Blocks,
    string? Note = null);
