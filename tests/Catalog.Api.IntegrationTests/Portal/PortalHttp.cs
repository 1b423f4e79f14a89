using System.Net;
using System.Text.RegularExpressions;
using Catalog.Api.IntegrationTests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Catalog.Api.IntegrationTests.Portal;

/// <summary>Talks to the portal as a browser without JavaScript would: forms, their tokens, cookies, no redirects followed.</summary>
public static partial class PortalHttp
{
    /// <summary>A client that keeps cookies and shows redirects; not held to the API's document, which the portal is not part of.</summary>
    public static HttpClient Browser(this CatalogApiFactory factory, string baseAddress = "http://localhost") =>
        factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true, BaseAddress = new Uri(baseAddress) });

    /// <summary>The antiforgery token of the first form on the page.</summary>
    public static async Task<string> FormTokenAsync(this HttpClient client, string path)
    {
        var page = await client.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var match = TokenField().Match(await page.Content.ReadAsStringAsync());
        Assert.True(match.Success, $"{path} has no form token.");
        return WebUtility.HtmlDecode(match.Groups[1].Value);
    }

    /// <summary>Posts a form with the page's token, as the browser would.</summary>
    public static async Task<HttpResponseMessage> PostFormAsync(this HttpClient client, string formPage, string action, IDictionary<string, string> fields)
    {
        var withToken = new Dictionary<string, string>(fields) { ["__RequestVerificationToken"] = await client.FormTokenAsync(formPage) };
        return await client.PostAsync(action, new FormUrlEncodedContent(withToken));
    }

    /// <summary>Signs in with the key and returns the response (a redirect on success).</summary>
    public static Task<HttpResponseMessage> SignInAsync(this HttpClient client, string key) =>
        client.PostFormAsync("/", "/", new Dictionary<string, string> { ["key"] = key });

    /// <summary>A browser-like client signed in with the key.</summary>
    public static async Task<HttpClient> SignedInAsync(this CatalogApiFactory factory, string key, string baseAddress = "http://localhost")
    {
        var client = factory.Browser(baseAddress);
        var signIn = await client.SignInAsync(key);
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        return client;
    }

    public static string SetCookie(this HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues("Set-Cookie", out var values)
            ? values.SingleOrDefault(v => v.StartsWith(name + "=", StringComparison.Ordinal)) ?? string.Empty
            : string.Empty;

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenField();
}
