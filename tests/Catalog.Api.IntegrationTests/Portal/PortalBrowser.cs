using System.Net;
using Catalog.Api.IntegrationTests.Infrastructure;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Catalog.Api.IntegrationTests.Portal;

/// <summary>
/// A class fixture for tests in a real browser: the API on Kestrel at a free port of 127.0.0.1 (a browser cannot
/// reach the in-memory test server), and Debian's headless Chromium driven by Playwright. Without Chromium the tests
/// skip with the reason, except where <c>CATALOG_REQUIRE_BROWSER=1</c> (CI), where they fail.
/// </summary>
public class PortalBrowser : IAsyncLifetime
{
    /// <summary>Debian's Chromium; `.ci/run` installs it. Playwright cannot download a browser here.</summary>
    public const string Chromium = "/usr/bin/chromium";

    /// <summary>Set to a folder (docs/portal) to save screenshots of the main pages there.</summary>
    public const string ScreenshotsVariable = "CATALOG_PORTAL_SCREENSHOTS";

    private IPlaywright? _playwright;
    private IBrowser? _browser;

    public PortalBrowser()
        : this(null)
    {
    }

    /// <param name="settings">Configuration on top of the test defaults (the demo organisation, say).</param>
    protected PortalBrowser(IReadOnlyDictionary<string, string?>? settings)
    {
        Api = new CatalogApiFactory(null, settings);
        Api.UseKestrel(options => options.Listen(IPAddress.Loopback, 0));
    }

    public CatalogApiFactory Api { get; }

    /// <summary>Where the portal listens, such as http://127.0.0.1:41234.</summary>
    public string Address { get; private set; } = string.Empty;

    public static bool Available => File.Exists(Chromium) || Environment.GetEnvironmentVariable("CATALOG_REQUIRE_BROWSER") == "1";

    public static string SkipReason => $"No Chromium at {Chromium}: `apt-get install chromium` to run the browser tests (CI sets CATALOG_REQUIRE_BROWSER=1 and runs them).";

    public async Task InitializeAsync()
    {
        Api.StartServer();
        Address = Api.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single().TrimEnd('/');
        Api.BaseAddress = new Uri(Address);
        if (!Available)
        {
            return;
        }

        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new() { ExecutablePath = Chromium, Headless = true, Args = ["--no-sandbox", "--disable-background-networking"] });
    }

    /// <summary>A fresh browser context (its own cookies) and page, as a person at their own computer, phone-sized or not.</summary>
    public async Task<BrowserPage> OpenAsync(int width = 1100, int height = 900)
    {
        Skip.IfNot(Available, SkipReason);
        var context = await _browser!.NewContextAsync(new() { BaseURL = Address, ViewportSize = new() { Width = width, Height = height } });
        var page = await context.NewPageAsync();
        return new BrowserPage(context, page);
    }

    public async Task DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.DisposeAsync();
        }

        _playwright?.Dispose();
        await Api.DisposeAsync();
    }
}

/// <summary>
/// One person's browser: the page, and what the browser complained about (a policy violation, a failed load), which
/// a portal page must never cause.
/// </summary>
public sealed class BrowserPage : IAsyncDisposable
{
    private readonly IBrowserContext _context;

    public BrowserPage(IBrowserContext context, IPage page)
    {
        _context = context;
        Page = page;
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                Complaints.Add(message.Text);
            }
        };
        page.Dialog += (_, dialog) => Complaints.Add("a script opened a dialog: " + dialog.Message);
        page.Response += (_, response) =>
        {
            if (response.Status >= 400 && response.Request.ResourceType != "document")
            {
                Complaints.Add($"{response.Status} for {response.Url}");
            }
        };
    }

    public IPage Page { get; }

    public List<string> Complaints { get; } = [];

    public IAPIRequestContext Requests => _context.APIRequest;

    public async Task SignInAsync(string key)
    {
        await Page.GotoAsync("/");
        await Page.GetByLabel("API key").FillAsync(key);
        await Page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
    }

    /// <summary>Saves a screenshot of the whole page under the folder named by <see cref="PortalBrowser.ScreenshotsVariable"/>, when it is set.</summary>
    public async Task ScreenshotAsync(string name)
    {
        if (Environment.GetEnvironmentVariable(PortalBrowser.ScreenshotsVariable) is not { Length: > 0 } folder)
        {
            return;
        }

        // A relative folder is the repository's (docs/portal), not the test run's.
        if (!Path.IsPathRooted(folder))
        {
            var root = new DirectoryInfo(AppContext.BaseDirectory);
            while (root is not null && !File.Exists(Path.Combine(root.FullName, "Catalog.sln")))
            {
                root = root.Parent;
            }

            folder = Path.Combine(root?.FullName ?? Directory.GetCurrentDirectory(), folder);
        }

        Directory.CreateDirectory(folder);
        await Page.ScreenshotAsync(new() { Path = Path.Combine(folder, name + ".png"), FullPage = true });
    }

    public async ValueTask DisposeAsync() => await _context.DisposeAsync();
}
