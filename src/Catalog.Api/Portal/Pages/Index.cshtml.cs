using Catalog.Api.Infrastructure.Auth;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Catalog.Api.Portal.Pages;

/// <summary>Signing in with an API key, at <c>/</c>.</summary>
public sealed class SignInModel : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public bool Refused { get; private set; }

    public IActionResult OnGet() => User.Identity?.IsAuthenticated == true ? Redirect(Destination()) : Page();

    public async Task<IActionResult> OnPostAsync(string? key)
    {
        if (string.IsNullOrWhiteSpace(key) || !await PortalSession.SignInAsync(HttpContext, key))
        {
            Refused = true;
            Response.StatusCode = StatusCodes.Status401Unauthorized;
            return Page();
        }

        return Redirect(Destination());
    }

    // Only an address of this site, so a crafted sign-in link cannot send the person elsewhere afterwards.
    private string Destination() => Url.IsLocalUrl(ReturnUrl) && ReturnUrl != "/" ? ReturnUrl : PortalNavigation.Home;
}
