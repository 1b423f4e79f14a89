using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Catalog.Api.Domain.Agreements;
using Catalog.Api.Domain.Common;
using Catalog.Api.Domain.Metrics;
using Catalog.Api.Domain.Negotiation;
using NodaTime;

namespace Catalog.Api.Domain.Delivery;

/// <summary>An outage as the review tells it: when, what users experienced, why, and how the record was corrected.</summary>
public sealed record OutageFacts(
    Guid Id,
    Guid ServiceId,
    OutageKind Kind,
    DateTime StartedAt,
    DateTime? RestoredAt,
    string Summary,
    string? Cause,
    IReadOnlyList<OutageCorrection> History);

/// <summary>One agreement of the customer: the reviewed month (null when no version was in force in it) and the twelve months up to it.</summary>
/// <param name="ReliesOn">The agreed service and every service it depends on, directly or not: whose outages count.</param>
public sealed record ReviewedAgreement(Guid ServiceId, IReadOnlySet<Guid> ReliesOn, MonthAttainment? Month, IReadOnlyList<MonthAttainment> LastTwelveMonths);

/// <summary>An agreement in force in the reviewed month, as the summary counts it: on every page of a paged review.</summary>
public sealed record ReviewStanding(string Service, bool Missed)
{
    public static ReviewStanding Of(string service, MonthAttainment month) =>
        new(service, month.Versions.Any(v => v.Targets.Any(t => t.Met == false)));
}

/// <param name="Agreements">The agreements this review (or this page of it) tells in full.</param>
/// <param name="InForce">Every agreement in force in the month, for the summary, whichever page is told.</param>
/// <param name="Outages">Every outage of the agreed services and what they rely on that overlaps the month, by id.</param>
public sealed record ReviewInput(
    string CustomerName,
    DateTimeZone Zone,
    YearMonth Month,
    Instant Now,
    IReadOnlyList<ReviewedAgreement> Agreements,
    IReadOnlyList<ReviewStanding> InForce,
    IReadOnlyDictionary<Guid, string> ServiceNames,
    IReadOnlyDictionary<Guid, OutageFacts> Outages,
    IReadOnlyDictionary<string, Metric> Metrics);

/// <summary>
/// The monthly service review: for each agreement, what was promised, what was delivered, what went wrong and why,
/// how the record was corrected, the last twelve months and what the business can do next. Words, units and names
/// for a business reader; no ids, no metric keys.
/// </summary>
/// <param name="Status">`closed` once the month has ended; `in-progress` for the running month, whose figures are so far.</param>
/// <param name="Summary">The whole month, every agreement in force, on every page.</param>
/// <param name="Agreements">The agreements told in full, by service name: all of them, or one page when a limit was asked for.</param>
/// <param name="NextCursor">Where the next page of agreements starts; null on the last page and when the review is not paged.</param>
public sealed record ServiceReviewDocument(
    string Customer,
    string Month,
    string Status,
    string TimeZone,
    string Summary,
    IReadOnlyList<AgreementReview> Agreements,
    string? NextCursor = null);

/// <param name="ServiceId">The agreed service: the one a proposal for other targets names.</param>
/// <param name="ProposePath">Where a proposal for other targets is sent.</param>
public sealed record AgreementReview(
    Guid ServiceId,
    string Service,
    IReadOnlyList<ReviewPromise> Promised,
    IReadOnlyList<ReviewResult> Delivered,
    IReadOnlyList<ReviewOutage> Outages,
    IReadOnlyList<ReviewCorrection> Corrections,
    IReadOnlyList<ReviewGlance> LastTwelveMonths,
    ReviewCredit? Credit,
    IReadOnlyList<string> Next,
    string ProposePath);

/// <summary>The service credit the month earned under the agreed bands; absent in a running month or without bands.</summary>
public sealed record ReviewCredit(decimal Amount, string Currency, string InPlainWords);

/// <param name="Targets">Each target in words with its unit: "availability: 99.9%".</param>
public sealed record ReviewPromise(int Version, DateTime From, DateTime To, IReadOnlyList<string> Targets);

