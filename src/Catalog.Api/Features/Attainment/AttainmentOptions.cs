namespace Catalog.Api.Features.Attainment;

/// <summary>The <c>Attainment</c> configuration section: how the watcher that gives attainment notices runs.</summary>
public sealed class AttainmentOptions
{
    public const string Section = "Attainment";

    /// <summary>
    /// How often an instance checks every agreement when no outage woke it sooner: the longest an ongoing outage can
    /// run past a threshold, or a month stay open past its end, before the event says so.
    /// </summary>
    public TimeSpan CheckInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// How long the watcher gathers writes after a round before it goes again for the agreements they bear on: a
    /// monitoring tool posting hundreds of alerts a second gets one round for them all, not one each. Never longer
    /// than <see cref="CheckInterval"/>.
    /// </summary>
    public TimeSpan WakeInterval { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>How many agreements one step judges and notices in one short transaction.</summary>
    public int BatchSize { get; set; } = 200;

    /// <summary>How many months one step reads at most, so catching up on a long past goes in bounded steps.</summary>
    public int MonthsPerStep { get; set; } = 12;

    /// <summary>
    /// How far back months are still closed: a month that ended longer ago than this when its agreement was first
    /// watched is never announced (its attainment is still there to read). See decision 0018.
    /// </summary>
    public int CatchUpMonths { get; set; } = 24;

    public IEnumerable<string> Problems()
    {
        if (CheckInterval <= TimeSpan.Zero)
        {
            yield return "Attainment:CheckInterval must be positive.";
        }

        if (WakeInterval < TimeSpan.Zero)
        {
            yield return "Attainment:WakeInterval must not be negative.";
        }

        if (BatchSize is < 1 or > 2_000)
        {
            yield return "Attainment:BatchSize must be between 1 and 2000.";
        }

        if (MonthsPerStep is < 1 or > 36)
        {
            yield return "Attainment:MonthsPerStep must be between 1 and 36.";
        }

        if (CatchUpMonths is < 0 or > 120)
        {
            yield return "Attainment:CatchUpMonths must be between 0 and 120.";
        }
    }
}
