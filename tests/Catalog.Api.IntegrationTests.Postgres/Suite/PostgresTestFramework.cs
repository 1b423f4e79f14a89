using System.Reflection;
using Catalog.Api.IntegrationTests.Infrastructure.Databases;
using Xunit.Abstractions;
using Xunit.Sdk;

[assembly: TestFramework("Catalog.Api.IntegrationTests.Suite.PostgresTestFramework", "Catalog.Api.IntegrationTests.Postgres")]

namespace Catalog.Api.IntegrationTests.Suite;

/// <summary>
/// Without Docker, every test of this assembly would skip with the same reason, a thousand lines that bury the
/// summary. So the run is cut down to <see cref="PostgresSuiteTests"/>, which skips once with the reason. Where
/// PostgreSQL is required (<c>CATALOG_REQUIRE_POSTGRES=1</c>, as in CI) every test runs and fails instead.
/// </summary>
public sealed class PostgresTestFramework(IMessageSink messageSink) : XunitTestFramework(messageSink)
{
    protected override ITestFrameworkExecutor CreateExecutor(AssemblyName assemblyName) =>
        new Executor(assemblyName, SourceInformationProvider, DiagnosticMessageSink);

    private sealed class Executor(AssemblyName assemblyName, ISourceInformationProvider sourceInformationProvider, IMessageSink diagnosticMessageSink)
        : XunitTestFrameworkExecutor(assemblyName, sourceInformationProvider, diagnosticMessageSink)
    {
        protected override void RunTestCases(IEnumerable<IXunitTestCase> testCases, IMessageSink executionMessageSink, ITestFrameworkExecutionOptions executionOptions)
        {
            if (!PostgresTestServer.IsRequired && PostgresTestServer.UnavailableReason is { } reason)
            {
                DiagnosticMessageSink.OnMessage(new DiagnosticMessage($"Only {nameof(PostgresSuiteTests)} runs, and skips. {reason}"));
                testCases = testCases.Where(t => t.TestMethod.TestClass.Class.Name == typeof(PostgresSuiteTests).FullName).ToList();
            }

            base.RunTestCases(testCases, executionMessageSink, executionOptions);
        }
    }
}
