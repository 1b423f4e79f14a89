using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;
using Catalog.Api.Domain.Delivery;
using Catalog.Api.Domain.Metrics;
using Catalog.Api.Domain.Negotiation;
using NodaTime;
using YamlDotNet.Core;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.EventEmitters;
using YamlDotNet.Serialization.NamingConventions;

namespace Catalog.Api.Domain.Agreements;

/// <summary>
/// An agreement version as OpenSLO v1 for monitoring tools: one <c>Service</c>, one <c>SLO</c> per target that a
/// tool can measure as a ratio of good events to all events, and a leading comment that names every target
/// OpenSLO cannot say, so that nothing agreed is dropped silently. OpenSLO v1 has no notion of service hours or of
/// planned work that does not count, so the version's service hours and maintenance windows travel in each SLO's
/// annotations (the spec's place for implementation metadata), as JSON a tool can read and in plain words.
/// </summary>
public static partial class OpenSloExport
{
    public const string ApiVersion = "openslo/v1";

    /// <summary>Prefix of this product's annotations; a DNS subdomain, as OpenSLO asks of annotation prefixes.</summary>
    public const string AnnotationPrefix = "catalog.example/";

    /// <summary>
    /// The metricSource type of every query: the catalog knows what must be counted, not which monitoring tool
    /// counts it, so each source names its signal and the tool that imports the file binds it to a query.
    /// </summary>
    public const string UnboundSource = "Unbound";

    /// <summary>
    /// The target written for a promise about every occurrence (each incident restored in time, 100% availability,
    /// a response time with no percentile). OpenSLO targets lie in [0, 1), so 1 cannot be written; at six nines
    /// the error budget stays below one event until a window holds a million of them, so a single miss breaches.
    /// </summary>
    public const decimal EveryOccurrence = 0.999999m;

    private const int MaxNameLength = 63;
    private const int MaxDescriptionLength = 1050;

    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    /// <summary>The annotations' JSON: the API's own field names and values, compact, one line.</summary>
    private static readonly JsonSerializerOptions AnnotationJson = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    private static readonly ISerializer Serializer = new SerializerBuilder()
        .WithNamingConvention(CamelCaseNamingConvention.Instance)
        .ConfigureDefaultValuesHandling(DefaultValuesHandling.OmitNull)
        .WithQuotingNecessaryStrings()
        .WithEventEmitter(next => new QuoteYaml11Scalars(next))
        .DisableAliases()
        .Build();

    public sealed record Context(
        Guid AgreementId,
        string ServiceKey,
        string ServiceName,
        string ServiceSummary,
        string CustomerKey,
        string CustomerName,
        string CostCenter,
        IReadOnlyDictionary<string, Metric> Metrics,
        string TimeZone = "UTC",
        bool BetweenServices = false);

    /// <summary>The YAML stream: the leading comment, then the Service and each SLO as its own document.</summary>
    public static string Yaml(AgreementVersion version, Context context)
    {
        var names = SloNames(version.Targets, context);
        var documents = new List<Document> { Service(context) };
        var unmapped = new List<string>();
        foreach (var target in version.Targets)
        {
            var (slo, why) = Map(target, names[target.Identity], version, context);
            if (slo is null)
            {
                unmapped.Add(Describe(target, context, why));
            }
            else
            {
                documents.Add(slo);
            }
        }

        var text = new StringBuilder();
        text.Append(Invariant, $"# OpenSLO v1 export of agreement {context.AgreementId}: {OneLine(context.ServiceName)} for {OneLine(context.CustomerName)}, version {version.Number}, effective from {version.EffectiveFrom:yyyy-MM-dd}.\n");
        text.Append(Invariant, $"# Each metricSource of type {UnboundSource} names the signal to count; bind it to a query in the monitoring tool.\n");
        if (unmapped.Count > 0)
        {
            text.Append(Invariant, $"# Not expressible in OpenSLO: {string.Join(", ", unmapped)}\n");
        }

        if (version.ServiceHours is { } hours)
        {
            text.Append(Invariant, $"# Service hours, within which availability is measured and the time to restore runs: {OneLine(hours.Describe())}.\n");
        }

        if (version.MaintenanceWindows.Count > 0)
        {
            text.Append(Invariant, $"# Planned work inside these windows is not downtime: {OneLine(string.Join("; ", version.MaintenanceWindows.Select(w => w.Describe())))}.\n");
        }

        foreach (var document in documents)
        {
            text.Append("---\n").Append(Serializer.Serialize(document));
        }

        return text.ToString();
    }

