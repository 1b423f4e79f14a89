using System.Globalization;
using System.Text;
using Catalog.Api.Domain.Common;
using Catalog.Api.Domain.Delivery;
using NodaTime;

namespace Catalog.Api.Infrastructure.Figures;

/// <summary>
/// Twelve months of availability against the promise as a small inline SVG: a bar per month (green kept, red missed,
/// grey not measured) and the promised level as a dashed line. Drawn with presentation attributes only, so the page's
/// strict content security policy needs no exception for it.
/// </summary>
internal static class AttainmentChart
{
    private const int Width = 640;
    private const int Height = 220;
    private const int Left = 56;
    private const int Right = 12;
    private const int Top = 18;
    private const int Bottom = 34;
    private static readonly CultureInfo Invariant = SvgMarkup.Invariant;

    public static string? Svg(string service, IReadOnlyList<ReviewGlance> months)
    {
        var charted = months.Where(m => m.Target is not null).ToList();
        if (charted.Count == 0)
        {
            return null;
        }

        // The scale starts a little below the lowest figure shown, in whole tenths, so a miss of 0.1 points is visible.
        var lowest = charted.Select(m => Math.Min(m.Target!.Value, m.Achieved ?? m.Target!.Value)).Min();
        var floor = Math.Max(0m, Math.Floor((lowest - 0.1m) * 10m) / 10m);
        var plotWidth = Width - Left - Right;
        var plotHeight = Height - Top - Bottom;
        var slot = (decimal)plotWidth / charted.Count;
        decimal Y(decimal value) => Top + (plotHeight * (100m - Math.Clamp(value, floor, 100m)) / (100m - floor));

        var svg = new StringBuilder();
        var label = $"{service}: availability over the last {charted.Count} months against the promise";
        svg.Append(SvgMarkup.Open(Width, Height, label));
        foreach (var tick in new[] { floor, (floor + 100m) / 2m, 100m })
        {
            svg.Append(Invariant, $"<line x1=\"{Left}\" x2=\"{Width - Right}\" y1=\"{Y(tick):0.#}\" y2=\"{Y(tick):0.#}\" stroke=\"#d0d7de\" stroke-width=\"1\"/>");
            svg.Append(Invariant, $"<text x=\"{Left - 6}\" y=\"{Y(tick) + 4:0.#}\" text-anchor=\"end\" font-family=\"sans-serif\" font-size=\"11\" fill=\"#57606a\">{tick:0.##}%</text>");
        }

        var promise = new StringBuilder();
        for (var i = 0; i < charted.Count; i++)
        {
            var month = charted[i];
            var x = Left + (slot * i);
            var bar = slot * 0.6m;
            var fill = month.Met switch { true => "#2da44e", false => "#cf222e", null => "#afb8c1" };
            var achieved = month.Achieved ?? floor;
            svg.Append(Invariant, $"<rect x=\"{x + (slot * 0.2m):0.#}\" y=\"{Y(achieved):0.#}\" width=\"{bar:0.#}\" height=\"{Top + plotHeight - Y(achieved):0.#}\" fill=\"{fill}\">");
            svg.Append(Invariant, $"<title>{Encode(Describe(month))}</title></rect>");
            svg.Append(Invariant, $"<text x=\"{x + (slot / 2):0.#}\" y=\"{Height - 18}\" text-anchor=\"middle\" font-family=\"sans-serif\" font-size=\"11\" fill=\"#57606a\">{Name(month.Month, "MMM")}</text>");
            svg.Append(Invariant, $"<text x=\"{x + (slot / 2):0.#}\" y=\"{Height - 5}\" text-anchor=\"middle\" font-family=\"sans-serif\" font-size=\"10\" fill=\"#8c959f\">{Name(month.Month, "yyyy")}</text>");
            promise.Append(Invariant, $"{(i == 0 ? "M" : "L")}{x:0.#} {Y(month.Target!.Value):0.#} L{x + slot:0.#} {Y(month.Target!.Value):0.#} ");
        }

        svg.Append(Invariant, $"<path d=\"{promise.ToString().TrimEnd()}\" fill=\"none\" stroke=\"#0b3b5c\" stroke-width=\"2\" stroke-dasharray=\"6 4\"/>");
        svg.Append(Invariant, $"<text x=\"{Width - Right}\" y=\"{Top - 3}\" text-anchor=\"end\" font-family=\"sans-serif\" font-size=\"11\" fill=\"#0b3b5c\">dashed line: promised</text>");
        svg.Append("</svg>");
        return svg.ToString();
    }

    private static string Describe(ReviewGlance month) => month.Achieved is { } achieved
        ? string.Create(Invariant, $"{Short(month.Month)}: {achieved:0.##}% against {month.Target:0.####}% promised, {(month.Met == true ? "kept" : "missed")}")
        : string.Create(Invariant, $"{Short(month.Month)}: not measured, {month.Target:0.####}% promised");

    private static string Short(string period) => Name(period, "MMMM yyyy");

    private static string Name(string period, string pattern) =>
        CalendarMonth.Parse(period)!.Value.ToYearMonth().ToString(pattern, Invariant);

    private static string Encode(string text) => SvgMarkup.Encode(text);
}
