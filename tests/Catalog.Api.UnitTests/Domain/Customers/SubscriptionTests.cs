using Catalog.Api.Domain.Common;
using Catalog.Api.Domain.Customers;
using Catalog.Api.Domain.Services;
using static Catalog.Api.UnitTests.TestData;

namespace Catalog.Api.UnitTests.Domain.Customers;

public class SubscriptionTests
{
    [Fact]
    public void Start_LiveService_RecordsUnitsForCustomerAndService()
    {
        var customer = NewCustomer();
        var service = NewService(lifecycle: Lifecycle.Live);

        var subscription = Subscription.Start(customer, service, 25, T1);

        Assert.Equal(customer.Id, subscription.CustomerId);
        Assert.Equal(service.Id, subscription.ServiceId);
        Assert.Equal(25, subscription.Units);
        Assert.Equal(T1, subscription.CreatedAt);
        Assert.Equal(T1, subscription.UpdatedAt);
        Assert.Equal(1, subscription.Version);
    }

    [Fact]
    public void Start_ZeroUnits_IsAllowed()
    {
        var subscription = Subscription.Start(NewCustomer(), NewService(lifecycle: Lifecycle.Live), 0, T1);

        Assert.Equal(0, subscription.Units);
    }

    [Theory]
    [InlineData(Lifecycle.Pipeline)]
    [InlineData(Lifecycle.Retired)]
    public void Start_NonLiveService_ThrowsServiceNotLive(Lifecycle lifecycle)
    {
        var service = NewService(lifecycle: lifecycle);

        var error = Assert.Throws<DomainRuleException>(() => Subscription.Start(NewCustomer(), service, 5, T1));

        Assert.Equal("service-not-live", error.Code);
        Assert.Contains(lifecycle.ToString().ToLowerInvariant(), error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Start_NegativeUnits_ThrowsNegativeUnits()
    {
        var error = Assert.Throws<DomainRuleException>(() => Subscription.Start(NewCustomer(), NewService(lifecycle: Lifecycle.Live), -1, T1));

        Assert.Equal("negative-units", error.Code);
    }

    [Fact]
    public void ChangeUnits_LiveService_GrowsAndBumpsVersion()
    {
        var service = NewService(lifecycle: Lifecycle.Live);
        var subscription = Subscription.Start(NewCustomer(), service, 10, T1);

        subscription.ChangeUnits(service, 40, T2);

        Assert.Equal(40, subscription.Units);
        Assert.Equal(2, subscription.Version);
        Assert.Equal(T2, subscription.UpdatedAt);
        Assert.Equal(T1, subscription.CreatedAt);
    }

    [Fact]
    public void ChangeUnits_Negative_ThrowsNegativeUnitsAndKeepsUnits()
    {
        var service = NewService(lifecycle: Lifecycle.Live);
        var subscription = Subscription.Start(NewCustomer(), service, 10, T1);

        var error = Assert.Throws<DomainRuleException>(() => subscription.ChangeUnits(service, -5, T2));

        Assert.Equal("negative-units", error.Code);
        Assert.Equal(10, subscription.Units);
        Assert.Equal(1, subscription.Version);
    }

    [Theory]
    [InlineData(4)]
    [InlineData(0)]
    [InlineData(10)]
    public void ChangeUnits_RetiredServiceNotGrowing_IsAllowed(int units)
    {
        var service = NewService(lifecycle: Lifecycle.Live);
        var subscription = Subscription.Start(NewCustomer(), service, 10, T1);
        service.MoveTo(Lifecycle.Retired, [], [], T2);

        subscription.ChangeUnits(service, units, T3);

        Assert.Equal(units, subscription.Units);
        Assert.Equal(T3, subscription.UpdatedAt);
    }

    [Fact]
    public void ChangeUnits_RetiredServiceGrowing_ThrowsServiceRetired()
    {
        var service = NewService(lifecycle: Lifecycle.Live);
        var subscription = Subscription.Start(NewCustomer(), service, 10, T1);
        service.MoveTo(Lifecycle.Retired, [], [], T2);

        var error = Assert.Throws<DomainRuleException>(() => subscription.ChangeUnits(service, 11, T3));

        Assert.Equal("service-retired", error.Code);
        Assert.Equal(10, subscription.Units);
        Assert.Equal(1, subscription.Version);
    }
}
