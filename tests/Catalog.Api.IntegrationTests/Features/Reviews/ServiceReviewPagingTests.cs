using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Catalog.Api.Infrastructure.Persistence;
using Catalog.Api.IntegrationTests.Infrastructure;
using Catalog.Api.IntegrationTests.Portal;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Catalog.Api.IntegrationTests.Features.Reviews;

/// <summary>
/// A customer with many agreements reads its review a page of agreements at a time, in the API as in the portal;
/// the summary speaks of the whole month on every page.
/// </summary>
public sealed partial class ServiceReviewPagingTests(CatalogApiFactory factory) : IClassFixture<CatalogApiFactory>
{
    private readonly Scenario _scenario = new(factory);

    private static string LastMonth => DateTime.UtcNow.AddMonths(-1).ToString("yyyy-MM", CultureInfo.InvariantCulture);

    [SkippableFact]
    public async Task GetServiceReview_WithALimit_PagesTheAgreementsByServiceNameAndSummarisesTheWholeMonth()
    {
        var (customerId, client, _) = await AgreedSinceThreeMonthsAsync("Archive", "Backup", "Chat");
        var path = $"/api/v1/customers/{customerId}/reviews/{LastMonth}";

        var first = await client.GetAsync($"{path}?limit=2");
        var firstPage = await first.ExpectAsync(HttpStatusCode.OK);
        var cursor = firstPage["nextCursor"].Value<string>();
        var second = await (await client.GetAsync($"{path}?limit=2&cursor={Uri.EscapeDataString(cursor)}")).ExpectAsync(HttpStatusCode.OK);
        var whole = await (await client.GetAsync(path)).ExpectAsync(HttpStatusCode.OK);

        Assert.Equal(["Archive", "Backup"], Services(firstPage));
        Assert.Equal($"<http://localhost{path}?limit=2&cursor={cursor}>; rel=\"next\"", first.Headers.GetValues("Link").Single());
        Assert.Equal(["Chat"], Services(second));
        Assert.Null(second["nextCursor"]);
        Assert.Equal(["Archive", "Backup", "Chat"], Services(whole));
        Assert.Null(whole["nextCursor"]);
        Assert.Contains("had 3 agreements in force", firstPage["summary"].Value<string>(), StringComparison.Ordinal);
        Assert.Equal(firstPage["summary"].Value<string>(), second["summary"].Value<string>());
        Assert.Equal(whole["agreements"]![2]!["serviceId"].Value<Guid>(), second["agreements"]![0]!["serviceId"].Value<Guid>());
    }

    [SkippableTheory]
    [InlineData("limit=0", "limit")]
    [InlineData("limit=201", "limit")]
    [InlineData("cursor=not-a-cursor", "cursor")]
    [InlineData("cursor=MTpub3QtYW4taWQ", "cursor")]
    public async Task GetServiceReview_BadPage_Returns400NamingTheParameter(string query, string field)
    {
        var (customerId, client, _) = await AgreedSinceThreeMonthsAsync("Archive");

        var problem = await (await client.GetAsync($"/api/v1/customers/{customerId}/reviews/{LastMonth}?{query}")).ExpectProblemAsync(HttpStatusCode.BadRequest, "validation");

        Assert.True(problem["errors"]!.AsObject().ContainsKey(field));
    }

