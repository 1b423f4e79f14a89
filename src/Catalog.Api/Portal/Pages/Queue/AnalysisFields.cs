using Catalog.Api.Domain.Negotiation;
using Catalog.Api.Features.Proposals;
using Catalog.Api.Portal.Forms;

namespace Catalog.Api.Portal.Pages.Queue;

/// <summary>A consequence for another service, as typed.</summary>
public sealed class ConsequenceField
{
    public Guid? ServiceId { get; set; }

    public string? Description { get; set; }

    public string? Severity { get; set; }
}

/// <summary>A maintenance window, as typed: RRULE, minutes, IANA zone and what it is for.</summary>
public sealed class WindowField
{
    public string? Rrule { get; set; }

    public string? DurationMinutes { get; set; }

    public string? TimeZone { get; set; }

    public string? Description { get; set; }
}

/// <summary>A credit band, as typed.</summary>
public sealed class BandField
{
    public string? Metric { get; set; }

    public string? Scope { get; set; }

    public string? WorseThan { get; set; }

    public string? CreditPercent { get; set; }
}

/// <summary>An option's service credits, as typed: a few bands and the cap.</summary>
public sealed class CreditsField
{
    public List<BandField> Bands { get; set; } = [];

    public string? CapPercent { get; set; }
}

/// <summary>The counter-offer, as typed: its own targets, cost, lead time, note, maintenance and credits.</summary>
public sealed class CounterOfferField
{
    public List<TargetField>? Targets { get; set; }

    public string? OneOffCost { get; set; }

    public string? MonthlyCostDelta { get; set; }

    public string? LeadTimeDays { get; set; }

    public string? Note { get; set; }

    public List<WindowField> MaintenanceWindows { get; set; } = [];

    public CreditsField ServiceCredits { get; set; } = new();
}

/// <summary>
/// The analysis form as typed. Its inputs carry the names of the fields of the API's PublishAnalysis request
/// (<c>oneOffCost</c>, <c>counterOffer.targets[0].value</c>, <c>serviceCredits.bands[1].worseThan</c>), so what the use
/// case refuses is shown next to what was typed. Blank rows are not sent; the row maps put the refusals back.
/// </summary>
public sealed class AnalysisFields
{
    public const int ConsequenceRows = 3;
    public const int BandRows = 3;

    public string? OneOffCost { get; set; }

    public string? MonthlyCostDelta { get; set; }

    public string? LabourDays { get; set; }

    public string? LeadTimeDays { get; set; }

    public string? Feasibility { get; set; }

    public List<ConsequenceField> Consequences { get; set; } = [];

    /// <summary>One trade-off a line.</summary>
    public string? TradeOffs { get; set; }

    public List<WindowField> MaintenanceWindows { get; set; } = [];

    public CreditsField ServiceCredits { get; set; } = new();

    public CounterOfferField CounterOffer { get; set; } = new();

    /// <summary>Pads every list to the rows the form shows, keeping what was typed.</summary>
    public AnalysisFields Padded(string timeZone)
    {
        Pad(Consequences, ConsequenceRows);
        Pad(MaintenanceWindows, 1, () => new WindowField { TimeZone = timeZone, DurationMinutes = "120" });
        Pad(CounterOffer.MaintenanceWindows, 1, () => new WindowField { TimeZone = timeZone, DurationMinutes = "120" });
        Pad(ServiceCredits.Bands, BandRows);
        Pad(CounterOffer.ServiceCredits.Bands, BandRows);
        return this;
    }

    /// <summary>The request the use case takes, or null with the reasons in <paramref name="errors"/> when the form cannot be read.</summary>
    public PublishAnalysis.AnalysisInput ToInput(string currency, TargetRows counterTargets, AnalysisMaps maps, FormErrors errors)
    {
        var counterInputs = counterTargets.Inputs(CounterOffer.Targets);
        PublishAnalysis.CounterOfferInput? counterOffer = null;
        if (counterInputs.Count > 0 || FormValues.Text(CounterOffer.OneOffCost) is not null || FormValues.Text(CounterOffer.MonthlyCostDelta) is not null)
        {
            counterOffer = new PublishAnalysis.CounterOfferInput(
                counterInputs,
                FormValues.Amount(CounterOffer.OneOffCost, "counterOffer.oneOffCost", errors),
                FormValues.Amount(CounterOffer.MonthlyCostDelta, "counterOffer.monthlyCostDelta", errors),
                FormValues.WholeNumber(CounterOffer.LeadTimeDays, "counterOffer.leadTimeDays", errors),
                FormValues.Text(CounterOffer.Note),
                Windows(CounterOffer.MaintenanceWindows, maps.CounterWindows, errors),
                Credits(CounterOffer.ServiceCredits, maps.CounterBands, errors));
        }

        return new PublishAnalysis.AnalysisInput(
            FormValues.Amount(OneOffCost, "oneOffCost", errors),
            FormValues.Amount(MonthlyCostDelta, "monthlyCostDelta", errors),
            currency,
            FormValues.Amount(LabourDays, "labourDays", errors),
            FormValues.WholeNumber(LeadTimeDays, "leadTimeDays", errors),
            Enum.TryParse<Feasibility>(Feasibility, out var feasibility) ? feasibility : null,
            maps.Consequences.Keep(Consequences, c => FormValues.Text(c.Description) is not null, (c, _) =>
                new PublishAnalysis.ConsequenceInput(c.ServiceId, FormValues.Text(c.Description), Enum.TryParse<ConsequenceSeverity>(c.Severity, out var severity) ? severity : null)),
            FormValues.Lines(TradeOffs),
            counterOffer,
            Windows(MaintenanceWindows, maps.Windows, errors),
            Credits(ServiceCredits, maps.Bands, errors));
    }

