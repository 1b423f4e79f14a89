using Catalog.Api.Domain.Delivery;
using Catalog.Api.Domain.Metrics;
using Catalog.Api.Domain.Negotiation;
using FluentValidation;
using FluentValidation.Results;

namespace Catalog.Api.Features.Proposals;

/// <summary>
/// What a miss would cost IT, offered with an analysis option: bands such as "availability worse than 99.9%: 10% of
/// the month's charge; worse than 99.5%: 25%", and the most credited in any month (`capPercent`).
/// </summary>
public sealed record ServiceCreditsInput(IReadOnlyList<CreditBandInput>? Bands, decimal? CapPercent)
{
    internal ServiceCredits ToCredits() => new(
        Bands!.Select(b => new CreditBand(b.Metric!.Trim(), b.WorseThan!.Value, b.CreditPercent!.Value, string.IsNullOrWhiteSpace(b.Scope) ? null : b.Scope.Trim())).ToList(),
        CapPercent!.Value);

    /// <summary>Checks the bands against the option's targets; each problem is a field error under <paramref name="path"/>.</summary>
    internal static void EnsureValid(ServiceCredits credits, IReadOnlyList<Target> targets, IReadOnlyDictionary<string, Metric> metrics, string path)
    {
        var problems = credits.Problems(targets, metrics);
        if (problems.Count > 0)
        {
            throw new ValidationException(problems.Select(p => new ValidationFailure($"{path}.{p.Field}", p.Message)));
        }
    }
}

/// <param name="Metric">One of the option's targets (with its <paramref name="Scope"/>, e.g. `P1` for time to restore).</param>
/// <param name="WorseThan">The threshold, in the metric's unit; "worse" follows the metric's direction (lower availability, a longer time to restore).</param>
/// <param name="CreditPercent">The share of the month's charge credited when the month's result is worse than the threshold.</param>
public sealed record CreditBandInput(string? Metric, string? Scope, decimal? WorseThan, decimal? CreditPercent);

internal sealed class ServiceCreditsValidator : AbstractValidator<ServiceCreditsInput>
{
    public ServiceCreditsValidator()
    {
        RuleFor(c => c.Bands).NotNull().Must(b => b is { Count: >= 1 and <= ServiceCredits.MaxBands })
            .WithMessage($"Between 1 and {ServiceCredits.MaxBands} credit bands.");
        RuleForEach(c => c.Bands).NotNull().ChildRules(band =>
        {
            band.RuleFor(b => b.Metric).NotEmpty().MaximumLength(64);
            band.RuleFor(b => b.Scope).MaximumLength(50);
            band.RuleFor(b => b.WorseThan).NotNull();
            band.RuleFor(b => b.CreditPercent).NotNull();
        });
        RuleFor(c => c.CapPercent).NotNull();
    }
}
