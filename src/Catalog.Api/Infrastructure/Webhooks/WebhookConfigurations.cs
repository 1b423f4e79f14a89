using Catalog.Api.Infrastructure.ChangeFeed;
using Catalog.Api.Infrastructure.Persistence.Configurations;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Catalog.Api.Infrastructure.Webhooks;

internal sealed class WebhookSubscriptionConfiguration : IEntityTypeConfiguration<WebhookSubscription>
{
    public void Configure(EntityTypeBuilder<WebhookSubscription> builder)
    {
        builder.ToTable("WebhookSubscriptions");
        builder.HasKey(s => s.Id);
        builder.Property(s => s.Id).ValueGeneratedNever();
        builder.Property(s => s.Url).HasMaxLength(WebhookSubscription.MaxUrlLength);
        builder.Property(s => s.Description).HasMaxLength(WebhookSubscription.MaxDescriptionLength);
        builder.Property(s => s.Secret).HasMaxLength(64);
        builder.Property(s => s.DisabledReason).HasMaxLength(WebhookSubscription.MaxReasonLength);
        builder.ComplexProperty(s => s.CreatedBy, actor => ActorColumns.Configure(actor, "CreatedBy"));
        builder.Property(s => s.Version).IsConcurrencyToken();
        builder.HasIndex(s => new { s.OwnerKeyId, s.Id });
        builder.HasIndex(s => s.Status);
    }
}

internal sealed class WebhookDeliveryConfiguration : IEntityTypeConfiguration<WebhookDelivery>
{
    public void Configure(EntityTypeBuilder<WebhookDelivery> builder)
    {
        builder.ToTable("WebhookDeliveries");
        builder.HasKey(d => d.Id);
        builder.Property(d => d.Id).ValueGeneratedNever();
        builder.Property(d => d.EventType).HasMaxLength(64);
        builder.HasOne<WebhookSubscription>().WithMany().HasForeignKey(d => d.SubscriptionId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<ChangeEvent>().WithMany().HasForeignKey(d => d.Sequence).OnDelete(DeleteBehavior.Restrict);

        // One delivery per event and subscription, whatever two fan-outs racing each other try.
        builder.HasIndex(d => new { d.SubscriptionId, d.Sequence }).IsUnique();
        builder.HasIndex(d => new { d.Status, d.NextAttemptAt });
    }
}

internal sealed class WebhookAttemptConfiguration : IEntityTypeConfiguration<WebhookAttempt>
{
    public void Configure(EntityTypeBuilder<WebhookAttempt> builder)
    {
        builder.ToTable("WebhookAttempts");
        builder.HasKey(a => a.Id);
        builder.Property(a => a.Id).ValueGeneratedNever();
        builder.Property(a => a.Error).HasMaxLength(WebhookDelivery.MaxErrorLength);
        builder.Ignore(a => a.Succeeded);
        builder.HasOne<WebhookDelivery>().WithMany().HasForeignKey(a => a.DeliveryId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(a => new { a.DeliveryId, a.At });
    }
}
