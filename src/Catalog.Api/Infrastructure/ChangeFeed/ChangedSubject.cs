namespace Catalog.Api.Infrastructure.ChangeFeed;

/// <summary>Which resource a change event is about, and where it stands in the feed.</summary>
public readonly record struct ChangedSubject(long Sequence, string SubjectType, Guid SubjectId);
