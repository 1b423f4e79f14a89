using AutoMapper;
using Catalog.Api.Domain.Delivery;
using Catalog.Api.Features.Attainment;
using Catalog.Api.Infrastructure.Auth;
using Catalog.Api.Infrastructure.ChangeFeed;
using Catalog.Api.Infrastructure.Http;
using Catalog.Api.Infrastructure.Persistence;
using FluentValidation;
using MediatR;

namespace Catalog.Api.Features.Outages;

/// <summary>
/// Corrects an outage's times or kind. Nothing about an outage changes without a reason, and every correction stays
/// in its history: a shortened outage shows who shortened it, when and why.
/// </summary>
public static class CorrectOutage
{
    public const int MaxReasonLength = 1000;

    public sealed record CorrectionInput(DateTime? StartedAt, DateTime? RestoredAt, OutageKind? Kind, string? Reason);

    public sealed record Command(Guid OutageId, CorrectionInput Input, IfMatch IfMatch) : IRequest<OutageResponse>;

    internal sealed class Validator : AbstractValidator<Command>
    {
        public Validator(TimeProvider clock)
        {
            RuleFor(c => c.Input.Reason).NotEmpty().MaximumLength(MaxReasonLength);
            RuleFor(c => c.Input.Kind).IsInEnum();
            RuleFor(c => c.Input.StartedAt).LessThanOrEqualTo(_ => clock.GetUtcNow().UtcDateTime).WithMessage("An outage cannot start in the future.");
            RuleFor(c => c.Input.RestoredAt).LessThanOrEqualTo(_ => clock.GetUtcNow().UtcDateTime).WithMessage("An outage cannot be restored in the future.");
            RuleFor(c => c.Input.RestoredAt).GreaterThan(c => c.Input.StartedAt).WithMessage("restoredAt must be after startedAt.")
                .When(c => c.Input.StartedAt is not null && c.Input.RestoredAt is not null);
            RuleFor(c => c.Input).Must(i => i.StartedAt is not null || i.RestoredAt is not null || i.Kind is not null)
                .WithName("input").WithMessage("A correction changes startedAt, restoredAt or kind.");
        }
    }

    internal sealed class Handler(CatalogDbContext db, IMapper mapper, Actor actor, TimeProvider clock, AttainmentSignal attainment) : IRequestHandler<Command, OutageResponse>
    {
        public async Task<OutageResponse> Handle(Command command, CancellationToken cancellationToken)
        {
            var input = command.Input;
            var outage = await OutageLookup.LoadAsync(db, actor, command.OutageId, cancellationToken);
            db.Entry(outage).Property(o => o.Version).OriginalValue = command.IfMatch.EnsureMatches(outage.Version);
            var now = clock.GetUtcNow().UtcDateTime;
            outage.Correct(input.StartedAt?.ToUniversalTime(), input.RestoredAt?.ToUniversalTime(), input.Kind, input.Reason!.Trim(), actor.Ref, now);
            var response = mapper.Map<OutageResponse>(outage);
            db.Record(ChangeTypes.OutageCorrected, SubjectTypes.Outage, outage.Id, actor.Ref, now, response);

            // A correction is made against the version the client read (If-Match): of two corrections made from the same
            // reading, the first stands and the second is a 412, so neither silently undoes the other.
            await db.SaveChangesAsync(cancellationToken);
            attainment.Notify(outage.ServiceId);
            return response;
        }
    }
}
