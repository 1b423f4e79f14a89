namespace Catalog.Api.Domain.Negotiation;

/// <summary>
/// Who a proposal, and the agreement it leads to, is for: a customer (a service level agreement) or a service that
/// depends on the proposal's service (an operational level agreement). Always exactly one of the two.
/// </summary>
public sealed record Consumer
{
    private Consumer(Guid? customerId, Guid? serviceId)
    {
        CustomerId = customerId;
        ServiceId = serviceId;
    }

    public Guid? CustomerId { get; }

    /// <summary>The dependent service of an operational level agreement.</summary>
    public Guid? ServiceId { get; }

    public bool IsService => ServiceId is not null;

    public static Consumer ForCustomer(Guid customerId) => new(customerId, null);

    public static Consumer ForService(Guid serviceId) => new(null, serviceId);

    /// <summary>The consumer two stored columns name; anything but exactly one of them is a broken row.</summary>
    public static Consumer Of(Guid? customerId, Guid? serviceId) => (customerId, serviceId) switch
    {
        ({ } customer, null) => ForCustomer(customer),
        (null, { } service) => ForService(service),
        _ => throw new InvalidOperationException($"A consumer is a customer or a service, exactly one; got customer {customerId} and service {serviceId}."),
    };
}
