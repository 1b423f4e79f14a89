using Catalog.Api.IntegrationTests.Infrastructure;
using Microsoft.Playwright;

namespace Catalog.Api.IntegrationTests.Portal;

/// <summary>The negotiation in headless Chromium, from the business unit's request to the signed agreement, without JavaScript of its own.</summary>
public sealed class NegotiationBrowserTests(PortalBrowser browser) : IClassFixture<PortalBrowser>
{
    [SkippableFact]
    public async Task Negotiation_ProposeAnalyseWithACounterOfferAccept_EndsInTheAgreement()
    {
        var negotiation = await NegotiationScenario.StartAsync(browser.Api);
        var customerKey = await negotiation.Catalog.IssueKeyAsync("customer", negotiation.Customer.Id());
        var itLeadKey = await negotiation.Catalog.IssueKeyAsync("it-lead");

        // The business unit asks for more than it has.
        await using (var unit = await browser.OpenAsync())
        {
            await unit.SignInAsync(customerKey);
            await unit.Page.GetByRole(AriaRole.Link, new() { Name = "Proposals", Exact = true }).ClickAsync();
            await unit.Page.GetByRole(AriaRole.Link, new() { Name = "Propose targets" }).ClickAsync();
            await unit.Page.GetByLabel("Service", new() { Exact = true }).SelectOptionAsync(negotiation.Service.Id().ToString());
            await unit.Page.GetByLabel("A short title").FillAsync("Trading through the trading day");
            await unit.Page.GetByLabel("Why your business needs it").FillAsync("Every minute of downtime stops trading.");
            await unit.Page.GetByLabel("Availability, in percent").FillAsync("99.99");
            await unit.Page.GetByLabel("Time to restore, in minutes").FillAsync("15");
            await unit.Page.Locator("input[name='targets[1].scope']").FillAsync("P1");
            await unit.ScreenshotAsync("propose");
            await unit.Page.GetByRole(AriaRole.Button, new() { Name = "Send to IT" }).ClickAsync();

            Assert.Equal("Trading through the trading day", await unit.Page.Locator("h1").InnerTextAsync());
            Assert.Contains("with IT, waiting for its analysis", await unit.Page.Locator(".lead").InnerTextAsync(), StringComparison.Ordinal);
            await unit.Page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
            Assert.Empty(unit.Complaints);
        }

        // IT answers from its queue, with a cheaper counter-offer.
        await using (var it = await browser.OpenAsync())
        {
            await it.SignInAsync(itLeadKey);
            await it.Page.GetByRole(AriaRole.Link, new() { Name = "Proposal queue" }).ClickAsync();
            var row = it.Page.Locator("tr", new() { HasText = "Trading through the trading day" });
            Assert.Contains("Trading Desk", await row.InnerTextAsync(), StringComparison.Ordinal);
            await it.ScreenshotAsync("it-queue");
            await row.GetByRole(AriaRole.Link).ClickAsync();

            await it.Page.Locator("#monthlyCostDelta").FillAsync("4000");
            await it.Page.Locator("#oneOffCost").FillAsync("20000");
            await it.Page.Locator("#labourDays").FillAsync("12.5");
            await it.Page.Locator("#leadTimeDays").FillAsync("30");
            await it.Page.GetByLabel("Can IT do it?").SelectOptionAsync("NeedsInvestment");
            await it.Page.Locator("#consequence-0-description").FillAsync("Maintenance of the shared database moves to Sunday nights.");
            await it.Page.GetByLabel("What the business unit would give up, one a line (optional)").FillAsync("No planned downtime during trading hours.");
            await it.Page.Locator("#proposed-rrule").FillAsync("FREQ=WEEKLY;BYDAY=SU;BYHOUR=2");
            await it.Page.Locator("#proposed-band-0-worse").FillAsync("99.9");
            await it.Page.Locator("#proposed-band-0-credit").FillAsync("10");
            await it.Page.Locator("#proposed-cap").FillAsync("25");
            await it.Page.Locator("input[name='counterOffer.targets[0].value']").FillAsync("99.95");
            await it.Page.Locator("input[name='counterOffer.targets[1].value']").FillAsync("30");
            await it.Page.Locator("input[name='counterOffer.targets[1].scope']").FillAsync("P1");
            await it.Page.Locator("#counter-monthly").FillAsync("2500");
            await it.Page.Locator("#counter-oneoff").FillAsync("8000");
            await it.Page.Locator("#counter-lead").FillAsync("10");
            await it.Page.Locator("#counter-note").FillAsync("Achievable with a hot standby.");
            await it.ScreenshotAsync("it-analysis-form");
            await it.Page.GetByRole(AriaRole.Button, new() { Name = "Publish the analysis" }).ClickAsync();

            Assert.Contains("analysed, with the business unit", await it.Page.Locator(".lead").InnerTextAsync(), StringComparison.Ordinal);
            await it.Page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
            Assert.Empty(it.Complaints);
        }

        // The business unit reads the answer beside its request and accepts the counter-offer, naming who signs.
        await using (var unit = await browser.OpenAsync())
        {
            await unit.SignInAsync(customerKey);
            await unit.Page.GetByRole(AriaRole.Link, new() { Name = "Proposals", Exact = true }).ClickAsync();
            await unit.Page.GetByRole(AriaRole.Link, new() { Name = "Trading through the trading day" }).ClickAsync();
            var counterOffer = unit.Page.Locator("section.option", new() { HasText = "IT's counter-offer" });
            Assert.Contains("Achievable with a hot standby.", await counterOffer.InnerTextAsync(), StringComparison.Ordinal);
            Assert.Contains("every Sunday 02:00–04:00", await unit.Page.Locator("section.option", new() { HasText = "What you asked for" }).InnerTextAsync(), StringComparison.Ordinal);
            await unit.ScreenshotAsync("proposal-with-analysis");

            await counterOffer.GetByLabel("Your name, as it will be printed in the agreement").FillAsync("Dana Ruiz");
            await counterOffer.GetByLabel("Your title (optional)").FillAsync("Head of Trading");
            await counterOffer.GetByRole(AriaRole.Button).ClickAsync();

            Assert.Contains("agreed", await unit.Page.Locator(".lead").InnerTextAsync(), StringComparison.Ordinal);
            await unit.Page.GetByRole(AriaRole.Link, new() { Name = "Read the agreement" }).ClickAsync();

            Assert.StartsWith("Trading Platform for Trading Desk", await unit.Page.Locator("h1").InnerTextAsync(), StringComparison.Ordinal);
            Assert.Contains("Dana Ruiz", await unit.Page.Locator("main").InnerTextAsync(), StringComparison.Ordinal);

            // This month's review: the counter-offer takes effect in ten days, so the month's review is where it will show.
            await unit.Page.GetByRole(AriaRole.Link, new() { Name = "Service reviews" }).ClickAsync();
            Assert.Equal("Monthly service reviews", await unit.Page.Locator("h1").InnerTextAsync());
            var month = unit.Page.Locator("main .card a").First;
            await month.ClickAsync();
            Assert.Equal(200, (await unit.Page.Context.APIRequest.GetAsync(unit.Page.Url)).Status);
            Assert.Empty(unit.Complaints);
        }
    }

