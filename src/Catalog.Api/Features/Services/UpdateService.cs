using AutoMapper;
using Catalog.Api.Domain.Services;
using Catalog.Api.Infrastructure.Http;
using Catalog.Api.Infrastructure.Persistence;
using Catalog.Api.Infrastructure.Problems;
using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Catalog.Api.Infrastructure.ChangeFeed;
using Catalog.Api.Infrastructure.Auth;

namespace Catalog.Api.Features.Services;

public static class UpdateService
{
    public sealed record Command(Guid Id, ServiceInput Input, IfMatch IfMatch) : IRequest<ServiceResponse>;

    internal sealed class Validator : AbstractValidator<Command>
    {
        public Validator() => RuleFor(c => c.Input).SetValidator(new ServiceInputValidator(keyRequired: false));
    }

    internal sealed class Handler(CatalogDbContext db, IMapper mapper, Actor actor, TimeProvider clock) : IRequestHandler<Command, ServiceResponse>
    {
        public async Task<ServiceResponse> Handle(Command command, CancellationToken cancellationToken)
        {
            // The cycle check reads the graph that concurrent updates change: read and write under one guard,
            // so two updates cannot each close half a cycle.
            await using var transaction = await db.BeginGuardedWriteAsync(WriteGuard.ServiceGraph, cancellationToken);
            var service = await db.Services.Include(s => s.Dependencies).SingleOrDefaultAsync(s => s.Id == command.Id, cancellationToken)
                ?? throw new NotFoundException("service", command.Id);
            db.Entry(service).Property(s => s.Version).OriginalValue = command.IfMatch.EnsureMatches(service.Version);

            var input = command.Input;
            if (input.Key is not null && input.Key != service.Key)
            {
                throw new InvalidInputException("key", $"The key of a service never changes; this one is '{service.Key}'.");
            }

            var dependencies = await ServiceLookup.DependenciesAsync(db, input.DependsOn, cancellationToken);
            var ids = dependencies.Select(d => d.Id).ToList();
            var graph = await ServiceGraph.DependenciesFromAsync(db, ids, cancellationToken);
            if (DependencyGraph.FindCycle(service.Id, ids, graph) is { } cycle)
            {
                var keys = await db.Services.AsNoTracking().Where(s => cycle.Contains(s.Id)).ToDictionaryAsync(s => s.Id, s => s.Key, cancellationToken);
                throw DependencyGraph.CycleRefused(cycle, keys);
            }

            var now = clock.GetUtcNow().UtcDateTime;
            service.Update(input.ToDetails(), dependencies, now);
            db.Record(ChangeTypes.ServiceUpdated, SubjectTypes.Service, service.Id, actor.Ref, now, mapper.Map<ServiceResponse>(service));
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return await ServiceLookup.ReadAsync(db, mapper, service.Id, cancellationToken);
        }
    }
}
