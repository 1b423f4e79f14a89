using Catalog.Api.Domain.ApiKeys;
using Catalog.Api.Infrastructure.Persistence;
using Catalog.Api.Infrastructure.Problems;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Catalog.Api.Infrastructure.ChangeFeed;
using Catalog.Api.Infrastructure.Auth;
using AutoMapper;

namespace Catalog.Api.Features.ApiKeys;

/// <summary>Revokes a key: it stops working on the next request. The record stays, as everything referenced does.</summary>
public static class RevokeApiKey
{
    public sealed record Command(Guid Id) : IRequest<Unit>;

    internal sealed class Handler(CatalogDbContext db, IMapper mapper, Actor actor, TimeProvider clock) : IRequestHandler<Command, Unit>
    {
        public async Task<Unit> Handle(Command command, CancellationToken cancellationToken)
        {
            // Count the other admins and revoke under one guard: two revocations at once cannot each count the
            // other and leave no admin key at all.
            await using var transaction = await db.BeginGuardedWriteAsync(WriteGuard.AdminKeys, cancellationToken);
            var key = await db.ApiKeys.SingleOrDefaultAsync(k => k.Id == command.Id, cancellationToken)
                ?? throw new NotFoundException("API key", command.Id);
            var otherAdmins = await db.ApiKeys.CountAsync(k => k.Role == ApiRole.Admin && k.RevokedAt == null && k.Id != key.Id, cancellationToken);
            var wasActive = key.IsActive;
            var now = clock.GetUtcNow().UtcDateTime;
            key.Revoke(otherAdmins, now);
            if (wasActive)
            {
                db.Record(ChangeTypes.ApiKeyRevoked, SubjectTypes.ApiKey, key.Id, actor.Ref, now, mapper.Map<ApiKeyResponse>(key));
            }

            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return Unit.Value;
        }
    }
}
