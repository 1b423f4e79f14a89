using Catalog.Api.Domain.Services;
using Catalog.Api.Features.Services;
using FluentValidation.Results;

namespace Catalog.Api.UnitTests.Features.Services;

public class ServiceInputValidatorTests
{
    private static readonly ServiceInput Valid = new()
    {
        Key = "mail",
        Name = "Mail",
        Summary = "Send and receive e-mail from anywhere.",
        Description = "Exchange Online with archiving.",
        Category = "communication",
        Owner = new OwnerInput("Messaging", "messaging@example.com"),
        Kind = ServiceKind.Business,
        DependsOn = [new Guid("0190f0b4-0000-7000-8000-000000000001"), new Guid("0190f0b4-0000-7000-8000-000000000002")],
        Cost = new CostInput("mailbox", 4.20m, "EUR"),
        Alternatives = [new AlternativeInput("Hosted mail", 3.10m, "USD", "per seat")],
    };

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Validate_CompleteInput_Passes(bool keyRequired)
    {
        var result = Validate(Valid, keyRequired);

        Assert.True(result.IsValid, string.Join("; ", result.Errors.Select(e => $"{e.PropertyName}: {e.ErrorMessage}")));
    }

    [Fact]
    public void Validate_MinimalInput_Passes()
    {
        var input = Valid with { Description = null, DependsOn = null, Alternatives = null };

        Assert.True(Validate(input, keyRequired: true).IsValid);
    }

    [Fact]
    public void Validate_ZeroCost_Passes()
    {
        Assert.True(Validate(Valid with { Cost = new CostInput("mailbox", 0m, "EUR") }, keyRequired: true).IsValid);
    }

    [Fact]
    public void Validate_MissingKeyWhenRequired_FailsOnKey()
    {
        AssertFailsOnly(Valid with { Key = null }, keyRequired: true, "Key");
    }

