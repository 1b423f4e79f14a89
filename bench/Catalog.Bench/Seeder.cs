using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Catalog.Bench;

/// <summary>What a seeded catalog holds, for the scenarios to aim at.</summary>
internal sealed record Seeded(
    int Customers,
    int Subscriptions,
    int Agreements,
    IReadOnlyList<Guid> ServiceIds,
    string NegotiatingCustomerKey,
    Guid ProposalServiceId,
    IReadOnlyList<Guid> UnagreedLiveServiceIds,
    string ItLeadKey);

/// <summary>What the delivered-service seeding added: the customer with fifty agreements, the supporting services and their outages.</summary>
/// <param name="ChainAgreementId">The customer's first agreement: its service depends on a chain of five supporting services.</param>
/// <param name="FeasibilityProposalId">The customer's open proposal for stricter targets on its second agreement's service, which depends on <see cref="Seeder.FeasibilityChains"/> chains.</param>
/// <param name="BackdatedTo">When the customer's agreement versions are in force from, once backdated in the database.</param>
internal sealed record SeededDelivery(
    Guid CustomerId,
    string CustomerKey,
    IReadOnlyList<Guid> AgreementIds,
    Guid ChainAgreementId,
    Guid FeasibilityProposalId,
    IReadOnlyList<Guid> SupportingServiceIds,
    int Outages,
    DateTime BackdatedTo);

/// <summary>
/// Seeds a catalog of a given size through the API itself, so every row and change event is what real use
/// writes: <c>size</c> services (ten categories), one customer per ten services with two subscriptions each, and
/// one business unit per thousand services that holds ten agreements reached by negotiation.
/// </summary>
internal sealed class Seeder(HttpClient admin)
{
    public const int Categories = 10;
    private const int Parallelism = 16;

    private static readonly string[] TradeOffs = ["No planned downtime during trading hours."];

    public static string Category(int index) => $"category-{index % Categories}";

    public async Task<Seeded> SeedAsync(int size)
    {
        var customers = Math.Max(2, size / 10);
        var negotiating = Math.Max(1, size / 1000);
        // Services [0, 10 × negotiating) are the ones negotiated on; the plain subscriptions use those after them.
        var negotiated = 10 * negotiating;
        var live = Math.Min(size, negotiated + (2 * customers));
        if (live <= negotiated)
        {
            throw new ArgumentOutOfRangeException(nameof(size), size, "A catalog needs more services than the ones negotiated on.");
        }


        var services = await InParallelAsync(size, async i => Id(await PostAsync("/api/v1/services", ServiceBody(i))));
        await InParallelAsync(live, i => PostAsync($"/api/v1/services/{services[i]}/lifecycle", new { lifecycle = "live" }));
        var customerIds = await InParallelAsync(customers, async j => Id(await PostAsync("/api/v1/customers", new
        {
            key = $"cust-{j:D6}",
            name = $"Business unit {j}",
            costCenter = $"CC-{j:D6}",
            contactEmail = $"unit{j}@example.com",
        })));
        await InParallelAsync(customers * 2, s => PutAsync(
            $"/api/v1/customers/{customerIds[s / 2]}/subscriptions",
            new { serviceId = services[negotiated + (s % (live - negotiated))], units = 10 + (s % 7) }));

        var itLead = await IssueKeyAsync("it-lead", null);
        string? firstCustomerKey = null;
        for (var g = 0; g < negotiating; g++)
        {
            var customerKey = await IssueKeyAsync("customer", customerIds[g]);
            firstCustomerKey ??= customerKey;
            await InParallelAsync(10, k => AgreeAsync(customerIds[g], customerKey, itLead, services[(g * 10) + k]));
        }

        return new Seeded(customers, customers * 2 + negotiating * 10, negotiating * 10, services, firstCustomerKey!, services[0], services[negotiated..live], itLead);
    }

    public const string DeliveryCustomerKey = "cust-delivery";

    public const int DeliveryAgreements = 50;

    public const int ChainLength = 5;

    /// <summary>The service of the customer's second agreement depends on the heads of this many chains: on twenty services in all.</summary>
    public const int FeasibilityChains = 4;

    public const int FeasibilityDependencies = FeasibilityChains * ChainLength;

    /// <summary>Outages are seeded over this many months before now, one per catalog service (100,000 on the 100,000-service catalog).</summary>
    public const int OutageMonths = 24;

