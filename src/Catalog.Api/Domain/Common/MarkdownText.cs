using System.Text;

namespace Catalog.Api.Domain.Common;

/// <summary>
/// Text that people typed (names, titles, notes, trade-offs) placed into a Markdown document: it must read as
/// the words it is, never as emphasis, links, headings, list items or HTML.
/// </summary>
public static class MarkdownText
{
    // Every ASCII punctuation character that starts or closes an inline construct in CommonMark.
    private const string Inline = "\\`*_[]<>!|~&#";

    public static string Escape(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return string.Empty;
        }

        // A line break would let the text start a block of its own; inside a sentence it is just a space.
        var flat = string.Join(' ', text.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        var escaped = new StringBuilder(flat.Length + 8);
        foreach (var c in flat)
        {
            if (Inline.Contains(c, StringComparison.Ordinal))
            {
                escaped.Append('\\');
            }

            escaped.Append(c);
        }

        // At the start of a line, these begin a list item, a quote or a setext underline; "1." an ordered list.
        if (escaped.Length > 0 && "-+=>".Contains(escaped[0], StringComparison.Ordinal))
        {
            escaped.Insert(0, '\\');
        }
        else
        {
            var digits = 0;
            while (digits < escaped.Length && char.IsAsciiDigit(escaped[digits]))
            {
                digits++;
            }

            var marker = digits is > 0 and <= 9 && digits < escaped.Length && escaped[digits] is '.' or ')';
            if (marker && (digits + 1 == escaped.Length || escaped[digits + 1] == ' '))
            {
                escaped.Insert(digits, '\\');
            }
        }

        return escaped.ToString();
    }
}
