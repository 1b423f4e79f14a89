using System.Net;
using System.Text.Json.Nodes;

namespace Catalog.Api.IntegrationTests.Infrastructure;

/// <summary>
/// A negotiation set up through the API: a live service, a customer with its own key, an IT lead's key,
/// and helpers for each move of the state machine.
/// </summary>
public sealed class NegotiationScenario
{
    private NegotiationScenario(Scenario scenario, JsonObject service, JsonObject customer, HttpClient customerClient, HttpClient itLead)
    {
        Catalog = scenario;
        Service = service;
        Customer = customer;
        CustomerClient = customerClient;
        ItLead = itLead;
    }

    public Scenario Catalog { get; }

    public HttpClient Admin => Catalog.Admin;

    public JsonObject Service { get; }

    public JsonObject Customer { get; }

    /// <summary>The business unit's own key.</summary>
    public HttpClient CustomerClient { get; }

    public HttpClient ItLead { get; }

    public static async Task<NegotiationScenario> StartAsync(CatalogApiFactory factory, string serviceName = "Trading Platform")
    {
        var scenario = new Scenario(factory);
        var service = await scenario.CreateLiveServiceAsync(Scenario.ServiceBody(name: serviceName, unitCost: 950m));
        var customer = await scenario.CreateCustomerAsync(Scenario.CustomerBody(name: "Trading Desk"));
        await scenario.SubscribeAsync(customer.Id(), service.Id(), 60);
        var customerClient = await scenario.ClientForAsync("customer", customer.Id());
        var itLead = await scenario.ClientForAsync("it-lead");
        return new NegotiationScenario(scenario, service, customer, customerClient, itLead);
    }

    public static object[] Targets(decimal availability = 99.99m, decimal timeToRestore = 15m) =>
    [
        new { metric = "availability", value = availability },
        new { metric = "time-to-restore", value = timeToRestore, scope = "P1" },
    ];

    public static object Analysis(decimal monthlyCostDelta = 4_000m, object? counterOffer = null, int leadTimeDays = 30) => new
    {
        oneOffCost = 20_000m,
        monthlyCostDelta,
        currency = "EUR",
        labourDays = 12.5m,
        leadTimeDays,
        feasibility = "needs-investment",
        consequences = new[] { new { serviceId = (Guid?)null, description = "Maintenance windows move to Sunday nights.", severity = "medium" } },
        tradeOffs = new[] { "No planned downtime during trading hours." },
        counterOffer,
    };

    /// <summary>A counter-offer with its own lead time, shorter than the analysis' 30 days by default.</summary>
    public static object CounterOffer(decimal monthlyCostDelta = 2_500m, int leadTimeDays = 10) => new
    {
        targets = Targets(99.95m, 30m),
        oneOffCost = 8_000m,
        monthlyCostDelta,
        leadTimeDays,
        note = "Achievable with a hot standby.",
    };

    /// <summary>The person who signs for the customer.</summary>
    public static object Signer { get; } = new { name = "Dana Ruiz", title = "Head of Trading" };

    /// <summary>The customer proposes (and submits unless told otherwise).</summary>
    public async Task<JsonObject> ProposeAsync(object[]? targets = null, bool submit = true, string title = "Trading availability") =>
        await (await CustomerClient.PostJsonAsync("/api/v1/proposals", new
        {
            serviceId = Service.Id(),
            title,
            businessJustification = "Every minute of downtime stops trading.",
            targets = targets ?? Targets(),
            submit,
        })).ExpectAsync(HttpStatusCode.Created);

    public async Task<JsonObject> AnalyseAsync(Guid proposalId, object? analysis = null) =>
        await (await ItLead.PostJsonAsync($"/api/v1/proposals/{proposalId}/analyses", analysis ?? Analysis())).ExpectAsync(HttpStatusCode.Created);

    /// <param name="monthlyCharge">The agreement's resulting monthly charge the customer confirms.</param>
    public Task<HttpResponseMessage> AcceptAsync(Guid proposalId, Guid analysisId, string option, decimal monthlyCharge, HttpClient? client = null) =>
        (client ?? CustomerClient).PostJsonAsync($"/api/v1/proposals/{proposalId}/acceptance", new { analysisId, option, monthlyCharge, signedBy = Signer });

    /// <summary>The option as the analysis shows it: increase, current and resulting monthly charge, one-off cost, effective date.</summary>
    public static JsonObject Option(JsonObject analysis, string option) =>
        analysis["options"]!.AsArray().Single(o => o!["option"]!.GetValue<string>() == option)!.AsObject();

    /// <summary>Proposes, analyses and accepts the proposed targets at the charge the analysis shows: an agreement version. Returns the version.</summary>
    public async Task<JsonObject> AgreeAsync(object[]? targets = null, decimal monthlyCostDelta = 4_000m, int leadTimeDays = 30)
    {
        var proposal = await ProposeAsync(targets);
        var analysis = await AnalyseAsync(proposal.Id(), Analysis(monthlyCostDelta, leadTimeDays: leadTimeDays));
        var charge = Option(analysis, "proposed")["monthlyCharge"]!.GetValue<decimal>();
        return await (await AcceptAsync(proposal.Id(), analysis.Id(), "proposed", charge)).ExpectAsync(HttpStatusCode.Created);
    }
}
