namespace Catalog.Api.Features.Customers;

public static class CustomersEndpoints
{
    public static IEndpointRouteBuilder MapCustomers(this IEndpointRouteBuilder app) => app;
}