/// <param name="Target">What the target is about: "availability", "time to restore, P1 incidents".</param>
/// <param name="Achieved">What was delivered, with its unit; null when nothing measured it.</param>
public sealed record ReviewResult(string Target, string Promised, string? Achieved, bool? Met, string InPlainWords);

/// <param name="Duration">How long it counted, within the agreed service hours: "47 minutes".</param>
/// <param name="FailedService">The service that failed: the agreed one or one it relies on.</param>
public sealed record ReviewOutage(
    DateTime StartedAt,
    DateTime? RestoredAt,
    string Duration,
    decimal CountedMinutes,
    string FailedService,
    string WhatUsersExperienced,
    string? Cause,
    string InPlainWords);

public sealed record ReviewCorrection(string Outage, DateTime At, string Reason, string InPlainWords);

/// <summary>One month of the last twelve, judged by the availability promise (the strictest and the worst where two versions shared the month).</summary>
public sealed record ReviewGlance(string Month, decimal? Target, decimal? Achieved, bool? Met)
{
    /// <summary>A month (YYYY-MM) from its availability targets as judged: the strictest promise, the worst delivery, missed if any was.</summary>
    public static ReviewGlance Of(string month, IReadOnlyList<(decimal? Target, decimal? Achieved, bool? Met)> availability)
    {
        if (availability.Count == 0)
        {
            return new ReviewGlance(month, null, null, null);
        }

        bool? met = availability.Any(t => t.Met == false) ? false : availability.All(t => t.Met == true) ? true : null;
        return new ReviewGlance(month, availability.Max(t => t.Target), availability.Min(t => t.Achieved), met);
    }
}

public static class ServiceReview
{
    public const string ProposePath = "/api/v1/proposals";

    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    public static ServiceReviewDocument Compose(ReviewInput input)
    {
        var closed = input.Month.PlusMonths(1).OnDayOfMonth(1).AtStartOfDayInZone(input.Zone).ToInstant() <= input.Now;
        var reviewed = input.Agreements.Where(a => a.Month is not null).OrderBy(a => input.ServiceNames[a.ServiceId], StringComparer.Ordinal).ToList();
        var agreements = reviewed.Select(a => Review(a, input, closed)).ToList();
        return new ServiceReviewDocument(
            input.CustomerName,
            Period(input.Month),
            closed ? "closed" : "in-progress",
            input.Zone.Id,
            Summary(input, closed),
            agreements);
    }

