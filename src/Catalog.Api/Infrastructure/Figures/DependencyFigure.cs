using System.Globalization;
using System.Text;

namespace Catalog.Api.Infrastructure.Figures;

/// <summary>A box in the dependency figure: a service or a customer, with a second line (its kind, its units).</summary>
/// <param name="Key">What edges name it by (an id).</param>
/// <param name="Links">The keys of the boxes in the column before it that it is connected to.</param>
/// <param name="Dashed">Connected indirectly, through another service.</param>
internal sealed record FigureNode(string Key, string Name, string Detail, IReadOnlyList<string> Links, bool Dashed = false);

/// <summary>
/// A service among what it relies on and what relies on it, left to right: the services it needs, the service, the
/// business services that need it, and the customers who use those. Each box links to nothing (a figure, not a menu);
/// its full name is its title where the box cuts it short.
/// </summary>
internal static class DependencyFigure
{
    private const int BoxWidth = 176;
    private const int BoxHeight = 46;
    private const int Gap = 14;
    private const int ColumnGap = 54;
    private const int Top = 34;
    private const int MaxPerColumn = 8;
    private static readonly CultureInfo Invariant = SvgMarkup.Invariant;
    private static readonly string[] Headings = ["It relies on", "The service", "Services relying on it", "Customers using them"];

    public static string Svg(FigureNode service, IReadOnlyList<FigureNode> reliesOn, IReadOnlyList<FigureNode> reliedOnBy, IReadOnlyList<FigureNode> customers)
    {
        IReadOnlyList<FigureNode>[] columns = [Shown(reliesOn), [service], Shown(reliedOnBy), Shown(customers)];
        var rows = Math.Max(1, columns.Max(c => c.Count + (c.Count == 0 ? 1 : 0)));
        var width = (4 * BoxWidth) + (3 * ColumnGap) + 2;
        var height = Top + (rows * (BoxHeight + Gap)) + 18;
        var places = new Dictionary<(int Column, string Key), (decimal X, decimal Y)>();
        for (var c = 0; c < columns.Length; c++)
        {
            var x = 1 + (c * (BoxWidth + ColumnGap));
            var first = Top + ((rows - columns[c].Count) * (BoxHeight + Gap) / 2m);
            for (var r = 0; r < columns[c].Count; r++)
            {
                places[(c, columns[c][r].Key)] = (x, first + (r * (BoxHeight + Gap)));
            }
        }

        var label = $"{service.Name}: relies on {Count(reliesOn, "service")}; {Count(reliedOnBy, "business service")} and {Count(customers, "customer")} rely on it";
        var svg = new StringBuilder(SvgMarkup.Open(width, height, label));
        for (var c = 0; c < columns.Length; c++)
        {
            svg.Append(SvgMarkup.Text(1 + (c * (BoxWidth + ColumnGap)) + (BoxWidth / 2m), 14, Headings[c], "middle", 12, "#0b3b5c", "600"));
        }

        // Edges first, so the boxes cover their ends. The service's dependencies link to it, not it to them.
        foreach (var node in columns[0])
        {
            svg.Append(Edge(places[(0, node.Key)], places[(1, service.Key)], node.Dashed));
        }

        for (var c = 2; c < columns.Length; c++)
        {
            foreach (var node in columns[c])
            {
                foreach (var link in node.Links)
                {
                    if (places.TryGetValue((c - 1, link), out var from) || (c == 3 && places.TryGetValue((1, link), out from)))
                    {
                        svg.Append(Edge(from, places[(c, node.Key)], node.Dashed));
                    }
                }
            }
        }

        for (var c = 0; c < columns.Length; c++)
        {
            if (columns[c].Count == 0)
            {
                // At the top of the column: an edge may cross its middle.
                svg.Append(SvgMarkup.Text(1 + (c * (BoxWidth + ColumnGap)) + (BoxWidth / 2m), Top + 16, "none", "middle", 12, "#57606a"));
            }

            foreach (var node in columns[c])
            {
                svg.Append(Box(places[(c, node.Key)], node, central: c == 1));
            }
        }

        var hidden = new[] { reliesOn.Count, 0, reliedOnBy.Count, customers.Count }.Select((n, c) => (n - columns[c].Count, c)).Where(h => h.Item1 > 0);
        foreach (var (more, c) in hidden)
        {
            svg.Append(SvgMarkup.Text(1 + (c * (BoxWidth + ColumnGap)) + (BoxWidth / 2m), height - 6, $"and {more} more", "middle", 11));
        }

        svg.Append("</svg>");
        return svg.ToString();
    }

    private static List<FigureNode> Shown(IReadOnlyList<FigureNode> nodes) => nodes.Take(MaxPerColumn).ToList();

    private static string Count(IReadOnlyList<FigureNode> nodes, string what) =>
        nodes.Count switch { 0 => $"no {what}", 1 => $"1 {what}", var n => $"{n} {what}s" };

    private static string Edge((decimal X, decimal Y) from, (decimal X, decimal Y) to, bool dashed)
    {
        var (x1, y1) = (from.X + BoxWidth, from.Y + (BoxHeight / 2m));
        var (x2, y2) = (to.X, to.Y + (BoxHeight / 2m));
        var middle = (x1 + x2) / 2m;
        return string.Create(Invariant, $"<path d=\"M{x1:0.#} {y1:0.#} C{middle:0.#} {y1:0.#} {middle:0.#} {y2:0.#} {x2:0.#} {y2:0.#}\" fill=\"none\" stroke=\"#8c959f\" stroke-width=\"1.5\"{(dashed ? " stroke-dasharray=\"5 4\"" : string.Empty)}/>");
    }

    private static string Box((decimal X, decimal Y) at, FigureNode node, bool central)
    {
        var (fill, stroke, ink) = central ? ("#0b3b5c", "#0b3b5c", "#ffffff") : ("#f3f6f9", "#8c959f", "#1f2328");
        var box = new StringBuilder();
        box.Append(Invariant, $"<g><title>{SvgMarkup.Encode(node.Name + " (" + node.Detail + ")")}</title>");
        box.Append(Invariant, $"<rect x=\"{at.X:0.#}\" y=\"{at.Y:0.#}\" width=\"{BoxWidth}\" height=\"{BoxHeight}\" rx=\"6\" fill=\"{fill}\" stroke=\"{stroke}\"/>");
        box.Append(SvgMarkup.Text(at.X + 10, at.Y + 19, SvgMarkup.Fit(node.Name, 24), size: 13, fill: ink, weight: "600"));
        box.Append(SvgMarkup.Text(at.X + 10, at.Y + 36, SvgMarkup.Fit(node.Detail, 28), size: 11, fill: central ? "#dbe7f1" : "#4d5661"));
        box.Append("</g>");
        return box.ToString();
    }
}
