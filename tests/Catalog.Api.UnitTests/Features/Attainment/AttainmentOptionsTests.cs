using Catalog.Api.Features.Attainment;

namespace Catalog.Api.UnitTests.Features.Attainment;

public class AttainmentOptionsTests
{
    [Fact]
    public void Problems_Defaults_HasNone()
    {
        var options = new AttainmentOptions();

        Assert.Empty(options.Problems());
        Assert.Equal(TimeSpan.FromMinutes(1), options.CheckInterval);
        Assert.Equal(TimeSpan.FromMilliseconds(500), options.WakeInterval);
    }

    [Fact]
    public void Problems_NegativeWakeInterval_NamesIt()
    {
        var options = new AttainmentOptions { WakeInterval = TimeSpan.FromSeconds(-1) };

        Assert.StartsWith("Attainment:WakeInterval", Assert.Single(options.Problems()), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("00:00:00", 200, 12, 24, "Attainment:CheckInterval")]
    [InlineData("00:01:00", 0, 12, 24, "Attainment:BatchSize")]
    [InlineData("00:01:00", 200, 0, 24, "Attainment:MonthsPerStep")]
    [InlineData("00:01:00", 200, 12, -1, "Attainment:CatchUpMonths")]
    public void Problems_SettingOutOfRange_NamesIt(string interval, int batchSize, int monthsPerStep, int catchUpMonths, string named)
    {
        var options = new AttainmentOptions
        {
            CheckInterval = TimeSpan.Parse(interval, System.Globalization.CultureInfo.InvariantCulture),
            BatchSize = batchSize,
            MonthsPerStep = monthsPerStep,
            CatchUpMonths = catchUpMonths,
        };

        Assert.StartsWith(named, Assert.Single(options.Problems()), StringComparison.Ordinal);
    }
}
