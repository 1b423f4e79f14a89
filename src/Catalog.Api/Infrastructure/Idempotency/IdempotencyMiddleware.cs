using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using Catalog.Api.Infrastructure.Persistence;
using Microsoft.AspNetCore.Diagnostics;
using Catalog.Api.Infrastructure.Problems;
using Microsoft.EntityFrameworkCore;

namespace Catalog.Api.Infrastructure.Idempotency;

/// <summary>
/// Makes every POST safe to retry. The same Idempotency-Key with the same body, from the same API key, within
/// 24 hours replays the first response (status, Location, ETag, body) marked <c>Idempotent-Replayed: true</c>;
/// with another body it is 422; while the first request is still running it is 409. Server errors are not
/// kept, so a retry runs again. A response marked <c>Cache-Control: no-store</c> (a secret shown once) is
/// never stored: its replay is a 409 that says where the created resource is.
/// </summary>
public sealed class IdempotencyMiddleware(RequestDelegate next, IServiceScopeFactory scopes, TimeProvider clock)
{
    public const string Header = "Idempotency-Key";
    public const string ReplayedHeader = "Idempotent-Replayed";
    public const int MaxKeyLength = 255;

    private static readonly TimeSpan Retention = TimeSpan.FromHours(24);

    // A request that has not finished after this long is taken to have died with its process.
    private static readonly TimeSpan Abandoned = TimeSpan.FromMinutes(2);

    public async Task InvokeAsync(HttpContext http)
    {
        if (!HttpMethods.IsPost(http.Request.Method)
            || !http.Request.Headers.TryGetValue(Header, out var values)
            || !Guid.TryParse(http.User.FindFirstValue(ClaimTypes.NameIdentifier), out var apiKeyId))
        {
            await next(http);
            return;
        }

        var key = values.ToString();
        if (key.Length is 0 or > MaxKeyLength)
        {
            throw new InvalidInputException(Header, $"An {Header} has 1 to {MaxKeyLength} characters.");
        }

        var hash = await HashAsync(http.Request);
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CatalogDbContext>();
        var record = await ClaimAsync(db, apiKeyId, key, hash, http);
        if (record is null)
        {
            return;
        }

        var original = http.Response.Body;
        await using var buffer = new MemoryStream();
        http.Response.Body = buffer;
        try
        {
            await next(http);
        }
        catch (Exception e) when (!http.Response.HasStarted)
        {
            // Turn the failure into its problem response here, inside the capture, so that a client error is
            // kept and replayed like any other answer (the same mapping the exception handler uses).
            buffer.SetLength(0);
            foreach (var handler in http.RequestServices.GetServices<IExceptionHandler>())
            {
                if (await handler.TryHandleAsync(http, e, CancellationToken.None))
                {
                    break;
                }
            }
        }
        finally
        {
            http.Response.Body = original;
        }

        var response = http.Response;
        if (response.StatusCode >= 500)
        {
            db.Remove(record);
        }
        else
        {
            var secret = response.Headers.CacheControl.ToString().Contains("no-store", StringComparison.OrdinalIgnoreCase);
            record.Complete(response.StatusCode, response.ContentType, response.Headers.Location, response.Headers.ETag, secret ? null : buffer.ToArray(), clock.GetUtcNow().UtcDateTime);
        }

        await db.SaveChangesAsync(CancellationToken.None);
        buffer.Position = 0;
        await buffer.CopyToAsync(original, http.RequestAborted);
    }

    /// <summary>Registers this request under its key, or answers it from (or refuses it because of) the one before.</summary>
    private async Task<IdempotencyRecord?> ClaimAsync(CatalogDbContext db, Guid apiKeyId, string key, string hash, HttpContext http)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var existing = await db.Set<IdempotencyRecord>().SingleOrDefaultAsync(r => r.ApiKeyId == apiKeyId && r.Key == key, http.RequestAborted);
        if (existing is not null && existing.CreatedAt < now - Retention)
        {
            db.Remove(existing);
            await db.SaveChangesAsync(http.RequestAborted);
            existing = null;
        }

        if (existing is null)
        {
            var record = IdempotencyRecord.Begin(apiKeyId, key, hash, now);
            db.Add(record);
            try
            {
                await db.SaveChangesAsync(http.RequestAborted);
                return record;
            }
            catch (DbUpdateException e) when (e.IsUniqueViolation())
            {
                // The same key arrived twice at once; the other request owns it.
                throw new ConflictException("idempotency-request-in-flight", $"A request with {Header} '{key}' is still being handled; retry after it finishes.");
            }
        }

        if (existing.RequestHash != hash)
        {
            throw new IdempotencyKeyReusedException(key);
        }

        if (existing.CompletedAt is null)
        {
            if (existing.CreatedAt >= now - Abandoned)
            {
                throw new ConflictException("idempotency-request-in-flight", $"A request with {Header} '{key}' is still being handled; retry after it finishes.");
            }

            existing.Restart(now);
            await db.SaveChangesAsync(http.RequestAborted);
            return existing;
        }

        await ReplayAsync(existing, http);
        return null;
    }

    private static async Task ReplayAsync(IdempotencyRecord record, HttpContext http)
    {
        if (record.BodyWithheld)
        {
            throw new ConflictException(
                "idempotency-response-not-stored",
                $"The request with {Header} '{record.Key}' already succeeded ({record.StatusCode}{(record.Location is null ? string.Empty : $", {record.Location}")}); its response carried a secret that is shown only once.");
        }

        var response = http.Response;
        response.StatusCode = record.StatusCode ?? StatusCodes.Status200OK;
        response.Headers[ReplayedHeader] = "true";
        if (record.ContentType is not null)
        {
            response.ContentType = record.ContentType;
        }

        if (record.Location is not null)
        {
            response.Headers.Location = record.Location;
        }

        if (record.ETag is not null)
        {
            response.Headers.ETag = record.ETag;
        }

        if (record.Body is { Length: > 0 } body)
        {
            await response.Body.WriteAsync(body, http.RequestAborted);
        }
    }

    private static async Task<string> HashAsync(HttpRequest request)
    {
        request.EnableBuffering();
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        sha.AppendData(Encoding.UTF8.GetBytes($"{request.Method} {request.Path}{request.QueryString}\n"));
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, request.HttpContext.RequestAborted)) > 0)
        {
            sha.AppendData(chunk, 0, read);
        }

        request.Body.Position = 0;
        return Convert.ToHexStringLower(sha.GetHashAndReset());
    }
}
