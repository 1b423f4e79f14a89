using AutoMapper;
using Catalog.Api.Domain.Services;
using Catalog.Api.Infrastructure.Persistence;
using Catalog.Api.Infrastructure.Problems;
using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Catalog.Api.Infrastructure.ChangeFeed;
using Catalog.Api.Infrastructure.Auth;

namespace Catalog.Api.Features.Services;

public static class CreateService
{
    public sealed record Command(ServiceInput Input) : IRequest<ServiceResponse>;

    internal sealed class Validator : AbstractValidator<Command>
    {
        public Validator() => RuleFor(c => c.Input).SetValidator(new ServiceInputValidator(keyRequired: true));
    }

    internal sealed class Handler(CatalogDbContext db, IMapper mapper, Actor actor, TimeProvider clock) : IRequestHandler<Command, ServiceResponse>
    {
        public async Task<ServiceResponse> Handle(Command command, CancellationToken cancellationToken)
        {
            var input = command.Input;
            if (await db.Services.AnyAsync(s => s.Key == input.Key, cancellationToken))
            {
                throw new ConflictException("service-key-taken", $"A service with key '{input.Key}' already exists.");
            }

            var dependencies = await ServiceLookup.DependenciesAsync(db, input.DependsOn, cancellationToken);
            var now = clock.GetUtcNow().UtcDateTime;
            var service = Service.Create(input.Key!, input.ToDetails(), dependencies, now);
            db.Services.Add(service);
            db.Record(ChangeTypes.ServiceCreated, SubjectTypes.Service, service.Id, actor.Ref, now, mapper.Map<ServiceResponse>(service));
            await db.SaveChangesAsync(cancellationToken);
            return await ServiceLookup.ReadAsync(db, mapper, service.Id, cancellationToken);
        }
    }
}
