using Catalog.Api.Domain.Metrics;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Catalog.Api.Infrastructure.Persistence.Configurations;

internal sealed class MetricConfiguration : IEntityTypeConfiguration<Metric>
{
    public void Configure(EntityTypeBuilder<Metric> builder)
    {
        builder.HasKey(m => m.Id);
        builder.Property(m => m.Id).ValueGeneratedNever();
        builder.Property(m => m.Key).HasMaxLength(64);
        builder.HasIndex(m => m.Key).IsUnique();
        builder.Property(m => m.Name).HasMaxLength(200);
        builder.Property(m => m.Unit).HasMaxLength(50);
        builder.Property(m => m.ScopeHint).HasMaxLength(100);
        builder.PrimitiveCollection(m => m.Levels).HasField("_levels");
        builder.Property(m => m.Version).IsConcurrencyToken();
        builder.HasData(BuiltInMetrics.All);
    }
}