    [Fact]
    public void Validate_MissingKeyWhenOptional_Passes()
    {
        Assert.True(Validate(Valid with { Key = null }, keyRequired: false).IsValid);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Validate_EmptyKey_FailsOnKey(bool keyRequired)
    {
        AssertFailsOnly(Valid with { Key = "" }, keyRequired, "Key");
    }

    [Theory]
    [InlineData("Mail")]
    [InlineData("mail box")]
    [InlineData("mail_box")]
    [InlineData("mail-")]
    public void Validate_BadSlug_FailsOnKey(string key)
    {
        AssertFailsOnly(Valid with { Key = key }, keyRequired: false, "Key");
    }

    [Fact]
    public void Validate_KeyOverMaxLength_FailsOnKey()
    {
        AssertFailsOnly(Valid with { Key = new string('a', 65) }, keyRequired: true, "Key");
    }

    [Fact]
    public void Validate_EmptyInput_FailsOnEveryRequiredField()
    {
        var result = Validate(new ServiceInput(), keyRequired: true);

        Assert.Equal(
            ["Category", "Cost", "Key", "Kind", "Name", "Owner", "Summary"],
            result.Errors.Select(e => e.PropertyName).Distinct().Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void Validate_BlankName_FailsOnName(string? name)
    {
        AssertFailsOnly(Valid with { Name = name }, keyRequired: true, "Name");
    }

    [Fact]
    public void Validate_BlankSummary_FailsOnSummary()
    {
        AssertFailsOnly(Valid with { Summary = " " }, keyRequired: true, "Summary");
    }

    [Fact]
    public void Validate_MissingCategory_FailsOnCategory()
    {
        AssertFailsOnly(Valid with { Category = null }, keyRequired: true, "Category");
    }

    [Fact]
    public void Validate_NameTooLong_FailsOnName()
    {
        AssertFailsOnly(Valid with { Name = new string('n', 201) }, keyRequired: true, "Name");
    }

    [Fact]
    public void Validate_DescriptionTooLong_FailsOnDescription()
    {
        AssertFailsOnly(Valid with { Description = new string('d', 8001) }, keyRequired: true, "Description");
    }

    [Fact]
    public void Validate_MissingOwner_FailsOnOwner()
    {
        AssertFailsOnly(Valid with { Owner = null }, keyRequired: true, "Owner");
    }

    [Fact]
    public void Validate_OwnerWithoutTeamOrContact_FailsOnBoth()
    {
        AssertFailsOnly(Valid with { Owner = new OwnerInput(null, "") }, keyRequired: true, "Owner.Contact", "Owner.Team");
    }

    [Fact]
    public void Validate_MissingKind_FailsOnKind()
    {
        AssertFailsOnly(Valid with { Kind = null }, keyRequired: true, "Kind");
    }

    [Fact]
    public void Validate_UndefinedKind_FailsOnKind()
    {
        AssertFailsOnly(Valid with { Kind = (ServiceKind)42 }, keyRequired: true, "Kind");
    }

    [Fact]
    public void Validate_DuplicateDependsOn_FailsOnDependsOn()
    {
        var id = new Guid("0190f0b4-0000-7000-8000-000000000001");

        var result = AssertFailsOnly(Valid with { DependsOn = [id, id] }, keyRequired: true, "DependsOn");

        Assert.Contains(result.Errors, e => e.ErrorMessage.Contains("more than once", StringComparison.Ordinal));
    }

    [Fact]
    public void Validate_EmptyGuidInDependsOn_FailsOnThatItem()
    {
        AssertFailsOnly(Valid with { DependsOn = [Guid.Empty] }, keyRequired: true, "DependsOn[0]");
    }

    [Fact]
    public void Validate_TooManyDependencies_FailsOnDependsOn()
    {
        var ids = DistinctIds(ServiceInputValidator.MaxDependencies + 1);

        AssertFailsOnly(Valid with { DependsOn = ids }, keyRequired: true, "DependsOn");
    }

    [Fact]
    public void Validate_MaxDependencies_Passes()
    {
        var ids = DistinctIds(ServiceInputValidator.MaxDependencies);

        Assert.True(Validate(Valid with { DependsOn = ids }, keyRequired: true).IsValid);
    }

    [Fact]
    public void Validate_MissingCost_FailsOnCost()
    {
        AssertFailsOnly(Valid with { Cost = null }, keyRequired: true, "Cost");
    }

    [Fact]
    public void Validate_EmptyCost_FailsOnEachCostField()
    {
        AssertFailsOnly(Valid with { Cost = new CostInput(null, null, null) }, keyRequired: true, "Cost.Currency", "Cost.Unit", "Cost.UnitCostPerMonth");
    }

    [Fact]
    public void Validate_NegativeCost_FailsOnUnitCostPerMonth()
    {
        AssertFailsOnly(Valid with { Cost = new CostInput("mailbox", -0.01m, "EUR") }, keyRequired: true, "Cost.UnitCostPerMonth");
    }

    [Fact]
    public void Validate_CostAboveCeiling_FailsOnUnitCostPerMonth()
    {
        AssertFailsOnly(Valid with { Cost = new CostInput("mailbox", 1_000_000_000.01m, "EUR") }, keyRequired: true, "Cost.UnitCostPerMonth");
    }

    [Theory]
    [InlineData("XYZ")]
    [InlineData("eur")]
    [InlineData("EURO")]
    public void Validate_BadCurrency_FailsOnCurrency(string currency)
    {
        AssertFailsOnly(Valid with { Cost = new CostInput("mailbox", 4.20m, currency) }, keyRequired: true, "Cost.Currency");
    }

    [Fact]
    public void Validate_BadAlternative_FailsOnItsFields()
    {
        var input = Valid with
        {
            Alternatives = [new AlternativeInput("Fine", 1m, "EUR", null), new AlternativeInput("", -1m, "ABC", new string('n', 1001))],
        };

        AssertFailsOnly(input, keyRequired: true, "Alternatives[1].Currency", "Alternatives[1].Name", "Alternatives[1].Note", "Alternatives[1].UnitCostPerMonth");
    }

    [Fact]
    public void Validate_TooManyAlternatives_FailsOnAlternatives()
    {
        var alternatives = Enumerable.Range(0, ServiceInputValidator.MaxAlternatives + 1).Select(i => new AlternativeInput($"Option {i}", 1m, "EUR", null)).ToList();

        AssertFailsOnly(Valid with { Alternatives = alternatives }, keyRequired: true, "Alternatives");
    }

    private static List<Guid> DistinctIds(int count) =>
        Enumerable.Range(1, count).Select(n => new Guid($"0190f0b4-0000-7000-8000-{n:D12}")).ToList();

    private static ValidationResult Validate(ServiceInput input, bool keyRequired) => new ServiceInputValidator(keyRequired).Validate(input);

    private static ValidationResult AssertFailsOnly(ServiceInput input, bool keyRequired, params string[] properties)
    {
        var result = Validate(input, keyRequired);

        Assert.False(result.IsValid);
        Assert.Equal(properties.Order(StringComparer.Ordinal), result.Errors.Select(e => e.PropertyName).Distinct().Order(StringComparer.Ordinal));
        return result;
    }
}
