namespace Catalog.Api.Domain.Common;

/// <summary>
/// A business rule refused an action given the current state. The <see cref="Code"/> is stable and becomes
/// the problem type that API clients match on; <see cref="Facts"/> become members of the problem, so that a
/// program can read, say, the current state and the allowed actions without parsing the message.
/// </summary>
public sealed class DomainRuleException(string code, string message, IReadOnlyDictionary<string, object?>? facts = null) : Exception(message)
{
    public string Code { get; } = code;

    public IReadOnlyDictionary<string, object?> Facts { get; } = facts ?? new Dictionary<string, object?>();
}
