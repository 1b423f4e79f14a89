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
    Guid ProposalServiceId);

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

        return new Seeded(customers, customers * 2 + negotiating * 10, negotiating * 10, services, firstCustomerKey!, services[0]);
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

    public static object ProposalBody(Guid serviceId, bool submit) => new
    {
        serviceId,
        title = "Trading availability",
        businessJustification = "Every minute of downtime stops trading.",
        targets = new object[]
        {
            new { metric = "availability", value = 99.95m },
            new { metric = "time-to-restore", value = 30m, scope = "P1" },
        },
        submit,
    };

    private static object ServiceBody(int i) => new
    {
        key = $"svc-{i:D6}",
        name = $"Service {i}",
        summary = "Email for every employee, on every device.",
        description = "Exchange-compatible mailboxes with 50 GB each.",
        category = Category(i),
        owner = new { team = "Workplace Services", contact = "workplace@example.com" },
        kind = i % 3 == 0 ? "supporting" : "business",
        dependsOn = Array.Empty<Guid>(),
        cost = new { unit = "mailbox", unitCostPerMonth = 4.5m, currency = "EUR" },
        alternatives = new[] { new { name = "Hosted email", unitCostPerMonth = 3.2m, currency = "EUR", note = "Vendor-hosted" } },
    };

    private async Task<string> IssueKeyAsync(string role, Guid? customerId)
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
