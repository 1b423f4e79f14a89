using System.Diagnostics;
using System.Globalization;

namespace Catalog.Bench;

/// <summary>A published web app started as its own process on 127.0.0.1, as an operator would run it.</summary>
internal sealed class WebHost : IAsyncDisposable
{
    private readonly Process _process;

    private WebHost(Process process, int port)
    {
        _process = process;
        Port = port;
    }

    public int Port { get; }

    public int Pid => _process.Id;

    public Uri BaseAddress => new($"http://127.0.0.1:{Port}");

    /// <summary>Starts the app and waits until <c>/health/ready</c> answers 200; returns how long that took.</summary>
    public static async Task<(WebHost Host, TimeSpan Ready)> StartAsync(string dll, IReadOnlyDictionary<string, string> environment, TimeSpan? timeout = null)
    {
        var port = Processes.FreePort();
        var start = new ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(dll);
        start.ArgumentList.Add("--urls");
        start.ArgumentList.Add($"http://127.0.0.1:{port}");
        start.WorkingDirectory = Path.GetDirectoryName(dll)!;
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        var clock = Stopwatch.StartNew();
        var process = Process.Start(start) ?? throw new InvalidOperationException($"{dll} did not start.");
        var output = new System.Text.StringBuilder();
        process.OutputDataReceived += (_, e) => { lock (output) { output.AppendLine(e.Data); } };
        process.ErrorDataReceived += (_, e) => { lock (output) { output.AppendLine(e.Data); } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var host = new WebHost(process, port);
        using var client = new HttpClient { BaseAddress = host.BaseAddress, Timeout = TimeSpan.FromSeconds(2) };
        var deadline = timeout ?? TimeSpan.FromSeconds(60);
        while (clock.Elapsed < deadline)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"{Path.GetFileName(dll)} exited with {process.ExitCode} before it was ready:\n{output}");
            }

            try
            {
                using var response = await client.GetAsync(new Uri("/health/ready", UriKind.Relative));
                if (response.IsSuccessStatusCode)
                {
                    return (host, clock.Elapsed);
                }
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException)
            {
            }

            await Task.Delay(5);
        }

        await host.DisposeAsync();
        throw new TimeoutException($"{Path.GetFileName(dll)} was not ready within {deadline.TotalSeconds} s:\n{output}");
    }

    /// <summary>Stops the app as an orchestrator does (SIGTERM, then SIGKILL after 10 s), so it closes its database cleanly.</summary>
    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            try
            {
                await Processes.RunAsync("kill", ["-TERM", _process.Id.ToString(CultureInfo.InvariantCulture)]);
                using var patience = new CancellationTokenSource(TimeSpan.FromSeconds(10));
                await _process.WaitForExitAsync(patience.Token);
            }
            catch (Exception e) when (e is InvalidOperationException or OperationCanceledException)
            {
                _process.Kill(entireProcessTree: true);
                await _process.WaitForExitAsync();
            }
        }

        _process.Dispose();
    }
}

/// <summary>
/// A PostgreSQL container for one run, removed at the end. The API reaches it at the container's own address on
/// Docker's bridge, which only this machine routes to, not through a published port: a port published on 127.0.0.1
/// is relayed by Docker's userland proxy, which took 40 % of a core relaying the uncached reads' queries, CPU the
/// API and the database then lacked.
/// </summary>
internal sealed class PostgresServer : IAsyncDisposable
{
    private const string Password = "bench-only-password";
    private readonly string _name;

    private PostgresServer(string name, string address)
    {
        _name = name;
        Address = address;
    }

    public string Address { get; }

    public static async Task<PostgresServer> StartAsync(string image)
    {
        var name = $"catalog-bench-pg-{Environment.ProcessId}";
        await Processes.RunAsync("docker", ["run", "-d", "--rm", "--name", name, "--label", "org.catalog.bench=postgres",
            "-e", "POSTGRES_USER=catalog", "-e", $"POSTGRES_PASSWORD={Password}", "-e", "POSTGRES_DB=catalog", image]);
        var address = (await Processes.RunAsync("docker", ["inspect", "--format", "{{range .NetworkSettings.Networks}}{{.IPAddress}}{{end}}", name])).Trim();
        var server = new PostgresServer(name, address);
        if (address.Length == 0)
        {
            await server.DisposeAsync();
            throw new InvalidOperationException("The PostgreSQL container has no address on Docker's bridge.");
        }

        for (var i = 0; i < 120; i++)
        {
            try
            {
                await Processes.RunAsync("docker", ["exec", name, "psql", "--host", "localhost", "--username", "catalog", "--dbname", "catalog", "-c", "select 1"]);
                return server;
            }
            catch (InvalidOperationException)
            {
                await Task.Delay(500);
            }
        }

        await server.DisposeAsync();
        throw new TimeoutException("PostgreSQL did not become ready within a minute.");
    }

    public Task CreateDatabaseAsync(string name) =>
        Processes.RunAsync("docker", ["exec", _name, "psql", "--host", "localhost", "--username", "catalog", "--dbname", "catalog", "-c", $"CREATE DATABASE \"{name}\""]);

    public Task ExecuteAsync(string database, string sql) =>
        Processes.RunAsync("docker", ["exec", _name, "psql", "--host", "localhost", "--username", "catalog", "--dbname", database, "-v", "ON_ERROR_STOP=1", "-c", sql]);

    public string ConnectionString(string database) =>
        string.Create(CultureInfo.InvariantCulture, $"Host={Address};Port=5432;Database={database};Username=catalog;Password={Password}");

    public async ValueTask DisposeAsync()
    {
        try
        {
            await Processes.RunAsync("docker", ["rm", "-f", _name]);
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
    }
}
