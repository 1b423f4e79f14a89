using Catalog.Api.Domain.Delivery;
using Catalog.Api.Infrastructure.Application;
using FluentValidation;

namespace Catalog.Api.Features.Proposals;

/// <summary>
/// Planned work IT asks to be allowed, as part of an analysis option: an RFC 5545 recurrence rule (e.g.
/// `FREQ=WEEKLY;BYDAY=SU;BYHOUR=2`), how long each window lasts in minutes, and the IANA time zone of its times.
/// </summary>
public sealed record MaintenanceWindowInput(string? Rrule, int? DurationMinutes, string? TimeZone, string? Description)
{
    public const int MaxWindows = 10;

    internal MaintenanceWindow ToWindow() => new(Rrule!.Trim(), DurationMinutes!.Value, TimeZone!.Trim(), string.IsNullOrWhiteSpace(Description) ? null : Description.Trim());
}

internal sealed class MaintenanceWindowListValidator : AbstractValidator<IReadOnlyList<MaintenanceWindowInput>>
{
    public MaintenanceWindowListValidator()
    {
        RuleFor(w => w).ItemCount(0, MaintenanceWindowInput.MaxWindows).WithMessage($"At most {MaintenanceWindowInput.MaxWindows} maintenance windows.");
        RuleForEach(w => w).NotNull().ChildRules(window =>
        {
            window.RuleFor(w => w.Rrule).NotEmpty().MaximumLength(500);
            window.RuleFor(w => w.DurationMinutes).NotNull().InclusiveBetween(1, MaintenanceWindow.MaxDurationMinutes);
            window.RuleFor(w => w.TimeZone).NotEmpty().MaximumLength(64);
            window.RuleFor(w => w.Description).MaximumLength(500);

            // The rule itself (a recurrence that can be agreed, in a real time zone) is the domain's to judge.
            window.RuleFor(w => w.Rrule).Custom((_, context) =>
            {
                foreach (var problem in context.InstanceToValidate.ToWindow().Problems())
                {
                    context.AddFailure(problem);
                }
            }).When(w => !string.IsNullOrWhiteSpace(w.Rrule) && !string.IsNullOrWhiteSpace(w.TimeZone) && w.DurationMinutes is not null);
        });
    }
}
