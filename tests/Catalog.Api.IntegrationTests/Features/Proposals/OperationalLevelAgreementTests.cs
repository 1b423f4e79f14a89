using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using Catalog.Api.IntegrationTests.Infrastructure;

namespace Catalog.Api.IntegrationTests.Features.Proposals;

/// <summary>Months between services run in the configured default zone; here one that is not UTC, so the tests can tell.</summary>
public sealed class OlaApiFactory() : CatalogApiFactory(null, new Dictionary<string, string?> { ["Customers:DefaultTimeZone"] = "Europe/Berlin" });

/// <summary>
/// Operational level agreements: the owner of Corporate Email (an IT lead) negotiates with Storage, which Corporate Email
/// relies on (Storage in turn relies on Disks; Printing is unrelated). Storage's IT lead analyses, the proposer decides,
/// and the agreement's consumer is Corporate Email, not a customer.
/// </summary>
public sealed class OperationalLevelAgreementTests(OlaApiFactory factory) : IClassFixture<OlaApiFactory>
{
    private readonly Scenario _scenario = new(factory);

    private HttpClient Admin => _scenario.Admin;

    [SkippableFact]
    public async Task CreateProposal_ConsumerServiceThatReliesOnTheProvider_Returns201ForTheServiceAndNoCustomer()
    {
        var world = await StartAsync();

        var response = await world.EmailOwner.PostJsonAsync("/api/v1/proposals", Ola(world.StorageId, world.EmailId));

        var proposal = await response.ExpectAsync(HttpStatusCode.Created);
        Assert.Equal($"/api/v1/proposals/{proposal.Id()}", response.Headers.Location!.OriginalString);
        Assert.Equal("\"2\"", response.Headers.ETag!.Tag);
        Assert.Null(proposal["customerId"]);
        Assert.Equal(world.EmailId, proposal["consumerServiceId"].Value<Guid>());
        Assert.Equal(world.StorageId, proposal["serviceId"].Value<Guid>());
        Assert.Equal("submitted", proposal["status"].Value<string>());

        // Through Storage, Corporate Email relies on Disks too.
        var transitive = await (await world.EmailOwner.PostJsonAsync("/api/v1/proposals", Ola(world.DisksId, world.EmailId))).ExpectAsync(HttpStatusCode.Created);
        Assert.Equal(world.EmailId, transitive["consumerServiceId"].Value<Guid>());
    }

