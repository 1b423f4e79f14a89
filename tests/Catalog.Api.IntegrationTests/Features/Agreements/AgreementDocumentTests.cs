using System.Net;
using Catalog.Api.IntegrationTests.Infrastructure;

namespace Catalog.Api.IntegrationTests.Features.Agreements;

public sealed class AgreementDocumentTests(CatalogApiFactory factory) : IClassFixture<CatalogApiFactory>
{
    [SkippableFact]
    public async Task GetAgreementDocument_Markdown_SpeaksBusinessLanguage()
    {
        var n = await NegotiationScenario.StartAsync(factory, serviceName: "Corporate Email");
        var version = await n.AgreeAsync(
            [
                new { metric = "availability", value = 99.9m },
                new { metric = "time-to-restore", value = 240m },
                new { metric = "support-hours", value = "extended-hours" },
            ],
            monthlyCostDelta: 1_200m);
        var path = $"/api/v1/agreements/{version["agreementId"].Value<string>()}/versions/1/document";

        var response = await n.CustomerClient.GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/markdown", response.Content.Headers.ContentType?.MediaType);
        Assert.False(string.IsNullOrEmpty(response.ETag()));
        var text = await response.Content.ReadAsStringAsync();
        Assert.StartsWith("# Corporate Email for Trading Desk", text, StringComparison.Ordinal);
        Assert.Contains("Corporate Email will be available at least 99.9% of each calendar month.", text, StringComparison.Ordinal);
        Assert.Contains("If it fails, service is restored within 4 hours.", text, StringComparison.Ordinal);
        Assert.Contains("Support is available during extended hours", text, StringComparison.Ordinal);
        Assert.Contains("These service levels cost 1,200.00 EUR per month, charged to cost centre CC-4711.", text, StringComparison.Ordinal);
        Assert.Contains("950.00 EUR per mailbox per month; with 60 mailboxes the service levels add 20.00 EUR per mailbox.", text, StringComparison.Ordinal);
        Assert.Contains("- Putting them in place costs 20,000.00 EUR once.", text, StringComparison.Ordinal);
        Assert.Contains("What Trading Desk accepts in return:\n\n- No planned downtime during trading hours.", text, StringComparison.Ordinal);
        Assert.Contains("- Maintenance windows move to Sunday nights. (medium impact)", text, StringComparison.Ordinal);
        Assert.Contains("for Trading Desk by Dana Ruiz (Head of Trading), accepting the targets it proposed in round 1 of the proposal \"Trading availability\".", text, StringComparison.Ordinal);
        Assert.DoesNotContain(version["provenance"]!["proposalId"].Value<string>(), text, StringComparison.Ordinal);
        Assert.DoesNotContain("| ", text, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotModified, (await n.CustomerClient.GetAsync(path, response.ETag())).StatusCode);
    }