    /// <summary>
    /// The review as Markdown, two parts an agreement: what was promised and delivered, closing with the last twelve months
    /// (which a chart may follow), then what the business can do next (which a link to propose may follow). The first part
    /// opens with the title and the summary; without agreements, those are the only part.
    /// </summary>
    /// <param name="namingProposePath">Whether each agreement's second part names the API's path for proposals, as an integrator reads it.</param>
    public static IReadOnlyList<string> Markdown(ServiceReviewDocument review, bool namingProposePath = true)
    {
        var parts = new List<string>();
        var text = new StringBuilder();
        text.Append(Invariant, $"# Service review: {MarkdownText.Escape(review.Customer)}, {MonthName(review.Month)}\n\n");
        if (review.Status == "in-progress")
        {
            text.Append(Invariant, $"{MonthName(review.Month)} is still running: the figures are as they stand today and may change before the month ends.\n\n");
        }

        text.Append(Invariant, $"{MarkdownText.Escape(review.Summary)}\n\n");
        foreach (var agreement in review.Agreements)
        {
            text.Append(Invariant, $"## {MarkdownText.Escape(agreement.Service)}\n\n### What was promised\n\n");
            foreach (var promise in agreement.Promised)
            {
                text.Append(Invariant, $"- Version {promise.Version}, {Stretch(promise, review)}:\n");
                foreach (var target in promise.Targets)
                {
                    text.Append(Invariant, $"  - {MarkdownText.Escape(target)}\n");
                }
            }

            text.Append("\n### What was delivered\n\n");
            foreach (var result in agreement.Delivered)
            {
                text.Append(Invariant, $"- {MarkdownText.Escape(Capitalised(result.InPlainWords))}\n");
            }

            text.Append("\n### What went wrong\n\n");
            if (agreement.Outages.Count == 0)
            {
                text.Append("Nothing went wrong that counts against this agreement.\n");
            }

            foreach (var outage in agreement.Outages)
            {
                text.Append(Invariant, $"- {MarkdownText.Escape(outage.InPlainWords)}\n");
            }

            if (agreement.Corrections.Count > 0)
            {
                text.Append("\n### Corrections to the record\n\n");
                foreach (var correction in agreement.Corrections)
                {
                    text.Append(Invariant, $"- {MarkdownText.Escape(correction.InPlainWords)}\n");
                }
            }

            if (agreement.Credit is { } credit)
            {
                text.Append(Invariant, $"\n### What the misses cost IT\n\n{MarkdownText.Escape(credit.InPlainWords)}\n");
            }

            text.Append("\n### The last 12 months at a glance\n\n");
            if (agreement.LastTwelveMonths.All(g => g.Target is null))
            {
                text.Append("This agreement promises no availability to chart.\n");
            }

            foreach (var glance in agreement.LastTwelveMonths.Where(g => g.Target is not null))
            {
                text.Append(Invariant, $"- {MonthName(glance.Month)}: {Glance(glance)}\n");
            }

            text.Append('\n');
            parts.Add(text.ToString());
            text.Clear();

            text.Append("### What you can do next\n\n");
            foreach (var next in agreement.Next)
            {
                text.Append(Invariant, $"- {MarkdownText.Escape(next)}\n");
            }

            if (namingProposePath)
            {
                text.Append(Invariant, $"\nA proposal is sent to `{agreement.ProposePath}`.\n");
            }

            text.Append('\n');
            parts.Add(text.ToString());
            text.Clear();
        }

        if (text.Length > 0)
        {
            parts.Add(text.ToString());
        }

        return parts;
    }

    private static AgreementReview Review(ReviewedAgreement agreement, ReviewInput input, bool closed)
    {
        var service = input.ServiceNames[agreement.ServiceId];
        var month = agreement.Month!;
        var promised = month.Versions.Select(v => new ReviewPromise(
            v.Version,
            v.From.ToDateTimeUtc(),
            v.To.ToDateTimeUtc(),
            v.Targets.Select(t => Plain(TargetWording.Describe(new Target(t.Metric, t.Target, t.Scope), input.Metrics))).ToList())).ToList();
        var several = month.Versions.Count > 1;
        var delivered = month.Versions
            .SelectMany(v => v.Targets.Select(t => Result(t, several ? v : null, input, closed)))
            .ToList();
        // An outage corrected out of the month between the two reads is left out rather than failing the review.
        var outages = Counted(month)
            .Where(c => input.Outages.ContainsKey(c.Key))
            .Select(c => Outage(input.Outages[c.Key], c.Value, agreement.ServiceId, input))
            .OrderBy(o => o.StartedAt)
            .ToList();
        var corrections = input.Outages.Values
            .Where(o => agreement.ReliesOn.Contains(o.ServiceId) && o.History.Count > 0)
            .SelectMany(o => o.History.Select(h => Correction(o, h, input.Zone)))
            .OrderBy(c => c.At)
            .ToList();
        var glances = agreement.LastTwelveMonths.Select(Glance).ToList();
        var missed = delivered.Any(r => r.Met == false);
        IReadOnlyList<string> next = missed
            ? [
                $"If {service} must do better than this, propose stricter targets: IT answers with what it would cost and what it would change.",
                $"If the targets are right but the service is not, ask IT how it will keep them, and watch next month's review.",
            ]
            : [
                $"If the business needs more from {service}, propose stricter targets: IT answers with what it would cost.",
                $"If {service} matters less than it did, propose looser targets to lower the monthly charge.",
            ];
        return new AgreementReview(agreement.ServiceId, service, promised, delivered, outages, corrections, glances, Credit(month, input), next, ProposePath);
    }

