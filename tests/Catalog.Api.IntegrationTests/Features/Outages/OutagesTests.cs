using System.Net;
using System.Text.Json.Nodes;
using Catalog.Api.IntegrationTests.Infrastructure;

namespace Catalog.Api.IntegrationTests.Features.Outages;

public sealed class OutagesTests(CatalogApiFactory factory) : IClassFixture<CatalogApiFactory>
{
    private readonly Scenario _scenario = new(factory);

    private HttpClient Admin => _scenario.Admin;

    private static object OutageBody(Guid serviceId, string? reference = null, DateTime? startedAt = null, DateTime? restoredAt = null, string kind = "outage", string? priority = "P1") => new
    {
        serviceId,
        kind,
        priority,
        startedAt = startedAt ?? DateTime.UtcNow.AddHours(-2),
        restoredAt,
        summary = "Nobody could send or receive mail.",
        cause = "A storage controller failed.",
        source = new { system = "monitoring", reference = reference ?? TestApi.Unique("alert") },
    };

    [SkippableFact]
    public async Task RecordOutage_Integrator_Returns201WithLocationETagAndEvent()
    {
        var service = await _scenario.CreateLiveServiceAsync();
        var integrator = await _scenario.ClientForAsync("integrator");
        var after = await Admin.FeedPositionAsync();

        var response = await integrator.PostJsonAsync("/api/v1/outages", OutageBody(service.Id()));

        var outage = await response.ExpectAsync(HttpStatusCode.Created);
        Assert.Equal($"/api/v1/outages/{outage.Id()}", response.Headers.Location?.ToString());
        Assert.Equal("\"1\"", response.ETag());
        Assert.Equal("outage", outage["kind"].Value<string>());
        Assert.Equal("P1", outage["priority"].Value<string>());
        Assert.Null(outage["restoredAt"]);
        Assert.Equal("monitoring", outage["source"]!["system"].Value<string>());
        Assert.Empty(outage["history"]!.AsArray());
        var events = (await Admin.GetAsync($"/api/v1/changes?after={after}").Result.ExpectAsync(HttpStatusCode.OK))["items"]!.AsArray();
        Assert.Contains(events, e => e!["type"].Value<string>() == "outage.recorded" && e["subject"]!["id"].Value<string>() == outage["id"].Value<string>());
    }

    [SkippableFact]
    public async Task RecordOutage_SameSourceAgain_AnswersTheSameOutage()
    {
        var service = await _scenario.CreateLiveServiceAsync();
        var body = OutageBody(service.Id());
        var first = await (await Admin.PostJsonAsync("/api/v1/outages", body)).ExpectAsync(HttpStatusCode.Created);

        var again = await (await Admin.PostJsonAsync("/api/v1/outages", body)).ExpectAsync(HttpStatusCode.OK);

        Assert.Equal(first.Id(), again.Id());
        var all = await Admin.ReadAllAsync($"/api/v1/outages?serviceId={service.Id()}");
        Assert.Single(all);
    }

    [SkippableFact]
    public async Task RecordOutage_SameSourceWithRestoration_RestoresTheOutage()
    {
        var service = await _scenario.CreateLiveServiceAsync();
        var reference = TestApi.Unique("alert");
        var started = DateTime.UtcNow.AddHours(-3);
        await (await Admin.PostJsonAsync("/api/v1/outages", OutageBody(service.Id(), reference, started))).ExpectAsync(HttpStatusCode.Created);

        var resolved = await (await Admin.PostJsonAsync("/api/v1/outages", OutageBody(service.Id(), reference, started, started.AddMinutes(47)))).ExpectAsync(HttpStatusCode.OK);

        Assert.Equal(started.AddMinutes(47), resolved["restoredAt"].Value<DateTime>().ToUniversalTime(), TimeSpan.FromMilliseconds(1));
    }

