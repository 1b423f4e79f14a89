using Catalog.Api.Domain.Delivery;
using Catalog.Api.Features.Customers;
using Catalog.Api.Features.Outages;
using Catalog.Api.Features.Services;
using Catalog.Api.Infrastructure.Auth;
using Catalog.Api.Infrastructure.Http;
using Catalog.Api.Portal.Forms;
using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using NodaTime;

namespace Catalog.Api.Portal.Pages.Outages;

/// <summary>
/// What is broken now: the open outages, each with the form that records its restoration, and the form that records a
/// new one. Times are typed in a time zone of the person's choosing and stored as UTC, as the API does.
/// </summary>
[Authorize(Policy = Policies.RecordDelivery)]
public sealed class OutagesModel(IMediator mediator, IOptions<CustomerOptions> customers, TimeProvider clock) : FormPage
{
    public const int PageSize = 25;

    /// <summary>Outages recorded here name the portal as their source; the form's own reference makes sending it twice record it once.</summary>
    public const string SourceSystem = "portal";

    public sealed record Row(OutageResponse Outage, string ServiceName);

    [BindProperty(SupportsGet = true)]
    public string? Cursor { get; set; }

    [BindProperty]
    public string? ServiceKey { get; set; }

    [BindProperty]
    public string? Kind { get; set; }

    [BindProperty]
    public string? Priority { get; set; }

    [BindProperty]
    public string? StartedAt { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? TimeZone { get; set; }

    [BindProperty]
    public string? Summary { get; set; }

    [BindProperty]
    public string? Cause { get; set; }

    [BindProperty]
    public string? Reference { get; set; }

    [BindProperty]
    public string? RestoredAt { get; set; }

    /// <summary>The outage whose restoration was sent back, so its errors show beside it.</summary>
    public Guid? Restoring { get; private set; }

    public IReadOnlyList<Row> Open { get; private set; } = [];

    public string? NextCursor { get; private set; }

    /// <summary>Now, in the chosen time zone, as a date-and-time field shows it.</summary>
    public string Now { get; private set; } = string.Empty;

    public async Task OnGetAsync(CancellationToken cancellationToken) => await LoadAsync(cancellationToken);

    public async Task<IActionResult> OnPostRecordAsync(CancellationToken cancellationToken)
    {
        await LoadAsync(cancellationToken);
        var serviceId = await ServiceIdAsync(cancellationToken);
        var input = new RecordOutage.OutageInput(
            serviceId,
            Enum.TryParse<OutageKind>(Kind, out var kind) ? kind : null,
            FormValues.Text(Priority),
            FormValues.Instant(StartedAt, TimeZone, "startedAt", Errors),
            null,
            FormValues.Text(Summary),
            FormValues.Text(Cause),
            new RecordOutage.SourceInput(SourceSystem, FormValues.Text(Reference) ?? Guid.NewGuid().ToString()));
        if (await TryAsync(() => mediator.Send(new RecordOutage.Command(input), cancellationToken), field => field == "serviceId" ? "serviceKey" : field))
        {
            return RedirectToPage("/Outages/Index", new { timeZone = TimeZone });
        }

        return Page();
    }

    public async Task<IActionResult> OnPostRestoreAsync(Guid outageId, CancellationToken cancellationToken)
    {
        Restoring = outageId;
        await LoadAsync(cancellationToken);
        var restoredAt = FormValues.Instant(RestoredAt, TimeZone, "restoredAt", Errors);
        if (await TryAsync(() => mediator.Send(new RestoreOutage.Command(outageId, new RestoreOutage.RestorationInput(restoredAt)), cancellationToken)))
        {
            return RedirectToPage("/Outages/Index", new { timeZone = TimeZone });
        }

        return Page();
    }

    /// <summary>Local time in the chosen zone, for the list.</summary>
    public string Local(DateTime utc) =>
        DateTimeZoneProviders.Tzdb.GetZoneOrNull(TimeZone ?? string.Empty) is { } zone
            ? Instant.FromDateTimeUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc)).InZone(zone).ToString("d MMMM yyyy HH:mm", System.Globalization.CultureInfo.InvariantCulture)
            : utc.ToString("d MMMM yyyy HH:mm 'UTC'", System.Globalization.CultureInfo.InvariantCulture);

    public string Lasting(DateTime startedAt) => Catalog.Api.Domain.Metrics.TargetGuidance.Duration((decimal)(clock.GetUtcNow().UtcDateTime - startedAt).TotalMinutes);

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        TimeZone = FormValues.Text(TimeZone) ?? customers.Value.DefaultTimeZone;
        var zone = DateTimeZoneProviders.Tzdb.GetZoneOrNull(TimeZone) ?? DateTimeZone.Utc;
        Now = Instant.FromDateTimeOffset(clock.GetUtcNow()).InZone(zone).ToString("yyyy-MM-dd'T'HH:mm", System.Globalization.CultureInfo.InvariantCulture);
        Reference ??= Guid.NewGuid().ToString();

        var page = await mediator.Send(new ListOutages.Query(PageRequest.From(PageSize, Cursor), null, null, null, null, Ongoing: true), cancellationToken);
        var names = new Dictionary<Guid, string>();
        foreach (var serviceId in page.Items.Select(o => o.ServiceId).Distinct())
        {
            names[serviceId] = (await mediator.Send(new GetService.Query(serviceId), cancellationToken)).Name;
        }

        (Open, NextCursor) = (page.Items.Select(o => new Row(o, names[o.ServiceId])).ToList(), page.NextCursor);
    }

    /// <summary>The service typed by its key or its exact name; an error on the field when neither finds one.</summary>
    private async Task<Guid?> ServiceIdAsync(CancellationToken cancellationToken)
    {
        if (FormValues.Text(ServiceKey) is not { } typed)
        {
            Errors.Add("serviceKey", "Name the service that failed.");
            return null;
        }

        var byKey = await mediator.Send(new ListServices.Query(new PageRequest(1, null), Key: typed.ToLowerInvariant()), cancellationToken);
        if (byKey.Items is [var keyed])
        {
            return keyed.Id;
        }

        var found = (await mediator.Send(new ListServices.Query(new PageRequest(10, null), Q: typed), cancellationToken)).Items;
        if (found.SingleOrDefault(s => string.Equals(s.Name, typed, StringComparison.OrdinalIgnoreCase)) is { } named)
        {
            return named.Id;
        }

        Errors.Add("serviceKey", found.Count == 0
            ? $"No service is called or has the key \"{typed}\"."
            : $"No service is called exactly \"{typed}\"; did you mean {string.Join(", ", found.Take(5).Select(s => $"{s.Name} ({s.Key})"))}?");
        return null;
    }
}