    /// <summary>Each counted outage and the minutes it counted: the most any target counted within a version's stretch, added across stretches.</summary>
    private static Dictionary<Guid, decimal> Counted(MonthAttainment month)
    {
        var counted = new Dictionary<Guid, decimal>();
        foreach (var stretch in month.Versions)
        {
            var inStretch = new Dictionary<Guid, decimal>();
            foreach (var target in stretch.Targets)
            {
                foreach (var o in target.Availability?.Outages ?? [])
                {
                    inStretch[o.OutageId] = Math.Max(inStretch.GetValueOrDefault(o.OutageId), o.CountedMinutes);
                }

                foreach (var i in target.Restore?.Incidents ?? [])
                {
                    inStretch[i.OutageId] = Math.Max(inStretch.GetValueOrDefault(i.OutageId), i.Minutes);
                }
            }

            foreach (var (id, minutes) in inStretch)
            {
                counted[id] = counted.GetValueOrDefault(id) + minutes;
            }
        }

        return counted;
    }

    private static ReviewCredit? Credit(MonthAttainment month, ReviewInput input)
    {
        if (month.Credit is not { } credit)
        {
            return null;
        }

        var reasons = string.Join(" ", credit.Versions.Select(v => v.Reason));
        var words = credit.Amount > 0
            ? $"A service credit of {AgreementDocument.Money(credit.Amount, credit.Currency)} is deducted from the charges for {MonthName(Period(input.Month))}. {reasons}"
            : $"No service credit was earned. {reasons}";
        return new ReviewCredit(credit.Amount, credit.Currency, words);
    }

    private static ReviewResult Result(TargetAttainment target, VersionAttainment? version, ReviewInput input, bool closed)
    {
        var label = Plain(TargetWording.Label(target.Metric, target.Scope, input.Metrics));
        var promised = Plain(TargetWording.Value(target.Metric, target.Target, input.Metrics));
        var achieved = target.Achieved is { } a ? Plain(TargetWording.Value(target.Metric, TargetValue.Of(Math.Round(a, 2)), input.Metrics)) : null;
        var when = version is null ? string.Empty : $" (version {version.Version}, {Day(version.From, input.Zone)} to {Day(version.To - NodaTime.Duration.FromTicks(1), input.Zone)})";
        var slowest = target.Metric == AttainmentRules.TimeToRestoreMetric ? "the slowest restoration took " : string.Empty;
        var words = (target.Met, closed, target.AtRisk) switch
        {
            (null, _, _) when target.Metric == AttainmentRules.TimeToRestoreMetric => $"{label}{when}: promised {promised}; there was no such incident this month.",
            (null, _, _) => $"{label}{when}: promised {promised}; nothing measured it this month.",
            (true, true, _) => $"{label}{when}: kept. Promised {promised}, {slowest}{Delivered(slowest)}{achieved}.",
            (false, true, _) => $"{label}{when}: missed. Promised {promised}, {slowest}{Delivered(slowest)}{achieved}.",
            (true, false, true) => $"{label}{when}: at risk so far. Promised {promised}, {slowest}{Delivered(slowest)}{achieved} so far.",
            (true, false, false) => $"{label}{when}: on track so far. Promised {promised}, {slowest}{Delivered(slowest)}{achieved} so far.",
            (false, false, _) => $"{label}{when}: already missed for this month. Promised {promised}, {slowest}{Delivered(slowest)}{achieved} so far.",
        };
        return new ReviewResult(label, promised, achieved, target.Met, words);
    }

    private static string Delivered(string slowest) => slowest.Length > 0 ? string.Empty : "delivered ";