    [SkippableFact]
    public async Task RecordOutage_ConcurrentPostsOfOneSource_CreateOneOutage()
    {
        var service = await _scenario.CreateLiveServiceAsync();
        var body = OutageBody(service.Id());

        var responses = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => Admin.PostJsonAsync("/api/v1/outages", body)));

        Assert.All(responses, r => Assert.True(r.StatusCode is HttpStatusCode.Created or HttpStatusCode.OK, r.StatusCode.ToString()));
        Assert.Single(responses, r => r.StatusCode == HttpStatusCode.Created);
        var ids = await Task.WhenAll(responses.Select(async r => (await r.JsonAsync()).Id()));
        Assert.Single(ids.Distinct());
    }

    [SkippableTheory]
    [InlineData("restored-before-start")]
    [InlineData("starts-in-future")]
    [InlineData("no-source")]
    [InlineData("no-summary")]
    public async Task RecordOutage_BadInput_Returns400AndStoresNothing(string flaw)
    {
        var service = await _scenario.CreateLiveServiceAsync();
        var now = DateTime.UtcNow;
        object body = flaw switch
        {
            "restored-before-start" => OutageBody(service.Id(), startedAt: now.AddHours(-1), restoredAt: now.AddHours(-2)),
            "starts-in-future" => OutageBody(service.Id(), startedAt: now.AddHours(1)),
            "no-source" => new { serviceId = service.Id(), kind = "outage", startedAt = now.AddHours(-1), summary = "Down." },
            _ => new { serviceId = service.Id(), kind = "outage", startedAt = now.AddHours(-1), source = new { system = "m", reference = "r" } },
        };

        var response = await Admin.PostJsonAsync("/api/v1/outages", body);

        await response.ExpectProblemAsync(HttpStatusCode.BadRequest, "validation");
        Assert.Empty(await Admin.ReadAllAsync($"/api/v1/outages?serviceId={service.Id()}"));
    }

    [SkippableFact]
    public async Task RecordOutage_UnknownService_Returns400NamingIt()
    {
        var problem = await (await Admin.PostJsonAsync("/api/v1/outages", OutageBody(Guid.NewGuid()))).ExpectValidationAsync("serviceId");

        Assert.Contains("No service", problem["errors"]!["serviceId"]![0].Value<string>(), StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task RecordOutage_CustomerKey_Returns403()
    {
        var service = await _scenario.CreateLiveServiceAsync();
        var customer = await _scenario.CreateCustomerAsync();
        var client = await _scenario.ClientForAsync("customer", customer.Id());

        await (await client.PostJsonAsync("/api/v1/outages", OutageBody(service.Id()))).ExpectProblemAsync(HttpStatusCode.Forbidden);
    }

    [SkippableFact]
    public async Task RestoreOutage_Ongoing_Returns200AndTwiceIs409()
    {
        var service = await _scenario.CreateLiveServiceAsync();
        var outage = await (await Admin.PostJsonAsync("/api/v1/outages", OutageBody(service.Id()))).ExpectAsync(HttpStatusCode.Created);
        var restoredAt = DateTime.UtcNow.AddMinutes(-5);

        var restored = await (await Admin.PostJsonAsync($"/api/v1/outages/{outage.Id()}/restoration", new { restoredAt })).ExpectAsync(HttpStatusCode.OK);
        var twice = await Admin.PostJsonAsync($"/api/v1/outages/{outage.Id()}/restoration", new { restoredAt });

        Assert.Equal(2, restored["version"].Value<int>());
        var problem = await twice.ExpectProblemAsync(HttpStatusCode.Conflict, "outage-already-restored");
        Assert.Contains("correction", problem["detail"].Value<string>(), StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task CorrectOutage_WithReasonAndIfMatch_KeepsWhatItWasInTheHistory()
    {
        var service = await _scenario.CreateLiveServiceAsync();
        var started = DateTime.UtcNow.AddHours(-5);
        var created = await Admin.PostJsonAsync("/api/v1/outages", OutageBody(service.Id(), startedAt: started, restoredAt: started.AddMinutes(90)));
        var outage = await created.ExpectAsync(HttpStatusCode.Created);

        var response = await Admin.SendAsync(Correction(outage.Id(), created.ETag(), new { restoredAt = started.AddMinutes(60), reason = "The alert cleared an hour after it fired; the ticket was closed late." }));

        var corrected = await response.ExpectAsync(HttpStatusCode.OK);
        var entry = corrected["history"]!.AsArray().Single()!;
        Assert.Equal("The alert cleared an hour after it fired; the ticket was closed late.", entry["reason"].Value<string>());
        Assert.Equal(started.AddMinutes(90), entry["restoredAtBefore"].Value<DateTime>().ToUniversalTime(), TimeSpan.FromMilliseconds(1));
        Assert.Equal(started.AddMinutes(60), entry["restoredAtAfter"].Value<DateTime>().ToUniversalTime(), TimeSpan.FromMilliseconds(1));
        Assert.Equal("admin", entry["by"]!["role"].Value<string>());
        var read = await (await Admin.GetAsync($"/api/v1/outages/{outage.Id()}")).ExpectAsync(HttpStatusCode.OK);
        Assert.Single(read["history"]!.AsArray());
    }

    [SkippableFact]
    public async Task CorrectOutage_TwoCorrectionsFromOneReading_SecondIs412()
    {
        var service = await _scenario.CreateLiveServiceAsync();
        var started = DateTime.UtcNow.AddHours(-5);
        var created = await Admin.PostJsonAsync("/api/v1/outages", OutageBody(service.Id(), startedAt: started, restoredAt: started.AddMinutes(90)));
        var outage = await created.ExpectAsync(HttpStatusCode.Created);

        await (await Admin.SendAsync(Correction(outage.Id(), created.ETag(), new { kind = "planned", reason = "It was the announced upgrade." }))).ExpectAsync(HttpStatusCode.OK);
        var second = await Admin.SendAsync(Correction(outage.Id(), created.ETag(), new { startedAt = started.AddMinutes(30), reason = "Started later." }));

        await second.ExpectProblemAsync(HttpStatusCode.PreconditionFailed);
    }

    [SkippableTheory]
    [InlineData(null, "reason")]
    [InlineData("\"1\"", "reason")]
    public async Task CorrectOutage_WithoutReason_Returns400(string? ifMatch, string field)
    {
        var service = await _scenario.CreateLiveServiceAsync();
        var outage = await (await Admin.PostJsonAsync("/api/v1/outages", OutageBody(service.Id()))).ExpectAsync(HttpStatusCode.Created);

        var response = await Admin.SendAsync(Correction(outage.Id(), ifMatch, new { kind = "planned" }));

        await response.ExpectValidationAsync(field);
    }

    [SkippableFact]
    public async Task CorrectOutage_WithoutIfMatch_Returns428()
    {
        var service = await _scenario.CreateLiveServiceAsync();
        var outage = await (await Admin.PostJsonAsync("/api/v1/outages", OutageBody(service.Id()))).ExpectAsync(HttpStatusCode.Created);

        var response = await Admin.SendAsync(Correction(outage.Id(), null, new { kind = "planned", reason = "Announced upgrade." }));

        await response.ExpectProblemAsync(HttpStatusCode.PreconditionRequired);
    }

    [SkippableFact]
    public async Task GetOutage_Customer_SeesOnlyOutagesOfServicesItConsumes()
    {
        var consumed = await _scenario.CreateLiveServiceAsync();
        var other = await _scenario.CreateLiveServiceAsync();
        var customer = await _scenario.CreateCustomerAsync();
        await _scenario.SubscribeAsync(customer.Id(), consumed.Id(), 10);
        var mine = await (await Admin.PostJsonAsync("/api/v1/outages", OutageBody(consumed.Id()))).ExpectAsync(HttpStatusCode.Created);
        var notMine = await (await Admin.PostJsonAsync("/api/v1/outages", OutageBody(other.Id()))).ExpectAsync(HttpStatusCode.Created);
        var client = await _scenario.ClientForAsync("customer", customer.Id());

        await (await client.GetAsync($"/api/v1/outages/{mine.Id()}")).ExpectAsync(HttpStatusCode.OK);
        await (await client.GetAsync($"/api/v1/outages/{notMine.Id()}")).ExpectProblemAsync(HttpStatusCode.NotFound);
        var listed = await client.ReadAllAsync("/api/v1/outages");
        Assert.Equal([mine.Id()], listed.Select(o => o.Id()));
    }

    [SkippableFact]
    public async Task ListOutages_Ongoing_ListsOnlyOpenOnes()
    {
        var service = await _scenario.CreateLiveServiceAsync();
        var open = await (await Admin.PostJsonAsync("/api/v1/outages", OutageBody(service.Id()))).ExpectAsync(HttpStatusCode.Created);
        await (await Admin.PostJsonAsync("/api/v1/outages", OutageBody(service.Id(), startedAt: DateTime.UtcNow.AddHours(-3), restoredAt: DateTime.UtcNow.AddHours(-2)))).ExpectAsync(HttpStatusCode.Created);

        var ongoing = await Admin.ReadAllAsync($"/api/v1/outages?serviceId={service.Id()}&ongoing=true");

        Assert.Equal([open.Id()], ongoing.Select(o => o.Id()));
    }

    private static HttpRequestMessage Correction(Guid id, string? ifMatch, object body)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/outages/{id}/corrections") { Content = System.Net.Http.Json.JsonContent.Create(body) };
        if (ifMatch is not null)
        {
            request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        }

        return request;
    }
}