    /// <summary>
    /// Seeds the delivered service in proportion to the catalog: chains of five supporting services (one chain per 250
    /// catalog services, at least four, each service depending on the next), one business unit with fifty agreements
    /// whose services each depend on the head of a chain (the second on the heads of four chains, so on twenty services
    /// in all), an open proposal from that unit for stricter targets on the second, and <paramref name="size"/> outages
    /// over the last <see cref="OutageMonths"/> months on the supporting services, about fifty per service. The
    /// agreements take effect only after their lead time; <see cref="SeededDelivery.BackdatedTo"/> is when the suite
    /// makes them in force from, in the database.
    /// </summary>
    public async Task<SeededDelivery> SeedDeliveryAsync(int size, string itLeadKey, DateTime now)
    {
        var chains = Math.Max(FeasibilityChains, size / 250);

        // Built from the end of each chain up: a service is created with what it depends on, and goes live after it.
        var links = new Guid[chains, ChainLength];
        for (var link = ChainLength - 1; link >= 0; link--)
        {
            var level = link;
            var created = await InParallelAsync(chains, async c => Id(await PostAsync("/api/v1/services", ServiceBody(
                $"dep-{c:D4}-{level}", $"Supporting service {c}.{level}", "supporting", level == ChainLength - 1 ? [] : [links[c, level + 1]]))));
            await InParallelAsync(chains, c => PostAsync($"/api/v1/services/{created[c]}/lifecycle", new { lifecycle = "live" }));
            for (var c = 0; c < chains; c++)
            {
                links[c, level] = created[c];
            }
        }

        Guid[] DependsOn(int k) => k == 1 ? [.. Enumerable.Range(0, FeasibilityChains).Select(c => links[c, 0])] : [links[k % chains, 0]];
        var agreed = await InParallelAsync(DeliveryAgreements, async k => Id(await PostAsync("/api/v1/services", ServiceBody(
            $"agreed-{k:D2}", $"Trading service {k}", "business", DependsOn(k)))));
        await InParallelAsync(DeliveryAgreements, k => PostAsync($"/api/v1/services/{agreed[k]}/lifecycle", new { lifecycle = "live" }));
        var customerId = Id(await PostAsync("/api/v1/customers", new
        {
            key = DeliveryCustomerKey,
            name = "Trading floor",
            costCenter = "CC-DELIVERY",
            contactEmail = "trading@example.com",
        }));
        var customerKey = await IssueKeyAsync("customer", customerId);
        var versions = await InParallelAsync(DeliveryAgreements, k => AgreeAsync(customerId, customerKey, itLeadKey, agreed[k]));
        var agreementIds = versions.Select(v => Guid.Parse(v["agreementId"]!.GetValue<string>())).ToList();

        // Stricter targets than those agreed, as a unit asks after reading its review: IT weighs them against what the
        // twenty services below have delivered.
        var stricter = Id(await PostAsync("/api/v1/proposals", ProposalBody(agreed[1], submit: true, availability: 99.99m), customerKey));

        var supporting = Enumerable.Range(0, chains * ChainLength).Select(i => links[i / ChainLength, i % ChainLength]).ToList();
        var random = new Random(size);
        var window = TimeSpan.FromDays(OutageMonths * 365.25 / 12);
        var outages = Enumerable.Range(0, size).Select(i =>
        {
            // Restored at least an hour ago; five minutes to two hours long; mostly outright outages.
            var length = TimeSpan.FromMinutes(5 + random.Next(115));
            var started = now - TimeSpan.FromHours(1) - length - (window - TimeSpan.FromHours(3)) * random.NextDouble();
            var roll = random.Next(100);
            return new
            {
                serviceId = supporting[i % supporting.Count],
                kind = roll < 80 ? "outage" : roll < 95 ? "degradation" : "planned",
                priority = $"P{1 + random.Next(3)}",
                startedAt = started,
                restoredAt = started + length,
                summary = "Alert from monitoring: the service stopped answering its health probe.",
                source = new { system = "bench-monitoring", reference = $"seed-{i:D7}" },
            };
        }).ToList();
        await InParallelAsync(outages.Count, i => PostAsync("/api/v1/outages", outages[i]));

        var backdatedTo = new DateTime(now.Year, now.Month, 1, 0, 0, 0, DateTimeKind.Utc).AddMonths(-(OutageMonths + 1));
        return new SeededDelivery(customerId, customerKey, agreementIds, agreementIds[0], stricter, supporting, outages.Count, backdatedTo);
    }

    public const string ClosingCustomerPrefix = "cust-closing-";

    /// <summary>Agreements per business unit in the closing cohort: one on each of this many services.</summary>
    public const int ClosingServices = 50;

    /// <summary>
    /// Seeds the cohort whose month the watcher closes: <paramref name="count"/> agreements (rounded up to whole business
    /// units of <see cref="ClosingServices"/>), each business unit agreeing on the same fifty services, which depend on
    /// nothing and have no outages. Returns their ids; the suite backdates their versions to the previous month.
    /// </summary>
    public async Task<IReadOnlyList<Guid>> SeedClosingAsync(int count, string itLeadKey)
    {
        var services = await InParallelAsync(ClosingServices, async k => Id(await PostAsync("/api/v1/services", ServiceBody($"closing-{k:D2}", $"Closing service {k}", "business", []))));
        await InParallelAsync(ClosingServices, k => PostAsync($"/api/v1/services/{services[k]}/lifecycle", new { lifecycle = "live" }));
        var units = (count + ClosingServices - 1) / ClosingServices;
        var customers = await InParallelAsync(units, async j =>
        {
            var id = Id(await PostAsync("/api/v1/customers", new
            {
                key = $"{ClosingCustomerPrefix}{j:D4}",
                name = $"Closing unit {j}",
                costCenter = $"CC-CLOSE-{j:D4}",
                contactEmail = $"closing{j}@example.com",
            }));
            return (Id: id, Key: await IssueKeyAsync("customer", id));
        });
        var versions = await InParallelAsync(units * ClosingServices, i => AgreeAsync(customers[i / ClosingServices].Id, customers[i / ClosingServices].Key, itLeadKey, services[i % ClosingServices]));
        return versions.Select(v => Guid.Parse(v["agreementId"]!.GetValue<string>())).ToList();
    }

