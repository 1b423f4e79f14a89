using AutoMapper;
using Catalog.Api.Domain.Common;
using Catalog.Api.Domain.Delivery;
using Catalog.Api.Domain.Metrics;
using Catalog.Api.Features.Attainment;
using Catalog.Api.Features.Metrics;
using Catalog.Api.Infrastructure.Auth;
using Catalog.Api.Infrastructure.ChangeFeed;
using Catalog.Api.Infrastructure.Persistence;
using Catalog.Api.Infrastructure.Problems;
using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Catalog.Api.Features.Measurements;

/// <summary>
/// Records what an integrator measured for a month. The same (metric, scope, month, source) again replaces that
/// source's value, so a monitoring job can report the month as often as it runs.
/// </summary>
public static class RecordMeasurement
{
    public sealed record MeasurementInput(string? Metric, string? Scope, string? Period, decimal? Value, string? Source);

    public sealed record Command(Guid ServiceId, MeasurementInput Input) : IRequest<Result>;

    public sealed record Result(MeasurementResponse Measurement, bool Created);

    internal sealed class Validator : AbstractValidator<Command>
    {
        public Validator(TimeProvider clock)
        {
            RuleFor(c => c.Input.Metric).NotEmpty().MaximumLength(64);
            RuleFor(c => c.Input.Scope).MaximumLength(100);
            RuleFor(c => c.Input.Period).NotEmpty()
                .Must(p => CalendarMonth.Parse(p) is not null).WithMessage("period is a calendar month, YYYY-MM.")
                .Must(p => CalendarMonth.Parse(p) is not { } month || month.Start <= CalendarMonth.Of(clock.GetUtcNow().UtcDateTime).Start)
                .WithMessage("period cannot be a month that has not begun.");
            RuleFor(c => c.Input.Value).NotNull().GreaterThanOrEqualTo(0);
            RuleFor(c => c.Input.Source).NotEmpty().MaximumLength(100);
        }
    }

    internal sealed class Handler(CatalogDbContext db, IMapper mapper, MetricVocabulary vocabulary, Actor actor, TimeProvider clock, AttainmentSignal attainment) : IRequestHandler<Command, Result>
    {
        public async Task<Result> Handle(Command command, CancellationToken cancellationToken)
        {
            var input = command.Input;
            if (!await db.Services.AnyAsync(s => s.Id == command.ServiceId, cancellationToken))
            {
                throw new NotFoundException("service", command.ServiceId);
            }

            var metrics = await vocabulary.ReadAsync(db, [input.Metric!], cancellationToken);
            if (!metrics.TryGetValue(input.Metric!, out var metric))
            {
                throw new InvalidInputException("metric", $"'{input.Metric}' is not a metric; see GET /api/v1/metrics.");
            }

            if (metric.ValueType != MetricValueType.Number || metric.Key is AttainmentRules.AvailabilityMetric or AttainmentRules.TimeToRestoreMetric)
            {
                throw new InvalidInputException("metric", $"'{metric.Key}' is not measured by a number reported per month{(metric.ValueType == MetricValueType.Number ? "; it follows from the recorded outages" : string.Empty)}.");
            }

            var scope = string.IsNullOrWhiteSpace(input.Scope) ? string.Empty : input.Scope.Trim();
            var source = input.Source!.Trim();
            var now = clock.GetUtcNow().UtcDateTime;
            var existing = await db.Measurements.SingleOrDefaultAsync(
                m => m.ServiceId == command.ServiceId && m.Metric == metric.Key && m.Scope == scope && m.Period == input.Period && m.Source == source, cancellationToken);
            if (existing is not null)
            {
                if (existing.Report(input.Value!.Value, actor.Ref, now))
                {
                    db.Record(ChangeTypes.MeasurementRecorded, SubjectTypes.Measurement, existing.Id, actor.Ref, now, mapper.Map<MeasurementResponse>(existing));
                    await db.SaveChangesAsync(cancellationToken);
                    attainment.Notify(command.ServiceId);
                }

                return new Result(mapper.Map<MeasurementResponse>(existing), Created: false);
            }

            var measurement = Measurement.Record(command.ServiceId, metric.Key, scope, input.Period!, input.Value!.Value, source, actor.Ref, now);
            db.Measurements.Add(measurement);
            var response = mapper.Map<MeasurementResponse>(measurement);
            db.Record(ChangeTypes.MeasurementRecorded, SubjectTypes.Measurement, measurement.Id, actor.Ref, now, response);

            // Two reports of the same month from one source racing: the unique key keeps one, the other is a 409 to retry.
            await db.SaveChangesAsync(cancellationToken);
            attainment.Notify(command.ServiceId);
            return new Result(response, Created: true);
        }
    }
}
