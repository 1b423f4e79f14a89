namespace Catalog.Api.Portal.Forms;

/// <summary>
/// A form's list of rows under a field prefix (<c>targets</c>, <c>consequences</c>) of which only the filled ones go
/// to the use case: it names the items it refused by their place among those sent (<c>targets[1].value</c>), and this
/// maps them back to the row they were typed in.
/// </summary>
public sealed class RowMap(string prefix)
{
    private readonly List<int> _rowOfItem = [];

    public string Prefix { get; } = prefix;

    /// <summary>Keeps the filled rows, in order, and remembers where each came from.</summary>
    public List<TItem> Keep<TRow, TItem>(IReadOnlyList<TRow>? rows, Func<TRow, bool> filled, Func<TRow, int, TItem> item)
    {
        _rowOfItem.Clear();
        var items = new List<TItem>();
        for (var row = 0; row < (rows?.Count ?? 0); row++)
        {
            if (filled(rows![row]))
            {
                _rowOfItem.Add(row);
                items.Add(item(rows[row], row));
            }
        }

        return items;
    }

    /// <summary>The form's field for one the use case named; any other field as it is.</summary>
    public string FieldOf(string field)
    {
        var start = Prefix + "[";
        if (!field.StartsWith(start, StringComparison.OrdinalIgnoreCase))
        {
            return field;
        }

        var end = field.IndexOf(']', start.Length);
        return end > 0 && int.TryParse(field[start.Length..end], out var index) && index < _rowOfItem.Count
            ? $"{Prefix}[{_rowOfItem[index]}]{field[(end + 1)..]}"
            : field;
    }

    /// <summary>Applies several maps in turn, for a form with several lists.</summary>
    public static Func<string, string> All(params RowMap[] maps) => field => maps.Aggregate(field, (named, map) => map.FieldOf(named));
}
