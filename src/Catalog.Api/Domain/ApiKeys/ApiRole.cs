namespace Catalog.Api.Domain.ApiKeys;

public enum ApiRole
{
    Admin,
    ItLead,
    Customer,
    Integrator,
}
