namespace Catalog.Api.Infrastructure.ChangeFeed;

/// <summary>Every event type the feed carries; integrators filter on these names.</summary>
public static class ChangeTypes
{
    public const string ServiceCreated = "service.created";
    public const string ServiceUpdated = "service.updated";
    public const string ServiceLifecycleChanged = "service.lifecycle-changed";
    public const string CustomerCreated = "customer.created";
    public const string CustomerUpdated = "customer.updated";
    public const string SubscriptionCreated = "subscription.created";
    public const string SubscriptionUpdated = "subscription.updated";
    public const string MetricCreated = "metric.created";
    public const string ApiKeyCreated = "api-key.created";
    public const string ApiKeyRevoked = "api-key.revoked";
    public const string ProposalCreated = "proposal.created";
    public const string ProposalSubmitted = "proposal.submitted";
    public const string ProposalRevised = "proposal.revised";
    public const string ProposalAnalysed = "proposal.analysed";
    public const string ProposalAgreed = "proposal.agreed";
    public const string ProposalWithdrawn = "proposal.withdrawn";
    public const string AgreementVersionCreated = "agreement.version-created";
    public const string AgreementTerminated = "agreement.terminated";
    public const string CalendarUpdated = "calendar.updated";
    public const string MeasurementRecorded = "measurement.recorded";
    public const string OutageRecorded = "outage.recorded";
    public const string OutageRestored = "outage.restored";
    public const string OutageCorrected = "outage.corrected";
    public const string AgreementAtRisk = "agreement.at-risk";
    public const string AgreementTargetMissed = "agreement.target-missed";
    public const string AttainmentMonthClosed = "attainment.month-closed";
    public const string CreditEarned = "credit.earned";

    public static IReadOnlySet<string> All { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        ServiceCreated, ServiceUpdated, ServiceLifecycleChanged, CustomerCreated, CustomerUpdated, SubscriptionCreated, SubscriptionUpdated,
        MetricCreated, ApiKeyCreated, ApiKeyRevoked, ProposalCreated, ProposalSubmitted, ProposalRevised, ProposalAnalysed, ProposalAgreed,
        ProposalWithdrawn, AgreementVersionCreated, AgreementTerminated, OutageRecorded, OutageRestored, OutageCorrected, CalendarUpdated, MeasurementRecorded,
        AgreementAtRisk, AgreementTargetMissed, AttainmentMonthClosed, CreditEarned,
    };
}

/// <summary>What an event is about.</summary>
public static class SubjectTypes
{
    public const string Service = "service";
    public const string Customer = "customer";
    public const string Subscription = "subscription";
    public const string Metric = "metric";
    public const string ApiKey = "api-key";
    public const string Proposal = "proposal";
    public const string Agreement = "agreement";
    public const string Outage = "outage";
    public const string Calendar = "calendar";
    public const string Measurement = "measurement";
}
