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

public static class ChangeServiceLifecycle
{
    public sealed record LifecycleInput(Lifecycle? Lifecycle);

    /// <param name="IfMatch">Optional here: when sent, the change applies only to that version.</param>
    public sealed record Command(Guid Id, Lifecycle? Lifecycle, IfMatch IfMatch) : IRequest<ServiceResponse>;

    internal sealed class Validator : AbstractValidator<Command>
    {
        public Validator() => RuleFor(c => c.Lifecycle).NotNull().IsInEnum();
    }

    internal sealed class Handler(CatalogDbContext db, IMapper mapper, Actor actor, TimeProvider clock) : IRequestHandler<Command, ServiceResponse>
    {
        public async Task<ServiceResponse> Handle(Command command, CancellationToken cancellationToken)
        {
            var service = await db.Services.Include(s => s.Dependencies).SingleOrDefaultAsync(s => s.Id == command.Id, cancellationToken)
                ?? throw new NotFoundException("service", command.Id);
            if (!string.IsNullOrWhiteSpace(command.IfMatch.Header))
            {
                db.Entry(service).Property(s => s.Version).OriginalValue = command.IfMatch.EnsureMatches(service.Version);
            }

            var dependencyIds = service.Dependencies.Select(d => d.DependsOnId).ToList();
            var dependencies = await db.Services.AsNoTracking().Where(s => dependencyIds.Contains(s.Id)).ToListAsync(cancellationToken);
            var activeDependants = await db.Services.AsNoTracking()
                .Where(s => s.Lifecycle != Lifecycle.Retired && s.Dependencies.Any(d => d.DependsOnId == service.Id))
                .ToListAsync(cancellationToken);

            var now = clock.GetUtcNow().UtcDateTime;
            service.MoveTo(command.Lifecycle!.Value, dependencies, activeDependants, now);
            db.Record(ChangeTypes.ServiceLifecycleChanged, SubjectTypes.Service, service.Id, actor.Ref, now, mapper.Map<ServiceResponse>(service));
            await db.SaveChangesAsync(cancellationToken);
            return await ServiceLookup.ReadAsync(db, mapper, service.Id, cancellationToken);
        }
    }
}
