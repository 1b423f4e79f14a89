using System.Globalization;
using System.Text;

namespace Catalog.Api.Infrastructure.Http;

/// <summary>
/// The one notation in which the API names a field of a request to its client, in problem details and in messages:
/// member names as the client writes them, dots between members, <c>[i]</c> for items, <c>$</c> for the whole body
/// (<c>owner.team</c>, <c>counterOffer.targets[0].metric</c>). Every path that names a field, whether a validator's
/// member path or the serializer's JSON path, is turned into it here.
/// </summary>
public static class FieldPath
{
    /// <summary>The member every command carries its body in; it is not part of what the client sent.</summary>
    private const string Body = "Input";

    /// <summary>One step of a path: a member's name, or an item's index.</summary>
    public sealed record Segment(string? Name, int? Index);

    /// <summary>
    /// A C# member path (a validator's <c>Input.Targets[0].Metric</c>) as the client's field (<c>targets[0].metric</c>):
    /// the command's body member dropped, each member named by the API's JSON naming policy.
    /// </summary>
    public static string FromMembers(IEnumerable<string> members)
    {
        var segments = new List<Segment>();
        foreach (var member in members.SkipWhile((m, i) => i == 0 && m == Body))
        {
            var bracket = member.IndexOf('[', StringComparison.Ordinal);
            var name = bracket < 0 ? member : member[..bracket];
            if (name.Length > 0)
            {
                segments.Add(new Segment(JsonName(name), null));
            }

            for (var i = bracket; i >= 0 && i < member.Length; i = member.IndexOf('[', i + 1))
            {
                var end = member.IndexOf(']', i);
                segments.Add(new Segment(null, int.Parse(member[(i + 1)..end], CultureInfo.InvariantCulture)));
            }
        }

        return Format(segments);
    }

    /// <inheritdoc cref="FromMembers(IEnumerable{string})"/>
    public static string FromMembers(string memberPath) => FromMembers(memberPath.Split('.', StringSplitOptions.RemoveEmptyEntries));

    /// <summary>The serializer's JSON path (<c>$.targets[0].value</c>, <c>$['odd name']</c>) read into segments.</summary>
    public static List<Segment> ParseJsonPath(string path)
    {
        var segments = new List<Segment>();
        var i = path.StartsWith('$') ? 1 : 0;
        while (i < path.Length)
        {
            if (path[i] == '.')
            {
                var end = path.IndexOfAny(['.', '['], i + 1);
                end = end < 0 ? path.Length : end;
                segments.Add(new Segment(path[(i + 1)..end], null));
                i = end;
            }
            else if (path[i] == '[' && i + 1 < path.Length && path[i + 1] == '\'')
            {
                var name = new StringBuilder();
                for (i += 2; i < path.Length && path[i] != '\''; i++)
                {
                    name.Append(path[i] == '\\' && i + 1 < path.Length ? path[++i] : path[i]);
                }

                segments.Add(new Segment(name.ToString(), null));
                i = path.IndexOf(']', i) + 1;
            }
            else if (path[i] == '[')
            {
                var end = path.IndexOf(']', i);
                segments.Add(new Segment(null, int.Parse(path[(i + 1)..end], CultureInfo.InvariantCulture)));
                i = end + 1;
            }
            else
            {
                break;
            }
        }

        return segments;
    }

    /// <summary>Segments written in the client's notation; <c>$</c> when there are none (the whole body).</summary>
    public static string Format(IEnumerable<Segment> segments)
    {
        var field = new StringBuilder();
        foreach (var segment in segments)
        {
            if (segment.Index is { } index)
            {
                field.Append(CultureInfo.InvariantCulture, $"[{index}]");
            }
            else
            {
                field.Append(field.Length == 0 ? string.Empty : ".").Append(segment.Name);
            }
        }

        return field.Length == 0 ? "$" : field.ToString();
    }

    private static string JsonName(string member) => CatalogJson.Options.PropertyNamingPolicy?.ConvertName(member) ?? member;
}
