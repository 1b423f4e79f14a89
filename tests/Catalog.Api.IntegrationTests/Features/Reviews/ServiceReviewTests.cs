using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Catalog.Api.Infrastructure.Persistence;
using Catalog.Api.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Catalog.Api.IntegrationTests.Features.Reviews;

/// <summary>
/// Sales Division (Berlin time) has had an agreement on Corporate Email, which relies on Storage, since three months
/// ago. Last month Storage was down for two hours on the 11th; monitoring first said two and a half, and the record
/// was corrected with a reason.
/// </summary>
public sealed partial class ServiceReviewTests(CatalogApiFactory factory) : IClassFixture<CatalogApiFactory>
{
    private const string Berlin = "Europe/Berlin";

    private readonly Scenario _scenario = new(factory);

    private HttpClient Admin => _scenario.Admin;

    private static string LastMonth => DateTime.UtcNow.AddMonths(-1).ToString("yyyy-MM", CultureInfo.InvariantCulture);

    [SkippableFact]
    public async Task GetServiceReview_ClosedMonthWithASupportingOutage_TellsWhatWasPromisedDeliveredAndWhy()
    {
        var world = await AgreedWithOutageLastMonthAsync();

        var review = await (await world.Customer.GetAsync($"/api/v1/customers/{world.CustomerId}/reviews/{LastMonth}")).ExpectAsync(HttpStatusCode.OK);

        Assert.Equal("Sales Division", review["customer"].Value<string>());
        Assert.Equal("closed", review["status"].Value<string>());
        Assert.Equal(Berlin, review["timeZone"].Value<string>());
        Assert.Contains("Corporate Email missed a promise", review["summary"].Value<string>(), StringComparison.Ordinal);
        var agreement = review["agreements"]!.AsArray().Single()!;
        Assert.Equal("Corporate Email", agreement["service"].Value<string>());
        Assert.Contains("availability: 99.9%", agreement["promised"]![0]!["targets"]!.AsArray().Select(t => t.Value<string>()));
        var availability = agreement["delivered"]!.AsArray().Single(d => d!["target"].Value<string>() == "availability")!;
        Assert.False(availability["met"].Value<bool>());
        Assert.StartsWith("availability: missed. Promised 99.9%, delivered 99.", availability["inPlainWords"].Value<string>(), StringComparison.Ordinal);
        var restore = agreement["delivered"]!.AsArray().Single(d => d!["target"].Value<string>() == "time to restore, P1 incidents")!;
        Assert.Contains("the slowest restoration took 120 minutes", restore["inPlainWords"].Value<string>(), StringComparison.Ordinal);
        var outage = agreement["outages"]!.AsArray().Single()!;
        Assert.Equal("2 hours", outage["duration"].Value<string>());
        Assert.Equal("Storage", outage["failedService"].Value<string>());
        Assert.Contains("Storage, which Corporate Email relies on, was down for 2 hours. Users experienced: Mailboxes could not be opened. Cause: A failed disk controller.", outage["inPlainWords"].Value<string>(), StringComparison.Ordinal);
        var correction = agreement["corrections"]!.AsArray().Single()!;
        Assert.Equal("Monitoring closed the alert half an hour late.", correction["reason"].Value<string>());
        Assert.Contains("it ended at", correction["inPlainWords"].Value<string>(), StringComparison.Ordinal);
        var glance = agreement["lastTwelveMonths"]!.AsArray();
        Assert.Equal(LastMonth, glance[^1]!["month"].Value<string>());
        Assert.False(glance[^1]!["met"].Value<bool>());
        Assert.Equal(20m, agreement["credit"]!["amount"].Value<decimal>());
        Assert.StartsWith("A service credit of 20.00 EUR is deducted from the charges for ", agreement["credit"]!["inPlainWords"].Value<string>(), StringComparison.Ordinal);
        Assert.Contains(agreement["next"]!.AsArray(), n => n.Value<string>()!.Contains("propose stricter targets", StringComparison.Ordinal));
        Assert.Equal("/api/v1/proposals", agreement["proposePath"].Value<string>());
    }

