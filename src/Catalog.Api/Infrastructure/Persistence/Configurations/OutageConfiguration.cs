using Catalog.Api.Domain.Delivery;
using Catalog.Api.Domain.Services;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Catalog.Api.Infrastructure.Persistence.Configurations;

internal sealed class OutageConfiguration : IEntityTypeConfiguration<Outage>
{
    public void Configure(EntityTypeBuilder<Outage> builder)
    {
        builder.HasKey(o => o.Id);
        builder.Property(o => o.Id).ValueGeneratedNever();
        builder.HasOne<Service>().WithMany().HasForeignKey(o => o.ServiceId).OnDelete(DeleteBehavior.Restrict);
        builder.Property(o => o.Priority).HasMaxLength(50);
        builder.Property(o => o.Summary).HasMaxLength(Outage.MaxSummaryLength);
        builder.Property(o => o.Cause).HasMaxLength(Outage.MaxSummaryLength);
        builder.Ignore(o => o.Source);
        builder.Property(o => o.SourceSystem).HasMaxLength(100);
        builder.Property(o => o.SourceReference).HasMaxLength(200);
        builder.ComplexProperty(o => o.RecordedBy, actor => ActorColumns.Configure(actor, "RecordedBy"));
        builder.Property(o => o.History).HasField("_history").HasJsonConversion();
        builder.Property(o => o.Version).IsConcurrencyToken();

        // The same alert posted twice is the same outage, whichever instance receives it.
        builder.HasIndex(o => new { o.SourceSystem, o.SourceReference }).IsUnique();

        // Attainment reads a service's outages that overlap a period: started before its end and restored after its
        // start (or not yet). Only the start can bound the range, since an outage may run for any time; with the
        // restoration in the index, the outages of earlier months are passed over in the index, without reading their rows.
        builder.HasIndex(o => new { o.ServiceId, o.StartedAt, o.RestoredAt });
    }
}