    [SkippableFact]
    public async Task GetAgreementDocument_AcceptHtml_RendersTheSameDocument()
    {
        var n = await NegotiationScenario.StartAsync(factory, serviceName: "Corporate Email");
        var version = await n.AgreeAsync([new { metric = "availability", value = 99.9m }]);
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/v1/agreements/{version["agreementId"].Value<string>()}/versions/1/document");
        request.Headers.TryAddWithoutValidation("Accept", "text/html, text/markdown;q=0.5");

        var response = await n.CustomerClient.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("Accept", response.Headers.Vary);
        var html = await response.Content.ReadAsStringAsync();
        Assert.StartsWith("<!DOCTYPE html>", html, StringComparison.Ordinal);
        Assert.Contains("<title>Corporate Email for Trading Desk, version 1</title>", html, StringComparison.Ordinal);

        // Styled and printable from one stylesheet in the page; the policy allows exactly that stylesheet and nothing else.
        var style = html[(html.IndexOf("<style>", StringComparison.Ordinal) + 7)..html.IndexOf("</style>", StringComparison.Ordinal)];
        Assert.Contains("@media print", style, StringComparison.Ordinal);
        var hash = Convert.ToBase64String(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(style)));
        Assert.Equal($"default-src 'none'; style-src 'sha256-{hash}'", string.Join(";", response.Headers.GetValues("Content-Security-Policy")));
        Assert.DoesNotContain("http", html.Replace("http-equiv", string.Empty, StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.Contains("<h1>Corporate Email for Trading Desk</h1>", html, StringComparison.Ordinal);
        Assert.Contains("<li>Corporate Email will be available at least 99.9% of each calendar month.</li>", html, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task GetAgreementDocument_CounterOffer_PrintsItsNoteCostsAndNamesTheServicesAffected()
    {
        var n = await NegotiationScenario.StartAsync(factory, serviceName: "Corporate Email");
        var storage = await n.Catalog.CreateLiveServiceAsync(Scenario.ServiceBody(name: "Storage"));
        var proposal = await n.ProposeAsync();
        var analysis = await n.AnalyseAsync(proposal.Id(), new
        {
            oneOffCost = 20_000m,
            monthlyCostDelta = 4_000m,
            currency = "EUR",
            labourDays = 3m,
            leadTimeDays = 30,
            feasibility = "needs-investment",
            consequences = new[] { new { serviceId = (Guid?)storage.Id(), description = "Needs a second replica.", severity = "high" } },
            tradeOffs = new[] { "Night-time support is by phone only." },
            counterOffer = NegotiationScenario.CounterOffer(2_500m),
        });
        var version = await (await n.AcceptAsync(proposal.Id(), analysis.Id(), "counter-offer", 2_500m)).ExpectAsync(HttpStatusCode.Created);

        var text = await (await n.CustomerClient.GetAsync($"/api/v1/agreements/{version["agreementId"].Value<string>()}/versions/1/document")).Content.ReadAsStringAsync();

        Assert.Contains("These service levels cost 2,500.00 EUR per month", text, StringComparison.Ordinal);
        Assert.Contains("- Putting them in place costs 8,000.00 EUR once.", text, StringComparison.Ordinal);
        Assert.Contains("IT's note on its counter-offer: Achievable with a hot standby.", text, StringComparison.Ordinal);
        Assert.Contains("- Night-time support is by phone only.", text, StringComparison.Ordinal);
        Assert.Contains("- Storage: Needs a second replica. (high impact)", text, StringComparison.Ordinal);
        Assert.Contains("accepting IT's counter-offer in round 1", text, StringComparison.Ordinal);
        Assert.DoesNotContain(storage.Id().ToString(), text, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task GetAgreementDocument_MarkupInWhatUsersTyped_StaysTextInMarkdownAndHtml()
    {
        var n = await NegotiationScenario.StartAsync(factory, serviceName: "Mail *now*");
        var proposal = await n.ProposeAsync(title: "[Click](http://evil.example) <script>alert(1)</script>");
        var analysis = await n.AnalyseAsync(proposal.Id(), NegotiationScenario.Analysis(4_000m, NegotiationScenario.CounterOffer(2_500m)));
        var version = await (await n.CustomerClient.PostJsonAsync($"/api/v1/proposals/{proposal.Id()}/acceptance", new
        {
            analysisId = analysis.Id(),
            option = "proposed",
            monthlyCharge = 4_000m,
            signedBy = new { name = "<b>Dana</b>", title = "# Head_of_Trading" },
        })).ExpectAsync(HttpStatusCode.Created);
        var path = $"/api/v1/agreements/{version["agreementId"].Value<string>()}/versions/1/document";
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.TryAddWithoutValidation("Accept", "text/html");

        var markdown = await (await n.CustomerClient.GetAsync(path)).Content.ReadAsStringAsync();
        var html = await (await n.CustomerClient.SendAsync(request)).Content.ReadAsStringAsync();

        Assert.StartsWith("# Mail \\*now\\* for Trading Desk", markdown, StringComparison.Ordinal);
        Assert.Contains("\"\\[Click\\](http://evil.example) \\<script\\>alert(1)\\</script\\>\"", markdown, StringComparison.Ordinal);
        Assert.Contains("by \\<b\\>Dana\\</b\\> (\\# Head\\_of\\_Trading)", markdown, StringComparison.Ordinal);
        Assert.Contains("<h1>Mail *now* for Trading Desk</h1>", html, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt;", html, StringComparison.Ordinal);
        Assert.Contains("by &lt;b&gt;Dana&lt;/b&gt; (# Head_of_Trading)", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<a ", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<em>", html, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task GetAgreementDocument_UnsupportedAccept_Returns406()
    {
        var n = await NegotiationScenario.StartAsync(factory);
        var version = await n.AgreeAsync();
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/v1/agreements/{version["agreementId"].Value<string>()}/versions/1/document");
        request.Headers.TryAddWithoutValidation("Accept", "application/pdf");

        await (await n.CustomerClient.SendAsync(request)).ExpectProblemAsync(HttpStatusCode.NotAcceptable, "not-acceptable");
    }

    [SkippableFact]
    public async Task GetAgreementVersionDiff_Renegotiation_SaysWhatGotStricterLooserAddedAndRemoved()
    {
        var n = await NegotiationScenario.StartAsync(factory);
        var v1 = await n.AgreeAsync(
            [
                new { metric = "availability", value = 99.9m },
                new { metric = "time-to-restore", value = 60m, scope = "P1" },
                new { metric = "recovery-point", value = 60m },
            ],
            monthlyCostDelta: 1_000m);
        var agreementId = v1["agreementId"].Value<string>();
        await n.AgreeAsync(
            [
                new { metric = "availability", value = 99.95m },
                new { metric = "time-to-restore", value = 120m, scope = "P1" },
                new { metric = "support-hours", value = "24x7" },
            ],
            monthlyCostDelta: 750m);

        var diff = await (await n.CustomerClient.GetAsync($"/api/v1/agreements/{agreementId}/versions/2/diff?from=1")).ExpectAsync(HttpStatusCode.OK);

        var changes = diff["targets"]!.AsArray().ToDictionary(t => t!["metric"].Value<string>(), t => t!["change"].Value<string>());
        Assert.Equal("stricter", changes["availability"]);
        Assert.Equal("looser", changes["time-to-restore"]);
        Assert.Equal("added", changes["support-hours"]);
        Assert.Equal("removed", changes["recovery-point"]);
        Assert.Equal(1_000m, diff["monthlyCharge"]!["from"].Value<decimal>());
        Assert.Equal(1_750m, diff["monthlyCharge"]!["to"].Value<decimal>());
        Assert.Equal(750m, diff["monthlyCharge"]!["change"].Value<decimal>());

        var byDefault = await (await n.CustomerClient.GetAsync($"/api/v1/agreements/{agreementId}/versions/2/diff")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(1, byDefault["from"].Value<int>());
        await (await n.CustomerClient.GetAsync($"/api/v1/agreements/{agreementId}/versions/2/diff?from=7")).ExpectProblemAsync(HttpStatusCode.NotFound);
        await (await n.CustomerClient.GetAsync($"/api/v1/agreements/{agreementId}/versions/2/diff?from=0")).ExpectValidationAsync("from");
        await (await n.CustomerClient.GetAsync($"/api/v1/agreements/{agreementId}/versions/2/diff?from=2")).ExpectValidationAsync("from");
        var reversed = await (await n.CustomerClient.GetAsync($"/api/v1/agreements/{agreementId}/versions/1/diff?from=2")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(-750m, reversed["monthlyCharge"]!["change"].Value<decimal>());
        await (await n.CustomerClient.GetAsync($"/api/v1/agreements/{agreementId}/versions/3")).ExpectProblemAsync(HttpStatusCode.NotFound);
    }
}