    /// <summary>A DNS label (RFC 1123, at most 63 characters) made of the parts; a long one is cut and keeps a hash of the whole.</summary>
    public static string Name(params string?[] parts)
    {
        var joined = string.Join('-', parts.Select(Slugify).Where(p => p.Length > 0));
        if (joined.Length == 0)
        {
            joined = "slo";
        }

        return joined.Length <= MaxNameLength ? joined : $"{joined[..(MaxNameLength - 9)].TrimEnd('-')}-{Hash(joined)}";
    }

    /// <summary>
    /// One name per target from service, customer (two customers' SLOs on one service must not overwrite each
    /// other in a tool), metric and scope. The name stays the same across versions, so importing a new version
    /// updates the SLO. Scopes are free text, so two of them ("P1", "p1") can slug alike: those keep a hash of their scope.
    /// </summary>
    private static Dictionary<(string Metric, string Scope), string> SloNames(IReadOnlyList<Target> targets, Context context)
    {
        var names = new Dictionary<(string Metric, string Scope), string>();
        foreach (var target in targets)
        {
            names.TryAdd(target.Identity, Name(context.ServiceKey, context.CustomerKey, target.Metric, target.Scope));
        }

        var clashing = names.GroupBy(n => n.Value).Where(g => g.Count() > 1).SelectMany(g => g.Select(n => n.Key)).ToList();
        foreach (var identity in clashing)
        {
            names[identity] = Name(names[identity], Hash(identity.Scope));
        }

        return names;
    }

    private static Document Service(Context context) => new(
        ApiVersion,
        "Service",
        new Metadata(Name(context.ServiceKey), context.ServiceName),
        new ServiceSpec(Description($"{context.ServiceName}: {context.ServiceSummary}")));

    private static (Document? Slo, string? Why) Map(Target target, string name, AgreementVersion version, Context context)
    {
        if (target.Value.Number is not { } number)
        {
            return (null, null);
        }

        var service = context.ServiceName;
        var scope = target.Scope is null ? string.Empty : $" ({target.Scope})";
        switch (target.Metric)
        {
            case "availability":
            {
                var objective = Ratio(number / 100m);
                return (Slo(
                    name,
                    version,
                    context,
                    $"{service} availability{scope}",
                    $"{service} is available at least {Number(number)}% of each calendar month{scope}, as agreed with {context.CustomerName}.{EveryOccurrenceNote(objective, "check")}",
                    $"Availability checks of {service} at a fixed interval that found it up, out of all checks: the share of the time it was available{scope}.",
                    Source("availability-checks-up", context, ("scope", target.Scope)),
                    Source("availability-checks", context, ("scope", target.Scope)),
                    $"Available at least {Number(number)}% of the month",
                    objective), null);
            }

            case "response-time":
            {
                decimal objective;
                string share;
                if (target.Scope is null)
                {
                    objective = EveryOccurrence;
                    share = "Every request";
                }
                else if (Percentile(target.Scope) is { } percentile)
                {
                    objective = Ratio(percentile / 100m);
                    share = $"{Number(percentile)}% of requests";
                }
                else
                {
                    return (null, $"scope '{target.Scope}' is not a percentile");
                }

                var ms = Number(number);
                return (Slo(
                    name,
                    version,
                    context,
                    $"{service} response time{scope}",
                    $"{share} to {service} are answered within {ms} milliseconds, as agreed with {context.CustomerName}.{EveryOccurrenceNote(objective, "request")}",
                    $"Requests to {service} answered within {ms} milliseconds, out of all requests.",
                    Source("requests-within-threshold", context, ("thresholdMilliseconds", number)),
                    Source("requests", context),
                    $"{share} within {ms} ms",
                    objective), null);
            }

            case "time-to-restore":
            {
                var incidents = target.Scope is null ? "incident" : $"{target.Scope} incident";
                var minutes = Number(number);
                return (Slo(
                    name,
                    version,
                    context,
                    $"{service} time to restore{scope}",
                    $"Every {incidents} of {service} is restored within {minutes} minutes, as agreed with {context.CustomerName}.{EveryOccurrenceNote(EveryOccurrence, "incident")}",
                    $"{Capitalised(incidents)}s of {service} restored within {minutes} minutes, out of all {incidents}s resolved in the window.",
                    Source("incidents-restored-within-target", context, ("priority", target.Scope), ("withinMinutes", number)),
                    Source("incidents", context, ("priority", target.Scope)),
                    $"Every {incidents} restored within {minutes} minutes",
                    EveryOccurrence), null);
            }

            default:
                return (null, null);
        }
    }

