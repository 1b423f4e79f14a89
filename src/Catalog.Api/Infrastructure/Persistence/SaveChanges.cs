using Catalog.Api.Infrastructure.Problems;
using Microsoft.EntityFrameworkCore;

namespace Catalog.Api.Infrastructure.Persistence;

internal static class SaveChanges
{
    /// <summary>
    /// Saves an action taken on current state (no If-Match). If another request changed the same aggregate
    /// first, the loser gets 409 and nothing of its change is kept.
    /// </summary>
    public static async Task SaveActionAsync(this CatalogDbContext db, string resource, CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw new ConflictException($"{resource}-changed", $"The {resource} changed while this request was being handled; read it again and decide on what it now says.");
        }
        catch (DbUpdateException e) when (e.IsUniqueViolation())
        {
            throw new ConflictException($"{resource}-changed", $"Another request changed the {resource} at the same time; read it again and decide on what it now says.");
        }
    }
}
