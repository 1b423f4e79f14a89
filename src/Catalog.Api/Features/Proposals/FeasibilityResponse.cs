using Catalog.Api.Domain.Delivery;
using Catalog.Api.Domain.Negotiation;

namespace Catalog.Api.Features.Proposals;

/// <param name="From">Start of the twelve months the dependencies' availability is measured over.</param>
/// <param name="To">End of them: now.</param>
/// <param name="ProposedAvailability">The availability the current round asks for, in per cent; null when it asks for none.</param>
/// <param name="Dependencies">Every direct dependency with what it promises this service in an operational level agreement in force, or else what it delivered (null when neither is known).</param>
/// <param name="Unknown">Direct dependencies never reported on: they can only lower the ceiling.</param>
/// <param name="Current">The version of the customer's agreement on the service in force now (or the newest, before it takes effect); null without one.</param>
/// <param name="Delivered">What the service delivered to this customer under its agreement over the last twelve months, month by month and target by target (empty without one).</param>
/// <param name="InPlainWords">The ceiling, what limits it and whether the proposal is above it, in a sentence or three.</param>
public sealed record FeasibilityResponse(
    Guid ProposalId,
    Guid ServiceId,
    string ServiceName,
    DateTime From,
    DateTime To,
    decimal? ProposedAvailability,
    CeilingResponse Ceiling,
    IReadOnlyList<DependencyResponse> Dependencies,
    IReadOnlyList<ServiceNameResponse> Unknown,
    CurrentPromiseResponse? Current,
    IReadOnlyList<DeliveredMonthResponse> Delivered,
    string InPlainWords);

/// <param name="Availability">The product of the known dependencies' availabilities, in per cent (100 when the service depends on nothing); null when none of its dependencies is known.</param>
/// <param name="LimitedBy">The known dependency with the lowest availability; null when none is known.</param>
/// <param name="ProposedAbove">How many percentage points the proposed availability lies above the ceiling (at least that many when some dependencies are unknown); 0 within a fully known ceiling; null when the proposal asks no availability, or lies within what is known while unknown dependencies could still put it above.</param>
public sealed record CeilingResponse(decimal? Availability, DependencyResponse? LimitedBy, decimal? ProposedAbove);

/// <param name="Availability">The availability its operational level agreement with this service promises (basis ola), or else what it delivered around the clock over the twelve months, counting what it depends on (basis measured), in per cent; null when unknown.</param>
/// <param name="Basis">How the availability is known: ola (promised; overrides what was measured) or measured; null when it is not known.</param>
public sealed record DependencyResponse(Guid ServiceId, string Name, decimal? Availability, AvailabilityBasis? Basis);

public sealed record ServiceNameResponse(Guid ServiceId, string Name);

/// <summary>What the agreement promises now: the proposal's targets are weighed against it.</summary>
public sealed record CurrentPromiseResponse(int Version, DateTime EffectiveFrom, IReadOnlyList<Target> Targets, decimal MonthlyCharge, string Currency);

/// <param name="Met">Whether every target measured that month was kept; null when none was measured.</param>
public sealed record DeliveredMonthResponse(string Month, string Status, bool? Met, IReadOnlyList<DeliveredTargetResponse> Targets);

/// <param name="Version">The version whose target this is (a month split by a new version lists both).</param>
/// <param name="Achieved">What was delivered, in the metric's unit; null when nothing measured it.</param>
public sealed record DeliveredTargetResponse(int Version, string Metric, string? Scope, TargetValue Target, decimal? Achieved, bool? Met);