    private static List<MaintenanceWindowInput>? Windows(List<WindowField> rows, RowMap map, FormErrors errors)
    {
        var windows = map.Keep(rows, w => FormValues.Text(w.Rrule) is not null, (w, row) => new MaintenanceWindowInput(
            FormValues.Text(w.Rrule), FormValues.WholeNumber(w.DurationMinutes, $"{map.Prefix}[{row}].durationMinutes", errors), FormValues.Text(w.TimeZone), FormValues.Text(w.Description)));
        return windows.Count == 0 ? null : windows;
    }

    private static ServiceCreditsInput? Credits(CreditsField credits, RowMap map, FormErrors errors)
    {
        var prefix = map.Prefix[..map.Prefix.LastIndexOf('.')];
        var bands = map.Keep(credits.Bands, b => FormValues.Text(b.WorseThan) is not null, (b, row) => new CreditBandInput(
            FormValues.Text(b.Metric),
            FormValues.Text(b.Scope),
            FormValues.Amount(b.WorseThan, $"{map.Prefix}[{row}].worseThan", errors),
            FormValues.Amount(b.CreditPercent, $"{map.Prefix}[{row}].creditPercent", errors)));
        return bands.Count == 0 && FormValues.Text(credits.CapPercent) is null
            ? null
            : new ServiceCreditsInput(bands, FormValues.Amount(credits.CapPercent, prefix + ".capPercent", errors));
    }

    private static void Pad<T>(List<T> rows, int count, Func<T>? make = null)
        where T : new()
    {
        while (rows.Count < count)
        {
            rows.Add(make is null ? new T() : make());
        }
    }
}

/// <summary>The analysis form's lists, each mapping the use case's item numbers back to the form's rows.</summary>
public sealed class AnalysisMaps
{
    public RowMap Consequences { get; } = new("consequences");

    public RowMap Windows { get; } = new("maintenanceWindows");

    public RowMap Bands { get; } = new("serviceCredits.bands");

    public RowMap CounterWindows { get; } = new("counterOffer.maintenanceWindows");

    public RowMap CounterBands { get; } = new("counterOffer.serviceCredits.bands");

    /// <summary>A field the use case named as the form names it; the trade-offs are one text area.</summary>
    public Func<string, string> FieldOf(TargetRows counterTargets)
    {
        var rows = RowMap.All(Consequences, Windows, Bands, CounterWindows, CounterBands, counterTargets.Map);
        return field => field.StartsWith("tradeOffs", StringComparison.OrdinalIgnoreCase) ? "tradeOffs" : rows(field);
    }
}

/// <summary>What the maintenance-and-credits partial shows for one option (<paramref name="Prefix"/> is empty or <c>counterOffer.</c>).</summary>
public sealed record OptionFieldsView(
    string Prefix,
    WindowField Window,
    CreditsField Credits,
    IReadOnlyList<Catalog.Api.Features.Metrics.MetricResponse> Metrics,
    FormErrors Errors)
{
    /// <summary>The typed window in words, once it is one the rules accept.</summary>
    public string? Described
    {
        get
        {
            if (Window.Rrule is not { Length: > 0 } rrule || !int.TryParse(Window.DurationMinutes, out var minutes) || Window.TimeZone is not { Length: > 0 } zone)
            {
                return null;
            }

            var window = new Catalog.Api.Domain.Delivery.MaintenanceWindow(rrule.Trim(), minutes, zone.Trim());
            return window.Problems().Count == 0 ? window.Describe() : null;
        }
    }
}
