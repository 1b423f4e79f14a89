using System.Net;
using Catalog.Api.IntegrationTests.Infrastructure;
using Microsoft.Playwright;

namespace Catalog.Api.IntegrationTests.Portal;

/// <summary>The portal in headless Chromium: signing in and out, forged forms, escaped names, and tenancy by URL.</summary>
public sealed class PortalBrowserTests(PortalBrowser browser) : IClassFixture<PortalBrowser>
{
    private readonly Scenario _scenario = new(browser.Api);

    [SkippableFact]
    public async Task SignIn_ThenSignOut_ShowsWhoIsSignedInThenEndsTheSession()
    {
        await using var person = await browser.OpenAsync();
        var key = await _scenario.IssueKeyAsync("it-lead");

        await person.SignInAsync(key);

        Assert.EndsWith("/portal/catalog", person.Page.Url, StringComparison.Ordinal);
        Assert.Equal("What IT offers", await person.Page.Locator("h1").InnerTextAsync());
        Assert.Contains("Signed in as", await person.Page.Locator("header").InnerTextAsync(), StringComparison.Ordinal);

        await person.Page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();

        Assert.Equal(browser.Address + "/", person.Page.Url);
        Assert.Equal("Sign in", await person.Page.Locator("h1").InnerTextAsync());
        await person.Page.GotoAsync("/portal/catalog");
        Assert.Equal("Sign in", await person.Page.Locator("h1").InnerTextAsync());
        Assert.Empty(person.Complaints);
    }

    [SkippableFact]
    public async Task FormPost_WithoutTheAntiforgeryToken_IsRefusedWith400()
    {
        await using var person = await browser.OpenAsync();
        await person.SignInAsync(await _scenario.IssueKeyAsync("it-lead"));

        // The session cookie goes with it; only the form's token is missing, as in a post forged by another page.
        var forged = await person.Requests.PostAsync("/portal/sign-out", new() { Form = person.Requests.CreateFormData().Set("x", "1"), MaxRedirects = 0 });

        Assert.Equal((int)HttpStatusCode.BadRequest, forged.Status);
        await person.Page.GotoAsync("/portal/catalog");
        Assert.Equal("What IT offers", await person.Page.Locator("h1").InnerTextAsync());
    }

    [SkippableFact]
    public async Task ServiceName_ThatIsAScript_RendersAsText()
    {
        const string name = "<script>alert(1)</script>";
        var service = await _scenario.CreateServiceAsync(Scenario.ServiceBody(name: name));
        await using var person = await browser.OpenAsync();
        await person.SignInAsync(await _scenario.IssueKeyAsync("it-lead"));

        await person.Page.GotoAsync($"/portal/catalog/{service.Id()}");

        Assert.Equal(name, await person.Page.Locator("h1").InnerTextAsync());
        Assert.Equal(0, await person.Page.Locator("main script").CountAsync());
        Assert.Empty(person.Complaints);
    }

    [SkippableFact]
    public async Task Agreement_OfAnotherCustomer_IsTheNotFoundPage()
    {
        var negotiation = await NegotiationScenario.StartAsync(browser.Api);
        var agreed = await negotiation.AgreeAsync();
        var agreementId = agreed["agreementId"].Value<string>();
        var otherCustomer = await _scenario.CreateCustomerAsync();
        await using var owner = await browser.OpenAsync();
        await owner.SignInAsync(await _scenario.IssueKeyAsync("customer", negotiation.Customer.Id()));
        await using var other = await browser.OpenAsync();
        await other.SignInAsync(await _scenario.IssueKeyAsync("customer", otherCustomer.Id()));

        var own = await owner.Page.GotoAsync($"/portal/agreements/{agreementId}");
        var foreign = await other.Page.GotoAsync($"/portal/agreements/{agreementId}");

        Assert.Equal(200, own!.Status);
        Assert.StartsWith("Trading Platform for Trading Desk", await owner.Page.Locator("h1").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Equal(404, foreign!.Status);
        Assert.Equal("Not found", await other.Page.Locator("h1").InnerTextAsync());
        Assert.DoesNotContain("Trading", await other.Page.Locator("main").InnerTextAsync(), StringComparison.Ordinal);
    }
}
