using System.Globalization;
using System.Net;
using Catalog.Api.IntegrationTests.Infrastructure;
using Microsoft.Playwright;

namespace Catalog.Api.IntegrationTests.Portal;

/// <summary>
/// A business unit of the demo organisation reads the portal in Chromium: the catalog, a service with its alternatives
/// and its dependencies, the month's charges, an agreement with its history and the promise month by month, and a
/// monthly review. With CATALOG_PORTAL_SCREENSHOTS=docs/portal the pages are saved for the README.
/// </summary>
public sealed class BusinessUnitPagesTests(DemoPortalBrowser browser) : IClassFixture<DemoPortalBrowser>
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    [SkippableFact]
    public async Task BusinessUnit_SignedIn_ReadsCatalogChargesAgreementAndReview()
    {
        var key = await SalesKeyAsync();
        await using var person = await browser.OpenAsync();
        await person.Page.GotoAsync("/");
        await person.ScreenshotAsync("sign-in");

        await person.SignInAsync(key);
        Assert.Equal("What IT offers", await person.Page.Locator("h1").InnerTextAsync());
        Assert.Contains("Corporate Email", await person.Page.Locator("main").InnerTextAsync(), StringComparison.Ordinal);
        await person.ScreenshotAsync("catalog");

        // A service: its cost for Sales' own 320 mailboxes beside the alternative, and what it relies on.
        await person.Page.GetByRole(AriaRole.Link, new() { Name = "Corporate Email" }).ClickAsync();
        Assert.Equal("Corporate Email", await person.Page.Locator("h1").InnerTextAsync());
        var costs = await person.Page.Locator("table").First.InnerTextAsync();
        Assert.Contains("320 × mailbox, your own number", costs, StringComparison.Ordinal);
        Assert.Contains("EUR 1,344.00", costs, StringComparison.Ordinal); // 320 × 4.20
        Assert.Contains("Hosted email", costs, StringComparison.Ordinal);
        Assert.Contains("EUR 992.00", costs, StringComparison.Ordinal); // 320 × 3.10
        var figure = await person.Page.Locator("figure svg").TextContentAsync() ?? string.Empty;
        Assert.Contains("Storage", figure, StringComparison.Ordinal);
        Assert.Contains("Sales Division", figure, StringComparison.Ordinal);
        await person.ScreenshotAsync("service");

        // Charges: last month has closed, so its credits are counted.
        await person.Page.GetByRole(AriaRole.Link, new() { Name = "Subscriptions and charges" }).ClickAsync();
        Assert.StartsWith("What you use and what it costs", await person.Page.Locator("h1").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Contains("To pay", await person.Page.Locator("main").InnerTextAsync(), StringComparison.Ordinal);
        await person.Page.GetByRole(AriaRole.Link, new() { Name = "Previous month" }).ClickAsync();
        await person.ScreenshotAsync("charges");

        // An agreement: its document, its versions, and the promise month by month.
        await person.Page.GetByRole(AriaRole.Navigation, new() { Name = "Main" }).GetByRole(AriaRole.Link, new() { Name = "Agreements" }).ClickAsync();
        await person.ScreenshotAsync("agreements");
        await person.Page.Locator("main table a").First.ClickAsync();
        var headings = await person.Page.Locator("h2").AllInnerTextsAsync();
        Assert.Contains("Versions", headings);
        Assert.Contains("Was the promise kept?", headings);
        Assert.Contains(headings, h => h.StartsWith("The agreement, version", StringComparison.Ordinal));
        Assert.True(await person.Page.Locator("article.document li").CountAsync() > 0);
        Assert.True(await person.Page.Locator("figure svg rect").CountAsync() >= 6);
        await person.ScreenshotAsync("agreement");

        // Last month's review.
        var lastMonth = DateTime.UtcNow.AddMonths(-1).ToString("MMMM yyyy", Invariant);
        await person.Page.GetByRole(AriaRole.Link, new() { Name = "Service reviews" }).ClickAsync();
        await person.Page.GetByRole(AriaRole.Link, new() { Name = lastMonth, Exact = true }).ClickAsync();
        Assert.Equal($"Service review: Sales Division, {lastMonth}", await person.Page.Locator("h1").InnerTextAsync());
        Assert.Contains("What you can do next", await person.Page.Locator("h2, h3").AllInnerTextsAsync());
        Assert.True(await person.Page.Locator("figure svg").CountAsync() >= 1);
        await person.ScreenshotAsync("review");

        // From the review straight to proposing other targets for one of its services.
        var propose = person.Page.Locator("article.document p.action a").First;
        var service = (await propose.InnerTextAsync())["Propose other targets for ".Length..];
        await propose.ClickAsync();
        Assert.Equal("Propose targets", await person.Page.Locator("h1").InnerTextAsync());
        Assert.StartsWith($"{service} (", await person.Page.Locator("#serviceId option:checked").InnerTextAsync(), StringComparison.Ordinal);

        Assert.Empty(person.Complaints);
    }

    [SkippableFact]
    public async Task BusinessUnit_OnAPhone_ReadsTheAgreementWithoutScrollingSideways()
    {
        var key = await SalesKeyAsync();
        await using var person = await browser.OpenAsync(width: 390, height: 844);
        await person.SignInAsync(key);

        await person.Page.GetByRole(AriaRole.Link, new() { Name = "Agreements", Exact = true }).ClickAsync();
        await person.Page.Locator("main table a").First.ClickAsync();

        var overflow = await person.Page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - document.documentElement.clientWidth");
        Assert.True(overflow <= 0, $"The page is {overflow}px wider than the phone.");
        await person.ScreenshotAsync("agreement-phone");
        Assert.Empty(person.Complaints);
    }

    private async Task<string> SalesKeyAsync()
    {
        var scenario = new Scenario(browser.Api);
        var customers = await (await scenario.Admin.GetAsync("/api/v1/customers?key=sales-division")).ExpectItemsAsync(HttpStatusCode.OK);
        var key = await (await scenario.Admin.PostJsonAsync("/api/v1/api-keys", new { name = "Dana Ruiz, Sales Division", role = "customer", customerId = customers.Single()!.AsObject().Id() }))
            .ExpectAsync(HttpStatusCode.Created);
        return key["key"].Value<string>();
    }
}
