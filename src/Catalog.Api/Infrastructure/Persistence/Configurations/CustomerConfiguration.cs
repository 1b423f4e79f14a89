using Catalog.Api.Domain.Customers;
using Catalog.Api.Domain.Services;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Catalog.Api.Infrastructure.Persistence.Configurations;

internal sealed class CustomerConfiguration : IEntityTypeConfiguration<Customer>
{
    public void Configure(EntityTypeBuilder<Customer> builder)
    {
        builder.HasKey(c => c.Id);
        builder.Property(c => c.Id).ValueGeneratedNever();
        builder.Property(c => c.Key).HasMaxLength(64);
        builder.HasIndex(c => c.Key).IsUnique();
        builder.Property(c => c.Name).HasMaxLength(200);
        builder.Property(c => c.CostCenter).HasMaxLength(50);
        builder.Property(c => c.ContactEmail).HasMaxLength(254);
        builder.Property(c => c.TimeZone).HasMaxLength(64).HasDefaultValue("UTC");
        builder.Property(c => c.SearchText).HasMaxLength(320);
        builder.HasIndex(c => c.UpdatedAt);
        builder.Property(c => c.Version).IsConcurrencyToken();
    }
}

internal sealed class SubscriptionConfiguration : IEntityTypeConfiguration<Subscription>
{
    public void Configure(EntityTypeBuilder<Subscription> builder)
    {
        builder.HasKey(s => new { s.CustomerId, s.ServiceId });
        builder.HasOne<Customer>().WithMany().HasForeignKey(s => s.CustomerId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Service>().WithMany().HasForeignKey(s => s.ServiceId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(s => s.ServiceId);
        builder.Property(s => s.Version).IsConcurrencyToken();
    }
}
