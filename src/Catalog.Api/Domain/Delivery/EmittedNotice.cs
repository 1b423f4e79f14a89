namespace Catalog.Api.Domain.Delivery;

/// <summary>
/// A notice that was given, kept so it is given once: its key is unique, and it is written in the transaction that
/// writes the notice's event, so of two instances noticing the same thing only one commits.
/// </summary>
public sealed class EmittedNotice
{
    private EmittedNotice()
    {
        Metric = Scope = string.Empty;
    }

    public Guid AgreementId { get; private set; }

    /// <summary>The month in the customer's time zone, as <see cref="NoticeKey.MonthNumber"/> writes it.</summary>
    public int Month { get; private set; }

    public NoticeKind Kind { get; private set; }

    public int Version { get; private set; }

    public string Metric { get; private set; }

    public string Scope { get; private set; }

    public DateTime EmittedAt { get; private set; }

    public NoticeKey Key => new(AgreementId, Month, Kind, Version, Metric, Scope);

    public static EmittedNotice Of(NoticeKey key, DateTime emittedAt) => new()
    {
        AgreementId = key.AgreementId,
        Month = key.Month,
        Kind = key.Kind,
        Version = key.Version,
        Metric = key.Metric,
        Scope = key.Scope,
        EmittedAt = emittedAt,
    };
}
