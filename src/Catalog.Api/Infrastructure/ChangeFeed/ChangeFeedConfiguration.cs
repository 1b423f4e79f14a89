using Catalog.Api.Infrastructure.Persistence.Configurations;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Catalog.Api.Infrastructure.ChangeFeed;

internal sealed class ChangeEventConfiguration : IEntityTypeConfiguration<ChangeEvent>
{
    public void Configure(EntityTypeBuilder<ChangeEvent> builder)
    {
        builder.HasKey(e => e.Sequence);
        builder.Property(e => e.Sequence).ValueGeneratedNever();
        builder.Property(e => e.Type).HasMaxLength(64);
        builder.Property(e => e.SubjectType).HasMaxLength(32);
        builder.ComplexProperty(e => e.Actor, actor => ActorColumns.Configure(actor, "Actor"));
        builder.HasIndex(e => new { e.SubjectType, e.SubjectId });
    }
}

internal sealed class ChangeCounterConfiguration : IEntityTypeConfiguration<ChangeCounter>
{
    public void Configure(EntityTypeBuilder<ChangeCounter> builder)
    {
        builder.HasKey(c => c.Id);
        builder.Property(c => c.Id).ValueGeneratedNever();
        builder.HasData(new { Id = ChangeCounter.SingletonId, Value = 0L });
    }
}
