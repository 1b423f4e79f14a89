namespace Catalog.Api.Infrastructure.Application;

/// <summary>
/// The system clock to the microsecond, which is what PostgreSQL keeps of a timestamp (.NET counts in 100 ns):
/// a time the API hands out when it writes (in the response and in the change event) is the time it reads
/// back later, on every provider.
/// </summary>
public sealed class MicrosecondClock : TimeProvider
{
    public override DateTimeOffset GetUtcNow()
    {
        var now = System.GetUtcNow();
        return now.AddTicks(-(now.Ticks % TimeSpan.TicksPerMicrosecond));
    }
}
