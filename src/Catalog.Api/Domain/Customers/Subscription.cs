using Catalog.Api.Domain.Common;
using Catalog.Api.Domain.Services;

namespace Catalog.Api.Domain.Customers;

/// <summary>
/// How many units of a service (mailboxes, users, report runs…) a customer consumes. Charges are computed
/// from it. Ending consumption sets the units to zero; the record stays, because charges and history refer to it.
/// </summary>
public sealed class Subscription
{
    private Subscription()
    {
    }

    public Guid CustomerId { get; private set; }

    public Guid ServiceId { get; private set; }

    public int Units { get; private set; }

    public DateTime CreatedAt { get; private set; }

    public DateTime UpdatedAt { get; private set; }

    public int Version { get; private set; }

    public static Subscription Start(Customer customer, Service service, int units, DateTime now)
    {
        if (!service.AcceptsNewWork)
        {
            throw new DomainRuleException(
                "service-not-live",
                $"Service '{service.Key}' is {service.Lifecycle.ToString().ToLowerInvariant()}; only live services take new subscriptions.");
        }

        var subscription = new Subscription { CustomerId = customer.Id, ServiceId = service.Id, CreatedAt = now };
        subscription.Set(units, now);
        return subscription;
    }

    public void ChangeUnits(Service service, int units, DateTime now)
    {
        if (service.Id != ServiceId)
        {
            throw new ArgumentException($"This subscription is to service {ServiceId}, not {service.Id}.", nameof(service));
        }

        if (service.Lifecycle == Lifecycle.Retired && units > Units)
        {
            throw new DomainRuleException("service-retired", $"Service '{service.Key}' is retired; its subscriptions can only shrink.");
        }

        Set(units, now);
    }

    private void Set(int units, DateTime now)
    {
        if (units < 0)
        {
            throw new DomainRuleException("negative-units", "Units cannot be negative.");
        }

        Units = units;
        UpdatedAt = now;
        Version++;
    }
}
