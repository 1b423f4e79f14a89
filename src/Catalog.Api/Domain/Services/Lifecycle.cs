namespace Catalog.Api.Domain.Services;

public enum Lifecycle
{
    Pipeline,
    Live,
    Retired,
}
