using System.Net;
using Catalog.Api.IntegrationTests.Infrastructure;

namespace Catalog.Api.IntegrationTests.Features.Agreements;

/// <summary>The proposal's timeline and the diff between versions, told to a business reader as Markdown or a printable page.</summary>
public sealed class PlainLanguageRenderingsTests(CatalogApiFactory factory) : IClassFixture<CatalogApiFactory>
{
    [SkippableFact]
    public async Task GetProposalTimeline_Markdown_TellsWhoAskedWhatItCostsWhatChangedAndWhoDecided()
    {
        var n = await NegotiationScenario.StartAsync(factory);
        var proposal = await n.ProposeAsync(NegotiationScenario.Targets(99.99m, 30m));
        await n.AnalyseAsync(proposal.Id());
        await (await n.CustomerClient.PostJsonAsync($"/api/v1/proposals/{proposal.Id()}/revisions", new
        {
            targets = new object[] { new { metric = "availability", value = 99.99m }, new { metric = "time-to-restore", value = 15m, scope = "P1" }, new { metric = "support-hours", value = "24x7" } },
            note = "Night trading starts in March.",
        })).ExpectAsync(HttpStatusCode.OK);
        var analysis = await n.AnalyseAsync(proposal.Id(), NegotiationScenario.Analysis(5_000m, NegotiationScenario.CounterOffer(2_500m)));
        await (await n.AcceptAsync(proposal.Id(), analysis.Id(), "counter-offer", 2_500m)).ExpectAsync(HttpStatusCode.Created);

        var response = await Get(n.CustomerClient, $"/api/v1/proposals/{proposal.Id()}/timeline", "text/markdown");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/markdown", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("Accept", response.Headers.Vary);
        var text = await response.Content.ReadAsStringAsync();
        Assert.StartsWith("# \"Trading availability\": Trading Desk and Trading Platform\n", text, StringComparison.Ordinal);
        Assert.Contains("Trading Desk opened the proposal asking for availability: 99.99%; time to restore, P1 incidents: 30 minutes.", text, StringComparison.Ordinal);
        Assert.Contains("would add 4,000.00 EUR per month and cost 20,000.00 EUR once, taking effect 30 days after acceptance; feasible with investment.", text, StringComparison.Ordinal);
        Assert.Contains("Trading Desk revised the targets (round 2): time to restore, P1 incidents: 30 → 15 minutes, stricter; support hours: around the clock (24x7), added. Their note: Night trading starts in March.", text, StringComparison.Ordinal);
        Assert.Contains("IT also offered availability: 99.95%; time to restore, P1 incidents: 30 minutes instead, adding 2,500.00 EUR per month and costing 8,000.00 EUR once, taking effect 10 days after acceptance (Achievable with a hot standby.).", text, StringComparison.Ordinal);
        Assert.Contains("Dana Ruiz (Head of Trading) signed for Trading Desk, accepting IT's counter-offer: version 1 of the agreement, 2,500.00 EUR per month and 8,000.00 EUR once, in force from ", text, StringComparison.Ordinal);
        Assert.DoesNotContain(analysis.Id().ToString(), text, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotModified, (await Get(n.CustomerClient, $"/api/v1/proposals/{proposal.Id()}/timeline", "text/markdown", response.ETag())).StatusCode);
    }

