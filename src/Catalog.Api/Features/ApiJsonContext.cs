using System.Text.Json.Serialization;
using Catalog.Api.Domain.Agreements;
using Catalog.Api.Domain.Delivery;
using Catalog.Api.Features.Agreements;
using Catalog.Api.Features.ApiKeys;
using Catalog.Api.Features.Attainment;
using Catalog.Api.Features.Calendars;
using Catalog.Api.Features.Changes;
using Catalog.Api.Features.Customers;
using Catalog.Api.Features.Measurements;
using Catalog.Api.Features.Metrics;
using Catalog.Api.Features.Outages;
using Catalog.Api.Features.Proposals;
using Catalog.Api.Features.Services;
using Catalog.Api.Features.Webhooks;
using Catalog.Api.Infrastructure.Http;

namespace Catalog.Api.Features;

/// <summary>
/// The JSON contracts of the API's bodies, generated when the project compiles. Without them the start built
/// every endpoint's contract by reflection, emitting and compiling an accessor per member (a trace of the start put
/// a fifth of its main thread there), and the emitted code stayed in memory. The program hands this context to
/// <see cref="CatalogJson.Apply"/>, which puts it first and keeps reflection behind it for any other type; it lives
/// with the features it lists, since infrastructure does not know them. A test checks that every endpoint's bodies
/// are listed here.
/// </summary>
[JsonSourceGenerationOptions(System.Text.Json.JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(VersionDiff))]
[JsonSerializable(typeof(ServiceReviewDocument))]
[JsonSerializable(typeof(AgreementResponse))]
[JsonSerializable(typeof(AgreementVersionResponse))]
[JsonSerializable(typeof(TerminateAgreement.TerminationInput))]
[JsonSerializable(typeof(ApiKeyResponse))]
[JsonSerializable(typeof(CreateApiKey.ApiKeyInput))]
[JsonSerializable(typeof(IssuedApiKeyResponse))]
[JsonSerializable(typeof(AttainmentResponse))]
[JsonSerializable(typeof(GetCustomerAttainment.CustomerAttainmentResponse))]
[JsonSerializable(typeof(GetServiceAttainment.ServiceAttainmentResponse))]
[JsonSerializable(typeof(CalendarResponse))]
[JsonSerializable(typeof(CalendarsEndpoints.CalendarList))]
[JsonSerializable(typeof(UpdateCalendar.CalendarInput))]
[JsonSerializable(typeof(ListChanges.ChangesResponse))]
[JsonSerializable(typeof(CustomerInput))]
[JsonSerializable(typeof(CustomerResponse))]
[JsonSerializable(typeof(GetCharges.ChargesResponse))]
[JsonSerializable(typeof(PutSubscription.SubscriptionInput))]
[JsonSerializable(typeof(SubscriptionResponse))]
[JsonSerializable(typeof(MeasurementResponse))]
[JsonSerializable(typeof(RecordMeasurement.MeasurementInput))]
[JsonSerializable(typeof(CreateMetric.MetricInput))]
[JsonSerializable(typeof(MetricResponse))]
[JsonSerializable(typeof(CorrectOutage.CorrectionInput))]
[JsonSerializable(typeof(OutageResponse))]
[JsonSerializable(typeof(RecordOutage.OutageInput))]
[JsonSerializable(typeof(RestoreOutage.RestorationInput))]
[JsonSerializable(typeof(AcceptProposal.AcceptanceInput))]
[JsonSerializable(typeof(AnalysisResponse))]
[JsonSerializable(typeof(CreateProposal.ProposalInput))]
[JsonSerializable(typeof(FeasibilityResponse))]
[JsonSerializable(typeof(GetProposalTimeline.TimelineResponse))]
[JsonSerializable(typeof(ProposalResponse))]
[JsonSerializable(typeof(PublishAnalysis.AnalysisInput))]
[JsonSerializable(typeof(ReviseProposal.RevisionInput))]
[JsonSerializable(typeof(WithdrawProposal.WithdrawalInput))]
[JsonSerializable(typeof(ChangeServiceLifecycle.LifecycleInput))]
[JsonSerializable(typeof(GetCostComparison.CostComparisonResponse))]
[JsonSerializable(typeof(GetServiceImpact.ImpactResponse))]
[JsonSerializable(typeof(ServiceInput))]
[JsonSerializable(typeof(ServiceResponse))]
[JsonSerializable(typeof(CreateWebhook.WebhookInput))]
[JsonSerializable(typeof(CreatedWebhookResponse))]
[JsonSerializable(typeof(WebhookDeliveryResponse))]
[JsonSerializable(typeof(WebhookResponse))]
[JsonSerializable(typeof(Page<AgreementResponse>))]
[JsonSerializable(typeof(Page<AgreementVersionResponse>))]
[JsonSerializable(typeof(Page<ApiKeyResponse>))]
[JsonSerializable(typeof(Page<CustomerResponse>))]
[JsonSerializable(typeof(Page<SubscriptionResponse>))]
[JsonSerializable(typeof(Page<MeasurementResponse>))]
[JsonSerializable(typeof(Page<MetricResponse>))]
[JsonSerializable(typeof(Page<OutageResponse>))]
[JsonSerializable(typeof(Page<AnalysisResponse>))]
[JsonSerializable(typeof(Page<ProposalResponse>))]
[JsonSerializable(typeof(Page<ServiceResponse>))]
[JsonSerializable(typeof(Page<WebhookDeliveryResponse>))]
[JsonSerializable(typeof(Page<WebhookResponse>))]
internal sealed partial class ApiJsonContext : JsonSerializerContext;
