using System.Text.Json;

namespace Catalog.Api.UnitTests.Infrastructure;

/// <summary>The runtime settings the API ships with (its <c>runtimeconfig.json</c>), which no request can show.</summary>
public sealed class RuntimeConfigurationTests
{
    [Fact]
    public void RuntimeConfig_LimitsTheManagedHeapOnTheWorkstationGc()
    {
        var properties = ConfigProperties();

        Assert.Equal(128L * 1024 * 1024, properties.GetProperty("System.GC.HeapHardLimit").GetInt64());
        Assert.False(properties.GetProperty("System.GC.Server").GetBoolean());
    }

    [Fact]
    public void RuntimeConfig_RecompilesOnlyMethodsCalledAThousandTimes()
    {
        var properties = ConfigProperties();

        Assert.Equal(1000, properties.GetProperty("System.Runtime.TieredCompilation.CallCountThreshold").GetInt32());
    }

    private static JsonElement ConfigProperties()
    {
        using var config = JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Catalog.Api.runtimeconfig.json")));
        return config.RootElement.GetProperty("runtimeOptions").GetProperty("configProperties").Clone();
    }
}