    [SkippableFact]
    public async Task Negotiate_BetweenServices_StorageAnalysesTheProposerAcceptsAndTheAgreementNamesTheConsumerService()
    {
        var world = await StartAsync();
        var proposal = await (await world.EmailOwner.PostJsonAsync("/api/v1/proposals", Ola(world.StorageId, world.EmailId))).ExpectAsync(HttpStatusCode.Created);
        var analysis = await (await world.StorageLead.PostJsonAsync($"/api/v1/proposals/{proposal.Id()}/analyses", Analysis())).ExpectAsync(HttpStatusCode.Created);
        Assert.Equal(700m, NegotiationScenario.Option(analysis, "proposed")["monthlyCharge"].Value<decimal>());

        var accepted = await world.EmailOwner.PostJsonAsync($"/api/v1/proposals/{proposal.Id()}/acceptance", Acceptance(analysis.Id()));

        var version = await accepted.ExpectAsync(HttpStatusCode.Created);
        var agreementId = version["agreementId"].Value<Guid>();
        Assert.Equal($"/api/v1/agreements/{agreementId}/versions/1", accepted.Headers.Location!.OriginalString);
        Assert.Equal("\"1\"", accepted.Headers.ETag!.Tag);
        var agreement = await (await Admin.GetAsync($"/api/v1/agreements/{agreementId}")).ExpectAsync(HttpStatusCode.OK);
        Assert.Null(agreement["customerId"]);
        Assert.Equal(world.EmailId, agreement["consumerServiceId"].Value<Guid>());
        Assert.Equal(world.StorageId, agreement["serviceId"].Value<Guid>());
        Assert.Equal(99.95m, agreement["inForce"]!["targets"]![0]!["value"].Value<decimal>());
        var read = await (await world.EmailOwner.GetAsync($"/api/v1/proposals/{proposal.Id()}")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("agreed", read["status"].Value<string>());

        // Listed by consumer service, and the negotiation tells its story.
        var agreements = await (await Admin.GetAsync($"/api/v1/agreements?consumerServiceId={world.EmailId}")).ExpectItemsAsync(HttpStatusCode.OK);
        Assert.Equal(agreementId, Assert.Single(agreements)!["id"].Value<Guid>());
        var proposals = await (await Admin.GetAsync($"/api/v1/proposals?consumerServiceId={world.EmailId}")).ExpectItemsAsync(HttpStatusCode.OK);
        Assert.Equal(proposal.Id(), Assert.Single(proposals)!["id"].Value<Guid>());
        var timeline = await (await world.EmailOwner.GetAsync($"/api/v1/proposals/{proposal.Id()}/timeline")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(4, timeline["entries"]!.AsArray().Count);
    }

    [SkippableFact]
    public async Task CreateProposal_ConsumerServiceByCustomerKey_Returns403AndStoresNothing()
    {
        var world = await StartAsync();
        var before = await Admin.FeedPositionAsync();

        var response = await world.Customer.PostJsonAsync("/api/v1/proposals", Ola(world.StorageId, world.EmailId));

        var problem = await response.ExpectProblemAsync(HttpStatusCode.Forbidden, "forbidden");
        Assert.Contains("'customer' may not propose between services", problem["detail"].Value<string>(), StringComparison.Ordinal);
        Assert.Null(response.Headers.Location);
        Assert.Empty(await (await Admin.GetAsync($"/api/v1/proposals?consumerServiceId={world.EmailId}")).ExpectItemsAsync(HttpStatusCode.OK));
        Assert.Equal(before, await Admin.FeedPositionAsync());
    }

    [SkippableFact]
    public async Task CreateProposal_ConsumerThatDoesNotRelyOnTheProvider_Returns409ConsumerNotDependentAndStoresNothing()
    {
        var world = await StartAsync();

        var printing = await (await world.EmailOwner.PostJsonAsync("/api/v1/proposals", Ola(world.PrintingId, world.EmailId))).ExpectProblemAsync(HttpStatusCode.Conflict, "consumer-not-dependent");
        var upwards = await (await world.EmailOwner.PostJsonAsync("/api/v1/proposals", Ola(world.EmailId, world.StorageId))).ExpectProblemAsync(HttpStatusCode.Conflict, "consumer-not-dependent");

        Assert.Contains("does not depend on", printing["detail"].Value<string>(), StringComparison.Ordinal);
        Assert.Equal(world.EmailId, printing["consumerServiceId"].Value<Guid>());
        Assert.Equal(world.PrintingId, printing["providerServiceId"].Value<Guid>());
        Assert.Equal(world.StorageId, upwards["consumerServiceId"].Value<Guid>());
        Assert.Empty(await (await Admin.GetAsync($"/api/v1/proposals?consumerServiceId={world.EmailId}")).ExpectItemsAsync(HttpStatusCode.OK));
        Assert.Empty(await (await Admin.GetAsync($"/api/v1/proposals?consumerServiceId={world.StorageId}")).ExpectItemsAsync(HttpStatusCode.OK));
    }

    [SkippableFact]
    public async Task CreateProposal_BothCustomerAndConsumerService_Returns400()
    {
        var world = await StartAsync();
        var body = new
        {
            serviceId = world.StorageId, customerId = world.CustomerId, consumerServiceId = world.EmailId, title = "Both", businessJustification = "Why",
            targets = new object[] { new { metric = "availability", value = 99.9m } },
        };

        var problem = await (await Admin.PostJsonAsync("/api/v1/proposals", body)).ExpectValidationAsync("consumerServiceId");

        Assert.Contains("not both", problem["errors"]!["consumerServiceId"]![0].Value<string>(), StringComparison.Ordinal);
        Assert.Empty(await (await Admin.GetAsync($"/api/v1/proposals?serviceId={world.StorageId}")).ExpectItemsAsync(HttpStatusCode.OK));
    }

    [SkippableFact]
    public async Task CreateProposal_NeitherCustomerNorConsumerService_Returns400ForAnAdminAnd403ForAnItLead()
    {
        var world = await StartAsync();
        var body = new { serviceId = world.StorageId, title = "Neither", businessJustification = "Why", targets = new object[] { new { metric = "availability", value = 99.9m } } };

        var admin = await (await Admin.PostJsonAsync("/api/v1/proposals", body)).ExpectValidationAsync("customerId");
        var itLead = await (await world.EmailOwner.PostJsonAsync("/api/v1/proposals", body)).ExpectProblemAsync(HttpStatusCode.Forbidden, "forbidden");

        Assert.Contains("consumerServiceId", admin["errors"]!["customerId"]![0].Value<string>(), StringComparison.Ordinal);
        Assert.Contains("'it-lead' may not propose for a customer", itLead["detail"].Value<string>(), StringComparison.Ordinal);
        Assert.Empty(await (await Admin.GetAsync($"/api/v1/proposals?serviceId={world.StorageId}")).ExpectItemsAsync(HttpStatusCode.OK));
    }

    [SkippableFact]
    public async Task Decide_BetweenServices_AnotherItLeadIs403TheCustomerSeesNothingAndAnAdminMayDecide()
    {
        var world = await StartAsync();
        var proposal = await (await world.EmailOwner.PostJsonAsync("/api/v1/proposals", Ola(world.StorageId, world.EmailId))).ExpectAsync(HttpStatusCode.Created);
        var analysis = await (await world.StorageLead.PostJsonAsync($"/api/v1/proposals/{proposal.Id()}/analyses", Analysis())).ExpectAsync(HttpStatusCode.Created);
        var path = $"/api/v1/proposals/{proposal.Id()}/acceptance";

        var other = await (await world.StorageLead.PostJsonAsync(path, Acceptance(analysis.Id()))).ExpectProblemAsync(HttpStatusCode.Forbidden, "forbidden");
        await (await world.Customer.PostJsonAsync(path, Acceptance(analysis.Id()))).ExpectProblemAsync(HttpStatusCode.NotFound, "not-found");
        await (await world.Customer.GetAsync($"/api/v1/proposals/{proposal.Id()}")).ExpectProblemAsync(HttpStatusCode.NotFound, "not-found");

        Assert.Contains("the key that opened it decides, or an admin", other["detail"].Value<string>(), StringComparison.Ordinal);
        var unchanged = await (await Admin.GetAsync($"/api/v1/proposals/{proposal.Id()}")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("analysed", unchanged["status"].Value<string>());
        var withdrawn = await (await Admin.PostJsonAsync($"/api/v1/proposals/{proposal.Id()}/withdrawal", new { reason = "Storage is being replaced." })).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("withdrawn", withdrawn["status"].Value<string>());
    }

    [SkippableFact]
    public async Task PublishAnalysis_BetweenServicesWithServiceCredits_Returns409CreditsWithoutCharge()
    {
        var world = await StartAsync();
        var proposal = await (await world.EmailOwner.PostJsonAsync("/api/v1/proposals", Ola(world.StorageId, world.EmailId))).ExpectAsync(HttpStatusCode.Created);
        var withCredits = new
        {
            oneOffCost = 0m, monthlyCostDelta = 700m, currency = "EUR", labourDays = 3m, leadTimeDays = 0, feasibility = "feasible",
            consequences = Array.Empty<object>(), tradeOffs = Array.Empty<string>(),
            serviceCredits = new { bands = new[] { new { metric = "availability", worseThan = 99.9m, creditPercent = 10m } }, capPercent = 10m },
        };

        var problem = await (await world.StorageLead.PostJsonAsync($"/api/v1/proposals/{proposal.Id()}/analyses", withCredits)).ExpectProblemAsync(HttpStatusCode.Conflict, "credits-without-charge");

        Assert.Contains("no charge to credit", problem["detail"].Value<string>(), StringComparison.Ordinal);
        Assert.Empty(await (await Admin.GetAsync($"/api/v1/proposals/{proposal.Id()}/analyses")).ExpectItemsAsync(HttpStatusCode.OK));
    }

    [SkippableFact]
    public async Task ChargesAndReview_CustomerAgreementBesideAnOlaOnTheSameService_LeaveTheOlaOut()
    {
        var world = await StartAsync();
        var own = await (await world.Customer.PostJsonAsync("/api/v1/proposals", new
        {
            serviceId = world.StorageId, title = "Archive storage", businessJustification = "Audits need the archive.",
            targets = new object[] { new { metric = "availability", value = 99.5m } }, submit = true,
        })).ExpectAsync(HttpStatusCode.Created);
        var ownAnalysis = await (await world.StorageLead.PostJsonAsync($"/api/v1/proposals/{own.Id()}/analyses", Analysis(monthlyCostDelta: 300m))).ExpectAsync(HttpStatusCode.Created);
        var customerVersion = await (await world.Customer.PostJsonAsync($"/api/v1/proposals/{own.Id()}/acceptance", Acceptance(ownAnalysis.Id(), 300m))).ExpectAsync(HttpStatusCode.Created);
        await AgreeOlaAsync(world);
        var month = DateTime.UtcNow.ToString("yyyy-MM", CultureInfo.InvariantCulture);

        var charges = await (await world.Customer.GetAsync($"/api/v1/customers/{world.CustomerId}/charges")).ExpectAsync(HttpStatusCode.OK);
        var review = await (await world.Customer.GetAsync($"/api/v1/customers/{world.CustomerId}/reviews/{month}")).ExpectAsync(HttpStatusCode.OK);

        var line = Assert.Single(charges["agreements"]!.AsArray())!;
        Assert.Equal(customerVersion["agreementId"].Value<Guid>(), line["agreementId"].Value<Guid>());
        Assert.Equal(300m, line["monthlyCharge"].Value<decimal>());
        Assert.Empty(charges["upcoming"]!.AsArray());
        var reviewed = Assert.Single(review["agreements"]!.AsArray())!;
        Assert.Equal("Storage", reviewed["service"].Value<string>());
        var attainment = await (await world.Customer.GetAsync($"/api/v1/customers/{world.CustomerId}/attainment")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(customerVersion["agreementId"].Value<Guid>(), Assert.Single(attainment["agreements"]!.AsArray())!["agreementId"].Value<Guid>());
    }

    [SkippableFact]
    public async Task AttainmentAndDocument_Ola_JudgeTheProviderInTheDefaultZoneAndNameTheConsumerService()
    {
        var world = await StartAsync();
        var agreementId = await AgreeOlaAsync(world);
        var started = DateTime.UtcNow.AddMinutes(-40);
        await (await Admin.PostJsonAsync("/api/v1/outages", new
        {
            serviceId = world.DisksId, kind = "outage", priority = "P1", startedAt = started, restoredAt = started.AddMinutes(30),
            summary = "Mailboxes could not be opened.", source = new { system = "monitoring", reference = TestApi.Unique("alert") },
        })).ExpectAsync(HttpStatusCode.Created);

        var attainment = await (await world.EmailOwner.GetAsync($"/api/v1/agreements/{agreementId}/attainment")).ExpectAsync(HttpStatusCode.OK);
        var markdown = await world.EmailOwner.SendAsync(new HttpRequestMessage(HttpMethod.Get, $"/api/v1/agreements/{agreementId}/versions/1/document") { Headers = { { "Accept", "text/markdown" } } });
        var byService = await (await Admin.GetAsync($"/api/v1/services/{world.StorageId}/attainment")).ExpectAsync(HttpStatusCode.OK);

        Assert.Null(attainment["customerId"]);
        Assert.Null(attainment["customerName"]);
        Assert.Equal(world.EmailId, attainment["consumerServiceId"].Value<Guid>());
        Assert.Equal("Corporate Email", attainment["consumerServiceName"].Value<string>());
        Assert.Equal("Europe/Berlin", attainment["timeZone"].Value<string>());
        var running = attainment["months"]!.AsArray().Last()!;
        Assert.Equal("in-progress", running["status"].Value<string>());
        Assert.Null(running["credit"]);
        var availability = running["versions"]![0]!["targets"]!.AsArray().Single(t => t!["metric"].Value<string>() == "availability")!;
        var counted = Assert.Single(availability["availability"]!["outages"]!.AsArray())!;
        Assert.Equal("Disks", counted["attributedServiceName"].Value<string>());
        Assert.Equal(30m, counted["countedMinutes"].Value<decimal>());

        Assert.Equal(HttpStatusCode.OK, markdown.StatusCode);
        Assert.Equal("text/markdown", markdown.Content.Headers.ContentType!.MediaType);
        var text = await markdown.Content.ReadAsStringAsync();
        Assert.StartsWith("# Storage for Corporate Email\n", text, StringComparison.Ordinal);
        Assert.Contains("Operational level agreement between Storage (provider) and Corporate Email (consumer), version 1", text, StringComparison.Ordinal);
        Assert.Contains("charged to no business unit", text, StringComparison.Ordinal);

        var listed = Assert.Single(byService["agreements"]!.AsArray())!;
        Assert.Equal("Corporate Email", listed["consumerServiceName"].Value<string>());
        Assert.Null(listed["customerName"]);
    }

    [SkippableFact]
    public async Task GetFeasibility_OlaInForceBetweenStorageAndEmail_UsesItsAvailabilityWithBasisOla()
    {
        var world = await StartAsync();
        await AgreeOlaAsync(world);
        var proposal = await (await world.Customer.PostJsonAsync("/api/v1/proposals", new
        {
            serviceId = world.EmailId, title = "Mail for month-end closing", businessJustification = "Closing cannot wait for mail.",
            targets = new object[] { new { metric = "availability", value = 99.99m } }, submit = true,
        })).ExpectAsync(HttpStatusCode.Created);

        var response = await world.Customer.GetAsync($"/api/v1/proposals/{proposal.Id()}/feasibility");

        var feasibility = await response.ExpectAsync(HttpStatusCode.OK);
        Assert.NotNull(response.Headers.ETag);
        var storage = feasibility["dependencies"]!.AsArray().Single(d => d!["name"].Value<string>() == "Storage")!;
        Assert.Equal((99.95m, "ola"), (storage["availability"].Value<decimal>(), storage["basis"].Value<string>()));
        var ceiling = feasibility["ceiling"]!;
        Assert.Equal(99.95m, ceiling["availability"].Value<decimal>());
        Assert.Equal("ola", ceiling["limitedBy"]!["basis"].Value<string>());
        Assert.Equal(0.04m, ceiling["proposedAbove"].Value<decimal>());
        Assert.Empty(feasibility["unknown"]!.AsArray());
        var words = feasibility["inPlainWords"].Value<string>();
        Assert.Contains("Storage limits it most, promising 99.95% in its operational level agreement with Corporate Email.", words, StringComparison.Ordinal);
        Assert.Contains("A stricter operational level agreement with Storage would raise the ceiling.", words, StringComparison.Ordinal);
    }

    /// <summary>Opens, analyses (Storage's lead) and accepts (Corporate Email's owner) Storage → Corporate Email at 99.95%, in force at once.</summary>
    private static async Task<Guid> AgreeOlaAsync(World world)
    {
        var proposal = await (await world.EmailOwner.PostJsonAsync("/api/v1/proposals", Ola(world.StorageId, world.EmailId))).ExpectAsync(HttpStatusCode.Created);
        var analysis = await (await world.StorageLead.PostJsonAsync($"/api/v1/proposals/{proposal.Id()}/analyses", Analysis())).ExpectAsync(HttpStatusCode.Created);
        var version = await (await world.EmailOwner.PostJsonAsync($"/api/v1/proposals/{proposal.Id()}/acceptance", Acceptance(analysis.Id()))).ExpectAsync(HttpStatusCode.Created);
        return version["agreementId"].Value<Guid>();
    }

    private static object Ola(Guid providerId, Guid consumerId) => new
    {
        serviceId = providerId,
        consumerServiceId = consumerId,
        title = "Storage for mail",
        businessJustification = "Corporate Email stops whenever Storage does.",
        targets = new object[] { new { metric = "availability", value = 99.95m }, new { metric = "time-to-restore", value = 60m, scope = "P1" } },
        submit = true,
    };

    private static object Analysis(decimal monthlyCostDelta = 700m) => new
    {
        oneOffCost = 2_000m, monthlyCostDelta, currency = "EUR", labourDays = 3m, leadTimeDays = 0, feasibility = "feasible",
        consequences = Array.Empty<object>(), tradeOffs = new[] { "Storage patching moves to Sunday nights." },
    };

    private static object Acceptance(Guid analysisId, decimal monthlyCharge = 700m) =>
        new { analysisId, option = "proposed", monthlyCharge, signedBy = new { name = "Sam Owner", title = "Corporate Email service owner" } };

    private async Task<World> StartAsync()
    {
        var disks = await _scenario.CreateLiveServiceAsync(Scenario.ServiceBody(kind: "supporting", name: "Disks"));
        var storage = await _scenario.CreateLiveServiceAsync(Scenario.ServiceBody(kind: "supporting", name: "Storage", dependsOn: [disks.Id()]));
        var printing = await _scenario.CreateLiveServiceAsync(Scenario.ServiceBody(kind: "supporting", name: "Printing"));
        var email = await _scenario.CreateLiveServiceAsync(Scenario.ServiceBody(dependsOn: [storage.Id()], name: "Corporate Email"));
        var customer = await _scenario.CreateCustomerAsync();
        await _scenario.SubscribeAsync(customer.Id(), email.Id(), 100);
        return new World(
            disks.Id(), storage.Id(), printing.Id(), email.Id(), customer.Id(),
            await _scenario.ClientForAsync("it-lead"), await _scenario.ClientForAsync("it-lead"), await _scenario.ClientForAsync("customer", customer.Id()));
    }

    /// <param name="EmailOwner">The IT lead who owns Corporate Email: proposes and decides.</param>
    /// <param name="StorageLead">Storage's IT lead: analyses.</param>
    private sealed record World(Guid DisksId, Guid StorageId, Guid PrintingId, Guid EmailId, Guid CustomerId, HttpClient EmailOwner, HttpClient StorageLead, HttpClient Customer);
}
