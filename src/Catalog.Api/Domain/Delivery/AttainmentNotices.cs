using System.Globalization;
using NodaTime;

namespace Catalog.Api.Domain.Delivery;

public enum NoticeKind
{
    /// <summary>The running month has used more than three quarters of a target's allowed downtime (or time to restore).</summary>
    AtRisk,

    /// <summary>The month can no longer meet a target, whatever happens in the rest of it.</summary>
    TargetMissed,

    /// <summary>The month has ended in the customer's time zone; its result is final.</summary>
    MonthClosed,
}

/// <summary>
/// What a notice is about; no two notices share one. Per target, the version and the target (metric and scope);
/// a closed month is about the whole month, so its version is 0 and its metric and scope are empty.
/// </summary>
public sealed record NoticeKey(Guid AgreementId, int Month, NoticeKind Kind, int Version, string Metric, string Scope)
{
    /// <summary>A month as a number that sorts like the calendar: 202603 for March 2026.</summary>
    public static int MonthNumber(YearMonth month) => (month.Year * 100) + month.Month;

    public static YearMonth FromMonthNumber(int number) => new(number / 100, number % 100);

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{AgreementId}/{Month}/{Kind}/{Version}/{Metric}/{Scope}");
}

/// <summary>A notice that is due: the month, and for a target notice the version stretch and the target judged.</summary>
public sealed record Notice(NoticeKey Key, MonthAttainment Month, VersionAttainment? Version, TargetAttainment? Target);

/// <summary>
/// When the delivery of an agreement is worth telling someone about, each thing once: a target of the running
/// month at risk, a month that can no longer meet a target (while an outage is still going on, too), and a month
/// that has ended. A month once closed is final: nothing more is said about it, even if a correction later changes
/// its attainment (the attainment view shows that).
/// </summary>
public static class AttainmentNotices
{
    /// <summary>The notices <paramref name="month"/> calls for that are not in <paramref name="given"/>, in the order they happened.</summary>
    public static IReadOnlyList<Notice> Due(Guid agreementId, MonthAttainment month, IReadOnlySet<NoticeKey> given)
    {
        var number = NoticeKey.MonthNumber(month.Month);
        if (given.Contains(Closing(agreementId, number)))
        {
            return [];
        }

        var due = new List<Notice>();
        foreach (var version in month.Versions)
        {
            foreach (var target in version.Targets)
            {
                // At risk is a warning about a month still running; a closed month says met or missed instead.
                if (target.AtRisk && !month.Closed)
                {
                    Add(new NoticeKey(agreementId, number, NoticeKind.AtRisk, version.Version, target.Metric, target.Scope ?? string.Empty), version, target);
                }

                // Missed while the month runs (the downtime already exceeds what is allowed, an ongoing outage has
                // outrun its time to restore) or found at its end (a measurement); null means nothing measured it.
                if (target.Met == false)
                {
                    Add(new NoticeKey(agreementId, number, NoticeKind.TargetMissed, version.Version, target.Metric, target.Scope ?? string.Empty), version, target);
                }
            }
        }

        if (month.Closed)
        {
            Add(Closing(agreementId, number), null, null);
        }

        return due;

        void Add(NoticeKey key, VersionAttainment? version, TargetAttainment? target)
        {
            if (!given.Contains(key))
            {
                due.Add(new Notice(key, month, version, target));
            }
        }
    }

    /// <summary>The key of a month's closing notice.</summary>
    public static NoticeKey Closing(Guid agreementId, int month) => new(agreementId, month, NoticeKind.MonthClosed, 0, string.Empty, string.Empty);
}
