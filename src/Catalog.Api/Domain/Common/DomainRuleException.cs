namespace Catalog.Api.Domain.Common;

/// <summary>
/// A business rule refused an action given the current state. The <see cref="Code"/> is stable
/// and becomes the problem type that API clients match on.
/// </summary>
public sealed class DomainRuleException(string code, string message) : Exception(message)
{
    public string Code { get; } = code;
}
