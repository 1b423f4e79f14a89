using System.Net;
using Catalog.Api.IntegrationTests.Infrastructure;
using Microsoft.Playwright;

namespace Catalog.Api.IntegrationTests.Features.Reviews;

/// <summary>
/// The review as its reader sees it: the HTML page, with the headers the API sent (its content security policy
/// included), opened in a real headless Chromium. The chart must be drawn, the sections shown, and the browser must
/// refuse nothing the page needs.
/// </summary>
public sealed class ServiceReviewBrowserTests(CatalogApiFactory factory) : IClassFixture<CatalogApiFactory>
{
    /// <summary>Debian's Chromium; `.ci/run` installs it. Playwright cannot download a browser here.</summary>
    private const string Chromium = "/usr/bin/chromium";

    [SkippableFact]
    public async Task GetServiceReview_OpenedInChromium_RendersTheChartAndEverySectionUnderItsPolicy()
    {
        Skip.IfNot(
            File.Exists(Chromium) || Environment.GetEnvironmentVariable("CATALOG_REQUIRE_BROWSER") == "1",
            $"No Chromium at {Chromium}: `apt-get install chromium` to run the browser tests (CI sets CATALOG_REQUIRE_BROWSER=1 and runs them).");
        var reviews = new ServiceReviewTests(factory);
        var world = await reviews.AgreedWithOutageLastMonthAsync();
        var month = DateTime.UtcNow.AddMonths(-1).ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture);
        var response = await ServiceReviewTests.GetAsync(world.Customer, $"/api/v1/customers/{world.CustomerId}/reviews/{month}", "text/html");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        var headers = response.Headers.Concat(response.Content.Headers).ToDictionary(h => h.Key, h => string.Join(", ", h.Value));

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new() { ExecutablePath = Chromium, Headless = true, Args = ["--no-sandbox", "--disable-background-networking"] });
        var page = await browser.NewPageAsync(new() { ViewportSize = new() { Width = 900, Height = 1400 } });
        var refused = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                refused.Add(message.Text);
            }
        };

        // The page is served to the browser exactly as the API answered it, headers and all.
        await page.RouteAsync("https://catalog.example/**", route => route.FulfillAsync(new() { Status = 200, Headers = headers, Body = html }));
        await page.GotoAsync("https://catalog.example/review");

        Assert.Equal("Service review: Sales Division, " + DateTime.UtcNow.AddMonths(-1).ToString("MMMM yyyy", System.Globalization.CultureInfo.InvariantCulture), await page.TitleAsync());
        var headings = await page.Locator("h2, h3").AllInnerTextsAsync();
        Assert.Contains("Corporate Email", headings);
        Assert.Contains("What was promised", headings);
        Assert.Contains("What was delivered", headings);
        Assert.Contains("What went wrong", headings);
        Assert.Contains("Corrections to the record", headings);
        Assert.Contains("What the misses cost IT", headings);
        Assert.Contains("The last 12 months at a glance", headings);
        Assert.Contains("What you can do next", headings);

        var chart = page.Locator("figure svg");
        var box = await chart.BoundingBoxAsync();
        Assert.NotNull(box);
        Assert.True(box.Width > 300 && box.Height > 100, $"The chart is drawn {box.Width}×{box.Height}.");
        Assert.True(await page.Locator("figure svg rect").CountAsync() >= 3);

        // The stylesheet applied (allowed by its hash), and the browser refused nothing.
        Assert.Contains("Georgia", await page.EvalOnSelectorAsync<string>("body", "b => getComputedStyle(b).fontFamily"), StringComparison.Ordinal);
        Assert.Empty(refused);
        await page.ScreenshotAsync(new() { Path = Path.Combine(AppContext.BaseDirectory, "service-review.png"), FullPage = true });
    }
}
