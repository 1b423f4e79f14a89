using System.Globalization;
using Catalog.Api.Domain.Common;
using Catalog.Api.Domain.Services;

namespace Catalog.Api.UnitTests.Domain.Common;

public class MoneyTests
{
    [Theory]
    [InlineData("1.005", "1.01")]
    [InlineData("-1.005", "-1.01")]
    [InlineData("2.345", "2.35")]
    [InlineData("2.3449", "2.34")]
    [InlineData("7", "7")]
    public void Round_Amount_RoundsToCentsHalfAwayFromZero(string amount, string expected)
    {
        Assert.Equal(decimal.Parse(expected, CultureInfo.InvariantCulture), Money.Round(decimal.Parse(amount, CultureInfo.InvariantCulture)));
    }
}
