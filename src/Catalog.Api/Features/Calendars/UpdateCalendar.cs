using System.Globalization;
using AutoMapper;
using Catalog.Api.Domain.Delivery;
using Catalog.Api.Infrastructure.Auth;
using Catalog.Api.Infrastructure.ChangeFeed;
using Catalog.Api.Infrastructure.Http;
using Catalog.Api.Infrastructure.Persistence;
using Catalog.Api.Infrastructure.Problems;
using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using NodaTime.Utility;

namespace Catalog.Api.Features.Calendars;

/// <summary>
/// Changes what a support-hours level means from now on. Agreement versions keep the calendar that was in force when
/// they were accepted, so a change never rewrites what was promised.
/// </summary>
public static class UpdateCalendar
{
    public sealed record WeeklyHoursInput(DayOfWeek? Day, string? From, string? To);

    public sealed record CalendarInput(string? Name, string? TimeZone, IReadOnlyList<WeeklyHoursInput>? WeeklyHours, IReadOnlyList<DateOnly>? Holidays);

    public sealed record Command(string Key, CalendarInput Input, IfMatch IfMatch) : IRequest<CalendarResponse>;

    internal sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.Input.Name).NotEmpty().MaximumLength(200);
            RuleFor(c => c.Input.TimeZone).MaximumLength(64)
                .Must(z => DateTimeZoneProviders.Tzdb.GetZoneOrNull(z!) is not null).WithMessage("timeZone must be an IANA time zone such as Europe/Berlin.")
                .When(c => c.Input.TimeZone is not null);
            RuleFor(c => c.Input.WeeklyHours).NotEmpty().Must(h => h!.Count <= 50).WithMessage("A calendar has at most 50 stretches of service hours.");
            RuleForEach(c => c.Input.WeeklyHours).ChildRules(hours =>
            {
                hours.RuleFor(h => h.Day).NotNull().IsInEnum();
                hours.RuleFor(h => h.From).NotEmpty().Must(t => Minute(t) is not null).WithMessage("from is a local time HH:mm (00:00 to 23:59).");
                hours.RuleFor(h => h.To).NotEmpty().Must(t => Minute(t) is not null).WithMessage("to is a local time HH:mm (00:01 to 24:00).");
                hours.RuleFor(h => h).Must(h => Minute(h.From) < Minute(h.To)).WithName("to").WithMessage("to is later than from on the same day.")
                    .When(h => Minute(h.From) is not null && Minute(h.To) is not null);
            });
            RuleFor(c => c.Input.Holidays).Must(h => h!.Count <= ServiceCalendar.MaxHolidays).WithMessage($"A calendar lists at most {ServiceCalendar.MaxHolidays} holidays.")
                .When(c => c.Input.Holidays is not null);
        }
    }

    /// <summary>Minutes since midnight of "HH:mm"; "24:00" is the day's end.</summary>
    internal static int? Minute(string? time)
    {
        if (time == "24:00")
        {
            return WeeklyHours.EndOfDay;
        }

        return TimeOnly.TryParseExact(time, "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed) ? (parsed.Hour * 60) + parsed.Minute : null;
    }

    internal sealed class Handler(CatalogDbContext db, IMapper mapper, Actor actor, TimeProvider clock) : IRequestHandler<Command, CalendarResponse>
    {
        public async Task<CalendarResponse> Handle(Command command, CancellationToken cancellationToken)
        {
            var calendar = await db.Calendars.SingleOrDefaultAsync(c => c.Key == command.Key, cancellationToken)
                ?? throw new NotFoundException("calendar", command.Key);
            db.Entry(calendar).Property(c => c.Version).OriginalValue = command.IfMatch.EnsureMatches(calendar.Version);
            var input = command.Input;
            var now = clock.GetUtcNow().UtcDateTime;
            calendar.Change(
                input.Name!.Trim(),
                input.TimeZone,
                input.WeeklyHours!.Select(h => new WeeklyHours(BclConversions.ToIsoDayOfWeek(h.Day!.Value), Minute(h.From)!.Value, Minute(h.To)!.Value)).ToList(),
                input.Holidays ?? [],
                now);
            var response = mapper.Map<CalendarResponse>(calendar);
            db.Record(ChangeTypes.CalendarUpdated, SubjectTypes.Calendar, calendar.Id, actor.Ref, now, response);
            await db.SaveChangesAsync(cancellationToken);
            return response;
        }
    }
}
