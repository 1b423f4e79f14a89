namespace Catalog.Api.Domain.Negotiation;

/// <summary>The person who decides for the customer and is printed in the agreement; the API key's name is not a signature.</summary>
public sealed record Signatory(string Name, string? Title);
