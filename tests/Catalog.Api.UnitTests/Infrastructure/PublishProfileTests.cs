using System.Xml.Linq;

namespace Catalog.Api.UnitTests.Infrastructure;

/// <summary>
/// The profile the API is published with (the Dockerfile's build, the benchmark suite's). The published build is
/// trimmed; what trimming would switch off that every other build uses is switched back on here, since the test suite
/// runs on the untrimmed build and cannot show it. The benchmark smoke run in CI drives the published build.
/// </summary>
public sealed class PublishProfileTests
{
    private static readonly Dictionary<string, string> Profile = XDocument
        .Load(Path.Combine(AppContext.BaseDirectory, "PublishProfiles", "linux-x64.pubxml"))
        .Descendants("PropertyGroup")
        .Elements()
        .ToDictionary(element => element.Name.LocalName, element => element.Value);

    [Fact]
    public void Profile_PublishesSelfContainedReadyToRunForLinux()
    {
        Assert.Equal("Release", Profile["Configuration"]);
        Assert.Equal("linux-x64", Profile["RuntimeIdentifier"]);
        Assert.Equal("true", Profile["SelfContained"]);
        Assert.Equal("true", Profile["PublishReadyToRun"]);
    }

    [Fact]
    public void Profile_TrimsOnlyAssembliesThatDeclareThemselvesTrimmable()
    {
        Assert.Equal("true", Profile["PublishTrimmed"]);

        // Full trimming would also trim the API, EF Core, AutoMapper and MediatR, which reach their types by reflection.
        Assert.Equal("partial", Profile["TrimMode"]);
    }

    [Fact]
    public void Profile_KeepsTheReflectionTheApiUsesForJsonAndConfiguration()
    {
        // Off, every JSON response and request body of the published API would fail: its contracts are reflection-based.
        Assert.Equal("true", Profile["JsonSerializerIsReflectionEnabledByDefault"]);

        // On, options would be bound by generated code that does not cover the generic AddCheckedOptions.
        Assert.Equal("false", Profile["EnableConfigurationBindingGenerator"]);
    }
}
