using Catalog.Api.Domain.ApiKeys;
using Catalog.Api.Infrastructure.Persistence;
using Catalog.Api.Infrastructure.Problems;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Catalog.Api.Features.ApiKeys;

/// <summary>Revokes a key: it stops working on the next request. The record stays, as everything referenced does.</summary>
public static class RevokeApiKey
{
    public sealed record Command(Guid Id) : IRequest<Unit>;

    internal sealed class Handler(CatalogDbContext db, TimeProvider clock) : IRequestHandler<Command, Unit>
    {
        public async Task<Unit> Handle(Command command, CancellationToken cancellationToken)
        {
            var key = await db.ApiKeys.SingleOrDefaultAsync(k => k.Id == command.Id, cancellationToken)
                ?? throw new NotFoundException("API key", command.Id);
            var otherAdmins = await db.ApiKeys.CountAsync(k => k.Role == ApiRole.Admin && k.RevokedAt == null && k.Id != key.Id, cancellationToken);
            key.Revoke(otherAdmins, clock.GetUtcNow().UtcDateTime);
            await db.SaveChangesAsync(cancellationToken);
            return Unit.Value;
        }
    }
}