    /// <summary>The customer proposes, IT analyses, the customer accepts: one agreement version.</summary>
    private async Task<JsonObject> AgreeAsync(Guid customerId, string customerKey, string itLeadKey, Guid serviceId)
    {
        await PutAsync($"/api/v1/customers/{customerId}/subscriptions", new { serviceId, units = 25 });
        var proposal = Id(await PostAsync("/api/v1/proposals", ProposalBody(serviceId, submit: true), customerKey));
        var analysis = await PostAsync($"/api/v1/proposals/{proposal}/analyses", new
        {
            oneOffCost = 20_000m,
            monthlyCostDelta = 4_000m,
            currency = "EUR",
            labourDays = 12.5m,
            leadTimeDays = 30,
            feasibility = "needs-investment",
            consequences = new[] { new { serviceId = (Guid?)null, description = "Maintenance windows move to Sunday nights.", severity = "medium" } },
            tradeOffs = TradeOffs,
        }, itLeadKey);

        // The customer confirms the agreement's resulting monthly charge, as the analysis shows it for the option.
        var monthlyCharge = analysis["options"]!.AsArray().Single(o => o!["option"]!.GetValue<string>() == "proposed")!["monthlyCharge"]!.GetValue<decimal>();
        return await PostAsync($"/api/v1/proposals/{proposal}/acceptance", new
        {
            analysisId = Id(analysis),
            option = "proposed",
            monthlyCharge,
            signedBy = new { name = "Dana Ruiz", title = "Head of Trading" },
        }, customerKey);
    }

    public static object ProposalBody(Guid serviceId, bool submit, decimal availability = 99.95m) => new
    {
        serviceId,
        title = "Trading availability",
        businessJustification = "Every minute of downtime stops trading.",
        targets = new object[]
        {
            new { metric = "availability", value = availability },
            new { metric = "time-to-restore", value = 30m, scope = "P1" },
        },
        submit,
    };

    private static object ServiceBody(int i) => ServiceBody($"svc-{i:D6}", $"Service {i}", i % 3 == 0 ? "supporting" : "business", [], category: Category(i));

    private static object ServiceBody(string key, string name, string kind, Guid[] dependsOn, string? category = null) => new
    {
        key,
        name,
        summary = "Email for every employee, on every device.",
        description = "Exchange-compatible mailboxes with 50 GB each.",
        category = category ?? "delivery",
        owner = new { team = "Workplace Services", contact = "workplace@example.com" },
        kind,
        dependsOn,
        cost = new { unit = "mailbox", unitCostPerMonth = 4.5m, currency = "EUR" },
        alternatives = new[] { new { name = "Hosted email", unitCostPerMonth = 3.2m, currency = "EUR", note = "Vendor-hosted" } },
    };

    public async Task<string> IssueKeyAsync(string role, Guid? customerId)
    {
        using var response = await admin.PostAsJsonAsync("/api/v1/api-keys", new { name = $"bench-{role}-{Guid.NewGuid():N}", role, customerId });
        return (await ReadAsync(response))["key"]!.GetValue<string>();
    }

    private static Guid Id(JsonObject resource) => Guid.Parse(resource["id"]!.GetValue<string>());

    private async Task<JsonObject> PostAsync(string path, object body, string? apiKey = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(body) };
        if (apiKey is not null)
        {
            request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", apiKey);
        }

        using var response = await admin.SendAsync(request);
        return await ReadAsync(response);
    }

    private async Task<JsonObject> PutAsync(string path, object body)
    {
        using var response = await admin.PutAsJsonAsync(path, body);
        return await ReadAsync(response);
    }

    /// <summary>The body of a successful response as a JSON object; any other status throws with what the API said.</summary>
    internal static async Task<JsonObject> ReadAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        return response.IsSuccessStatusCode
            ? JsonNode.Parse(text)!.AsObject()
            : throw new InvalidOperationException(string.Create(CultureInfo.InvariantCulture, $"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri} answered {(int)response.StatusCode}: {text}"));
    }

    /// <summary>Runs <paramref name="count"/> calls, <see cref="Parallelism"/> at a time, and returns their results in index order.</summary>
    private static async Task<T[]> InParallelAsync<T>(int count, Func<int, Task<T>> call)
    {
        var results = new T[count];
        await Parallel.ForAsync(0, count, new ParallelOptions { MaxDegreeOfParallelism = Parallelism }, async (i, _) => results[i] = await call(i));
        return results;
    }
}