    private static ReviewOutage Outage(OutageFacts outage, decimal countedMinutes, Guid agreedServiceId, ReviewInput input)
    {
        var agreedService = input.ServiceNames[agreedServiceId];
        var failed = input.ServiceNames[outage.ServiceId];
        var duration = Duration(countedMinutes);
        var when = Span(outage, input.Zone);
        var what = outage.ServiceId == agreedServiceId ? failed : $"{failed}, which {agreedService} relies on,";
        var story = outage switch
        {
            { Kind: OutageKind.Planned } => $"{when}: planned work on {failed} outside the agreed maintenance windows took {agreedService} down for {duration}.",
            { RestoredAt: null } => $"{when}: {what} is still down; {duration} so far.",
            _ => $"{when}: {what} was down for {duration}.",
        };
        var total = (decimal)((outage.RestoredAt ?? input.Now.ToDateTimeUtc()) - outage.StartedAt).TotalMinutes;
        if (Math.Round(total) > Math.Round(countedMinutes) && outage.RestoredAt is not null)
        {
            story += $" It lasted {Duration(total)} in all; the rest fell outside the agreed service hours or the month.";
        }

        story += $" Users experienced: {outage.Summary.TrimEnd('.')}.";
        if (outage.Cause is { Length: > 0 } cause)
        {
            story += $" Cause: {cause.TrimEnd('.')}.";
        }

        return new ReviewOutage(outage.StartedAt, outage.RestoredAt, duration, countedMinutes, failed, outage.Summary, outage.Cause, story);
    }

    private static ReviewCorrection Correction(OutageFacts outage, OutageCorrection correction, DateTimeZone zone)
    {
        var changes = new List<string>();
        if (correction.StartedAtBefore != correction.StartedAtAfter)
        {
            changes.Add($"it started at {Moment(correction.StartedAtAfter, zone)}, not {Moment(correction.StartedAtBefore, zone)}");
        }

        if (correction.RestoredAtBefore != correction.RestoredAtAfter)
        {
            changes.Add($"it ended at {(correction.RestoredAtAfter is { } after ? Moment(after, zone) : "no time yet")}, not {(correction.RestoredAtBefore is { } before ? Moment(before, zone) : "no time")}");
        }

        if (correction.KindBefore != correction.KindAfter)
        {
            changes.Add($"it was {Kind(correction.KindAfter)}, not {Kind(correction.KindBefore)}");
        }

        var what = changes.Count == 0 ? "confirmed unchanged" : "corrected: " + string.Join("; ", changes);
        var words = $"The record of \"{outage.Summary.TrimEnd('.')}\" ({Day(outage.StartedAt, zone)}) was {what}. Reason given: {correction.Reason.TrimEnd('.')}.";
        return new ReviewCorrection(outage.Summary, correction.At, correction.Reason, words);
    }

    private static ReviewGlance Glance(MonthAttainment month) => ReviewGlance.Of(
        Period(month.Month),
        month.Versions.SelectMany(v => v.Targets).Where(t => t.Metric == AttainmentRules.AvailabilityMetric).Select(t => (t.Target.Number, t.Achieved, t.Met)).ToList());

    private static string Glance(ReviewGlance glance) => glance switch
    {
        { Achieved: null } => string.Create(Invariant, $"not measured (promised {glance.Target:0.####}%)"),
        { Met: true } => string.Create(Invariant, $"{glance.Achieved:0.##}% against {glance.Target:0.####}%, kept"),
        _ => string.Create(Invariant, $"{glance.Achieved:0.##}% against {glance.Target:0.####}%, missed"),
    };

    private static string Summary(ReviewInput input, bool closed)
    {
        var month = MonthName(Period(input.Month));
        var agreements = input.InForce.OrderBy(a => a.Service, StringComparer.Ordinal).ToList();
        if (agreements.Count == 0)
        {
            return $"No agreement of {input.CustomerName} was in force in {month}.";
        }

        var missed = agreements.Where(a => a.Missed).Select(a => a.Service).ToList();
        var count = agreements.Count == 1 ? "one agreement" : $"{agreements.Count} agreements";
        var verb = closed ? "had" : "has";
        if (missed.Count == 0)
        {
            return closed
                ? $"In {month}, {input.CustomerName} had {count} in force, and every promise was kept."
                : $"So far in {month}, {input.CustomerName} {verb} {count} in force, and no promise has been missed yet.";
        }

        var which = missed.Count == 1 ? missed[0] : $"{string.Join(", ", missed[..^1])} and {missed[^1]}";
        return closed
            ? $"In {month}, {input.CustomerName} had {count} in force; {which} missed {(missed.Count == 1 ? "a promise" : "promises")}{(missed.Count < agreements.Count ? ", the rest kept every promise" : string.Empty)}."
            : $"So far in {month}, {input.CustomerName} {verb} {count} in force; {which} {(missed.Count == 1 ? "has" : "have")} already missed {(missed.Count == 1 ? "a promise" : "promises")} this month.";
    }