    private static Document Slo(
        string name,
        AgreementVersion version,
        Context context,
        string displayName,
        string description,
        string indicatorDescription,
        MetricSourceHolder good,
        MetricSourceHolder total,
        string objectiveName,
        decimal objective)
    {
        var metadata = new Metadata(
            name,
            $"{displayName} for {context.CustomerName}",
            // Between services the consumer is a service, charged to no cost centre.
            context.BetweenServices
                ? new Dictionary<string, string> { ["consumerService"] = context.CustomerKey }
                : new Dictionary<string, string>
                {
                    ["customer"] = context.CustomerKey,
                    ["costCentre"] = context.CostCenter,
                },
            Annotations(version, context));

        // Calendar months in the customer's time zone, as attainment counts them: the window is anchored on the first
        // of the month the version takes effect in there, so every window is one whole month; the annotation says
        // from which day it holds.
        var zone = DateTimeZoneProviders.Tzdb[context.TimeZone];
        var monthStart = Instant.FromDateTimeUtc(DateTime.SpecifyKind(version.EffectiveFrom, DateTimeKind.Utc)).InZone(zone).Date.With(DateAdjusters.StartOfMonth);
        return new Document(
            ApiVersion,
            "SLO",
            metadata,
            new SloSpec(
                Description(description),
                Name(context.ServiceKey),
                new Indicator(
                    new Metadata(Name(name, "sli"), displayName),
                    new IndicatorSpec(Description(indicatorDescription), new RatioMetric(true, good, total))),
                [new TimeWindow("1M", false, new Calendar(monthStart.AtMidnight().ToString("yyyy-MM-dd HH:mm:ss", Invariant), context.TimeZone))],
                "Occurrences",
                [new Objective(objectiveName, objective)]));
    }

    /// <summary>
    /// Where the SLO comes from, and the terms a tool needs to count as the agreement does: the service hours
    /// (availability is measured and the time to restore runs only within them) and the maintenance windows (planned
    /// work inside them is not downtime), each as JSON in the API's own shape and, for people, in plain words.
    /// </summary>
    private static Dictionary<string, string> Annotations(AgreementVersion version, Context context)
    {
        var annotations = new Dictionary<string, string>
        {
            [AnnotationPrefix + "agreement-id"] = context.AgreementId.ToString(),
            [AnnotationPrefix + "agreement-version"] = version.Number.ToString(Invariant),
            [AnnotationPrefix + "effective-from"] = version.EffectiveFrom.ToString("yyyy-MM-dd", Invariant),
        };
        if (version.ServiceHours is { } hours)
        {
            annotations[AnnotationPrefix + "service-hours"] = JsonSerializer.Serialize(
                new
                {
                    hours.Key,
                    hours.TimeZone,
                    WeeklyHours = hours.WeeklyHours.Select(h => new
                    {
                        Day = h.Day.ToString().ToLowerInvariant(),
                        From = WeeklyHours.Clock(h.FromMinute),
                        To = WeeklyHours.Clock(h.ToMinute),
                    }),
                    Holidays = hours.Holidays.Select(d => d.ToString("yyyy-MM-dd", Invariant)),
                },
                AnnotationJson);
            annotations[AnnotationPrefix + "service-hours-in-words"] = OneLine(hours.Describe());
        }

        if (version.MaintenanceWindows.Count > 0)
        {
            annotations[AnnotationPrefix + "maintenance-windows"] = JsonSerializer.Serialize(
                version.MaintenanceWindows.Select(w => new { w.Rrule, w.DurationMinutes, w.TimeZone, w.Description }),
                AnnotationJson);
            annotations[AnnotationPrefix + "maintenance-windows-in-words"] = OneLine(string.Join("; ", version.MaintenanceWindows.Select(w => w.Describe())));
        }

        return annotations;
    }

    private static MetricSourceHolder Source(string signal, Context context, params (string Key, object? Value)[] parameters)
    {
        var spec = new OrderedDictionary<string, object> { ["signal"] = signal, ["service"] = context.ServiceKey };
        foreach (var (key, value) in parameters)
        {
            if (value is not null)
            {
                // 240.0 and 240 are one value; the file shows the plain number, as the agreement's own document does.
                spec[key] = value is decimal number ? Normalised(number) : value;
            }
        }

        return new MetricSourceHolder(new MetricSource(UnboundSource, spec));
    }

    /// <summary>"p95", "P99.9", "95th percentile", "95%" or "95" as a percentile in (0, 100]; null for anything else.</summary>
    private static decimal? Percentile(string scope)
    {
        var match = PercentilePattern().Match(scope.Trim());
        return match.Success
            && decimal.TryParse(match.Groups["value"].Value, NumberStyles.AllowDecimalPoint, Invariant, out var value)
            && value is > 0 and <= 100
                ? value
                : null;
    }

    private static decimal Ratio(decimal ratio) => ratio >= 1m ? EveryOccurrence : ratio;

