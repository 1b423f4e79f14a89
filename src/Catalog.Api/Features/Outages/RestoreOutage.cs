using AutoMapper;
using Catalog.Api.Features.Attainment;
using Catalog.Api.Infrastructure.Auth;
using Catalog.Api.Infrastructure.ChangeFeed;
using Catalog.Api.Infrastructure.Persistence;
using FluentValidation;
using MediatR;

namespace Catalog.Api.Features.Outages;

/// <summary>Closes an ongoing outage. A restored outage is not restored again: a different time is a correction, with a reason.</summary>
public static class RestoreOutage
{
    public sealed record RestorationInput(DateTime? RestoredAt);

    public sealed record Command(Guid OutageId, RestorationInput Input) : IRequest<OutageResponse>;

    internal sealed class Validator : AbstractValidator<Command>
    {
        public Validator(TimeProvider clock)
        {
            RuleFor(c => c.Input.RestoredAt).NotNull()
                .LessThanOrEqualTo(_ => clock.GetUtcNow().UtcDateTime).WithMessage("An outage cannot be restored in the future.");
        }
    }

    internal sealed class Handler(CatalogDbContext db, IMapper mapper, Actor actor, TimeProvider clock, AttainmentSignal attainment) : IRequestHandler<Command, OutageResponse>
    {
        public async Task<OutageResponse> Handle(Command command, CancellationToken cancellationToken)
        {
            var outage = await OutageLookup.LoadAsync(db, actor, command.OutageId, cancellationToken);
            var now = clock.GetUtcNow().UtcDateTime;
            outage.Restore(command.Input.RestoredAt!.Value.ToUniversalTime(), now);
            var response = mapper.Map<OutageResponse>(outage);
            db.Record(ChangeTypes.OutageRestored, SubjectTypes.Outage, outage.Id, actor.Ref, now, response);

            // Two restorations racing: the outage's concurrency token lets one win; the other is a 412 and may read again.
            await db.SaveChangesAsync(cancellationToken);
            attainment.Notify(outage.ServiceId);
            return response;
        }
    }
}
