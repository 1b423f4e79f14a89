using Catalog.Api.Domain.Common;

namespace Catalog.Api.UnitTests.Domain.Common;

public class SlugAndCurrencyTests
{
    [Theory]
    [InlineData("a")]
    [InlineData("mail")]
    [InlineData("mail-box-2")]
    [InlineData("24x7")]
    [InlineData("0")]
    public void SlugIsValid_LowerCaseSlug_ReturnsTrue(string value)
    {
        Assert.True(Slug.IsValid(value));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData(" ")]
    [InlineData("Mail")]
    [InlineData("mail box")]
    [InlineData(" mail")]
    [InlineData("mail_box")]
    [InlineData("mail.box")]
    [InlineData("-mail")]
    [InlineData("mail-")]
    [InlineData("mail--box")]
    [InlineData("-")]
    [InlineData("märz")]
    [InlineData("ｍail")]
    [InlineData("mail\n")]
    public void SlugIsValid_NotASlug_ReturnsFalse(string? value)
    {
        Assert.False(Slug.IsValid(value));
    }

    [Fact]
    public void SlugIsValid_AtMaxLength_ReturnsTrue()
    {
        Assert.Equal(64, Slug.MaxLength);
        Assert.True(Slug.IsValid(new string('a', Slug.MaxLength)));
    }

    [Fact]
    public void SlugIsValid_OverMaxLength_ReturnsFalse()
    {
        Assert.False(Slug.IsValid(new string('a', Slug.MaxLength + 1)));
    }

    [Theory]
    [InlineData("EUR")]
    [InlineData("USD")]
    [InlineData("GBP")]
    [InlineData("CHF")]
    [InlineData("JPY")]
    [InlineData("XCG")]
    [InlineData("ZWG")]
    public void CurrencyIsActive_Iso4217Code_ReturnsTrue(string code)
    {
        Assert.True(CurrencyCodes.IsActive(code));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("eur")]
    [InlineData("Eur")]
    [InlineData(" EUR")]
    [InlineData("EURO")]
    [InlineData("XYZ")]
    [InlineData("DEM")]
    [InlineData("HRK")]
    [InlineData("XAU")]
    [InlineData("XXX")]
    [InlineData("CHE")]
    public void CurrencyIsActive_NotAnActiveCode_ReturnsFalse(string? code)
    {
        Assert.False(CurrencyCodes.IsActive(code));
    }
}
