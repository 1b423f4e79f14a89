using Catalog.Api.Domain.Common;
using Catalog.Api.Features.Customers;
using Catalog.Api.Infrastructure.Auth;
using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Catalog.Api.Portal.Pages.Subscriptions;

/// <summary>What the business unit uses and what a month costs it: services by units, agreements by days, credits, net.</summary>
[Authorize(Roles = Roles.Customer)]
public sealed class SubscriptionsModel(IMediator mediator, Actor actor, TimeProvider clock) : PageModel
{
    /// <summary>YYYY-MM; this month when not given.</summary>
    [BindProperty(SupportsGet = true)]
    public string? Month { get; set; }

    public GetCharges.ChargesResponse Charges { get; private set; } = null!;

    public string MonthName { get; private set; } = string.Empty;

    public string Previous { get; private set; } = string.Empty;

    /// <summary>The month after, while it is not in the future.</summary>
    public string? Next { get; private set; }

    public bool IsThisMonth { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Charges = await mediator.Send(new GetCharges.Query(actor.CustomerId!.Value, Month), cancellationToken);
        var month = CalendarMonth.Parse(Charges.Month)!.Value;
        var now = clock.GetUtcNow().UtcDateTime;
        MonthName = Show.Month(month.Start);
        IsThisMonth = month == CalendarMonth.Of(now);
        Previous = CalendarMonth.Of(month.Start.AddMonths(-1)).ToString();
        Next = month.End <= now ? CalendarMonth.Of(month.End).ToString() : null;
    }
}