    private static string EveryOccurrenceNote(decimal objective, string occurrence) => objective == EveryOccurrence
        ? $" OpenSLO targets stop short of 1, so {Number(EveryOccurrence)} stands for every {occurrence}: its error budget stays below one {occurrence} until a month counts a million {occurrence}s."
        : string.Empty;

    private static string Describe(Target target, Context context, string? why)
    {
        var unit = target.Value.Number is not null && context.Metrics.TryGetValue(target.Metric, out var metric) && metric.ValueType == MetricValueType.Number
            ? $" {metric.Unit}"
            : string.Empty;
        var scope = target.Scope is null ? string.Empty : $" ({target.Scope})";
        var reason = why is null ? string.Empty : $" [{why}]";
        return OneLine($"{target.Metric}{scope} = {target.Value}{unit}{reason}");
    }

    private static string Slugify(string? part)
    {
        if (string.IsNullOrWhiteSpace(part))
        {
            return string.Empty;
        }

        return NotAlphanumeric().Replace(part.ToLowerInvariant(), "-").Trim('-');
    }

    private static string Hash(string value) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(value)).AsSpan(0, 4));

    private static string Description(string text) => text.Length <= MaxDescriptionLength ? text : text[..(MaxDescriptionLength - 1)] + "…";

    /// <summary>A comment ends at a line break, so free text inside one is kept to one line.</summary>
    private static string OneLine(string text) => ControlCharacters().Replace(text, " ");

    private static string Capitalised(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];

    private static string Number(decimal value) => value.ToString("0.############", Invariant);

    private static decimal Normalised(decimal value) => decimal.Parse(Number(value), Invariant);

    [GeneratedRegex("[^a-z0-9]+", RegexOptions.CultureInvariant)]
    private static partial Regex NotAlphanumeric();

    [GeneratedRegex("[\\p{Cc}\\p{Zl}\\p{Zp}]", RegexOptions.CultureInvariant)]
    private static partial Regex ControlCharacters();

    [GeneratedRegex("^[pP]?(?<value>[0-9]{1,3}(?:\\.[0-9]+)?)(?:th|st|nd|rd)?(?:\\s*percentile)?\\s*%?\\z", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex PercentilePattern();

    // The OpenSLO v1 objects this export writes, with only the fields it uses, in the spec's order.
    private sealed record Document(string ApiVersion, string Kind, Metadata Metadata, object Spec);

    private sealed record Metadata(
        string Name,
        string? DisplayName = null,
        IReadOnlyDictionary<string, string>? Labels = null,
        IReadOnlyDictionary<string, string>? Annotations = null);

    private sealed record ServiceSpec(string Description);

    private sealed record SloSpec(
        string Description,
        string Service,
        Indicator Indicator,
        IReadOnlyList<TimeWindow> TimeWindow,
        string BudgetingMethod,
        IReadOnlyList<Objective> Objectives);

    private sealed record Indicator(Metadata Metadata, IndicatorSpec Spec);

    private sealed record IndicatorSpec(string Description, RatioMetric RatioMetric);

    private sealed record RatioMetric(bool Counter, MetricSourceHolder Good, MetricSourceHolder Total);

    private sealed record MetricSourceHolder(MetricSource MetricSource);

    private sealed record MetricSource(string Type, IReadOnlyDictionary<string, object> Spec);

    private sealed record TimeWindow(string Duration, bool IsRolling, Calendar Calendar);

    private sealed record Calendar(string StartTime, string TimeZone);

    private sealed record Objective(string DisplayName, decimal Target);

    /// <summary>
    /// Strings that YAML 1.1 readers (PyYAML, yaml.v2) take for a date or a boolean are quoted too, beyond what
    /// YamlDotNet's own quoting (YAML 1.2) catches: labels, annotations and start times are strings in OpenSLO,
    /// and a customer keyed "no" or an effective date must stay one in every tool.
    /// </summary>
    private sealed partial class QuoteYaml11Scalars(IEventEmitter next) : ChainedEventEmitter(next)
    {
        public override void Emit(ScalarEventInfo eventInfo, IEmitter emitter)
        {
            if (eventInfo.Source.Value is string text && (Timestamp().IsMatch(text) || Boolean().IsMatch(text)))
            {
                eventInfo.Style = ScalarStyle.DoubleQuoted;
            }

            base.Emit(eventInfo, emitter);
        }

        [GeneratedRegex("^[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}", RegexOptions.CultureInvariant)]
        private static partial Regex Timestamp();

        [GeneratedRegex("^(?:y|Y|yes|Yes|YES|n|N|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF)\\z", RegexOptions.CultureInvariant)]
        private static partial Regex Boolean();
    }
}
