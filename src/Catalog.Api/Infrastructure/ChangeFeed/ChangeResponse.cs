using System.Text.Json;
using Catalog.Api.Domain.Negotiation;

namespace Catalog.Api.Infrastructure.ChangeFeed;

/// <summary>A change event as integrators receive it, from the feed and in a webhook delivery alike.</summary>
public sealed record ChangeResponse(long Sequence, string Type, Subject Subject, ActorRef Actor, DateTime OccurredAt, JsonElement Data)
{
    public static ChangeResponse From(ChangeEvent change) =>
        new(change.Sequence, change.Type, new Subject(change.SubjectType, change.SubjectId), change.Actor, change.OccurredAt, JsonElement.Parse(change.Data));
}

/// <summary>What a change event is about.</summary>
public sealed record Subject(string Type, Guid Id);
