using Catalog.Api.Domain.Common;
using Catalog.Api.Domain.Services;
using Catalog.Api.Infrastructure.Application;
using FluentValidation;

namespace Catalog.Api.Features.Services;

/// <summary>The body of a create or update. Everything is nullable so that a missing field is a field error, not a parse failure.</summary>
public sealed record ServiceInput
{
    /// <summary>Unique slug; immutable after creation. On update it may be repeated but not changed.</summary>
    public string? Key { get; init; }

    public string? Name { get; init; }

    /// <summary>What the service does for the business, in plain language.</summary>
    public string? Summary { get; init; }

    public string? Description { get; init; }

    public string? Category { get; init; }

    public OwnerInput? Owner { get; init; }

    public ServiceKind? Kind { get; init; }

    /// <summary>Ids of the services this one depends on.</summary>
    public IReadOnlyList<Guid>? DependsOn { get; init; }

    public CostInput? Cost { get; init; }

    public IReadOnlyList<AlternativeInput>? Alternatives { get; init; }

    internal ServiceDetails ToDetails() => new(
        Name!.Trim(),
        Summary!.Trim(),
        string.IsNullOrWhiteSpace(Description) ? null : Description.Trim(),
        Category!.Trim(),
        new Owner(Owner!.Team!.Trim(), Owner.Contact!.Trim()),
        Kind!.Value,
        new UnitCost(Cost!.Unit!.Trim(), Cost.UnitCostPerMonth!.Value, Cost.Currency!),
        (Alternatives ?? []).Select(a => new Alternative(a.Name!.Trim(), a.UnitCostPerMonth!.Value, a.Currency!, a.Note)).ToList());
}

public sealed record OwnerInput(string? Team, string? Contact);

public sealed record CostInput(string? Unit, decimal? UnitCostPerMonth, string? Currency);

public sealed record AlternativeInput(string? Name, decimal? UnitCostPerMonth, string? Currency, string? Note);

internal sealed class ServiceInputValidator : AbstractValidator<ServiceInput>
{
    public const int MaxDependencies = 100;
    public const int MaxAlternatives = 20;
    private const decimal MaxUnitCost = 1_000_000_000m;

    public ServiceInputValidator(bool keyRequired)
    {
        if (keyRequired)
        {
            RuleFor(s => s.Key).NotEmpty();
        }

        RuleFor(s => s.Key)
            .Must(Slug.IsValid).When(s => s.Key is not null)
            .WithMessage($"key must be a lower-case slug (letters, digits, single hyphens), at most {Slug.MaxLength} characters.");
        RuleFor(s => s.Name).NotEmpty().MaximumLength(200);
        RuleFor(s => s.Summary).NotEmpty().MaximumLength(1000);
        RuleFor(s => s.Description).MaximumLength(8000);
        RuleFor(s => s.Category).NotEmpty().MaximumLength(100);
        RuleFor(s => s.Owner!).NotNull().ChildRules(owner =>
        {
            owner.RuleFor(o => o.Team).NotEmpty().MaximumLength(100);
            owner.RuleFor(o => o.Contact).NotEmpty().MaximumLength(200);
        });
        RuleFor(s => s.Kind).NotNull().IsInEnum();
        RuleFor(s => s.DependsOn)
            .ItemCount(0, MaxDependencies).WithMessage($"A service may depend on at most {MaxDependencies} services.")
            .Must(d => d!.Distinct().Count() == d!.Count).WithMessage("dependsOn lists a service more than once.")
            .When(s => s.DependsOn is not null);
        RuleForEach(s => s.DependsOn).NotEmpty();
        RuleFor(s => s.Cost!).NotNull().ChildRules(cost =>
        {
            cost.RuleFor(c => c.Unit).NotEmpty().MaximumLength(50);
            cost.RuleFor(c => c.UnitCostPerMonth).NotNull().InclusiveBetween(0, MaxUnitCost);
            cost.RuleFor(c => c.Currency).NotEmpty().Must(CurrencyCodes.IsActive).WithMessage("currency must be an ISO 4217 code such as EUR or USD.");
        });
        RuleFor(s => s.Alternatives).ItemCount(0, MaxAlternatives).WithMessage($"At most {MaxAlternatives} alternatives.");
        RuleForEach(s => s.Alternatives).NotNull().ChildRules(alternative =>
        {
            alternative.RuleFor(a => a.Name).NotEmpty().MaximumLength(200);
            alternative.RuleFor(a => a.UnitCostPerMonth).NotNull().InclusiveBetween(0, MaxUnitCost);
            alternative.RuleFor(a => a.Currency).NotEmpty().Must(CurrencyCodes.IsActive).WithMessage("currency must be an ISO 4217 code such as EUR or USD.");
            alternative.RuleFor(a => a.Note).MaximumLength(1000);
        }).When(s => s.Alternatives is not null);
    }
}
