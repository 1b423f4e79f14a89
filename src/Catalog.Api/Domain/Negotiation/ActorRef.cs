namespace Catalog.Api.Domain.Negotiation;

/// <summary>Who did something: the API key and the name it was issued under, kept with the record for good.</summary>
public sealed record ActorRef(Guid KeyId, string Name, string Role);
