using Catalog.Api.Domain.Common;
using Catalog.Api.Features.Customers;
using Catalog.Api.Infrastructure.Auth;
using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Catalog.Api.Portal.Pages.Reviews;

/// <summary>The months the business unit can read a service review of: the last twelve it has existed in, newest first.</summary>
[Authorize(Roles = Roles.Customer)]
public sealed class ReviewsModel(IMediator mediator, Actor actor, TimeProvider clock) : PageModel
{
    public IReadOnlyList<CalendarMonth> Months { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var customer = await mediator.Send(new GetCustomer.Query(actor.CustomerId!.Value), cancellationToken);
        var first = CalendarMonth.Of(customer.CreatedAt);
        var month = CalendarMonth.Of(clock.GetUtcNow().UtcDateTime);
        var months = new List<CalendarMonth>();
        while (months.Count < 12 && month.Start >= first.Start)
        {
            months.Add(month);
            month = CalendarMonth.Of(month.Start.AddMonths(-1));
        }

        Months = months;
    }
}