    [SkippableFact]
    public async Task GetServiceReview_AsMarkdown_ReadsForABusinessReaderWithoutIdsOrMetricKeys()
    {
        var world = await AgreedWithOutageLastMonthAsync();

        var response = await GetAsync(world.Customer, $"/api/v1/customers/{world.CustomerId}/reviews/{LastMonth}", "text/markdown");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/markdown", response.Content.Headers.ContentType!.MediaType);
        var text = await response.Content.ReadAsStringAsync();
        Assert.StartsWith("# Service review: Sales Division, ", text, StringComparison.Ordinal);
        Assert.Contains("## Corporate Email", text, StringComparison.Ordinal);
        Assert.Contains("### What went wrong", text, StringComparison.Ordinal);
        Assert.Contains("### Corrections to the record", text, StringComparison.Ordinal);
        Assert.Contains("### What the misses cost IT", text, StringComparison.Ordinal);
        Assert.Contains("### The last 12 months at a glance", text, StringComparison.Ordinal);
        Assert.Contains("### What you can do next", text, StringComparison.Ordinal);
        Assert.DoesNotMatch(GuidPattern(), text);
        Assert.DoesNotContain("time-to-restore", text, StringComparison.Ordinal);
        Assert.DoesNotContain("<svg", text, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task GetServiceReview_AsHtml_IsAPrintablePageWithAChartUnderTheStrictPolicy()
    {
        var world = await AgreedWithOutageLastMonthAsync();

        var response = await GetAsync(world.Customer, $"/api/v1/customers/{world.CustomerId}/reviews/{LastMonth}", "text/html");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.StartsWith("default-src 'none'", response.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("<figure><svg", html, StringComparison.Ordinal);
        Assert.Contains("aria-label=\"Corporate Email: availability over the last", html, StringComparison.Ordinal);
        Assert.Contains("fill=\"#cf222e\"", html, StringComparison.Ordinal);
        Assert.DoesNotMatch(GuidPattern(), html);
    }

    [SkippableFact]
    public async Task GetServiceReview_RunningMonth_IsLabelledInProgress()
    {
        var world = await AgreedWithOutageLastMonthAsync();
        var month = DateTime.UtcNow.ToString("yyyy-MM", CultureInfo.InvariantCulture);

        var review = await (await Admin.GetAsync($"/api/v1/customers/{world.CustomerId}/reviews/{month}")).ExpectAsync(HttpStatusCode.OK);
        var markdown = await (await GetAsync(Admin, $"/api/v1/customers/{world.CustomerId}/reviews/{month}", "text/markdown")).Content.ReadAsStringAsync();

        Assert.Equal("in-progress", review["status"].Value<string>());
        Assert.Contains("is still running", markdown, StringComparison.Ordinal);
    }

    [SkippableTheory]
    [InlineData("2026-13")]
    [InlineData("last-month")]
    [InlineData("2999-01")]
    [InlineData("9999-12")]
    [InlineData("2001-01")]
    public async Task GetServiceReview_MonthNotReviewable_Returns400(string month)
    {
        var world = await AgreedWithOutageLastMonthAsync();

        var problem = await (await world.Customer.GetAsync($"/api/v1/customers/{world.CustomerId}/reviews/{month}")).ExpectProblemAsync(HttpStatusCode.BadRequest, "validation");

        Assert.True(problem["errors"]!.AsObject().ContainsKey("month"));
    }

    [SkippableFact]
    public async Task GetServiceReview_AnotherCustomersReview_Returns404()
    {
        var world = await AgreedWithOutageLastMonthAsync();
        var other = await _scenario.CreateCustomerAsync();
        var client = await _scenario.ClientForAsync("customer", other.Id());

        await (await client.GetAsync($"/api/v1/customers/{world.CustomerId}/reviews/{LastMonth}")).ExpectProblemAsync(HttpStatusCode.NotFound);
    }

    internal static async Task<HttpResponseMessage> GetAsync(HttpClient client, string path, string accept)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(accept));
        return await client.SendAsync(request);
    }

    internal async Task<World> AgreedWithOutageLastMonthAsync()
    {
        var storage = await _scenario.CreateLiveServiceAsync(Scenario.ServiceBody(kind: "supporting", name: "Storage"));
        var email = await _scenario.CreateLiveServiceAsync(Scenario.ServiceBody(dependsOn: [storage.Id()], name: "Corporate Email"));
        var customer = await (await Admin.PostJsonAsync("/api/v1/customers", new
        {
            key = TestApi.Unique("cust"), name = "Sales Division", costCenter = "CC-4711", contactEmail = "sales-it@example.com", timeZone = Berlin,
        })).ExpectAsync(HttpStatusCode.Created);
        await _scenario.SubscribeAsync(customer.Id(), email.Id(), 250);
        var client = await _scenario.ClientForAsync("customer", customer.Id());
        var itLead = await _scenario.ClientForAsync("it-lead");
        var proposal = await (await client.PostJsonAsync("/api/v1/proposals", new
        {
            serviceId = email.Id(), title = "Mail for the field sales force", businessJustification = "Mail outages lose orders.",
            targets = new object[]
            {
                new { metric = "availability", value = 99.9m },
                new { metric = "time-to-restore", value = 60m, scope = "P1" },
            },
            submit = true,
        })).ExpectAsync(HttpStatusCode.Created);
        var analysis = await (await itLead.PostJsonAsync($"/api/v1/proposals/{proposal.Id()}/analyses", new
        {
            oneOffCost = 1_000m, monthlyCostDelta = 200m, currency = "EUR", labourDays = 2m, leadTimeDays = 0, feasibility = "feasible",
            consequences = Array.Empty<object>(), tradeOffs = new[] { "A second storage array." },
            serviceCredits = new
            {
                bands = new object[]
                {
                    new { metric = "availability", worseThan = 99.9m, creditPercent = 10m },
                    new { metric = "availability", worseThan = 99.5m, creditPercent = 25m },
                },
                capPercent = 30m,
            },
        })).ExpectAsync(HttpStatusCode.Created);
        var version = await (await client.PostJsonAsync($"/api/v1/proposals/{proposal.Id()}/acceptance", new
        {
            analysisId = analysis.Id(), option = "proposed", monthlyCharge = 200m, signedBy = new { name = "Dana Ruiz", title = "Sales Director" },
        })).ExpectAsync(HttpStatusCode.Created);

        // The agreement and the customer go back three months, as if signed then.
        var since = new DateTime(DateTime.UtcNow.Year, DateTime.UtcNow.Month, 1, 0, 0, 0, DateTimeKind.Utc).AddMonths(-3);
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<CatalogDbContext>();
            var agreementId = Guid.Parse(version["agreementId"].Value<string>()!);
            await db.AgreementVersions.Where(v => v.AgreementId == agreementId).ExecuteUpdateAsync(v => v.SetProperty(x => x.EffectiveFrom, since));
            await db.Customers.Where(c => c.Id == customer.Id()).ExecuteUpdateAsync(c => c.SetProperty(x => x.CreatedAt, since));
        }

        // The 11th of last month, 09:00 in Berlin.
        var local = new DateTime(since.AddMonths(2).Year, since.AddMonths(2).Month, 11, 9, 0, 0, DateTimeKind.Unspecified);
        var started = TimeZoneInfo.ConvertTimeToUtc(local, TimeZoneInfo.FindSystemTimeZoneById(Berlin));
        var recorded = await Admin.PostJsonAsync("/api/v1/outages", new
        {
            serviceId = storage.Id(), kind = "outage", priority = "P1", startedAt = started, restoredAt = started.AddMinutes(150),
            summary = "Mailboxes could not be opened.", cause = "A failed disk controller.", source = new { system = "monitoring", reference = TestApi.Unique("alert") },
        });
        var outage = await recorded.ExpectAsync(HttpStatusCode.Created);
        using var correction = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/outages/{outage.Id()}/corrections")
        {
            Content = System.Net.Http.Json.JsonContent.Create(new { restoredAt = started.AddMinutes(120), reason = "Monitoring closed the alert half an hour late." }),
        };
        correction.Headers.TryAddWithoutValidation("If-Match", recorded.Headers.ETag!.Tag);
        await (await Admin.SendAsync(correction)).ExpectAsync(HttpStatusCode.OK);
        return new World(customer.Id(), client);
    }

    [GeneratedRegex("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")]
    private static partial Regex GuidPattern();

    internal sealed record World(Guid CustomerId, HttpClient Customer);
}
