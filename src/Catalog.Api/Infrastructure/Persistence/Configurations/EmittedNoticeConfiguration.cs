using Catalog.Api.Domain.Agreements;
using Catalog.Api.Domain.Delivery;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Catalog.Api.Infrastructure.Persistence.Configurations;

internal sealed class EmittedNoticeConfiguration : IEntityTypeConfiguration<EmittedNotice>
{
    public void Configure(EntityTypeBuilder<EmittedNotice> builder)
    {
        // The key is the notice itself: a second instance's insert of the same notice fails, and its event with it.
        builder.ToTable("EmittedNotices");
        builder.HasKey(n => new { n.AgreementId, n.Month, n.Kind, n.Version, n.Metric, n.Scope });
        builder.Ignore(n => n.Key);
        builder.HasOne<Agreement>().WithMany().HasForeignKey(n => n.AgreementId).OnDelete(DeleteBehavior.Restrict);
        builder.Property(n => n.Metric).HasMaxLength(64);
        builder.Property(n => n.Scope).HasMaxLength(100);
    }
}