    [SkippableFact]
    public async Task PortalReview_ManyAgreements_ShowsTenAtATimeAndLinksEachToTheProposalForm()
    {
        var names = Enumerable.Range(1, 11).Select(i => $"Service {i:00}").ToArray();
        var (_, _, key) = await AgreedSinceThreeMonthsAsync(names);
        var browser = await factory.SignedInAsync(key);

        var first = await browser.GetAsync($"/portal/reviews/{LastMonth}");
        var firstHtml = await first.Content.ReadAsStringAsync();
        var next = NextLink().Match(firstHtml);
        var second = await browser.GetAsync($"/portal/reviews/{LastMonth}{WebUtility.HtmlDecode(next.Groups[1].Value)}");
        var secondHtml = await second.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(names[..10], ServiceHeadings().Matches(firstHtml).Select(m => m.Groups[1].Value));
        Assert.Contains("had 11 agreements in force", firstHtml, StringComparison.Ordinal);
        Assert.True(next.Success, "The first page links to the next agreements.");
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Equal(["Service 11"], ServiceHeadings().Matches(secondHtml).Select(m => m.Groups[1].Value));
        Assert.Contains("had 11 agreements in force", secondHtml, StringComparison.Ordinal);
        Assert.DoesNotMatch(NextLink(), secondHtml);
        Assert.Matches(@"<p class=""action""><a href=""/portal/proposals/new\?serviceId=[0-9a-f-]{36}"">Propose other targets for Service 11</a></p>", secondHtml);
        Assert.DoesNotContain("/api/v1/proposals", secondHtml, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task PortalReview_CursorNotIssued_ShowsTheErrorPage()
    {
        var (_, _, key) = await AgreedSinceThreeMonthsAsync("Archive");
        var browser = await factory.SignedInAsync(key);

        var response = await browser.GetAsync($"/portal/reviews/{LastMonth}?cursor=not-a-cursor");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("The cursor is not one this API issued", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    private static string[] Services(System.Text.Json.Nodes.JsonObject review) =>
        review["agreements"]!.AsArray().Select(a => a!["service"].Value<string>()).ToArray();

    /// <summary>A customer with an agreement on each named service, all in force since three months ago.</summary>
    private async Task<(Guid CustomerId, HttpClient Client, string Key)> AgreedSinceThreeMonthsAsync(params string[] serviceNames)
    {
        var customer = await _scenario.CreateCustomerAsync();
        var key = await _scenario.IssueKeyAsync("customer", customer.Id());
        var client = factory.ClientWithKey(key);
        var itLead = await _scenario.ClientForAsync("it-lead");
        var agreements = new List<Guid>();
        foreach (var name in serviceNames)
        {
            var service = await _scenario.CreateLiveServiceAsync(Scenario.ServiceBody(name: name));
            var proposal = await (await client.PostJsonAsync("/api/v1/proposals", new
            {
                serviceId = service.Id(), title = $"{name} for the sales force", businessJustification = "Sales depends on it.",
                targets = new object[] { new { metric = "availability", value = 99.5m } },
                submit = true,
            })).ExpectAsync(HttpStatusCode.Created);
            var analysis = await (await itLead.PostJsonAsync($"/api/v1/proposals/{proposal.Id()}/analyses", new
            {
                oneOffCost = 0m, monthlyCostDelta = 10m, currency = "EUR", labourDays = 0m, leadTimeDays = 0, feasibility = "feasible",
                consequences = Array.Empty<object>(), tradeOffs = Array.Empty<string>(),
            })).ExpectAsync(HttpStatusCode.Created);
            var version = await (await client.PostJsonAsync($"/api/v1/proposals/{proposal.Id()}/acceptance", new
            {
                analysisId = analysis.Id(), option = "proposed", monthlyCharge = 10m, signedBy = new { name = "Dana Ruiz", title = "Sales Director" },
            })).ExpectAsync(HttpStatusCode.Created);
            agreements.Add(Guid.Parse(version["agreementId"].Value<string>()!));
        }

        var since = new DateTime(DateTime.UtcNow.Year, DateTime.UtcNow.Month, 1, 0, 0, 0, DateTimeKind.Utc).AddMonths(-3);
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CatalogDbContext>();
        await db.AgreementVersions.Where(v => agreements.Contains(v.AgreementId)).ExecuteUpdateAsync(v => v.SetProperty(x => x.EffectiveFrom, since));
        await db.Customers.Where(c => c.Id == customer.Id()).ExecuteUpdateAsync(c => c.SetProperty(x => x.CreatedAt, since));
        return (customer.Id(), client, key);
    }

    [GeneratedRegex(@"<p class=""pager""><a href=""(\?cursor=[^""]+)"">Next agreements</a>")]
    private static partial Regex NextLink();

    [GeneratedRegex(@"<h2[^>]*>([^<]+)</h2>")]
    private static partial Regex ServiceHeadings();
}
