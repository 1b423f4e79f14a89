using Catalog.Api.Infrastructure.Auth;
using Catalog.Api.Infrastructure.Persistence;
using FluentValidation;
using MediatR;
using Catalog.Api.Infrastructure.ChangeFeed;

namespace Catalog.Api.Features.Agreements;

/// <summary>The customer (or an admin) ends the agreement with a reason; its versions stay readable.</summary>
public static class TerminateAgreement
{
    public sealed record TerminationInput(string? Reason);

    public sealed record Command(Guid Id, TerminationInput Input) : IRequest<AgreementResponse>;

    internal sealed class Validator : AbstractValidator<Command>
    {
        public Validator() => RuleFor(c => c.Input.Reason).NotEmpty().MaximumLength(2000);
    }

    internal sealed class Handler(CatalogDbContext db, Actor actor, TimeProvider clock) : IRequestHandler<Command, AgreementResponse>
    {
        public async Task<AgreementResponse> Handle(Command command, CancellationToken cancellationToken)
        {
            var agreement = await AgreementLookup.LoadAsync(db, command.Id, forUpdate: true, cancellationToken);
            var now = clock.GetUtcNow().UtcDateTime;
            agreement.Terminate(command.Input.Reason!.Trim(), actor.Ref, now);
            db.Record(ChangeTypes.AgreementTerminated, SubjectTypes.Agreement, agreement.Id, actor.Ref, now, AgreementResponse.From(agreement, now));
            await db.SaveActionAsync("agreement", cancellationToken);
            return AgreementResponse.From(agreement, now);
        }
    }
}