    private static string Stretch(ReviewPromise promise, ServiceReviewDocument review)
    {
        var zone = DateTimeZoneProviders.Tzdb[review.TimeZone];
        var month = Month(review.Month);
        var start = month.OnDayOfMonth(1).AtStartOfDayInZone(zone).ToInstant().ToDateTimeUtc();
        var end = month.PlusMonths(1).OnDayOfMonth(1).AtStartOfDayInZone(zone).ToInstant().ToDateTimeUtc();
        return (promise.From <= start, promise.To >= end) switch
        {
            (true, true) => "in force the whole month",
            (false, true) => $"in force from {Day(promise.From, zone)}",
            (true, false) => $"in force until {Day(promise.To.AddTicks(-1), zone)}",
            _ => $"in force from {Day(promise.From, zone)} to {Day(promise.To.AddTicks(-1), zone)}",
        };
    }

    private static string Span(OutageFacts outage, DateTimeZone zone)
    {
        var start = Instant.FromDateTimeUtc(outage.StartedAt).InZone(zone);
        if (outage.RestoredAt is not { } restoredAt)
        {
            return $"Since {Moment(outage.StartedAt, zone)}";
        }

        var end = Instant.FromDateTimeUtc(restoredAt).InZone(zone);
        return start.Date == end.Date
            ? $"{Moment(outage.StartedAt, zone)}–{end.ToString("HH:mm", Invariant)}"
            : $"{Moment(outage.StartedAt, zone)} to {Moment(restoredAt, zone)}";
    }

    /// <summary>"47 minutes", "3 hours 5 minutes", "2 days 1 hour".</summary>
    public static string Duration(decimal minutes)
    {
        var whole = (long)Math.Round(minutes, MidpointRounding.AwayFromZero);
        if (whole < 60)
        {
            return Unit(whole, "minute");
        }

        var (days, hours, rest) = (whole / 1440, whole % 1440 / 60, whole % 60);
        return days > 0
            ? hours > 0 ? $"{Unit(days, "day")} {Unit(hours, "hour")}" : Unit(days, "day")
            : rest > 0 ? $"{Unit(hours, "hour")} {Unit(rest, "minute")}" : Unit(hours, "hour");
    }

    private static string Unit(long count, string unit) => string.Create(Invariant, $"{count} {unit}{(count == 1 ? string.Empty : "s")}");

    private static string Kind(OutageKind kind) => kind switch
    {
        OutageKind.Outage => "an outage",
        OutageKind.Degradation => "a degradation (slow, not down)",
        _ => "planned work",
    };

    private static string Moment(DateTime utc, DateTimeZone zone) =>
        Instant.FromDateTimeUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc)).InZone(zone).ToString("ddd d MMMM, HH:mm", Invariant);

    private static string Day(DateTime utc, DateTimeZone zone) =>
        Instant.FromDateTimeUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc)).InZone(zone).ToString("d MMMM", Invariant);

    private static string Day(Instant instant, DateTimeZone zone) => instant.InZone(zone).ToString("d MMMM", Invariant);

    private static string MonthName(string period) => Month(period).ToString("MMMM yyyy", Invariant);

    private static YearMonth Month(string period) => CalendarMonth.Parse(period)!.Value.ToYearMonth();

    private static string Period(YearMonth month) => month.ToString("yyyy-MM", Invariant);

    private static string Capitalised(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];

    // TargetWording escapes for Markdown; the review keeps plain words (its JSON is read as text) and escapes once, where it writes Markdown.
    private static string Plain(string markdown) => Regex.Replace(markdown, @"\\(.)", "$1");
}
