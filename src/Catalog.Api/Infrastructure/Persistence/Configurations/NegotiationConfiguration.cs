using Catalog.Api.Domain.Agreements;
using Catalog.Api.Domain.Customers;
using Catalog.Api.Domain.Negotiation;
using Catalog.Api.Domain.Services;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Catalog.Api.Infrastructure.Persistence.Configurations;

internal static class ActorColumns
{
    public static void Configure<T>(ComplexPropertyBuilder<T> actor, string prefix)
        where T : notnull
    {
        actor.Property(nameof(ActorRef.KeyId)).HasColumnName(prefix + "KeyId");
        actor.Property(nameof(ActorRef.Name)).HasColumnName(prefix + "Name").HasMaxLength(200);
        actor.Property(nameof(ActorRef.Role)).HasColumnName(prefix + "Role").HasMaxLength(32);
    }
}

/// <summary>
/// A proposal or agreement is for a customer or for a dependent service, never both or neither: the domain sees to it,
/// and the row holds the rule too, so no other writer can break it.
/// </summary>
internal static class ConsumerColumns
{
    public const string ExactlyOne = "(\"CustomerId\" IS NULL) <> (\"ConsumerServiceId\" IS NULL)";

    public static string ExactlyOneName(string table) => $"CK_{table}_OneConsumer";
}