    [SkippableFact]
    public async Task Proposal_OfAnotherBusinessUnit_IsTheNotFoundPage()
    {
        var negotiation = await NegotiationScenario.StartAsync(browser.Api);
        var proposal = await negotiation.ProposeAsync();
        var other = await negotiation.Catalog.CreateCustomerAsync(Scenario.CustomerBody(name: "Marketing"));
        await using var stranger = await browser.OpenAsync();
        await stranger.SignInAsync(await negotiation.Catalog.IssueKeyAsync("customer", other.Id()));

        var response = await stranger.Page.GotoAsync($"/portal/proposals/{proposal.Id()}");

        Assert.Equal(404, response!.Status);
        Assert.Equal("Not found", await stranger.Page.Locator("h1").InnerTextAsync());
        Assert.DoesNotContain("Trading", await stranger.Page.Locator("main").InnerTextAsync(), StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task ProposalPage_OnAPhone_FitsTheScreen()
    {
        var negotiation = await NegotiationScenario.StartAsync(browser.Api);
        var proposal = await negotiation.ProposeAsync();
        await negotiation.AnalyseAsync(proposal.Id(), NegotiationScenario.Analysis(counterOffer: NegotiationScenario.CounterOffer()));
        await using var phone = await browser.OpenAsync(width: 390, height: 844);
        await phone.SignInAsync(await negotiation.Catalog.IssueKeyAsync("customer", negotiation.Customer.Id()));

        await phone.Page.GotoAsync($"/portal/proposals/{proposal.Id()}");

        var overflow = await phone.Page.EvaluateAsync<int>("document.documentElement.scrollWidth - document.documentElement.clientWidth");
        Assert.True(overflow <= 0, $"The page is {overflow}px wider than the phone.");
        Assert.Empty(phone.Complaints);
    }
}
