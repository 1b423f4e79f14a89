using AutoMapper;
using AutoMapper.Internal;
using AutoMapper.QueryableExtensions;
using Catalog.Api.Domain.Services;
using Catalog.Api.Domain.Negotiation;
using Catalog.Api.Features.Services;
using Catalog.Api.Features.Webhooks;
using Catalog.Api.Infrastructure.Webhooks;
using Microsoft.Extensions.Logging.Abstractions;
using static Catalog.Api.UnitTests.TestData;

namespace Catalog.Api.UnitTests;

public class MappingConfigurationTests
{
    private static readonly MapperConfiguration Configuration =
        new(cfg => cfg.AddMaps(typeof(ServiceResponse).Assembly), NullLoggerFactory.Instance);

    [Fact]
    public void Configuration_AllProfilesInApi_IsValid()
    {
        Configuration.AssertConfigurationIsValid();
    }

    [Fact]
    public void Configuration_AllProfilesInApi_IncludeTheServiceMap()
    {
        // Guards the test above: an assembly scan that found no profile would be trivially valid.
        Assert.NotNull(Configuration.Internal().FindTypeMapFor<Service, ServiceResponse>());
    }

    [Fact]
    public void Map_Service_FillsEveryField()
    {
        var (service, storage, network) = ServiceWithDependencies();

        var response = Configuration.CreateMapper().Map<ServiceResponse>(service);

        AssertMapped(service, response);
        Assert.Equal(new[] { storage.Id, network.Id }.Order(), response.DependsOn);
    }

    [Fact]
    public void ProjectTo_Service_FillsEveryFieldAsMapDoes()
    {
        // Reads go through ProjectTo, which builds an expression rather than running the mapper.
        var (service, storage, network) = ServiceWithDependencies();

        var response = Assert.Single(new[] { service }.AsQueryable().ProjectTo<ServiceResponse>(Configuration).ToList());

        AssertMapped(service, response);
        Assert.Equal(new[] { storage.Id, network.Id }.Order(), response.DependsOn);
    }

    [Fact]
    public void ProjectTo_WebhookSubscription_FillsEveryFieldOfTheListedShape()
    {
        var subscription = Webhook();

        var response = Assert.Single(new[] { subscription }.AsQueryable().ProjectTo<WebhookResponse>(Configuration).ToList());

        Assert.IsNotType<CreatedWebhookResponse>(response);
        Assert.Equal(["proposal.agreed", "service.created"], response.EventTypes);
        Assert.Equal(
            (subscription.Id, "https://hooks.example.com/catalog", "Ops board", WebhookStatus.Active, (string?)null, (DateTime?)null, subscription.CreatedBy, T0, T0, 1),
            (response.Id, response.Url, response.Description, response.Status, response.DisabledReason, response.DisabledAt, response.CreatedBy, response.CreatedAt, response.UpdatedAt, response.Version));
    }

    [Fact]
    public void Map_NewWebhookSubscription_CarriesTheSecretOnlyInTheCreatedShape()
    {
        var subscription = Webhook();

        var created = Configuration.CreateMapper().Map<CreatedWebhookResponse>(subscription);

        Assert.Equal("whsec_c2VjcmV0", created.Secret);
        Assert.Equal((subscription.Id, subscription.Url, 1), (created.Id, created.Url, created.Version));
    }

    private static WebhookSubscription Webhook() => WebhookSubscription.Create(
        Guid.CreateVersion7(T0), new ActorRef(Guid.CreateVersion7(T0), "Integration", "integrator"), "https://hooks.example.com/catalog",
        ["service.created", "proposal.agreed"], " Ops board ", "whsec_c2VjcmV0", 0, T0);

    private static (Service Service, Service Storage, Service Network) ServiceWithDependencies()
    {
        var storage = NewService("storage", Lifecycle.Live);
        var network = NewService("network", Lifecycle.Live);
        var service = Service.Create(
            "mail",
            Details(alternatives: [new Alternative("Hosted mail", 3.10m, "USD", "per seat")]) with { Description = "Exchange Online." },
            [network, storage],
            T0);
        service.MoveTo(Lifecycle.Live, [storage, network], [], T2);
        return (service, storage, network);
    }

    private static void AssertMapped(Service service, ServiceResponse response)
    {
        Assert.Equal(service.Id, response.Id);
        Assert.Equal("mail", response.Key);
        Assert.Equal(service.Name, response.Name);
        Assert.Equal(service.Summary, response.Summary);
        Assert.Equal("Exchange Online.", response.Description);
        Assert.Equal(service.Category, response.Category);
        Assert.Equal(new OwnerResponse { Team = service.Owner.Team, Contact = service.Owner.Contact }, response.Owner);
        Assert.Equal(service.Kind, response.Kind);
        Assert.Equal(Lifecycle.Live, response.Lifecycle);
        Assert.Equal(new CostResponse { Unit = "mailbox", UnitCostPerMonth = 4.20m, Currency = "EUR" }, response.Cost);
        Assert.Equal(service.Alternatives, response.Alternatives);
        Assert.Equal(T0, response.CreatedAt);
        Assert.Equal(T2, response.UpdatedAt);
        Assert.Equal(service.Version, response.Version);
    }
}
