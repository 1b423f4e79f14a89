using Catalog.Api.Domain.Common;

namespace Catalog.Api.UnitTests.Domain.Common;

public class MarkdownTextTests
{
    [Theory]
    [InlineData("Corporate Email", "Corporate Email")]
    [InlineData("99.9% of the time, 07:00-22:00.", "99.9% of the time, 07:00-22:00.")]
    [InlineData("*bold* _it_ `code`", "\\*bold\\* \\_it\\_ \\`code\\`")]
    [InlineData("[link](http://x)", "\\[link\\](http://x)")]
    [InlineData("<img src=x onerror=alert(1)>", "\\<img src=x onerror=alert(1)\\>")]
    [InlineData("a | b ~~c~~ &amp; !", "a \\| b \\~\\~c\\~\\~ \\&amp; \\!")]
    [InlineData("# Heading", "\\# Heading")]
    [InlineData("- item", "\\- item")]
    [InlineData("+ item", "\\+ item")]
    [InlineData("> quote", "\\> quote")]
    [InlineData("12. ordered", "12\\. ordered")]
    [InlineData("3) ordered", "3\\) ordered")]
    [InlineData("first line\n\n# second", "first line \\# second")]
    [InlineData("", "")]
    public void Escape_UserText_ReadsAsTheWordsItIs(string text, string expected) => Assert.Equal(expected, MarkdownText.Escape(text));

    [Fact]
    public void Escape_Null_IsEmpty() => Assert.Equal(string.Empty, MarkdownText.Escape(null));
}
