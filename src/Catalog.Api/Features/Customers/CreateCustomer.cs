using AutoMapper;
using Catalog.Api.Domain.Customers;
using Catalog.Api.Infrastructure.Auth;
using Catalog.Api.Infrastructure.Persistence;
using Catalog.Api.Infrastructure.Problems;
using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Catalog.Api.Infrastructure.ChangeFeed;

namespace Catalog.Api.Features.Customers;

public static class CreateCustomer
{
    public sealed record Command(CustomerInput Input) : IRequest<CustomerResponse>;

    internal sealed class Validator : AbstractValidator<Command>
    {
        public Validator() => RuleFor(c => c.Input).SetValidator(new CustomerInputValidator(keyRequired: true));
    }

    internal sealed class Handler(CatalogDbContext db, IMapper mapper, Actor actor, TimeProvider clock, IOptions<CustomerOptions> options) : IRequestHandler<Command, CustomerResponse>
    {
        public async Task<CustomerResponse> Handle(Command command, CancellationToken cancellationToken)
        {
            var input = command.Input;
            if (await db.Customers.AnyAsync(c => c.Key == input.Key, cancellationToken))
            {
                throw new ConflictException("customer-key-taken", $"A customer with key '{input.Key}' already exists.");
            }

            var now = clock.GetUtcNow().UtcDateTime;
            var customer = Customer.Create(input.Key!, input.ToDetails(options.Value.DefaultTimeZone), now);
            db.Customers.Add(customer);
            db.Record(ChangeTypes.CustomerCreated, SubjectTypes.Customer, customer.Id, actor.Ref, now, mapper.Map<CustomerResponse>(customer));
            await db.SaveChangesAsync(cancellationToken);
            return await CustomerLookup.ReadAsync(db, mapper, customer.Id, cancellationToken);
        }
    }
}
