using System.Net;
using Catalog.Api.Infrastructure.Auth;
using Catalog.Api.IntegrationTests.Infrastructure;
using Catalog.Api.IntegrationTests.Infrastructure.Databases;
using Catalog.Api.Portal;

namespace Catalog.Api.IntegrationTests.Portal;

/// <summary>Signing in and out of the portal over HTTP: the cookie's attributes, the pages' headers, revocation, forms.</summary>
public sealed class PortalSessionTests(CatalogApiFactory factory) : IClassFixture<CatalogApiFactory>
{
    private readonly Scenario _scenario = new(factory);

    [SkippableFact]
    public async Task SignIn_WithAKey_SetsAnHttpOnlySameSiteStrictSessionCookieAndGoesToTheCatalog()
    {
        var key = await _scenario.IssueKeyAsync("it-lead");
        var client = factory.Browser();

        var response = await client.SignInAsync(key);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(PortalNavigation.Home, response.Headers.Location?.OriginalString);
        var cookie = response.SetCookie(PortalSession.CookieName).ToLowerInvariant();
        Assert.Contains("httponly", cookie, StringComparison.Ordinal);
        Assert.Contains("samesite=strict", cookie, StringComparison.Ordinal);
        Assert.Contains("path=/", cookie, StringComparison.Ordinal);
        Assert.DoesNotContain("secure", cookie, StringComparison.Ordinal); // plain HTTP: the same as the request
        Assert.DoesNotContain(key, cookie, StringComparison.Ordinal);
        var catalog = await client.GetAsync(PortalNavigation.Home);
        Assert.Equal(HttpStatusCode.OK, catalog.StatusCode);
    }

    [SkippableFact]
    public async Task SignIn_OverHttps_MarksTheCookieSecure()
    {
        var key = await _scenario.IssueKeyAsync("it-lead");

        var response = await factory.Browser("https://localhost").SignInAsync(key);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("secure", response.SetCookie(PortalSession.CookieName), StringComparison.OrdinalIgnoreCase);
    }

    [SkippableFact]
    public async Task SignIn_WithAnUnknownKey_SaysSoAndStartsNoSession()
    {
        var client = factory.Browser();

        var response = await client.SignInAsync("cat_not-a-key-that-anyone-was-given");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains("unknown or has been revoked", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(string.Empty, response.SetCookie(PortalSession.CookieName));
    }

    [SkippableFact]
    public async Task PortalPage_WithoutASession_RedirectsToSignInAndBack()
    {
        var response = await factory.Browser().GetAsync("/portal/agreements");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/?returnUrl=%2Fportal%2Fagreements", response.Headers.Location?.PathAndQuery);
    }

    [SkippableFact]
    public async Task PortalPage_Always_SendsAStrictContentSecurityPolicyAndNoStore()
    {
        var signedIn = await factory.SignedInAsync(await _scenario.IssueKeyAsync("it-lead"));
        var anonymous = factory.Browser();

        foreach (var (client, path) in new[] { (anonymous, "/"), (signedIn, PortalNavigation.Home), (signedIn, "/portal/nowhere") })
        {
            var response = await client.GetAsync(path);
            var html = await response.Content.ReadAsStringAsync();

            Assert.True(response.Headers.Contains("Content-Security-Policy"), $"{path} answered {(int)response.StatusCode} without a policy.");
            Assert.Equal(PortalSetup.ContentSecurityPolicy, string.Join(", ", response.Headers.GetValues("Content-Security-Policy")));
            Assert.Equal("no-store", response.Headers.CacheControl?.ToString());
            Assert.Equal("nosniff", string.Join(", ", response.Headers.GetValues("X-Content-Type-Options")));
            Assert.Equal("DENY", string.Join(", ", response.Headers.GetValues("X-Frame-Options")));
            Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
            Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain(" style=", html, StringComparison.OrdinalIgnoreCase);
            Assert.Contains("<meta name=\"viewport\"", html, StringComparison.Ordinal);
        }
    }

    [SkippableFact]
    public async Task Stylesheet_Anonymous_IsServedFromTheApp()
    {
        var response = await factory.Browser().GetAsync("/portal/portal.css");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/css", response.Content.Headers.ContentType?.MediaType);
    }

    [SkippableFact]
    public async Task UnknownPortalAddress_SignedIn_IsTheNotFoundPage()
    {
        var client = await factory.SignedInAsync(await _scenario.IssueKeyAsync("it-lead"));

        var response = await client.GetAsync($"/portal/agreements/{Guid.NewGuid()}");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("<h1>Not found</h1>", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task SignOut_WithTheFormToken_EndsTheSession()
    {
        var client = await factory.SignedInAsync(await _scenario.IssueKeyAsync("it-lead"));

        var signOut = await client.PostFormAsync(PortalNavigation.Home, "/portal/sign-out", new Dictionary<string, string>());

        Assert.Equal(HttpStatusCode.Redirect, signOut.StatusCode);
        Assert.Equal("/", signOut.Headers.Location?.OriginalString);
        Assert.Contains("expires=Thu, 01 Jan 1970", signOut.SetCookie(PortalSession.CookieName), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync(PortalNavigation.Home)).StatusCode);
    }

    [SkippableFact]
    public async Task SignOut_WithoutTheFormToken_IsRefusedWith400AndKeepsTheSession()
    {
        var client = await factory.SignedInAsync(await _scenario.IssueKeyAsync("it-lead"));

        var forged = await client.PostAsync("/portal/sign-out", new FormUrlEncodedContent(new Dictionary<string, string>()));

        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.Contains("The form could not be accepted", await forged.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(PortalNavigation.Home)).StatusCode);
    }

    [SkippableFact]
    public async Task Session_OfARevokedKey_EndsAtTheNextRequest()
    {
        var key = await (await _scenario.Admin.PostJsonAsync("/api/v1/api-keys", new { name = "Revoked soon", role = "it-lead" })).ExpectAsync(HttpStatusCode.Created);
        var client = await factory.SignedInAsync(key["key"].Value<string>());
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(PortalNavigation.Home)).StatusCode);

        await (await _scenario.Admin.DeleteAsync($"/api/v1/api-keys/{key.Id()}")).ExpectAsync(HttpStatusCode.NoContent);

        var after = await client.GetAsync(PortalNavigation.Home);
        Assert.Equal(HttpStatusCode.Redirect, after.StatusCode);
        Assert.StartsWith("/?returnUrl=", after.Headers.Location?.PathAndQuery, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task Session_StartedOnOneInstance_IsAcceptedByAnotherAndAfterARestart()
    {
        using var database = TestDatabase.Create();
        string cookie;
        using (var first = new CatalogApiFactory(database, null))
        {
            var key = await new Scenario(first).IssueKeyAsync("it-lead");
            var signIn = await first.Browser().SignInAsync(key);
            cookie = signIn.SetCookie(PortalSession.CookieName).Split(';')[0];
            using var second = new CatalogApiFactory(database, null);
            Assert.Equal(HttpStatusCode.OK, (await GetWithCookieAsync(second, cookie)).StatusCode);
        }

        using var restarted = new CatalogApiFactory(database, null);
        Assert.Equal(HttpStatusCode.OK, (await GetWithCookieAsync(restarted, cookie)).StatusCode);
    }

    private static async Task<HttpResponseMessage> GetWithCookieAsync(CatalogApiFactory instance, string cookie)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, PortalNavigation.Home);
        request.Headers.Add("Cookie", cookie);
        return await instance.Browser().SendAsync(request);
    }
}
