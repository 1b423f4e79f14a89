using Catalog.Api.Domain.Services;
using Catalog.Api.Features.Customers;
using Catalog.Api.Features.Services;
using Catalog.Api.Infrastructure.Auth;
using Catalog.Api.Infrastructure.Figures;
using Catalog.Api.Infrastructure.Http;
using Catalog.Api.Infrastructure.Problems;
using MediatR;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Catalog.Api.Portal.Pages.ServiceCatalog;

/// <summary>
/// One service: what it is, what it costs for the reader's own number of units beside what else could be bought, and
/// a picture of what it relies on and what relies on it.
/// </summary>
public sealed class ServiceModel(IMediator mediator, Actor actor) : PageModel
{
    /// <summary>How many units to price, when the reader asks for another number than its own.</summary>
    [BindProperty(SupportsGet = true)]
    public int? Units { get; set; }

    public ServiceResponse Service { get; private set; } = null!;

    /// <summary>The business unit's own units of the service; null for a reader who is not one, or does not use it.</summary>
    public int? OwnUnits { get; private set; }

    public GetCostComparison.CostComparisonResponse Comparison { get; private set; } = null!;

    public GetServiceImpact.ImpactResponse Impact { get; private set; } = null!;

    /// <summary>The dependency figure, drawn on the server from numbers and escaped names.</summary>
    public string Figure { get; private set; } = string.Empty;

    public async Task OnGetAsync(Guid id, CancellationToken cancellationToken)
    {
        Service = await mediator.Send(new GetService.Query(id), cancellationToken);
        if (actor.Role == Domain.ApiKeys.ApiRole.Customer && actor.CustomerId is { } customerId)
        {
            var subscriptions = await mediator.Send(new ListSubscriptions.Query(customerId, new PageRequest(PageRequest.MaxLimit, null)), cancellationToken);
            OwnUnits = subscriptions.Items.FirstOrDefault(s => s.ServiceId == id)?.Units;
        }

        try
        {
            Comparison = await mediator.Send(new GetCostComparison.Query(id, Units ?? OwnUnits ?? 1), cancellationToken);
        }
        catch (FluentValidation.ValidationException)
        {
            // A number out of range in the address: price one unit, and say which numbers work beside the form.
            ModelState.AddModelError(nameof(Units), $"Enter a whole number from 1 to {GetCostComparison.MaxUnits:#,0}.");
            Comparison = await mediator.Send(new GetCostComparison.Query(id, OwnUnits ?? 1), cancellationToken);
        }

        Impact = await mediator.Send(new GetServiceImpact.Query(id), cancellationToken);
        Figure = await FigureAsync(cancellationToken);
    }

    private async Task<string> FigureAsync(CancellationToken cancellationToken)
    {
        var reliesOn = new List<FigureNode>();
        foreach (var dependency in Service.DependsOn)
        {
            try
            {
                var supporting = await mediator.Send(new GetService.Query(dependency), cancellationToken);
                reliesOn.Add(new FigureNode(supporting.Id.ToString(), supporting.Name, CatalogModel.Describe(supporting.Kind), []));
            }
            catch (NotFoundException)
            {
                // Removed meanwhile: the figure shows what is there.
            }
        }

        var names = Impact.AffectedServices.ToDictionary(s => s.Id, s => s.Name);
        var reliedOnBy = Impact.AffectedServices.Where(s => s.Distance > 0 && s.Kind == ServiceKind.Business)
            .Select(s => new FigureNode(
                s.Id.ToString(),
                s.Name,
                s.Distance == 1 || s.Via is null ? CatalogModel.Describe(s.Kind) : $"through {names.GetValueOrDefault(s.Via.Value, "another service")}",
                [Service.Id.ToString()],
                Dashed: s.Distance > 1))
            .ToList();
        var customers = Impact.Customers
            .Select(c => new FigureNode(c.Id.ToString(), c.Name, Uses(c), c.ThroughServices.Select(s => s.ToString()).ToList()))
            .ToList();
        var service = new FigureNode(Service.Id.ToString(), Service.Name, CatalogModel.Describe(Service.Kind), []);
        return DependencyFigure.Svg(service, reliesOn, reliedOnBy, customers);
    }

    private static string Uses(GetServiceImpact.AffectedCustomer customer)
    {
        var through = customer.ThroughServices.Count;
        return through == 1 ? "uses 1 of these services" : $"uses {through} of these services";
    }
}
