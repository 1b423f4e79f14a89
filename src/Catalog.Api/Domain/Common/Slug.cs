using System.Text.RegularExpressions;

namespace Catalog.Api.Domain.Common;

/// <summary>Keys are lower-case slugs: they appear in URLs, exports and other tools' configuration.</summary>
public static partial class Slug
{
    public const int MaxLength = 64;

    public static bool IsValid(string? value) =>
        value is { Length: > 0 and <= MaxLength } && Pattern().IsMatch(value);

    [GeneratedRegex("^[a-z0-9]+(?:-[a-z0-9]+)*\\z", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
