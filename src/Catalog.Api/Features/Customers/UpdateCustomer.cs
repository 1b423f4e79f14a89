using AutoMapper;
using Catalog.Api.Infrastructure.Auth;
using Catalog.Api.Infrastructure.Http;
using Catalog.Api.Infrastructure.Persistence;
using Catalog.Api.Infrastructure.Problems;
using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Catalog.Api.Infrastructure.ChangeFeed;

namespace Catalog.Api.Features.Customers;

public static class UpdateCustomer
{
    public sealed record Command(Guid Id, CustomerInput Input, IfMatch IfMatch) : IRequest<CustomerResponse>;

    internal sealed class Validator : AbstractValidator<Command>
    {
        public Validator() => RuleFor(c => c.Input).SetValidator(new CustomerInputValidator(keyRequired: false));
    }

    internal sealed class Handler(CatalogDbContext db, IMapper mapper, Actor actor, TimeProvider clock) : IRequestHandler<Command, CustomerResponse>
    {
        public async Task<CustomerResponse> Handle(Command command, CancellationToken cancellationToken)
        {
            var customer = await db.Customers.SingleOrDefaultAsync(c => c.Id == command.Id, cancellationToken)
                ?? throw new NotFoundException("customer", command.Id);
            db.Entry(customer).Property(c => c.Version).OriginalValue = command.IfMatch.EnsureMatches(customer.Version);
            if (command.Input.Key is not null && command.Input.Key != customer.Key)
            {
                throw new InvalidInputException("key", $"The key of a customer never changes; this one is '{customer.Key}'.");
            }

            var now = clock.GetUtcNow().UtcDateTime;
            customer.Update(command.Input.ToDetails(customer.TimeZone), now);
            db.Record(ChangeTypes.CustomerUpdated, SubjectTypes.Customer, customer.Id, actor.Ref, now, mapper.Map<CustomerResponse>(customer));
            await db.SaveChangesAsync(cancellationToken);
            return await CustomerLookup.ReadAsync(db, mapper, customer.Id, cancellationToken);
        }
    }
}
