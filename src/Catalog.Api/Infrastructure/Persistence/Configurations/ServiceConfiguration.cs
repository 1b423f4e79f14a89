using Catalog.Api.Domain.Services;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Catalog.Api.Infrastructure.Persistence.Configurations;

internal sealed class ServiceConfiguration : IEntityTypeConfiguration<Service>
{

    public void Configure(EntityTypeBuilder<Service> builder)
    {
        builder.HasKey(s => s.Id);
        builder.Property(s => s.Id).ValueGeneratedNever();
        builder.Property(s => s.Key).HasMaxLength(64);
        builder.HasIndex(s => s.Key).IsUnique();
        builder.Property(s => s.Name).HasMaxLength(200);
        builder.Property(s => s.Summary).HasMaxLength(1000);
        builder.Property(s => s.Description).HasMaxLength(8000);
        builder.Property(s => s.Category).HasMaxLength(100);
        builder.Property(s => s.SearchText).HasMaxLength(1400);
        // The list is ordered by key and filtered by equality on these: each index serves a filtered page,
        // first or deep, as a seek and a short scan, however large the catalog.
        builder.HasIndex(s => new { s.Category, s.Key });
        builder.HasIndex(s => new { s.Lifecycle, s.Key });
        builder.HasIndex(s => new { s.Kind, s.Key });
        builder.HasIndex(s => s.UpdatedAt);
        builder.Property(s => s.Version).IsConcurrencyToken();

        builder.ComplexProperty(s => s.Owner, owner =>
        {
            owner.Property(o => o.Team).HasColumnName("OwnerTeam").HasMaxLength(100);
            owner.Property(o => o.Contact).HasColumnName("OwnerContact").HasMaxLength(200);
        });
        builder.ComplexProperty(s => s.Cost, cost =>
        {
            cost.Property(c => c.Unit).HasColumnName("CostUnit").HasMaxLength(50);
            cost.Property(c => c.UnitCostPerMonth).HasColumnName("CostUnitPerMonth").HasPrecision(18, 4);
            cost.Property(c => c.Currency).HasColumnName("CostCurrency").HasMaxLength(3);
        });

        builder.Property(s => s.Alternatives).HasField("_alternatives").HasJsonConversion();

        builder.HasMany(s => s.Dependencies).WithOne().HasForeignKey(d => d.ServiceId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class ServiceDependencyConfiguration : IEntityTypeConfiguration<ServiceDependency>
{
    public void Configure(EntityTypeBuilder<ServiceDependency> builder)
    {
        builder.HasKey(d => new { d.ServiceId, d.DependsOnId });
        builder.HasOne<Service>().WithMany().HasForeignKey(d => d.DependsOnId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(d => d.DependsOnId);
    }
}
