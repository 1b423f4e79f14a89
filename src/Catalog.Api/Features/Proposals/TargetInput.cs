using Catalog.Api.Domain.Negotiation;
using Catalog.Api.Features.Metrics;
using Catalog.Api.Infrastructure.Persistence;
using FluentValidation;
using FluentValidation.Results;

namespace Catalog.Api.Features.Proposals;

/// <summary>A target as sent: <c>{ "metric": "availability", "value": 99.9, "scope": null }</c>; value is a number or a level name.</summary>
public sealed record TargetInput(string? Metric, TargetValue? Value, string? Scope);

internal sealed class TargetListValidator : AbstractValidator<IReadOnlyList<TargetInput>>
{
    public TargetListValidator()
    {
        RuleFor(targets => targets.Count).InclusiveBetween(1, TargetRules.MaxTargets)
            .OverridePropertyName(string.Empty)
            .WithMessage($"Between 1 and {TargetRules.MaxTargets} targets.");
        RuleForEach(targets => targets).NotNull().ChildRules(target =>
        {
            target.RuleFor(t => t.Metric).NotEmpty().MaximumLength(64);
            target.RuleFor(t => t.Value).NotNull();
            target.RuleFor(t => t.Scope).MaximumLength(50);
        }).OverridePropertyName(string.Empty);
    }
}

internal static class TargetInputs
{
    public static IReadOnlyList<Target> ToTargets(this IReadOnlyList<TargetInput> inputs) =>
        inputs.Select(t => new Target(t.Metric!.Trim(), t.Value!.Value, string.IsNullOrWhiteSpace(t.Scope) ? null : t.Scope.Trim())).ToList();

    /// <summary>Checks targets against the metric vocabulary; each problem is a field error under <paramref name="path"/>.</summary>
    public static async Task EnsureValidAsync(
        MetricVocabulary vocabulary, CatalogDbContext db, IReadOnlyList<Target> targets, string path, CancellationToken cancellationToken)
    {
        var metrics = await vocabulary.ReadAsync(db, targets.Select(t => t.Metric), cancellationToken);
        var problems = TargetRules.Check(targets, metrics);
        if (problems.Count > 0)
        {
            throw new ValidationException(problems.Select(p => new ValidationFailure($"{path}[{p.Index}].{p.Field}", p.Message)));
        }
    }
}
