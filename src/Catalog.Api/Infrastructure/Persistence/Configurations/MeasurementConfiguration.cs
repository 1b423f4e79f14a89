using Catalog.Api.Domain.Delivery;
using Catalog.Api.Domain.Services;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Catalog.Api.Infrastructure.Persistence.Configurations;

internal sealed class MeasurementConfiguration : IEntityTypeConfiguration<Measurement>
{
    public void Configure(EntityTypeBuilder<Measurement> builder)
    {
        builder.HasKey(m => m.Id);
        builder.Property(m => m.Id).ValueGeneratedNever();
        builder.HasOne<Service>().WithMany().HasForeignKey(m => m.ServiceId).OnDelete(DeleteBehavior.Restrict);
        builder.Property(m => m.Metric).HasMaxLength(64);
        builder.Property(m => m.Scope).HasMaxLength(100);
        builder.Property(m => m.Period).HasMaxLength(7);
        builder.Property(m => m.Source).HasMaxLength(100);
        builder.ComplexProperty(m => m.RecordedBy, actor => ActorColumns.Configure(actor, "RecordedBy"));
        builder.Property(m => m.Version).IsConcurrencyToken();

        // One value per source and month: a source reporting again replaces its own.
        builder.HasIndex(m => new { m.ServiceId, m.Metric, m.Scope, m.Period, m.Source }).IsUnique();
    }
}
