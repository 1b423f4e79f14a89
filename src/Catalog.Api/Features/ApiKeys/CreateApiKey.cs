using AutoMapper;
using Catalog.Api.Domain.ApiKeys;
using Catalog.Api.Infrastructure.Persistence;
using Catalog.Api.Infrastructure.Problems;
using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Catalog.Api.Infrastructure.ChangeFeed;
using Catalog.Api.Infrastructure.Auth;

namespace Catalog.Api.Features.ApiKeys;

public static class CreateApiKey
{
    /// <param name="CustomerId">Required for, and only for, the customer role.</param>
    public sealed record ApiKeyInput(string? Name, ApiRole? Role, Guid? CustomerId);

    public sealed record Command(ApiKeyInput Input) : IRequest<IssuedApiKeyResponse>;

    internal sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.Input.Name).NotEmpty().MaximumLength(200);
            RuleFor(c => c.Input.Role).NotNull().IsInEnum();
            RuleFor(c => c.Input.CustomerId).NotNull().NotEqual(Guid.Empty).When(c => c.Input.Role == ApiRole.Customer)
                .WithMessage("A customer key must name the customer it speaks for.");
            RuleFor(c => c.Input.CustomerId).Null().When(c => c.Input.Role is not null and not ApiRole.Customer)
                .WithMessage("Only customer keys are bound to a customer.");
        }
    }

    internal sealed class Handler(CatalogDbContext db, IMapper mapper, Actor actor, TimeProvider clock) : IRequestHandler<Command, IssuedApiKeyResponse>
    {
        public async Task<IssuedApiKeyResponse> Handle(Command command, CancellationToken cancellationToken)
        {
            var input = command.Input;
            if (input.CustomerId is { } customerId && !await db.Customers.AnyAsync(c => c.Id == customerId, cancellationToken))
            {
                throw new InvalidInputException("customerId", $"No customer with id '{customerId}' exists.");
            }

            var now = clock.GetUtcNow().UtcDateTime;
            var key = ApiKey.Issue(input.Name!.Trim(), input.Role!.Value, input.CustomerId, now, out var secret);
            db.ApiKeys.Add(key);

            // The event carries the key as listed, never its secret.
            db.Record(ChangeTypes.ApiKeyCreated, SubjectTypes.ApiKey, key.Id, actor.Ref, now, mapper.Map<ApiKeyResponse>(key));
            await db.SaveChangesAsync(cancellationToken);
            var read = await ApiKeyLookup.ReadAsync(db, mapper, key.Id, cancellationToken);
            return new IssuedApiKeyResponse
            {
                Id = read.Id,
                Name = read.Name,
                Role = read.Role,
                CustomerId = read.CustomerId,
                Prefix = read.Prefix,
                CreatedAt = read.CreatedAt,
                RevokedAt = read.RevokedAt,
                Active = read.Active,
                Version = read.Version,
                Key = secret,
            };
        }
    }
}
