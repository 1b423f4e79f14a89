using System.Globalization;
using Microsoft.AspNetCore.Html;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Rendering;

namespace Catalog.Api.Portal.Forms;

/// <summary>
/// What was wrong with a form, by field, in the API's field notation (<c>targets[0].value</c>, <c>counterOffer.note</c>):
/// the portal names its inputs the way the API names the fields, so a use case's errors land next to the input they
/// concern. What no input on the page shows is written out beside the form's button.
/// </summary>
public sealed class FormErrors
{
    private readonly Dictionary<string, List<string>> _byField = new(StringComparer.OrdinalIgnoreCase);
    private readonly HashSet<string> _shown = new(StringComparer.OrdinalIgnoreCase);

    public bool Any => _byField.Count > 0;

    public int Count => _byField.Values.Sum(m => m.Count);

    public void Add(string field, string message)
    {
        if (!_byField.TryGetValue(field, out var messages))
        {
            _byField[field] = messages = [];
        }

        if (!messages.Contains(message))
        {
            messages.Add(message);
        }
    }

    public void Add(ProblemDetails problem, Func<string, string>? fieldOf = null)
    {
        if (problem is HttpValidationProblemDetails { Errors.Count: > 0 } validation)
        {
            foreach (var (field, messages) in validation.Errors)
            {
                foreach (var message in messages)
                {
                    Add(fieldOf?.Invoke(field) ?? field, message);
                }
            }

            return;
        }

        Add(string.Empty, problem.Detail ?? problem.Title ?? "The request was refused.");
    }

    public IReadOnlyList<string> For(string field) => _byField.TryGetValue(field, out var messages) ? messages : [];

    /// <summary>The id of a field's messages, for <c>aria-describedby</c>.</summary>
    public static string IdFor(string field) => "error-" + string.Concat(field.Select(c => char.IsLetterOrDigit(c) ? char.ToLowerInvariant(c) : '-'));

    /// <summary><c>true</c> for <c>aria-invalid</c> when the field has messages, else null (no attribute).</summary>
    public string? Invalid(string field) => For(field).Count > 0 ? "true" : null;

    /// <summary>The field's messages in plain words, or nothing; with the id <see cref="IdFor"/> gives.</summary>
    public IHtmlContent Show(string field)
    {
        _shown.Add(field);
        var messages = For(field);
        if (messages.Count == 0)
        {
            return HtmlString.Empty;
        }

        var paragraph = new TagBuilder("p");
        paragraph.AddCssClass("error");
        paragraph.Attributes["id"] = IdFor(field);
        paragraph.InnerHtml.Append(string.Join(" ", messages));
        return paragraph;
    }

    /// <summary>Every message no input on the page has shown yet (a rule, a conflict, a field the page has no input for).</summary>
    public IHtmlContent Rest()
    {
        var rest = _byField.Where(e => !_shown.Contains(e.Key)).ToList();
        if (rest.Count == 0)
        {
            return HtmlString.Empty;
        }

        var list = new TagBuilder("ul");
        list.AddCssClass("errors");
        list.Attributes["role"] = "alert";
        foreach (var (field, messages) in rest)
        {
            foreach (var message in messages)
            {
                var item = new TagBuilder("li");
                item.InnerHtml.Append(field.Length == 0 ? message : string.Create(CultureInfo.InvariantCulture, $"{message} ({field})"));
                list.InnerHtml.AppendHtml(item);
            }
        }

        return list;
    }
}
