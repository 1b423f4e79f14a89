using AutoMapper;
using Catalog.Api.Domain.ApiKeys;
using Catalog.Api.Infrastructure.ChangeFeed;
using Catalog.Api.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Catalog.Api.Features.ApiKeys;

/// <summary>The admin key an operator starts with, registered at start once the database is ready.</summary>
public static class BootstrapAdminKey
{
    public const string KeyName = "bootstrap-admin";

    /// <summary>Makes sure an operator can get in: registers <c>Auth:BootstrapAdminKey</c>, or a new key printed once, while no admin key is active.</summary>
    public static async Task EnsureAdminKeyAsync(this WebApplication app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CatalogDbContext>();
        var configuration = app.Configuration;
        var clock = scope.ServiceProvider.GetRequiredService<TimeProvider>();
        var mapper = scope.ServiceProvider.GetRequiredService<IMapper>();
        var logger = scope.ServiceProvider.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(BootstrapAdminKey));
        if (await db.ApiKeys.AnyAsync(k => k.Role == ApiRole.Admin && k.RevokedAt == null))
        {
            return;
        }

        var configured = configuration["Auth:BootstrapAdminKey"];
        if (!string.IsNullOrWhiteSpace(configured) && await db.ApiKeys.AnyAsync(k => k.Hash == ApiKey.HashOf(configured)))
        {
            // The configured key was registered before and has been revoked since: it must not come back.
            logger.LogWarning("Auth:BootstrapAdminKey names a key that was revoked; generating a new admin key instead.");
            configured = null;
        }

        var now = clock.GetUtcNow().UtcDateTime;
        string secret;
        ApiKey key;
        if (string.IsNullOrWhiteSpace(configured))
        {
            key = ApiKey.Issue(KeyName, ApiRole.Admin, null, now, out secret);
        }
        else
        {
            secret = configured;
            key = ApiKey.FromSecret(KeyName, ApiRole.Admin, null, secret, now);
        }

        db.ApiKeys.Add(key);
        db.Record(ChangeTypes.ApiKeyCreated, SubjectTypes.ApiKey, key.Id, DatabaseStartup.SystemActor, now, mapper.Map<ApiKeyResponse>(key));
        try
        {
            await db.SaveChangesAsync();
        }
        catch (DbUpdateException e) when (e.IsUniqueViolation())
        {
            // Another instance registered the same configured key first.
            return;
        }

        if (string.IsNullOrWhiteSpace(configured))
        {
            // Printed to the console only, not to the log pipeline, and only this once.
            Console.WriteLine($"No admin API key existed, so one was created. It is shown only now; keep it safe:{Environment.NewLine}  {secret}");
        }
        else
        {
            logger.LogInformation("Registered the admin API key from Auth:BootstrapAdminKey.");
        }
    }
}
