using Catalog.Api.Domain.Delivery;
using Catalog.Api.Domain.Metrics;
using Catalog.Api.Domain.Negotiation;
using Catalog.Api.Features.Calendars;
using Catalog.Api.Features.Metrics;
using Catalog.Api.Features.Proposals;
using Catalog.Api.Infrastructure.Http;
using MediatR;
using NodaTime.Extensions;

namespace Catalog.Api.Portal.Forms;

/// <summary>One row of a targets form as typed: the metric (fixed per row), a value, and a scope where the metric takes one.</summary>
public sealed class TargetField
{
    public string? Metric { get; set; }

    public string? Value { get; set; }

    public string? Scope { get; set; }
}

/// <summary>A metric of the vocabulary as a targets form offers it, with its guidance in plain words.</summary>
/// <param name="Levels">For a levelled metric: each level with what it covers.</param>
/// <param name="Examples">For a numeric metric: what some usual values mean.</param>
public sealed record MetricChoice(MetricResponse Metric, IReadOnlyList<(string Level, string Covers)> Levels, IReadOnlyList<string> Examples)
{
    /// <summary>What the typed value means, when it is a number this metric takes.</summary>
    public string? Guidance(string? typed) =>
        decimal.TryParse(typed, System.Globalization.NumberStyles.Number, System.Globalization.CultureInfo.InvariantCulture, out var value)
            ? TargetGuidance.ForNumber(Metric.Key, Metric.Unit, Metric.Direction, value)
            : null;
}

/// <summary>
/// A form's rows of targets, one per metric of the vocabulary, under a field prefix (<c>targets</c>,
/// <c>counterOffer.targets</c>). A row left blank is not asked for, so the use case sees fewer targets than the form
/// has rows: its errors are mapped back to the rows they concern.
/// </summary>
public sealed class TargetRows
{
    private TargetRows(string prefix, IReadOnlyList<MetricChoice> metrics)
    {
        Map = new RowMap(prefix);
        Metrics = metrics;
    }

    public string Prefix => Map.Prefix;

    /// <summary>Which row each target sent came from.</summary>
    public RowMap Map { get; }

    public IReadOnlyList<MetricChoice> Metrics { get; }

    /// <summary>The vocabulary with its guidance: support-hours levels described by the calendars in <paramref name="timeZone"/>.</summary>
    public static async Task<TargetRows> LoadAsync(IMediator mediator, string prefix, string timeZone, CancellationToken cancellationToken)
    {
        var metrics = (await mediator.Send(new ListMetrics.Query(new PageRequest(PageRequest.MaxLimit, null)), cancellationToken)).Items;
        var calendars = (await mediator.Send(new ListCalendars.Query(), cancellationToken)).ToDictionary(c => c.Key);
        var choices = metrics
            .OrderBy(m => m.BuiltIn ? Order(m.Key) : int.MaxValue).ThenBy(m => m.Key, StringComparer.Ordinal)
            .Select(m => new MetricChoice(
                m,
                m.Levels.Select(level => (level, calendars.TryGetValue(level, out var calendar) ? TargetGuidance.ForLevel(Calendar(calendar, timeZone)) : string.Empty)).ToList(),
                Examples(m)))
            .ToList();
        return new TargetRows(prefix, choices);
    }

    /// <summary>Rows for the form: what was typed, or the given targets, one row per metric.</summary>
    public List<TargetField> Fill(IReadOnlyList<TargetField>? typed, IReadOnlyList<Target>? current = null) =>
        typed is { Count: > 0 }
            ? typed.ToList()
            : Metrics.Select(m =>
            {
                var target = current?.FirstOrDefault(t => t.Metric == m.Metric.Key);
                return new TargetField { Metric = m.Metric.Key, Value = target?.Value.ToString(), Scope = target?.Scope };
            }).ToList();

    /// <summary>The rows with a value, as the use case takes them; remembers which row each came from.</summary>
    public IReadOnlyList<TargetInput> Inputs(IReadOnlyList<TargetField>? rows) =>
        Map.Keep(rows, row => !string.IsNullOrWhiteSpace(row.Value), (row, _) =>
        {
            var typed = row.Value!.Trim();
            var value = decimal.TryParse(typed, System.Globalization.NumberStyles.Number, System.Globalization.CultureInfo.InvariantCulture, out var number)
                ? TargetValue.Of(number)
                : TargetValue.Of(typed);
            return new TargetInput(row.Metric, value, FormValues.Text(row.Scope));
        });

    /// <summary>The form's field for one the use case named: <c>targets[1].value</c> of the second target asked for is the row it was typed in.</summary>
    public string FieldOf(string field) => Map.FieldOf(field);

    public MetricChoice? Choice(string? metric) => Metrics.FirstOrDefault(m => m.Metric.Key == metric);

    private static int Order(string key) => key switch
    {
        "availability" => 0,
        "time-to-restore" => 1,
        "support-hours" => 2,
        "response-time" => 3,
        "recovery-point" => 4,
        _ => 5,
    };

    private static List<string> Examples(MetricResponse metric) => metric switch
    {
        { ValueType: MetricValueType.Level } => [],
        { Unit: "percent", Direction: MetricDirection.HigherIsStricter } =>
            TargetGuidance.AvailabilityExamples.Select(v => TargetGuidance.ForNumber(metric.Key, metric.Unit, metric.Direction, v)!).ToList(),
        { Unit: "minutes" } =>
            TargetGuidance.DurationExamples.Select(v => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{v:0} minutes is {TargetGuidance.Duration(v)}.")).ToList(),
        _ => [],
    };

    private static ServiceHoursCalendar Calendar(CalendarResponse calendar, string timeZone) => new(
        calendar.Key,
        calendar.Name,
        calendar.TimeZone ?? timeZone,
        calendar.WeeklyHours.Select(h => new WeeklyHours(h.Day.ToIsoDayOfWeek(), Minutes(h.From), Minutes(h.To))).ToList(),
        calendar.Holidays);

    private static int Minutes(string clock) => (int.Parse(clock[..2], System.Globalization.CultureInfo.InvariantCulture) * 60) + int.Parse(clock[3..], System.Globalization.CultureInfo.InvariantCulture);
}

/// <summary>What the targets partial shows: the rows, what is in them, the form's errors and the fieldset's legend.</summary>
public sealed record TargetRowsView(TargetRows Rows, IReadOnlyList<TargetField> Fields, FormErrors Errors, string Legend, string? Hint = null);
