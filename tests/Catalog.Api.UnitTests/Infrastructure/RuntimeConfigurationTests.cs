using System.Text.Json;

namespace Catalog.Api.UnitTests.Infrastructure;

/// <summary>The runtime settings the API ships with (its <c>runtimeconfig.json</c>), which no request can show.</summary>
public sealed class RuntimeConfigurationTests
{
    [Fact]
    public void RuntimeConfig_LimitsTheManagedHeapOnTheWorkstationGc()
    {
        using var config = JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Catalog.Api.runtimeconfig.json")));
        var properties = config.RootElement.GetProperty("runtimeOptions").GetProperty("configProperties");

        Assert.Equal(128L * 1024 * 1024, properties.GetProperty("System.GC.HeapHardLimit").GetInt64());
        Assert.False(properties.GetProperty("System.GC.Server").GetBoolean());
    }
}
