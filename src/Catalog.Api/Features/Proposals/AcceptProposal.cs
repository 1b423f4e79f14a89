using Catalog.Api.Domain.Delivery;
using Catalog.Api.Domain.Agreements;
using Catalog.Api.Domain.Negotiation;
using Catalog.Api.Features.Agreements;
using Catalog.Api.Features.Customers;
using Microsoft.Extensions.Options;
using Catalog.Api.Infrastructure.Auth;
using Catalog.Api.Infrastructure.Persistence;
using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Catalog.Api.Infrastructure.ChangeFeed;

namespace Catalog.Api.Features.Proposals;

/// <summary>
/// The customer (between services: whoever opened the proposal, or an admin) accepts the proposed targets or the counter-offer of the current analysis, confirming the
/// agreement's resulting monthly charge as the analysis showed it, and names who signs. This is the only way an agreement version comes into being: version 1 of the agreement for
/// (service, customer), or the next version of the existing one.
/// </summary>
public static class AcceptProposal
{
    private const string SupportHoursMetric = "support-hours";

    /// <param name="MonthlyCharge">The agreement's monthly charge once accepted: its current charge plus the option's increase, as the analysis shows it.</param>
    /// <param name="SignedBy">The person deciding for the customer, printed in the agreement.</param>
    public sealed record AcceptanceInput(Guid? AnalysisId, AcceptOption? Option, decimal? MonthlyCharge, SignatoryInput? SignedBy);

    public sealed record SignatoryInput(string? Name, string? Title);

    public sealed record Command(Guid ProposalId, AcceptanceInput Input) : IRequest<AgreementVersionResponse>;

    internal sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.Input.AnalysisId).NotNull().NotEqual(Guid.Empty);
            RuleFor(c => c.Input.Option).NotNull().IsInEnum();
            RuleFor(c => c.Input.MonthlyCharge).NotNull();
            RuleFor(c => c.Input.SignedBy).NotNull();
            When(c => c.Input.SignedBy is not null, () =>
            {
                RuleFor(c => c.Input.SignedBy!.Name).NotEmpty().MaximumLength(200);
                RuleFor(c => c.Input.SignedBy!.Title).MaximumLength(200);
            });
        }
    }

    internal sealed class Handler(CatalogDbContext db, Actor actor, TimeProvider clock, IOptions<CustomerOptions> options) : IRequestHandler<Command, AgreementVersionResponse>
    {
        public async Task<AgreementVersionResponse> Handle(Command command, CancellationToken cancellationToken)
        {
            var proposal = await ProposalLookup.LoadAsync(db, command.ProposalId, forUpdate: true, cancellationToken);
            ProposalLookup.EnsureMayDecide(proposal, actor);
            var service = await ProposalLookup.ServiceOfAsync(db, proposal, cancellationToken);
            var input = command.Input;
            var now = clock.GetUtcNow().UtcDateTime;
            var agreement = await ProposalLookup.AgreementsOf(db, proposal).Include(a => a.Versions).SingleOrDefaultAsync(cancellationToken);
            var signedBy = new Signatory(input.SignedBy!.Name!.Trim(), string.IsNullOrWhiteSpace(input.SignedBy.Title) ? null : input.SignedBy.Title.Trim());
            var terms = proposal.Accept(service, input.AnalysisId!.Value, input.Option!.Value, input.MonthlyCharge!.Value, agreement?.Standing ?? AgreementStanding.None, signedBy, actor.Ref, now);
            var consumer = await AgreementConsumers.ReadAsync(db, proposal.Consumer, options.Value.DefaultTimeZone, cancellationToken);
            terms = terms with { ServiceHours = await ServiceHoursAsync(db, terms.Targets, consumer.TimeZone, cancellationToken) };
            AgreementVersion version;
            if (agreement is null)
            {
                agreement = Agreement.Open(proposal.ServiceId, proposal.Consumer, terms);
                db.Agreements.Add(agreement);
                version = agreement.Versions[0];
            }
            else
            {
                version = agreement.AddVersion(terms);
            }

            db.Record(ChangeTypes.ProposalAgreed, SubjectTypes.Proposal, proposal.Id, actor.Ref, now, ProposalResponse.From(proposal));
            db.Record(ChangeTypes.AgreementVersionCreated, SubjectTypes.Agreement, agreement.Id, actor.Ref, now, AgreementResponse.From(agreement, now));

            // Proposal, agreement, version and events commit together; a concurrent acceptance loses on the proposal's
            // concurrency token or on the unique (service, customer) and (agreement, number) keys.
            await db.SaveActionAsync("proposal", cancellationToken);
            return AgreementVersionResponse.From(version);
        }

        /// <summary>
        /// What the agreed support hours mean today, in the consumer's time zone: the version keeps this copy, so a later
        /// change of the calendar or of the customer's time zone never changes what was promised.
        /// </summary>
        internal static async Task<ServiceHoursCalendar> ServiceHoursAsync(CatalogDbContext db, IReadOnlyList<Target> targets, string timeZone, CancellationToken cancellationToken)
        {
            var level = targets.FirstOrDefault(t => t.Metric == SupportHoursMetric)?.Value.Level ?? ServiceHoursCalendar.AllHours;
            var calendar = await db.Calendars.AsNoTracking().SingleAsync(c => c.Key == level, cancellationToken);
            return calendar.For(timeZone);
        }
    }
}
