using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Catalog.Api.Infrastructure.Idempotency;

/// <summary>The first response to a POST sent with an Idempotency-Key, kept for 24 hours to replay it.</summary>
public sealed class IdempotencyRecord
{
    private IdempotencyRecord()
    {
        Key = RequestHash = string.Empty;
    }

    public Guid ApiKeyId { get; private set; }

    public string Key { get; private set; }

    public string RequestHash { get; private set; }

    public DateTime CreatedAt { get; private set; }

    public DateTime? CompletedAt { get; private set; }

    public int? StatusCode { get; private set; }

    public string? ContentType { get; private set; }

    public string? Location { get; private set; }

    public string? ETag { get; private set; }

    /// <summary>The response body; null when the response must not be stored (it carried a secret shown once).</summary>
    public byte[]? Body { get; private set; }

    public bool BodyWithheld { get; private set; }

    internal static IdempotencyRecord Begin(Guid apiKeyId, string key, string requestHash, DateTime now) => new()
    {
        ApiKeyId = apiKeyId,
        Key = key,
        RequestHash = requestHash,
        CreatedAt = now,
    };

    internal void Restart(DateTime now) => CreatedAt = now;

    internal void Complete(int statusCode, string? contentType, string? location, string? etag, byte[]? body, DateTime now)
    {
        StatusCode = statusCode;
        ContentType = contentType;
        Location = location;
        ETag = etag;
        Body = body;
        BodyWithheld = body is null;
        CompletedAt = now;
    }
}

internal sealed class IdempotencyRecordConfiguration : IEntityTypeConfiguration<IdempotencyRecord>
{
    public void Configure(EntityTypeBuilder<IdempotencyRecord> builder)
    {
        builder.HasKey(r => new { r.ApiKeyId, r.Key });
        builder.Property(r => r.Key).HasMaxLength(IdempotencyMiddleware.MaxKeyLength);
        builder.Property(r => r.RequestHash).HasMaxLength(64);
        builder.Property(r => r.ContentType).HasMaxLength(200);
        builder.Property(r => r.Location).HasMaxLength(2000);
        builder.Property(r => r.ETag).HasMaxLength(200);
        builder.HasIndex(r => r.CreatedAt);
    }
}
