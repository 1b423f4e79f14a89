using Catalog.Api.Infrastructure.Auth;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Catalog.Api.Portal.Pages;

/// <summary>Ends the session: a POST (with the form's token), so no link on another site can sign a person out.</summary>
public sealed class SignOutModel : PageModel
{
    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        await PortalSession.SignOutAsync(HttpContext);
        return Redirect(PortalSession.SignInPath);
    }
}
