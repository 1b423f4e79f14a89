using AutoMapper;
using Catalog.Api.Domain.Delivery;
using Catalog.Api.Domain.Services;
using Catalog.Api.Features.Attainment;
using Catalog.Api.Infrastructure.Auth;
using Catalog.Api.Infrastructure.ChangeFeed;
using Catalog.Api.Infrastructure.Persistence;
using Catalog.Api.Infrastructure.Problems;
using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Catalog.Api.Features.Outages;

/// <summary>
/// Records what happened to a service. Monitoring posts the same alert again and again: an outage whose source
/// (system, reference) is already recorded is answered as it stands, not recorded twice.
/// </summary>
public static class RecordOutage
{
    public sealed record SourceInput(string? System, string? Reference);

    public sealed record OutageInput(
        Guid? ServiceId,
        OutageKind? Kind,
        string? Priority,
        DateTime? StartedAt,
        DateTime? RestoredAt,
        string? Summary,
        string? Cause,
        SourceInput? Source);

    public sealed record Command(OutageInput Input) : IRequest<Result>;

    /// <summary>The outage, and whether this request recorded it (false: the source was already known).</summary>
    public sealed record Result(OutageResponse Outage, bool Created);

    internal sealed class Validator : AbstractValidator<Command>
    {
        public Validator(TimeProvider clock)
        {
            RuleFor(c => c.Input.ServiceId).NotNull().NotEqual(Guid.Empty);
            RuleFor(c => c.Input.Kind).NotNull().IsInEnum();
            RuleFor(c => c.Input.Priority).MaximumLength(50);
            RuleFor(c => c.Input.StartedAt).NotNull()
                .LessThanOrEqualTo(_ => clock.GetUtcNow().UtcDateTime).WithMessage("An outage cannot start in the future.");
            RuleFor(c => c.Input.RestoredAt)
                .GreaterThan(c => c.Input.StartedAt).WithMessage("restoredAt must be after startedAt.")
                .LessThanOrEqualTo(_ => clock.GetUtcNow().UtcDateTime).WithMessage("An outage cannot be restored in the future.")
                .When(c => c.Input.RestoredAt is not null && c.Input.StartedAt is not null);
            RuleFor(c => c.Input.Summary).NotEmpty().MaximumLength(Outage.MaxSummaryLength);
            RuleFor(c => c.Input.Cause).MaximumLength(Outage.MaxSummaryLength);
            RuleFor(c => c.Input.Source).NotNull();
            RuleFor(c => c.Input.Source!.System).NotEmpty().MaximumLength(100).When(c => c.Input.Source is not null);
            RuleFor(c => c.Input.Source!.Reference).NotEmpty().MaximumLength(200).When(c => c.Input.Source is not null);
        }
    }

    internal sealed class Handler(CatalogDbContext db, IMapper mapper, Actor actor, TimeProvider clock, AttainmentSignal attainment) : IRequestHandler<Command, Result>
    {
        public async Task<Result> Handle(Command command, CancellationToken cancellationToken)
        {
            var input = command.Input;
            var source = new OutageSource(input.Source!.System!.Trim(), input.Source.Reference!.Trim());
            var now = clock.GetUtcNow().UtcDateTime;
            if (await FindAsync(source, cancellationToken) is { } known)
            {
                return new Result(await ResolveAsync(known, input, now, cancellationToken), Created: false);
            }

            var service = await db.Services.AsNoTracking().Where(s => s.Id == input.ServiceId).Select(s => new { s.Lifecycle }).SingleOrDefaultAsync(cancellationToken)
                ?? throw new InvalidInputException("serviceId", $"No service with id '{input.ServiceId}' exists.");
            if (service.Lifecycle == Lifecycle.Pipeline)
            {
                throw new InvalidInputException("serviceId", "The service is not live yet; there is no delivered service to record.");
            }

            var outage = Outage.Record(
                input.ServiceId!.Value, input.Kind!.Value, Blank(input.Priority), input.StartedAt!.Value.ToUniversalTime(), input.RestoredAt?.ToUniversalTime(),
                input.Summary!.Trim(), Blank(input.Cause), source, actor.Ref, now);
            db.Outages.Add(outage);
            var response = mapper.Map<OutageResponse>(outage);
            db.Record(ChangeTypes.OutageRecorded, SubjectTypes.Outage, outage.Id, actor.Ref, now, response);
            if (outage.RestoredAt is not null)
            {
                db.Record(ChangeTypes.OutageRestored, SubjectTypes.Outage, outage.Id, actor.Ref, now, response);
            }

            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateException e) when (e.IsUniqueViolation())
            {
                // Another request recorded the same source at the same moment; the unique source index kept one, and that one stands.
                db.ChangeTracker.Clear();
                var winner = await FindAsync(source, cancellationToken) ?? throw new InvalidOperationException("The outage that won the race is gone.", e);
                return new Result(mapper.Map<OutageResponse>(winner), Created: false);
            }

            // The watcher judges the agreements it touches now rather than at its next check: a long outage may be reported late.
            attainment.Notify(outage.ServiceId);
            return new Result(response, Created: true);
        }

        /// <summary>
        /// The same alert again. Monitoring that reports the end of an alert under the same reference restores the
        /// outage; anything else about a known outage changes only through a correction with a reason.
        /// </summary>
        private async Task<OutageResponse> ResolveAsync(Outage known, OutageInput input, DateTime now, CancellationToken cancellationToken)
        {
            if (known.RestoredAt is null && input.RestoredAt is { } restoredAt)
            {
                known.Restore(restoredAt.ToUniversalTime(), now);
                var restored = mapper.Map<OutageResponse>(known);
                db.Record(ChangeTypes.OutageRestored, SubjectTypes.Outage, known.Id, actor.Ref, now, restored);
                await db.SaveChangesAsync(cancellationToken);
                attainment.Notify(known.ServiceId);
                return restored;
            }

            return mapper.Map<OutageResponse>(known);
        }

        private Task<Outage?> FindAsync(OutageSource source, CancellationToken cancellationToken) =>
            db.Outages.SingleOrDefaultAsync(o => o.SourceSystem == source.System && o.SourceReference == source.Reference, cancellationToken);

        private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
    }
}
