using System.Net;
using System.Net.Http.Headers;

namespace Catalog.Api.IntegrationTests.Infrastructure;

/// <summary>
/// Every answer that carries one resource has the ETag its GET has, whichever endpoint answers it, and a GET
/// naming that tag in If-None-Match gets 304; lists carry none.
/// </summary>
public sealed class ETagTests(CatalogApiFactory factory) : IClassFixture<CatalogApiFactory>
{
    [SkippableFact]
    public async Task PublishAnalysis_Created_CarriesTheTagItsGetHas()
    {
        var n = await NegotiationScenario.StartAsync(factory);
        var proposal = await n.ProposeAsync();

        var published = await n.ItLead.PostJsonAsync($"/api/v1/proposals/{proposal.Id()}/analyses", NegotiationScenario.Analysis());
        var analysis = await published.ExpectAsync(HttpStatusCode.Created);
        var read = await n.CustomerClient.GetAsync($"/api/v1/proposals/{proposal.Id()}/analyses/{analysis.Id()}");

        Assert.NotNull(published.Headers.ETag);
        Assert.Equal(read.Headers.ETag, published.Headers.ETag);
        await ExpectNotModifiedAsync(n.CustomerClient, $"/api/v1/proposals/{proposal.Id()}/analyses/{analysis.Id()}", published.Headers.ETag!);
    }

    [SkippableFact]
    public async Task AcceptProposal_Created_CarriesTheVersionNumberAsItsTag()
    {
        var n = await NegotiationScenario.StartAsync(factory);
        var proposal = await n.ProposeAsync();
        var analysis = await n.AnalyseAsync(proposal.Id());

        var accepted = await n.AcceptAsync(proposal.Id(), analysis.Id(), "proposed", 4_000m);
        var version = await accepted.ExpectAsync(HttpStatusCode.Created);

        Assert.Equal("\"1\"", accepted.Headers.ETag?.Tag);
        await ExpectNotModifiedAsync(n.CustomerClient, $"/api/v1/agreements/{version["agreementId"].Value<Guid>()}/versions/1", accepted.Headers.ETag!);
    }

    [SkippableFact]
    public async Task TerminateAgreement_Ok_CarriesTheTagItsGetHas()
    {
        var n = await NegotiationScenario.StartAsync(factory);
        var version = await n.AgreeAsync();
        var agreementId = version["agreementId"].Value<Guid>();

        var terminated = await n.CustomerClient.PostJsonAsync($"/api/v1/agreements/{agreementId}/termination", new { reason = "Moving to a vendor." });
        await terminated.ExpectAsync(HttpStatusCode.OK);
        var read = await n.CustomerClient.GetAsync($"/api/v1/agreements/{agreementId}");

        Assert.NotNull(terminated.Headers.ETag);
        Assert.Equal(read.Headers.ETag, terminated.Headers.ETag);
    }

    [SkippableFact]
    public async Task ListProposals_Page_CarriesNoTag()
    {
        var n = await NegotiationScenario.StartAsync(factory);
        await n.ProposeAsync();

        var page = await n.CustomerClient.GetAsync("/api/v1/proposals");

        await page.ExpectAsync(HttpStatusCode.OK);
        Assert.Null(page.Headers.ETag);
    }

    private static async Task ExpectNotModifiedAsync(HttpClient client, string path, EntityTagHeaderValue etag)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.IfNoneMatch.Add(etag);
        var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.NotModified, response.StatusCode);
        Assert.Equal(etag, response.Headers.ETag);
    }
}
