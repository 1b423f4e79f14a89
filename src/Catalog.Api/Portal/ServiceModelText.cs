using Catalog.Api.Domain.Services;

namespace Catalog.Api.Portal;

/// <summary>How the portal words a cost comparison.</summary>
public static class ServiceModelText
{
    public static string Difference(CostComparison.AlternativeLine alternative) => alternative switch
    {
        { Comparable: false } => "another currency",
        { MonthlyDifference: 0m } => "the same",
        { MonthlyDifference: < 0m } => $"{Show.Money(-alternative.MonthlyDifference!.Value, alternative.Cost.Currency)} less ({Math.Abs(alternative.DifferencePercent ?? 0m):0.#}% cheaper)",
        _ => $"{Show.Money(alternative.MonthlyDifference!.Value, alternative.Cost.Currency)} more ({alternative.DifferencePercent ?? 0m:0.#}% dearer)",
    };
}