    [SkippableFact]
    public async Task GetProposalTimeline_WithdrawnAsHtml_IsAPrintablePageWithTheReason()
    {
        var n = await NegotiationScenario.StartAsync(factory);
        var proposal = await n.ProposeAsync();
        await (await n.CustomerClient.PostJsonAsync($"/api/v1/proposals/{proposal.Id()}/withdrawal", new { reason = "Too expensive <for now>." })).ExpectAsync(HttpStatusCode.OK);

        var response = await Get(n.CustomerClient, $"/api/v1/proposals/{proposal.Id()}/timeline", "text/html");

        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("<style>", html, StringComparison.Ordinal);
        Assert.StartsWith("default-src 'none'; style-src 'sha256-", string.Join(";", response.Headers.GetValues("Content-Security-Policy")), StringComparison.Ordinal);
        Assert.Contains("The proposal was withdrawn.", html, StringComparison.Ordinal);
        Assert.Contains("Trading Desk withdrew the proposal. The reason given: Too expensive &lt;for now&gt;.", html, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task GetProposalTimeline_JsonByDefaultAndUnsupportedAccept_Returns200JsonOr406()
    {
        var n = await NegotiationScenario.StartAsync(factory);
        var proposal = await n.ProposeAsync();
        var path = $"/api/v1/proposals/{proposal.Id()}/timeline";

        var json = await n.CustomerClient.GetAsync(path);
        var star = await Get(n.CustomerClient, path, "*/*");

        Assert.Equal("application/json", json.Content.Headers.ContentType?.MediaType);
        Assert.Equal(["created", "submitted"], (await json.ExpectAsync(HttpStatusCode.OK))["entries"]!.AsArray().Select(e => e!["type"].Value<string>()));
        Assert.Equal("application/json", star.Content.Headers.ContentType?.MediaType);
        await (await Get(n.CustomerClient, path, "application/pdf")).ExpectProblemAsync(HttpStatusCode.NotAcceptable, "not-acceptable");
    }

    [SkippableFact]
    public async Task GetVersionDiff_MarkdownAndHtml_SayWhatChangedWithUnitsAndWhoAgreed()
    {
        var n = await NegotiationScenario.StartAsync(factory);
        var v1 = await n.AgreeAsync(
            [new { metric = "availability", value = 99.9m }, new { metric = "time-to-restore", value = 30m, scope = "P1" }, new { metric = "recovery-point", value = 60m }],
            monthlyCostDelta: 1_000m);
        await n.AgreeAsync(
            [new { metric = "availability", value = 99.95m }, new { metric = "time-to-restore", value = 15m, scope = "P1" }, new { metric = "support-hours", value = "24x7" }],
            monthlyCostDelta: 750m);
        var path = $"/api/v1/agreements/{v1["agreementId"].Value<string>()}/versions/2/diff";

        var markdown = await Get(n.CustomerClient, path, "text/markdown");
        var html = await Get(n.CustomerClient, path, "text/html");

        var text = await markdown.Content.ReadAsStringAsync();
        Assert.StartsWith("# Trading Platform for Trading Desk: version 2 compared with version 1\n", text, StringComparison.Ordinal);
        Assert.Contains("- Availability: 99.9% → 99.95%, stricter\n", text, StringComparison.Ordinal);
        Assert.Contains("- Time to restore, P1 incidents: 30 → 15 minutes, stricter\n", text, StringComparison.Ordinal);
        Assert.Contains("- Support hours: around the clock (24x7), added\n", text, StringComparison.Ordinal);
        Assert.Contains("- Recovery point objective: 60 minutes, removed\n", text, StringComparison.Ordinal);
        Assert.Contains("- Monthly charge: 1,000.00 EUR → 1,750.00 EUR (up 750.00 EUR).\n", text, StringComparison.Ordinal);
        Assert.Contains("- Version 2 came with a one-off cost of 20,000.00 EUR.\n", text, StringComparison.Ordinal);
        Assert.Contains("- Version 2: signed by Dana Ruiz (Head of Trading) on ", text, StringComparison.Ordinal);
        Assert.Equal("text/html", html.Content.Headers.ContentType?.MediaType);
        Assert.Contains("<li>Time to restore, P1 incidents: 30 → 15 minutes, stricter</li>", await html.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal("application/json", (await n.CustomerClient.GetAsync(path)).Content.Headers.ContentType?.MediaType);
    }

    [SkippableTheory]
    [InlineData("application/json")]
    [InlineData("text/markdown")]
    public async Task GetVersionDiff_VersionOneAgainstNothing_Returns400NamingFrom(string accept)
    {
        var n = await NegotiationScenario.StartAsync(factory);
        var v1 = await n.AgreeAsync();

        var response = await Get(n.CustomerClient, $"/api/v1/agreements/{v1["agreementId"].Value<string>()}/versions/1/diff", accept);

        var problem = await response.ExpectValidationAsync("from");
        Assert.Contains("Version 1 has no previous version", problem["errors"]!["from"]![0].Value<string>(), StringComparison.Ordinal);
    }

    private static async Task<HttpResponseMessage> Get(HttpClient client, string path, string accept, string? ifNoneMatch = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.TryAddWithoutValidation("Accept", accept);
        if (ifNoneMatch is not null)
        {
            request.Headers.TryAddWithoutValidation("If-None-Match", ifNoneMatch);
        }

        return await client.SendAsync(request);
    }
}