internal sealed class ProposalConfiguration : IEntityTypeConfiguration<Proposal>
{
    public void Configure(EntityTypeBuilder<Proposal> builder)
    {
        builder.HasKey(p => p.Id);
        builder.Property(p => p.Id).ValueGeneratedNever();
        builder.Property(p => p.Title).HasMaxLength(200);
        builder.Property(p => p.BusinessJustification).HasMaxLength(4000);
        builder.Property(p => p.WithdrawalReason).HasMaxLength(2000);
        builder.Property(p => p.Version).IsConcurrencyToken();
        builder.HasOne<Service>().WithMany().HasForeignKey(p => p.ServiceId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Customer>().WithMany().HasForeignKey(p => p.CustomerId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Service>().WithMany().HasForeignKey(p => p.ConsumerServiceId).OnDelete(DeleteBehavior.Restrict);
        builder.ToTable(t => t.HasCheckConstraint(ConsumerColumns.ExactlyOneName("Proposals"), ConsumerColumns.ExactlyOne));
        builder.HasIndex(p => new { p.CustomerId, p.Id });
        builder.HasIndex(p => new { p.ConsumerServiceId, p.Id });
        builder.HasIndex(p => new { p.ServiceId, p.Id });
        builder.HasMany(p => p.Rounds).WithOne().HasForeignKey(r => r.ProposalId).OnDelete(DeleteBehavior.Restrict);
        builder.HasMany(p => p.Analyses).WithOne().HasForeignKey(a => a.ProposalId).OnDelete(DeleteBehavior.Restrict);
        builder.HasMany(p => p.Events).WithOne().HasForeignKey(e => e.ProposalId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class ProposalRoundConfiguration : IEntityTypeConfiguration<ProposalRound>
{
    public void Configure(EntityTypeBuilder<ProposalRound> builder)
    {
        builder.HasKey(r => new { r.ProposalId, r.Number });
        builder.Property(r => r.Targets).HasField("_targets").HasJsonConversion();
        builder.Property(r => r.Note).HasMaxLength(2000);
        builder.ComplexProperty(r => r.CreatedBy, actor => ActorColumns.Configure(actor, "CreatedBy"));
    }
}

internal sealed class ImpactAnalysisConfiguration : IEntityTypeConfiguration<ImpactAnalysis>
{
    public void Configure(EntityTypeBuilder<ImpactAnalysis> builder)
    {
        builder.HasKey(a => a.Id);
        builder.Property(a => a.Id).ValueGeneratedNever();
        builder.Property(a => a.Content).HasJsonConversion();
        builder.ComplexProperty(a => a.PublishedBy, actor => ActorColumns.Configure(actor, "PublishedBy"));
        builder.HasIndex(a => new { a.ProposalId, a.Round });
    }
}

internal sealed class ProposalEventConfiguration : IEntityTypeConfiguration<ProposalEvent>
{
    public void Configure(EntityTypeBuilder<ProposalEvent> builder)
    {
        builder.HasKey(e => new { e.ProposalId, e.Sequence });
        builder.Property(e => e.Note).HasMaxLength(2000);
        builder.ComplexProperty(e => e.Actor, actor => ActorColumns.Configure(actor, "Actor"));
    }
}

internal sealed class AgreementConfiguration : IEntityTypeConfiguration<Agreement>
{
    public void Configure(EntityTypeBuilder<Agreement> builder)
    {
        builder.HasKey(a => a.Id);
        builder.Property(a => a.Id).ValueGeneratedNever();

        // One agreement per (service, customer), and per (service, consumer service): a concurrent second acceptance
        // cannot open another. The consumer column that is null takes no part (nulls are distinct in both providers).
        builder.HasIndex(a => new { a.ServiceId, a.CustomerId }).IsUnique();
        builder.HasIndex(a => new { a.ServiceId, a.ConsumerServiceId }).IsUnique();
        builder.HasIndex(a => new { a.CustomerId, a.Id });
        builder.HasIndex(a => new { a.ConsumerServiceId, a.Id });
        builder.HasOne<Service>().WithMany().HasForeignKey(a => a.ServiceId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Customer>().WithMany().HasForeignKey(a => a.CustomerId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Service>().WithMany().HasForeignKey(a => a.ConsumerServiceId).OnDelete(DeleteBehavior.Restrict);
        builder.ToTable(t => t.HasCheckConstraint(ConsumerColumns.ExactlyOneName("Agreements"), ConsumerColumns.ExactlyOne));
        builder.Property(a => a.TerminationReason).HasMaxLength(2000);
        builder.ComplexProperty(a => a.TerminatedBy, actor => ActorColumns.Configure(actor, "TerminatedBy"));
        builder.Property(a => a.Version).IsConcurrencyToken();
        builder.HasMany(a => a.Versions).WithOne().HasForeignKey(v => v.AgreementId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class AgreementVersionConfiguration : IEntityTypeConfiguration<AgreementVersion>
{
    public void Configure(EntityTypeBuilder<AgreementVersion> builder)
    {
        builder.HasKey(v => new { v.AgreementId, v.Number });
        builder.Property(v => v.Targets).HasField("_targets").HasJsonConversion();
        builder.Property(v => v.MonthlyCharge).HasPrecision(18, 2);
        builder.Property(v => v.Currency).HasMaxLength(3);
        builder.Property(v => v.OneOffCost).HasPrecision(18, 2);
        builder.Property(v => v.TradeOffs).HasField("_tradeOffs").HasJsonConversion();
        builder.Property(v => v.Consequences).HasField("_consequences").HasJsonConversion();
        builder.Property(v => v.Note).HasMaxLength(2000);
        builder.Property(v => v.MaintenanceWindows).HasField("_maintenanceWindows").HasJsonConversion();
        builder.Property(v => v.ServiceHours!).HasJsonConversion();
        builder.Property(v => v.ServiceCredits!).HasJsonConversion();
        builder.Property(v => v.ProposalTitle).HasMaxLength(200);
        builder.ComplexProperty(v => v.AcceptedBy, actor => ActorColumns.Configure(actor, "AcceptedBy"));
        builder.ComplexProperty(v => v.SignedBy, signatory =>
        {
            signatory.Property(s => s.Name).HasColumnName("SignedByName").HasMaxLength(200);
            signatory.Property(s => s.Title).HasColumnName("SignedByTitle").HasMaxLength(200);
        });
        builder.HasOne<Proposal>().WithMany().HasForeignKey(v => v.ProposalId).OnDelete(DeleteBehavior.Restrict);
    }
}
