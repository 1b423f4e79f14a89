using System.Diagnostics;
using System.Text.Json.Nodes;

namespace Catalog.Bench;

/// <summary>Every scenario on one provider at one catalog size.</summary>
internal static class Suite
{
    private const string AdminKey = "cat_bench-admin-key-0123456789abcdef";

    /// <summary>Marks the reads measured with the response cache turned off.</summary>
    public const string UncachedSuffix = ", cache off";

    /// <summary>The reference app's rows: what the stack does with nothing else to do, beside the Catalog's.</summary>
    public const string ReferenceGet = "reference: GET a service from memory";

    public const string ReferenceReadFloor = "reference: GET a service row through EF Core on SQLite";

    public const string ReferenceWriteFloor = "reference: POST, a row and its event through EF Core on SQLite";

    public static async Task<Block> RunAsync(Options options, string provider, int size, PostgresServer? postgres)
    {
        var scratch = Directory.CreateTempSubdirectory("catalog-bench-");
        try
        {
            var (environment, execute) = await DatabaseAsync(provider, size, postgres, scratch.FullName);
            environment["Auth__BootstrapAdminKey"] = AdminKey;

            // The benchmark measures the API, not the per-key rate limit.
            environment["RateLimiting__PermitsPerSecond"] = "1000000000";
            environment["RateLimiting__Burst"] = "1000000000";

            var seedClock = Stopwatch.StartNew();
            Seeded seeded;
            SeededDelivery? delivery = null;
            double? deliverySeedSeconds = null;
            IReadOnlyList<Guid>? closing = null;
            await using (var fresh = (await WebHost.StartAsync(options.ApiDll, environment, TimeSpan.FromMinutes(2))).Host)
            {
                var seeder = new Seeder(Client(fresh, AdminKey));
                seeded = await seeder.SeedAsync(size);
                if (options.Runs(Options.Delivery))
                {
                    var deliveryClock = Stopwatch.StartNew();
                    delivery = await seeder.SeedDeliveryAsync(size, seeded.ItLeadKey, DateTime.UtcNow);
                    deliverySeedSeconds = deliveryClock.Elapsed.TotalSeconds;
                }

                if (options.Runs(Options.Closing))
                {
                    closing = await seeder.SeedClosingAsync(ClosingCohort(size), seeded.ItLeadKey);
                }
            }

            if (delivery is not null)
            {
                // With the API stopped, so that no instance holds what it read before.
                await execute(BackdateSql(provider, delivery.BackdatedTo, $"= '{Seeder.DeliveryCustomerKey}'"));
            }

            var closingMeasurements = new List<Measurement>();
            if (closing is not null)
            {
                // In force since the first of last month: the next start finds that month ended and not yet closed. It must be
                // the first start after backdating, or another would have closed it already.
                var now = DateTime.UtcNow;
                await execute(BackdateSql(provider, new DateTime(now.Year, now.Month, 1, 0, 0, 0, DateTimeKind.Utc).AddMonths(-1), $"LIKE '{Seeder.ClosingCustomerPrefix}%'"));
                closingMeasurements.Add(await ClosingAsync(options, environment, closing));
            }

            var seedSeconds = seedClock.Elapsed.TotalSeconds;
            var coldStarts = new List<double>();
            for (var i = 0; i < (options.Runs(Options.Catalog) ? options.ColdStarts : 0); i++)
            {
                var (host, ready) = await WebHost.StartAsync(options.ApiDll, environment);
                await host.DisposeAsync();
                coldStarts.Add(ready.TotalMilliseconds);
            }

            var (referenceRps, referenceMeasurements) = await ReferenceAsync(options, scratch.FullName);
            var measurements = new List<Measurement>();
            var get = Path.Combine(options.LuaDirectory, "get.lua");
            Task<Measurement> WrkAsync(WebHost host, string scenario, string script, Dictionary<string, string> env) =>
                MeasureAsync(options, host, scenario, script, env, referenceRps);

            // The reads the response cache serves, once more with it turned off: what a read costs when it is not cached.
            async Task ReadsAsync(WebHost host, Targets targets, string suffix)
            {
                measurements.Add(await WrkAsync(host, "GET one service" + suffix, get, new() { ["CATALOG_KEY"] = AdminKey, ["CATALOG_TARGETS"] = targets.Services }));
                measurements.Add(await WrkAsync(host, "conditional GET (304)" + suffix, get, new() { ["CATALOG_KEY"] = AdminKey, ["CATALOG_TARGETS"] = targets.Services, ["CATALOG_CONDITIONAL"] = "1" }));
                measurements.Add(await WrkAsync(host, "list, first page of 50" + suffix, get, new() { ["CATALOG_KEY"] = AdminKey, ["CATALOG_TARGETS"] = targets.FirstPage }));
                measurements.Add(await WrkAsync(host, "list, deep page of 50" + suffix, get, new() { ["CATALOG_KEY"] = AdminKey, ["CATALOG_TARGETS"] = targets.DeepPage }));
                measurements.Add(await WrkAsync(host, "a customer's agreements" + suffix, get, new() { ["CATALOG_KEY"] = seeded.NegotiatingCustomerKey, ["CATALOG_TARGETS"] = targets.Agreements }));
            }

            var (api, _) = await WebHost.StartAsync(options.ApiDll, environment);
            long events = 0;
            Targets? targets = null;
            await using (api)
            {
                var admin = Client(api, AdminKey);
                if (options.Runs(Options.Catalog))
                {
                    targets = await TargetsAsync(admin, seeded, scratch.FullName, size);
                    await ReadsAsync(api, targets, string.Empty);
                    (var feed, events) = await ChangeFeedAsync(api, admin);
                    measurements.Add(feed);
                    measurements.Add(await ExportAsync(api, admin));
                    measurements.Add(await WrkAsync(api, "POST a proposal", Path.Combine(options.LuaDirectory, "post.lua"), new()
                    {
                        ["CATALOG_KEY"] = seeded.NegotiatingCustomerKey,
                        ["CATALOG_PATH"] = "/api/v1/proposals",
                        ["CATALOG_BODY"] = targets.ProposalBody,
                    }));
                    measurements.Add(new Measurement("peak RSS under load", PeakRssMiB: measurements.Where(m => m.Rps is not null).Max(m => m.PeakRssMiB)));
                }

                if (delivery is not null)
                {
                    // On services no agreement depends on, so the outages posted here change none of the attainment measured below.
                    measurements.Add(await WrkAsync(api, PostOutages, Path.Combine(options.LuaDirectory, "outage.lua"), new()
                    {
                        ["CATALOG_KEY"] = await new Seeder(admin).IssueKeyAsync("integrator", null),
                        ["CATALOG_SERVICES"] = await WriteLinesAsync(scratch.FullName, "outage-services.txt", seeded.UnagreedLiveServiceIds.Select(id => id.ToString())),
                        ["CATALOG_STARTED_AT"] = DateTime.UtcNow.AddHours(-1).ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture),
                    }));
                }
            }

            var (uncached, _) = await WebHost.StartAsync(options.ApiDll, new Dictionary<string, string>(environment) { ["ResponseCache__Enabled"] = "false" });
            await using (uncached)
            {
                if (targets is not null)
                {
                    await ReadsAsync(uncached, targets, UncachedSuffix);
                }

                if (delivery is not null)
                {
                    measurements.AddRange(await AttainmentAsync(options, uncached, delivery, scratch.FullName));
                    measurements.AddRange(await PortalAsync(options, uncached, delivery, scratch.FullName));
                }
            }

            if (coldStarts.Count > 0)
            {
                measurements.Add(new Measurement("cold start to ready", Seconds: Median(coldStarts) / 1000, Count: coldStarts.Count));
            }

            measurements.AddRange(closingMeasurements);
            measurements.AddRange(referenceMeasurements);
            return new Block(
                provider, size, seeded.Customers + (delivery is null ? 0 : 1), seeded.Subscriptions + (delivery?.AgreementIds.Count ?? 0), seeded.Agreements + (delivery?.AgreementIds.Count ?? 0),
                events, seedSeconds, referenceRps, measurements, delivery?.Outages ?? 0, delivery?.SupportingServiceIds.Count ?? 0, deliverySeedSeconds);
        }
        finally
        {
            if (options.KeepDirectory is { } keep && provider == "sqlite" && File.Exists(Path.Combine(scratch.FullName, "catalog.db")))
            {
                Directory.CreateDirectory(keep);
                File.Copy(Path.Combine(scratch.FullName, "catalog.db"), Path.Combine(keep, $"catalog-{size}.db"), overwrite: true);
            }

            scratch.Delete(recursive: true);
        }
    }

    /// <summary>The API's settings for a fresh database of the provider, and how to run SQL on it while the API is stopped.</summary>
    private static async Task<(Dictionary<string, string> Environment, Func<string, Task> Execute)> DatabaseAsync(string provider, int size, PostgresServer? postgres, string scratch)
    {
        if (provider == "sqlite")
        {
            var file = Path.Combine(scratch, "catalog.db");
            return (new() { ["Database__Provider"] = "Sqlite", ["ConnectionStrings__Catalog"] = $"Data Source={file}" },
                sql => Processes.RunAsync("sqlite3", [file, sql]));
        }

        var database = $"bench_{size}_{Guid.NewGuid():N}";
        await postgres!.CreateDatabaseAsync(database);
        return (new() { ["Database__Provider"] = "Postgres", ["ConnectionStrings__Catalog"] = postgres.ConnectionString(database) },
            sql => postgres.ExecuteAsync(database, sql));
    }

    /// <summary>
    /// The API dates a new version after its lead time and never before the acceptance, as it must; a benchmark of two
    /// years of attainment needs agreements in force for two years, so the delivery customer's versions are backdated
    /// in the database, in the format each provider stores, and so is the customer itself: the review of a month
    /// before a customer existed is refused.
    /// </summary>
    private static string BackdateSql(string provider, DateTime effectiveFrom, string customerKeys)
    {
        var at = effectiveFrom.ToString(provider == "sqlite" ? "yyyy-MM-dd HH:mm:ss" : "yyyy-MM-dd HH:mm:ss'+00'", System.Globalization.CultureInfo.InvariantCulture);
        return $"""
            UPDATE "AgreementVersions" SET "EffectiveFrom" = '{at}'
            WHERE "AgreementId" IN (SELECT a."Id" FROM "Agreements" a JOIN "Customers" c ON c."Id" = a."CustomerId" WHERE c."Key" {customerKeys});
            UPDATE "Customers" SET "CreatedAt" = '{at}' WHERE "Key" {customerKeys};
            """;
    }

    public const string ClosingMonths = "closing a month for 10,000 agreements";

    /// <summary>Ten thousand agreements, the target's figure, from the 1,000-service catalog up; proportionally fewer below it.</summary>
    private static int ClosingCohort(int size) => Math.Min(10_000, size * 10);

    /// <summary>
    /// Starts the API on agreements whose last month has ended and is not yet closed, and times how long until the change
    /// feed holds an <c>attainment.month-closed</c> for every one of them. Meanwhile one client reads an agreement,
    /// uncached, one request after another, as a user would: its latencies say whether the closing blocks requests.
    /// The same reads once the closing is done give the comparison. Other months due at the same start (the delivery
    /// customer's backdated years) are closed in the same time.
    /// </summary>
    private static async Task<Measurement> ClosingAsync(Options options, Dictionary<string, string> environment, IReadOnlyList<Guid> cohort)
    {
        var (api, _) = await WebHost.StartAsync(options.ApiDll, new Dictionary<string, string>(environment) { ["ResponseCache__Enabled"] = "false" });
        await using (api)
        {
            var admin = Client(api, AdminKey);
            var clock = Stopwatch.StartNew();
            using var stop = new CancellationTokenSource();
            var during = ProbeAsync(admin, cohort[0], stop.Token);
            var pending = cohort.ToHashSet();
            long after = 0;
            while (pending.Count > 0 && clock.Elapsed < TimeSpan.FromMinutes(10))
            {
                var page = await GetJsonAsync(admin, $"/api/v1/changes?after={after}&limit=500&types=attainment.month-closed");
                var items = page["items"]!.AsArray();
                foreach (var item in items)
                {
                    pending.Remove(Guid.Parse(item!["subject"]!["id"]!.GetValue<string>()));
                }

                if (items.Count == 0)
                {
                    await Task.Delay(TimeSpan.FromMilliseconds(200));
                }
                else
                {
                    after = page["lastSequence"]!.GetValue<long>();
                }
            }

            var seconds = clock.Elapsed.TotalSeconds;
            await stop.CancelAsync();
            var busy = await during;
            using var quiet = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            var idle = await ProbeAsync(admin, cohort[0], quiet.Token);
            return new Measurement(
                ClosingMonths,
                P50Ms: Percentile(busy, 0.50),
                P99Ms: Percentile(busy, 0.99),
                Count: cohort.Count - pending.Count,
                Seconds: seconds,
                Note: string.Create(System.Globalization.CultureInfo.InvariantCulture,
                    $"{cohort.Count - pending.Count:N0} of {cohort.Count:N0} closed; an agreement read meanwhile {busy.Count:N0} times, afterwards p50 {Percentile(idle, 0.50):N1} ms, p99 {Percentile(idle, 0.99):N1} ms"));
        }
    }

    /// <summary>Reads one agreement over and over until stopped, and returns each read's milliseconds.</summary>
    private static async Task<List<double>> ProbeAsync(HttpClient client, Guid agreementId, CancellationToken stop)
    {
        var latencies = new List<double>();
        var uri = new Uri($"/api/v1/agreements/{agreementId}", UriKind.Relative);
        while (!stop.IsCancellationRequested)
        {
            var watch = Stopwatch.StartNew();
            using var response = await client.GetAsync(uri, CancellationToken.None);
            response.EnsureSuccessStatusCode();
            latencies.Add(watch.Elapsed.TotalMilliseconds);
        }

        return latencies;
    }

    private static double Percentile(List<double> values, double share)
    {
        var sorted = values.Order().ToList();
        return sorted.Count == 0 ? double.NaN : sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(share * sorted.Count) - 1)];
    }

    public const string PostOutages = "POST outages from monitoring";

    public const string YearOfAttainment = "a year of attainment, 5-service chain" + UncachedSuffix;

    public const string CustomerMonth = "a customer's month, 50 agreements" + UncachedSuffix;

    public const string MonthlyReview = "a customer's monthly review, 50 agreements, HTML" + UncachedSuffix;

    public const string Feasibility = "feasibility, 20 transitive dependencies" + UncachedSuffix;

    /// <summary>
    /// The attainment reads, on an API with the response cache off: a year of the agreement whose service depends on a
    /// chain of five supporting services, the delivery customer's last full month across its fifty agreements, its
    /// monthly review of that month as the printable page, and the feasibility of its open proposal on a service
    /// that depends on twenty others. Each is read once first, to check that the seeding gave it something to judge;
    /// an API without the customer view (404) reports it as not available rather than failing the run. Their targets
    /// are the latency a reader sees, so they run on one connection, one request at a time: with 32 at once on two
    /// cores, the median would be the queue's length, not the read's. A ratio to the reference's 32 connections
    /// would compare nothing.
    /// </summary>
    private static async Task<List<Measurement>> AttainmentAsync(Options options, WebHost api, SeededDelivery delivery, string scratch)
    {
        options = options with { Connections = 1, Threads = 1 };
        var customer = Client(api, delivery.CustomerKey);
        var lastMonth = DateTime.UtcNow.AddMonths(-1);
        string Month(DateTime at) => at.ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture);
        var get = Path.Combine(options.LuaDirectory, "get.lua");
        var measurements = new List<Measurement>();

        var year = $"/api/v1/agreements/{delivery.ChainAgreementId}/attainment?from={Month(lastMonth.AddMonths(-11))}&to={Month(lastMonth)}";
        var attained = await GetJsonAsync(customer, year);
        var months = attained["months"]!.AsArray();
        var counted = months.SelectMany(m => m!["versions"]!.AsArray()).SelectMany(v => v!["targets"]!.AsArray())
            .Select(t => t!["availability"]).OfType<JsonNode>().SelectMany(a => a["outages"]!.AsArray()).ToList();
        if (months.Count != 12 || counted.Count == 0)
        {
            throw new InvalidOperationException($"The chain agreement's year has {months.Count} months and {counted.Count} counted outages; the seeding should give it 12 months with outages.");
        }

        var attributed = counted.Select(o => o!["attributedServiceId"]!.GetValue<string>()).Distinct().Count();
        var measured = await MeasureAsync(options, api, YearOfAttainment, get, new() { ["CATALOG_KEY"] = delivery.CustomerKey, ["CATALOG_TARGETS"] = await WriteLinesAsync(scratch, "year.txt", [year]) }, referenceRps: null);
        measurements.Add(measured with { Note = $"one connection; 12 months, {counted.Count} outages counted from {attributed} services" });

        var month = $"/api/v1/customers/{delivery.CustomerId}/attainment?month={Month(lastMonth)}";
        using (var probe = await customer.GetAsync(new Uri(month, UriKind.Relative)))
        {
            if (probe.StatusCode == System.Net.HttpStatusCode.NotFound)
            {
                measurements.Add(new Measurement(CustomerMonth, Note: NotAvailable));
            }
            else
            {
                await Seeder.ReadAsync(probe);
                measured = await MeasureAsync(options, api, CustomerMonth, get, new() { ["CATALOG_KEY"] = delivery.CustomerKey, ["CATALOG_TARGETS"] = await WriteLinesAsync(scratch, "month.txt", [month]) }, referenceRps: null);
                measurements.Add(measured with { Note = $"one connection; {delivery.AgreementIds.Count} agreements, {Month(lastMonth)}" });
            }
        }

        // The page the sales director prints: the chart is drawn only when the twelve months it covers were judged.
        var review = $"/api/v1/customers/{delivery.CustomerId}/reviews/{Month(lastMonth)}";
        using (var request = new HttpRequestMessage(HttpMethod.Get, review) { Headers = { { "Accept", "text/html" } } })
        using (var probe = await customer.SendAsync(request))
        {
            var html = await probe.Content.ReadAsStringAsync();
            if (!probe.IsSuccessStatusCode || !html.Contains("<svg", StringComparison.Ordinal))
            {
                throw new InvalidOperationException($"The review of {Month(lastMonth)} answered {(int)probe.StatusCode} without a chart; the seeding should give it one:\n{html[..Math.Min(html.Length, 2000)]}");
            }

            measured = await MeasureAsync(options, api, MonthlyReview, get, new() { ["CATALOG_KEY"] = delivery.CustomerKey, ["CATALOG_ACCEPT"] = "text/html", ["CATALOG_TARGETS"] = await WriteLinesAsync(scratch, "review.txt", [review]) }, referenceRps: null);
            measurements.Add(measured with { Note = $"one connection; {delivery.AgreementIds.Count} agreements, {Month(lastMonth)}, {html.Length / 1024.0:N0} KiB of HTML" });
        }

        var feasibility = $"/api/v1/proposals/{delivery.FeasibilityProposalId}/feasibility";
        var assessed = await GetJsonAsync(customer, feasibility);
        var dependencies = assessed["dependencies"]!.AsArray();
        var known = dependencies.Count(d => d!["availability"] is not null);
        var delivered = assessed["delivered"]!.AsArray().Count;
        if (dependencies.Count != Seeder.FeasibilityChains || known != dependencies.Count || delivered != 12)
        {
            throw new InvalidOperationException($"The feasibility names {dependencies.Count} dependencies ({known} known) and {delivered} delivered months; the seeding should give it {Seeder.FeasibilityChains}, all known, and 12.");
        }

        measured = await MeasureAsync(options, api, Feasibility, get, new() { ["CATALOG_KEY"] = delivery.CustomerKey, ["CATALOG_TARGETS"] = await WriteLinesAsync(scratch, "feasibility.txt", [feasibility]) }, referenceRps: null);
        measurements.Add(measured with { Note = $"one connection; {Seeder.FeasibilityChains} direct dependencies, {Seeder.FeasibilityDependencies} in all, and 12 delivered months" });
        return measurements;
    }

    /// <summary>Each measured portal page's scenario starts with this.</summary>
    public const string PortalPage = "portal: ";

    /// <summary>
    /// The portal's pages as the delivery customer's sales director opens them, on an API with the response cache
    /// off: signed in once with the key (the sign-in form and its token, as a browser posts it), then each page on
    /// one connection, one request at a time, for the latency a reader sees. An API without the portal (the sign-in
    /// page answers 404) reports it as not available.
    /// </summary>
    private static async Task<List<Measurement>> PortalAsync(Options options, WebHost api, SeededDelivery delivery, string scratch)
    {
        options = options with { Connections = 1, Threads = 1 };
        var cookies = new System.Net.CookieContainer();
        using var browser = new HttpClient(new HttpClientHandler { CookieContainer = cookies, AllowAutoRedirect = false }) { BaseAddress = api.BaseAddress };
        var signInPage = await browser.GetAsync(new Uri("/", UriKind.Relative));
        if (signInPage.StatusCode == System.Net.HttpStatusCode.NotFound)
        {
            return [new Measurement(PortalPage + "every page", Note: NotAvailable)];
        }

        var token = System.Text.RegularExpressions.Regex.Match(await signInPage.Content.ReadAsStringAsync(), "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"");
        using var signedIn = await browser.PostAsync(new Uri("/", UriKind.Relative), new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["key"] = delivery.CustomerKey,
            ["__RequestVerificationToken"] = System.Net.WebUtility.HtmlDecode(token.Groups[1].Value),
        }));
        var session = cookies.GetCookies(api.BaseAddress)["catalog-portal"]
            ?? throw new InvalidOperationException($"Signing in to the portal answered {(int)signedIn.StatusCode} without a session cookie.");

        var customer = Client(api, delivery.CustomerKey);
        var serviceId = (await GetJsonAsync(customer, $"/api/v1/agreements/{delivery.ChainAgreementId}"))["serviceId"]!.GetValue<string>();
        var lastMonth = DateTime.UtcNow.AddMonths(-1).ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture);
        (string Scenario, string Path)[] pages =
        [
            ("the catalog, first page", "/portal/catalog"),
            ("a service, its costs and its dependencies", $"/portal/catalog/{serviceId}"),
            ("subscriptions and this month's charges", "/portal/subscriptions"),
            ("the agreements, first page", "/portal/agreements"),
            ("an agreement with its document and 12 months", $"/portal/agreements/{delivery.ChainAgreementId}"),
            ("last month's review, 50 agreements", $"/portal/reviews/{lastMonth}"),
            ("a proposal with feasibility and history", $"/portal/proposals/{delivery.FeasibilityProposalId}"),
        ];
        var measurements = new List<Measurement>();
        var get = Path.Combine(options.LuaDirectory, "get.lua");
        foreach (var (scenario, path) in pages)
        {
            // Read once first: a page that does not render is a broken run, not a fast one.
            using (var probe = await browser.GetAsync(new Uri(path, UriKind.Relative)))
            {
                if (!probe.IsSuccessStatusCode)
                {
                    throw new InvalidOperationException($"The portal page {path} answered {(int)probe.StatusCode}.");
                }
            }

            var file = await WriteLinesAsync(scratch, "portal.txt", [path]);
            var measured = await MeasureAsync(options, api, PortalPage + scenario, get, new()
            {
                ["CATALOG_COOKIE"] = $"{session.Name}={session.Value}",
                ["CATALOG_ACCEPT"] = "text/html",
                ["CATALOG_TARGETS"] = file,
            }, referenceRps: null);
            measurements.Add(measured with { Note = "one connection, signed in as the business unit" });
        }

        return measurements;
    }

    /// <summary>What a scenario reports when the API it runs against does not have the endpoint yet.</summary>
    public const string NotAvailable = "not available (the API answered 404)";

    private static async Task<string> WriteLinesAsync(string scratch, string name, IEnumerable<string> lines)
    {
        var file = Path.Combine(scratch, name);
        await File.WriteAllLinesAsync(file, lines);
        return file;
    }

    /// <summary>
    /// The reference app under the same wrk settings: its GET's requests per second are what ratios divide by;
    /// its read floor (a service row read by id through EF Core on SQLite and serialised), its write floor (the
    /// same proposal body, saved as a row and an event through EF Core on SQLite) and the peak RSS of each are
    /// reported beside the Catalog's as what this stack does with nothing else to do.
    /// </summary>
    private static async Task<(double Rps, List<Measurement> Measurements)> ReferenceAsync(Options options, string scratch)
    {
        var targets = Path.Combine(scratch, "reference.txt");
        await File.WriteAllLinesAsync(targets, Enumerable.Range(0, 100).Select(_ => $"/api/v1/services/{Guid.CreateVersion7()}"));
        var floorTargets = Path.Combine(scratch, "reference-floor.txt");

        // The rows the reference app seeds at start (its ReadFloor.Id), a thousand in all.
        await File.WriteAllLinesAsync(floorTargets, Enumerable.Range(1, 1000).Select(i => $"/api/v1/floor/services/00000000-0000-7000-8000-{i:D12}"));
        var body = Path.Combine(scratch, "reference-proposal.json");
        await File.WriteAllTextAsync(body, System.Text.Json.JsonSerializer.Serialize(Seeder.ProposalBody(Guid.CreateVersion7(), submit: false), Report.Json));
        var (reference, _) = await WebHost.StartAsync(options.ReferenceDll, new Dictionary<string, string> { ["Reference__Database"] = Path.Combine(scratch, "reference.db") });
        await using (reference)
        {
            var get = await MeasureAsync(options, reference, ReferenceGet, Path.Combine(options.LuaDirectory, "get.lua"), new() { ["CATALOG_TARGETS"] = targets }, referenceRps: null);
            var readFloor = await MeasureAsync(options, reference, ReferenceReadFloor, Path.Combine(options.LuaDirectory, "get.lua"), new() { ["CATALOG_TARGETS"] = floorTargets }, get.Rps);
            var floor = await MeasureAsync(options, reference, ReferenceWriteFloor, Path.Combine(options.LuaDirectory, "post.lua"), new()
            {
                ["CATALOG_PATH"] = "/api/v1/proposals",
                ["CATALOG_BODY"] = body,
            }, get.Rps);
            return (get.Rps!.Value, [get with { Ratio = 1 }, readFloor, floor]);
        }
    }

    /// <summary>One wrk scenario against a host, with the host's peak RSS while it runs and, given the reference's rate, its ratio.</summary>
    private static async Task<Measurement> MeasureAsync(Options options, WebHost host, string scenario, string script, Dictionary<string, string> env, double? referenceRps)
    {
        await using var rss = new RssSampler(host.Pid);
        var result = await Wrk.RunAsync(options, host.BaseAddress, script, env);
        return new Measurement(scenario, result.Rps, result.Rps / referenceRps, result.P50 / 1000.0, result.P99 / 1000.0, rss.Peak, Failures: result.Non2xx + result.SocketErrors);
    }

    private sealed record Targets(string Services, string FirstPage, string DeepPage, string Agreements, string ProposalBody);

    private static async Task<Targets> TargetsAsync(HttpClient admin, Seeded seeded, string scratch, int size)
    {
        // A thousand services at random, each with its current ETag for the conditional GET.
        var random = new Random(size);
        var lines = new List<string>();
        foreach (var id in Enumerable.Range(0, Math.Min(1000, seeded.ServiceIds.Count)).Select(_ => seeded.ServiceIds[random.Next(seeded.ServiceIds.Count)]))
        {
            using var response = await admin.GetAsync(new Uri($"/api/v1/services/{id}", UriKind.Relative));
            response.EnsureSuccessStatusCode();
            lines.Add($"/api/v1/services/{id} {response.Headers.ETag}");
        }

        var services = Path.Combine(scratch, "services.txt");
        await File.WriteAllLinesAsync(services, lines);

        // A filtered list (one category in ten): its first page, and a full page near its end (sixty items from
        // it), reached as a client reaches it, by following the cursor.
        var filter = $"category={Seeder.Category(3)}";
        var firstPage = Path.Combine(scratch, "first-page.txt");
        await File.WriteAllTextAsync(firstPage, $"/api/v1/services?{filter}&limit=50\n");
        var inCategory = (size + Seeder.Categories - 1 - 3) / Seeder.Categories;
        var skip = Math.Max(0, inCategory - 60);
        string? cursor = null;
        for (var seen = 0; seen < skip;)
        {
            var take = Math.Min(200, skip - seen);
            var page = await GetJsonAsync(admin, $"/api/v1/services?{filter}&limit={take}" + (cursor is null ? string.Empty : $"&cursor={cursor}"));
            seen += page["items"]!.AsArray().Count;
            cursor = page["nextCursor"]?.GetValue<string>() ?? throw new InvalidOperationException("The list ended sooner than its size says.");
        }

        var deepPage = Path.Combine(scratch, "deep-page.txt");
        await File.WriteAllTextAsync(deepPage, $"/api/v1/services?{filter}&limit=50" + (cursor is null ? string.Empty : $"&cursor={cursor}") + "\n");

        var agreements = Path.Combine(scratch, "agreements.txt");
        await File.WriteAllTextAsync(agreements, "/api/v1/agreements?limit=50\n");

        var proposalBody = Path.Combine(scratch, "proposal.json");
        await File.WriteAllTextAsync(proposalBody, System.Text.Json.JsonSerializer.Serialize(Seeder.ProposalBody(seeded.ProposalServiceId, submit: false), Report.Json));
        return new Targets(services, firstPage, deepPage, agreements, proposalBody);
    }

    /// <summary>Reads the whole change feed from the start in pages of 500, as a new integrator does.</summary>
    private static async Task<(Measurement, long)> ChangeFeedAsync(WebHost api, HttpClient admin)
    {
        // Warm-up: the first pages, untimed.
        for (var i = 0; i < 3; i++)
        {
            await GetJsonAsync(admin, "/api/v1/changes?after=0&limit=500");
        }

        await using var rss = new RssSampler(api.Pid);
        var clock = Stopwatch.StartNew();
        long after = 0, events = 0;
        while (true)
        {
            var page = await GetJsonAsync(admin, $"/api/v1/changes?after={after}&limit=500");
            var count = page["items"]!.AsArray().Count;
            if (count == 0)
            {
                break;
            }

            events += count;
            after = page["lastSequence"]!.GetValue<long>();
        }

        return (new Measurement("change feed, pages of 500", Rps: events / clock.Elapsed.TotalSeconds, PeakRssMiB: rss.Peak, Count: events, Seconds: clock.Elapsed.TotalSeconds), events);
    }

    /// <summary>Streams the full NDJSON export and counts its lines.</summary>
    private static async Task<Measurement> ExportAsync(WebHost api, HttpClient admin)
    {
        await using var rss = new RssSampler(api.Pid);
        var clock = Stopwatch.StartNew();
        using var response = await admin.GetAsync(new Uri("/api/v1/export", UriKind.Relative), HttpCompletionOption.ResponseHeadersRead);
        response.EnsureSuccessStatusCode();
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync());
        long rows = 0;
        while (await reader.ReadLineAsync() is not null)
        {
            rows++;
        }

        return new Measurement("export", Rps: rows / clock.Elapsed.TotalSeconds, PeakRssMiB: rss.Peak, Count: rows, Seconds: clock.Elapsed.TotalSeconds);
    }

    private static async Task<JsonObject> GetJsonAsync(HttpClient client, string path)
    {
        using var response = await client.GetAsync(new Uri(path, UriKind.Relative));
        return await Seeder.ReadAsync(response);
    }

    private static HttpClient Client(WebHost host, string key)
    {
        var client = new HttpClient { BaseAddress = host.BaseAddress, Timeout = TimeSpan.FromMinutes(5) };
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", key);
        return client;
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
    }
}
