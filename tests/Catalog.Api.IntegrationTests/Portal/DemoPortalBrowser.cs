namespace Catalog.Api.IntegrationTests.Portal;

/// <summary>The portal in a browser, on the demo organisation (what the README's screenshots show).</summary>
public sealed class DemoPortalBrowser() : PortalBrowser(new Dictionary<string, string?> { ["Demo:Seed"] = "true" });
