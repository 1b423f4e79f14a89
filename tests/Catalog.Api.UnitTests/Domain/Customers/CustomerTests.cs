using Catalog.Api.Domain.Common;
using Catalog.Api.Domain.Customers;
using static Catalog.Api.UnitTests.TestData;

namespace Catalog.Api.UnitTests.Domain.Customers;

public class CustomerTests
{
    [Fact]
    public void Create_ValidKey_KeepsDetailsAtVersionOne()
    {
        var customer = Customer.Create("finance", new CustomerDetails("Finance", "CC-1000", "finance@example.com", "UTC"), T0);

        Assert.NotEqual(Guid.Empty, customer.Id);
        Assert.Equal("finance", customer.Key);
        Assert.Equal("Finance", customer.Name);
        Assert.Equal("CC-1000", customer.CostCenter);
        Assert.Equal("finance@example.com", customer.ContactEmail);
        Assert.Equal(1, customer.Version);
        Assert.Equal(T0, customer.CreatedAt);
        Assert.Equal(T0, customer.UpdatedAt);
    }

    [Theory]
    [InlineData("Finance")]
    [InlineData("finance dept")]
    [InlineData("")]
    public void Create_InvalidKey_ThrowsInvalidKey(string key)
    {
        var error = Assert.Throws<DomainRuleException>(() => Customer.Create(key, new CustomerDetails("Finance", "CC-1000", "finance@example.com", "UTC"), T0));

        Assert.Equal("invalid-key", error.Code);
    }

    [Fact]
    public void Update_NewDetails_ReplacesThemAndBumpsVersion()
    {
        var customer = NewCustomer();

        customer.Update(new CustomerDetails("Group finance", "CC-2000", "group-finance@example.com", "UTC"), T1);

        Assert.Equal("Group finance", customer.Name);
        Assert.Equal("CC-2000", customer.CostCenter);
        Assert.Equal("group-finance@example.com", customer.ContactEmail);
        Assert.Equal(2, customer.Version);
        Assert.Equal(T1, customer.UpdatedAt);
        Assert.Equal(T0, customer.CreatedAt);
        Assert.Equal("finance", customer.Key);
    }
}
