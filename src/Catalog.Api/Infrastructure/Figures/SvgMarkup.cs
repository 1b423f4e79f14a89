using System.Globalization;
using System.Net;

namespace Catalog.Api.Infrastructure.Figures;

/// <summary>
/// What the application's figures share: drawn on the server as inline SVG with presentation attributes only (no style
/// attribute, no script), so a page's strict content security policy needs no exception; every text a person typed is
/// encoded; numbers are written the same in every culture.
/// </summary>
internal static class SvgMarkup
{
    public const string Font = "system-ui, sans-serif";

    public static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    public static string Encode(string text) => WebUtility.HtmlEncode(text);

    /// <summary>The opening tag of a figure scaled to its container, with its accessible name, and the name again as its title.</summary>
    public static string Open(int width, int height, string label) =>
        string.Create(Invariant, $"<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {width} {height}\" width=\"{width}\" height=\"{height}\" role=\"img\" aria-label=\"{Encode(label)}\"><title>{Encode(label)}</title>");

    /// <summary>A line of text; <paramref name="content"/> is encoded here.</summary>
    public static string Text(decimal x, decimal y, string content, string anchor = "start", int size = 11, string fill = "#57606a", string weight = "normal") =>
        string.Create(Invariant, $"<text x=\"{x:0.#}\" y=\"{y:0.#}\" text-anchor=\"{anchor}\" font-family=\"{Font}\" font-size=\"{size}\" font-weight=\"{weight}\" fill=\"{fill}\">{Encode(content)}</text>");

    /// <summary>The text cut to <paramref name="length"/> characters with an ellipsis, for a box of fixed width.</summary>
    public static string Fit(string text, int length) => text.Length <= length ? text : text[..(length - 1)].TrimEnd() + "…";
}
