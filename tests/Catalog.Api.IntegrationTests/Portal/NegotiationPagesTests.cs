using System.Net;
using System.Text.Json.Nodes;
using Catalog.Api.IntegrationTests.Infrastructure;

namespace Catalog.Api.IntegrationTests.Portal;

/// <summary>
/// The negotiation's forms over HTTP, as a browser without JavaScript sends them: a refusal is shown beside the form
/// with what was typed kept and nothing stored; a success redirects (post/redirect/get); each role sees only its pages.
/// </summary>
public sealed class NegotiationPagesTests(CatalogApiFactory factory) : IClassFixture<CatalogApiFactory>
{
    [SkippableFact]
    public async Task ProposeForm_WithoutATitleThenWithAWordForAvailability_ShowsEachBesideItsFieldAndStoresNothing()
    {
        var negotiation = await NegotiationScenario.StartAsync(factory);
        var client = await factory.SignedInAsync(await negotiation.Catalog.IssueKeyAsync("customer", negotiation.Customer.Id()));
        var fields = new Dictionary<string, string>
        {
            ["serviceId"] = negotiation.Service.Id().ToString(),
            ["title"] = " ",
            ["businessJustification"] = "Every minute of downtime stops trading.",
            ["targets[0].metric"] = "availability",
            ["targets[0].value"] = "very high",
            ["submit"] = "true",
        };

        var untitled = await client.PostFormAsync("/portal/proposals/new", "/portal/proposals/new", fields);
        fields["title"] = "Trading availability";
        var wordy = await client.PostFormAsync("/portal/proposals/new", "/portal/proposals/new", fields);

        var html = await untitled.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.BadRequest, untitled.StatusCode);
        Assert.Contains("The proposal was not saved", html, StringComparison.Ordinal);
        Assert.Matches("id=\"error-title\">[^<]+</p>", html);
        Assert.Contains("value=\"very high\"", html, StringComparison.Ordinal);
        Assert.Contains("Every minute of downtime stops trading.</textarea>", html, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, wordy.StatusCode);
        Assert.Matches("id=\"error-targets-0--value\">[^<]+</p>", await wordy.Content.ReadAsStringAsync());
        Assert.Empty(await ProposalsAsync(negotiation));
    }

    [SkippableFact]
    public async Task ProposeForm_Valid_RedirectsToTheProposalWhichIsWithIt()
    {
        var negotiation = await NegotiationScenario.StartAsync(factory);
        var client = await factory.SignedInAsync(await negotiation.Catalog.IssueKeyAsync("customer", negotiation.Customer.Id()));

        var response = await client.PostFormAsync("/portal/proposals/new", "/portal/proposals/new", new Dictionary<string, string>
        {
            ["serviceId"] = negotiation.Service.Id().ToString(),
            ["title"] = "Trading availability",
            ["businessJustification"] = "Every minute of downtime stops trading.",
            ["targets[0].metric"] = "availability",
            ["targets[0].value"] = "",
            ["targets[1].metric"] = "time-to-restore",
            ["targets[1].value"] = "15",
            ["targets[1].scope"] = "P1",
            ["submit"] = "true",
        });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var proposal = Assert.Single(await ProposalsAsync(negotiation))!.AsObject();
        Assert.Equal($"/portal/proposals/{proposal.Id()}", response.Headers.Location?.OriginalString);
        Assert.Equal("submitted", proposal["status"].Value<string>());
        var target = Assert.Single(proposal["targets"]!.AsArray())!;
        Assert.Equal("time-to-restore", target["metric"].Value<string>());
        Assert.Equal("P1", target["scope"].Value<string>());
        var page = await (await client.GetAsync(response.Headers.Location!.OriginalString)).Content.ReadAsStringAsync();
        Assert.Contains("with IT, waiting for its analysis", page, StringComparison.Ordinal);
        Assert.Contains("After a failure the service is working again within 15 minutes", page, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task AnalysisForm_WithAnUnreadableRuleThenABandAboveItsTarget_ShowsEachBesideItsFieldAndPublishesNothing()
    {
        var negotiation = await NegotiationScenario.StartAsync(factory);
        var proposal = await negotiation.ProposeAsync();
        var client = await factory.SignedInAsync(await negotiation.Catalog.IssueKeyAsync("it-lead"));
        var page = $"/portal/queue/{proposal.Id()}";

        var fields = new Dictionary<string, string>
        {
            ["monthlyCostDelta"] = "4000",
            ["oneOffCost"] = "20,000",
            ["labourDays"] = "12.5",
            ["leadTimeDays"] = "30",
            ["feasibility"] = "NeedsInvestment",
            ["consequences[0].description"] = "",
            ["consequences[1].description"] = "Maintenance moves to Sunday nights.",
            ["consequences[1].severity"] = "Medium",
            ["tradeOffs"] = "No planned downtime during trading hours.",
            ["maintenanceWindows[0].rrule"] = "EVERY SUNDAY",
            ["maintenanceWindows[0].durationMinutes"] = "120",
            ["maintenanceWindows[0].timeZone"] = "Europe/Berlin",
            ["serviceCredits.bands[0].metric"] = "availability",
            ["serviceCredits.bands[0].worseThan"] = "",
            ["serviceCredits.bands[1].metric"] = "availability",
            ["serviceCredits.bands[1].worseThan"] = "99.999",
            ["serviceCredits.bands[1].creditPercent"] = "10",
            ["serviceCredits.capPercent"] = "25",
        };

        var unreadable = await client.PostFormAsync(page, page, fields);
        fields["maintenanceWindows[0].rrule"] = "FREQ=WEEKLY;BYDAY=SU;BYHOUR=2";
        var tooStrict = await client.PostFormAsync(page, page, fields);

        var html = await unreadable.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.BadRequest, unreadable.StatusCode);
        Assert.Contains("The analysis was not published", html, StringComparison.Ordinal);
        Assert.Matches("id=\"error-maintenancewindows-0--rrule\">[^<]+</p>", html);
        Assert.Contains("value=\"EVERY SUNDAY\"", html, StringComparison.Ordinal);
        Assert.Contains("value=\"Maintenance moves to Sunday nights.\"", html, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, tooStrict.StatusCode);
        Assert.Matches("id=\"error-servicecredits-bands-1--worsethan\">[^<]+</p>", await tooStrict.Content.ReadAsStringAsync());
        var analyses = await (await negotiation.ItLead.GetAsync($"/api/v1/proposals/{proposal.Id()}/analyses")).ExpectAsync(HttpStatusCode.OK);
        Assert.Empty(analyses["items"]!.AsArray());
    }

    [SkippableFact]
    public async Task AnalysisForm_WithACounterOffer_PublishesItAndTheBusinessUnitSeesItsCharge()
    {
        var negotiation = await NegotiationScenario.StartAsync(factory);
        var proposal = await negotiation.ProposeAsync();
        var itLead = await factory.SignedInAsync(await negotiation.Catalog.IssueKeyAsync("it-lead"));
        var page = $"/portal/queue/{proposal.Id()}";

        var response = await itLead.PostFormAsync(page, page, new Dictionary<string, string>
        {
            ["monthlyCostDelta"] = "4000",
            ["oneOffCost"] = "20000",
            ["labourDays"] = "12.5",
            ["leadTimeDays"] = "30",
            ["feasibility"] = "NeedsInvestment",
            ["maintenanceWindows[0].rrule"] = "FREQ=WEEKLY;BYDAY=SU;BYHOUR=2",
            ["maintenanceWindows[0].durationMinutes"] = "120",
            ["maintenanceWindows[0].timeZone"] = "Europe/Berlin",
            ["serviceCredits.bands[0].metric"] = "availability",
            ["serviceCredits.bands[0].worseThan"] = "99.9",
            ["serviceCredits.bands[0].creditPercent"] = "10",
            ["serviceCredits.capPercent"] = "25",
            ["counterOffer.targets[0].metric"] = "availability",
            ["counterOffer.targets[0].value"] = "99.95",
            ["counterOffer.monthlyCostDelta"] = "2500",
            ["counterOffer.oneOffCost"] = "8000",
            ["counterOffer.leadTimeDays"] = "10",
            ["counterOffer.note"] = "Achievable with a hot standby.",
        });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(page, response.Headers.Location?.OriginalString);
        var analysis = Assert.Single((await (await negotiation.ItLead.GetAsync($"/api/v1/proposals/{proposal.Id()}/analyses")).ExpectAsync(HttpStatusCode.OK))["items"]!.AsArray())!;
        Assert.Equal(99.95m, analysis["counterOffer"]!["targets"]![0]!["value"].Value<decimal>());
        Assert.Equal("Achievable with a hot standby.", analysis["counterOffer"]!["note"].Value<string>());
        Assert.Equal("FREQ=WEEKLY;BYDAY=SU;BYHOUR=2", analysis["maintenanceWindows"]![0]!["rrule"].Value<string>());
        var customer = await factory.SignedInAsync(await negotiation.Catalog.IssueKeyAsync("customer", negotiation.Customer.Id()));
        var html = WebUtility.HtmlDecode(await (await customer.GetAsync($"/portal/proposals/{proposal.Id()}")).Content.ReadAsStringAsync());
        Assert.Contains("IT's counter-offer", html, StringComparison.Ordinal);
        Assert.Contains("Accept for EUR 2,500.00 a month", html, StringComparison.Ordinal);
        Assert.Contains("every Sunday 02:00–04:00, Europe/Berlin time", html, StringComparison.Ordinal);
        Assert.Contains("If availability is worse than 99.9% in a month, 10% of that month's charge is credited.", html, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task AcceptForm_WithoutASignatory_SaysSoBesideTheOptionAndAgreesNothing()
    {
        var negotiation = await NegotiationScenario.StartAsync(factory);
        var proposal = await negotiation.ProposeAsync();
        var analysis = await negotiation.AnalyseAsync(proposal.Id());
        var client = await factory.SignedInAsync(await negotiation.Catalog.IssueKeyAsync("customer", negotiation.Customer.Id()));
        var page = $"/portal/proposals/{proposal.Id()}";

        var response = await client.PostFormAsync(page, page + "?handler=Accept", new Dictionary<string, string>
        {
            ["analysisId"] = analysis.Id().ToString(),
            ["option"] = "Proposed",
            ["monthlyCharge"] = NegotiationScenario.Option(analysis, "proposed")["monthlyCharge"]!.GetValue<decimal>().ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["signedBy.name"] = "",
            ["signedBy.title"] = "Head of Trading",
        });

        var html = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Matches("id=\"error-signedby-name\">[^<]+</p>", html);
        Assert.Contains("value=\"Head of Trading\"", html, StringComparison.Ordinal);
        var agreements = await (await negotiation.CustomerClient.GetAsync("/api/v1/agreements")).ExpectAsync(HttpStatusCode.OK);
        Assert.Empty(agreements["items"]!.AsArray());
    }

    [SkippableFact]
    public async Task AcceptForm_AfterItPublishedANewerAnalysis_SaysTheChargeHasChangedAndAgreesNothing()
    {
        var negotiation = await NegotiationScenario.StartAsync(factory);
        var proposal = await negotiation.ProposeAsync();
        var first = await negotiation.AnalyseAsync(proposal.Id());
        var client = await factory.SignedInAsync(await negotiation.Catalog.IssueKeyAsync("customer", negotiation.Customer.Id()));
        var page = $"/portal/proposals/{proposal.Id()}";
        var token = await client.FormTokenAsync(page);
        await negotiation.AnalyseAsync(proposal.Id(), NegotiationScenario.Analysis(monthlyCostDelta: 5_000m));

        var response = await client.PostAsync(page + "?handler=Accept", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token,
            ["analysisId"] = first.Id().ToString(),
            ["option"] = "Proposed",
            ["monthlyCharge"] = NegotiationScenario.Option(first, "proposed")["monthlyCharge"]!.GetValue<decimal>().ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["signedBy.name"] = "Dana Ruiz",
        }));

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("Nothing was changed", html, StringComparison.Ordinal);
        Assert.Contains("Accept for EUR 5,000.00 a month", html, StringComparison.Ordinal);
        Assert.Contains("value=\"Dana Ruiz\"", html, StringComparison.Ordinal);
        var agreements = await (await negotiation.CustomerClient.GetAsync("/api/v1/agreements")).ExpectAsync(HttpStatusCode.OK);
        Assert.Empty(agreements["items"]!.AsArray());
    }

    [SkippableFact]
    public async Task WithdrawForm_WithoutAReason_SaysSoAndTheProposalStaysOpen()
    {
        var negotiation = await NegotiationScenario.StartAsync(factory);
        var proposal = await negotiation.ProposeAsync();
        var client = await factory.SignedInAsync(await negotiation.Catalog.IssueKeyAsync("customer", negotiation.Customer.Id()));
        var page = $"/portal/proposals/{proposal.Id()}";

        var refused = await client.PostFormAsync(page, page + "?handler=Withdraw", new Dictionary<string, string> { ["reason"] = "" });
        var withdrawn = await client.PostFormAsync(page, page + "?handler=Withdraw", new Dictionary<string, string> { ["reason"] = "Budget moved to next year." });

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Matches("id=\"error-reason\">[^<]+</p>", await refused.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Redirect, withdrawn.StatusCode);
        var after = await (await negotiation.CustomerClient.GetAsync($"/api/v1/proposals/{proposal.Id()}")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("withdrawn", after["status"].Value<string>());
        Assert.Equal("Budget moved to next year.", after["withdrawalReason"].Value<string>());
    }

    [SkippableFact]
    public async Task OutageForm_WithoutWhatUsersExperienced_SaysSoAndRecordsNothingThenRecordsAndRestores()
    {
        var negotiation = await NegotiationScenario.StartAsync(factory, serviceName: "Outage Desk Platform");
        var client = await factory.SignedInAsync(await negotiation.Catalog.IssueKeyAsync("it-lead"));
        var fields = new Dictionary<string, string>
        {
            ["serviceKey"] = "Outage Desk Platform",
            ["kind"] = "Outage",
            ["priority"] = "P1",
            ["startedAt"] = "2026-01-05T09:30",
            ["timeZone"] = "Europe/Berlin",
            ["summary"] = "",
            ["reference"] = Guid.NewGuid().ToString(),
        };

        var refused = await client.PostFormAsync("/portal/outages", "/portal/outages?handler=Record", fields);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Matches("id=\"error-summary\">[^<]+</p>", await refused.Content.ReadAsStringAsync());
        Assert.Empty(await OutagesAsync(negotiation));

        fields["summary"] = "Orders could not be placed.";
        var recorded = await client.PostFormAsync("/portal/outages", "/portal/outages?handler=Record", fields);
        Assert.Equal(HttpStatusCode.Redirect, recorded.StatusCode);
        var outage = Assert.Single(await OutagesAsync(negotiation))!.AsObject();
        Assert.Equal(new DateTime(2026, 1, 5, 8, 30, 0, DateTimeKind.Utc), outage["startedAt"].Value<DateTime>().ToUniversalTime());
        Assert.Contains("Orders could not be placed.", await (await client.GetAsync("/portal/outages")).Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var restored = await client.PostFormAsync("/portal/outages", $"/portal/outages?handler=Restore&outageId={outage.Id()}", new Dictionary<string, string>
        {
            ["restoredAt"] = "2026-01-05T10:15",
            ["timeZone"] = "Europe/Berlin",
        });
        Assert.Equal(HttpStatusCode.Redirect, restored.StatusCode);
        Assert.Equal(new DateTime(2026, 1, 5, 9, 15, 0, DateTimeKind.Utc), Assert.Single(await OutagesAsync(negotiation))!["restoredAt"].Value<DateTime>().ToUniversalTime());
    }

    [SkippableFact]
    public async Task ProposalLists_ForTheBusinessUnitNewestFirst_ForItOldestFirstWithTheBusinessUnit()
    {
        var negotiation = await NegotiationScenario.StartAsync(factory, serviceName: "Queue Order Platform");
        await negotiation.ProposeAsync(title: "Queue order first");
        await negotiation.ProposeAsync(title: "Queue order second");
        var customer = await factory.SignedInAsync(await negotiation.Catalog.IssueKeyAsync("customer", negotiation.Customer.Id()));
        var itLead = await factory.SignedInAsync(await negotiation.Catalog.IssueKeyAsync("it-lead"));

        var own = await (await customer.GetAsync("/portal/proposals")).Content.ReadAsStringAsync();
        var queue = await (await itLead.GetAsync("/portal/queue")).Content.ReadAsStringAsync();

        Assert.True(own.IndexOf("Queue order second", StringComparison.Ordinal) < own.IndexOf("Queue order first", StringComparison.Ordinal));
        Assert.True(queue.IndexOf("Queue order first", StringComparison.Ordinal) < queue.IndexOf("Queue order second", StringComparison.Ordinal));
        Assert.Contains("<td>Trading Desk</td>", queue, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task Queue_WithAProposalBetweenServices_NamesTheServiceAskingAndOpensIt()
    {
        var scenario = new Scenario(factory);
        var storage = await scenario.CreateLiveServiceAsync(Scenario.ServiceBody(kind: "supporting", name: "Queue Storage"));
        var email = await scenario.CreateLiveServiceAsync(Scenario.ServiceBody(dependsOn: [storage.Id()], name: "Queue Mail"));
        var itLead = await scenario.ClientForAsync("it-lead");
        var proposal = await (await itLead.PostJsonAsync("/api/v1/proposals", new
        {
            serviceId = storage.Id(), consumerServiceId = email.Id(), title = "Storage for queue mail", businessJustification = "Mail stops whenever Storage does.",
            targets = new object[] { new { metric = "availability", value = 99.95m } }, submit = true,
        })).ExpectAsync(HttpStatusCode.Created);
        var page = await factory.SignedInAsync(await scenario.IssueKeyAsync("it-lead"));

        var queue = await page.GetAsync("/portal/queue");
        var opened = await page.GetAsync($"/portal/queue/{proposal.Id()}");

        Assert.Equal(HttpStatusCode.OK, queue.StatusCode);
        Assert.Contains("<td>Queue Mail (a service relying on it)</td>", await queue.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, opened.StatusCode);
        Assert.Contains("Queue Mail asks for Queue Storage", await opened.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [SkippableTheory]
    [InlineData("customer", "/portal/queue")]
    [InlineData("customer", "/portal/outages")]
    [InlineData("it-lead", "/portal/proposals")]
    [InlineData("it-lead", "/portal/proposals/new")]
    public async Task NegotiationPage_OfAnotherRole_IsTheForbiddenPage(string role, string path)
    {
        var scenario = new Scenario(factory);
        var customerId = role == "customer" ? (await scenario.CreateCustomerAsync()).Id() : (Guid?)null;
        var client = await factory.SignedInAsync(await scenario.IssueKeyAsync(role, customerId));

        var response = await client.GetAsync(path);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("<h1>Not for your role</h1>", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    private static async Task<JsonArray> ProposalsAsync(NegotiationScenario negotiation) =>
        (await (await negotiation.CustomerClient.GetAsync("/api/v1/proposals")).ExpectAsync(HttpStatusCode.OK))["items"]!.AsArray();

    private static async Task<JsonArray> OutagesAsync(NegotiationScenario negotiation) =>
        (await (await negotiation.ItLead.GetAsync($"/api/v1/outages?serviceId={negotiation.Service.Id()}")).ExpectAsync(HttpStatusCode.OK))["items"]!.AsArray();
}
