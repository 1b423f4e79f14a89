using Catalog.Api.Domain.Agreements;
using Catalog.Api.Domain.Metrics;
using Catalog.Api.Domain.Negotiation;
using static Catalog.Api.UnitTests.Domain.Negotiation.NegotiationTestData;
using static Catalog.Api.UnitTests.TestData;

namespace Catalog.Api.UnitTests.Domain.Agreements;

public class AgreementDocumentTests
{
    private static readonly Guid ServiceId = new("0190f0b4-0000-7000-8000-0000000000a1");

    private static AgreementDocument.Context Context(
        int units = 0,
        string unit = "user",
        string unitCurrency = "EUR",
        AgreementStatus status = AgreementStatus.Active,
        IReadOnlyDictionary<string, Metric>? metrics = null) =>
        new("Corporate Email", "Send and receive e-mail from anywhere.", "Finance", "CC-1000", unit, 4.20m, unitCurrency, units, status, metrics ?? Vocabulary);

    private static AgreementVersion Version(IReadOnlyList<Target>? targets = null, decimal monthlyCharge = 11_000m, string currency = "EUR", AcceptOption option = AcceptOption.Proposed) =>
        Agreement.Open(ServiceId, CustomerId, Terms(targets: targets, monthlyCostDelta: monthlyCharge, currency: currency, leadTimeDays: 14, acceptedAt: T0, option: option, round: 2)).Versions[0];

    private static string Render(params Target[] targets) => AgreementDocument.Markdown(Version(targets), Context());

    [Fact]
    public void Markdown_Availability_PromisesItInASentence()
    {
        var markdown = Render(Availability(99.9m));

        Assert.Contains("- Corporate Email will be available at least 99.9% of each calendar month.\n", markdown, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("99.9999", "99.9999")]
    [InlineData("99.9995", "99.9995")]
    [InlineData("99.99999999", "99.99999999")]
    public void Markdown_PreciseAvailability_IsNeverRoundedUp(string value, string expected)
    {
        var markdown = Render(Availability(decimal.Parse(value, System.Globalization.CultureInfo.InvariantCulture)));

        Assert.Contains($"at least {expected}% of each calendar month", markdown, StringComparison.Ordinal);
        Assert.DoesNotContain("100%", markdown, StringComparison.Ordinal);
    }

    [Fact]
    public void Markdown_AvailabilityWithTrailingZeros_ShowsThePlainNumber()
    {
        Assert.Contains("at least 99.95% of each", Render(Availability(99.950m)), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(240, "service is restored within 4 hours.")]
    [InlineData(1440, "service is restored within 1 day.")]
    [InlineData(2880, "service is restored within 2 days.")]
    [InlineData(90, "service is restored within 90 minutes.")]
    [InlineData(60, "service is restored within 1 hour.")]
    [InlineData(1, "service is restored within 1 minute.")]
    [InlineData(1500, "service is restored within 25 hours.")]
    public void Markdown_TimeToRestore_SaysHowLongInWords(int minutes, string expected)
    {
        Assert.Contains($"- If it fails, {expected}\n", Render(TimeToRestore(minutes)), StringComparison.Ordinal);
    }

    [Fact]
    public void Markdown_TimeToRestoreWithScope_NamesTheIncidents()
    {
        Assert.Contains("- If it fails (P1 incidents), service is restored within 4 hours.\n", Render(TimeToRestore(240m, "P1")), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("24x7", "Support is available around the clock, every day of the year.")]
    [InlineData("business-hours", "Support is available during business hours.")]
    [InlineData("extended-hours", "Support is available during extended hours")]
    public void Markdown_SupportHours_SaysWhenInWords(string level, string expected)
    {
        var markdown = Render(SupportHours(level));

        Assert.Contains(expected, markdown, StringComparison.Ordinal);
        Assert.DoesNotContain(level, markdown, StringComparison.Ordinal);
    }

    [Fact]
    public void Markdown_ResponseTimeAndRecovery_AreSentences()
    {
        var markdown = Render(ResponseTime(300m, "p95"), RecoveryPoint(15m), RecoveryTime(480m));

        Assert.Contains("- It responds within 300 milliseconds (p95 of requests).\n", markdown, StringComparison.Ordinal);
        Assert.Contains("- If data has to be restored, at most the last 15 minutes of changes can be lost.\n", markdown, StringComparison.Ordinal);
        Assert.Contains("- After a disaster, Corporate Email is back within 8 hours.\n", markdown, StringComparison.Ordinal);
    }

    [Fact]
    public void Markdown_Header_NamesServiceCustomerVersionAndEffectiveDate()
    {
        var markdown = Render(Availability(99.9m));

        Assert.StartsWith("# Corporate Email for Finance\n\nService level agreement, version 1, in force from 15 March 2026.\n\n", markdown, StringComparison.Ordinal);
        Assert.Contains("Corporate Email: Send and receive e-mail from anywhere.", markdown, StringComparison.Ordinal);
        Assert.DoesNotContain("terminated", markdown, StringComparison.Ordinal);
    }

    [Fact]
    public void Markdown_TerminatedAgreement_SaysSo()
    {
        var markdown = AgreementDocument.Markdown(Version(Round1Targets), Context(status: AgreementStatus.Terminated));

        Assert.Contains("This agreement has since been terminated.", markdown, StringComparison.Ordinal);
    }

    [Fact]
    public void Markdown_RecoveryTargets_StandUnderWhenThingsGoWrong()
    {
        var markdown = Render(TimeToRestore(240m, "P1"), Availability(99.9m), RecoveryPoint(15m), SupportHours("24x7"), RecoveryTime(60m));

        var promised = markdown.IndexOf("## What is promised", StringComparison.Ordinal);
        var wrong = markdown.IndexOf("## When things go wrong", StringComparison.Ordinal);
        var costs = markdown.IndexOf("## What it costs", StringComparison.Ordinal);
        Assert.True(promised >= 0 && promised < wrong && wrong < costs, "sections out of order");

        int At(string text) => markdown.IndexOf(text, StringComparison.Ordinal);
        Assert.InRange(At("will be available at least 99.9%"), promised, wrong);
        Assert.InRange(At("around the clock"), promised, wrong);
        Assert.InRange(At("service is restored within 4 hours"), wrong, costs);
        Assert.InRange(At("the last 15 minutes of changes"), wrong, costs);
        Assert.InRange(At("is back within 1 hour"), wrong, costs);
    }

    [Fact]
    public void Markdown_NoRecoveryTargets_HasNoRecoverySection()
    {
        var markdown = Render(Availability(99.9m), SupportHours("24x7"));

        Assert.DoesNotContain("## When things go wrong", markdown, StringComparison.Ordinal);
        Assert.Contains("## What it costs", markdown, StringComparison.Ordinal);
    }

    [Fact]
    public void Markdown_MonthlyCharge_IsFormattedWithThousandsAndCents()
    {
        var markdown = AgreementDocument.Markdown(Version(Round1Targets, monthlyCharge: 11_000m), Context());

        Assert.Contains("- These service levels cost 11,000.00 EUR per month, charged to cost centre CC-1000.\n", markdown, StringComparison.Ordinal);
        Assert.Contains("The service itself costs 4.20 EUR per user per month", markdown, StringComparison.Ordinal);
    }

    [Fact]
    public void Markdown_LargeChargeWithCents_IsFormattedWithGroupSeparators()
    {
        var markdown = AgreementDocument.Markdown(Version(Round1Targets, monthlyCharge: 1_234_567.5m), Context());

        Assert.Contains("cost 1,234,567.50 EUR per month", markdown, StringComparison.Ordinal);
    }

    [Fact]
    public void Markdown_SubscribedUnits_ShowsTheChargePerUnit()
    {
        var markdown = AgreementDocument.Markdown(Version(Round1Targets, monthlyCharge: 11_000m), Context(units: 50));

        Assert.Contains(
            "- The service itself costs 4.20 EUR per user per month; with 50 users the service levels add 220.00 EUR per user.\n",
            markdown,
            StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("mailbox", 50, "with 50 mailboxes the service levels add 220.00 EUR per mailbox.")]
    [InlineData("user", 1, "with 1 user the service levels add 11,000.00 EUR per user.")]
    [InlineData("report run", 50, "with 50 report runs the service levels add 220.00 EUR per report run.")]
    [InlineData("terabytes", 50, "with 50 terabytes the service levels add 220.00 EUR per terabytes.")]
    [InlineData("switch", 50, "with 50 switches the service levels add")]
    [InlineData("entity", 50, "with 50 entities the service levels add")]
    [InlineData("day", 50, "with 50 days the service levels add")]
    public void Markdown_SubscribedUnits_NamesTheUnitsInEnglishPlural(string unit, int units, string expected)
    {
        var markdown = AgreementDocument.Markdown(Version(Round1Targets, monthlyCharge: 11_000m), Context(units: units, unit: unit));

        Assert.Contains(expected, markdown, StringComparison.Ordinal);
    }

    [Fact]
    public void Markdown_PerUnitFigure_IsRoundedToCents()
    {
        var markdown = AgreementDocument.Markdown(Version(Round1Targets, monthlyCharge: 1_000m), Context(units: 3));

        Assert.Contains("the service levels add 333.33 EUR per user.", markdown, StringComparison.Ordinal);
    }

    [Fact]
    public void Markdown_NoSubscribedUnits_HasNoPerUnitFigure()
    {
        var markdown = AgreementDocument.Markdown(Version(Round1Targets), Context(units: 0));

        Assert.Contains("- The service itself costs 4.20 EUR per user per month.\n", markdown, StringComparison.Ordinal);
        Assert.DoesNotContain("the service levels add", markdown, StringComparison.Ordinal);
    }

    [Fact]
    public void Markdown_UnitPricedInOtherCurrency_HasNoPerUnitFigure()
    {
        var markdown = AgreementDocument.Markdown(Version(Round1Targets, currency: "EUR"), Context(units: 50, unitCurrency: "USD"));

        Assert.Contains("- The service itself costs 4.20 USD per user per month.\n", markdown, StringComparison.Ordinal);
        Assert.DoesNotContain("the service levels add", markdown, StringComparison.Ordinal);
    }

    [Fact]
    public void Markdown_Provenance_NamesTheSignatoryAndTheProposalNotIds()
    {
        var version = Version(Round1Targets);

        var markdown = AgreementDocument.Markdown(version, Context());

        var provenance = markdown[markdown.IndexOf("## Where it came from", StringComparison.Ordinal)..];
        Assert.Contains("Signed on 1 March 2026 for Finance by Fiona Fischer (Head of Finance), accepting the targets it proposed ", provenance, StringComparison.Ordinal);
        Assert.Contains("in round 2 of the proposal \"Mail for the closing week\"", provenance, StringComparison.Ordinal);
        Assert.DoesNotContain(version.ProposalId.ToString(), markdown, StringComparison.Ordinal);
        Assert.DoesNotContain(version.AnalysisId.ToString(), markdown, StringComparison.Ordinal);

        // The key the acceptance came through is not a signature.
        Assert.DoesNotContain(Customer.Name, markdown, StringComparison.Ordinal);
    }

    [Fact]
    public void Markdown_AcceptedTerms_PrintsOneOffCostTradeOffsConsequencesAndNote()
    {
        var storage = new Guid("0190f0b4-0000-7000-8000-0000000000a9");
        var terms = Terms(option: AcceptOption.CounterOffer, acceptedAt: T0) with
        {
            Consequences = [new Consequence(storage, "Needs a second replica.", ConsequenceSeverity.High), new Consequence(null, "Backups move to a second site.", ConsequenceSeverity.Low)],
        };
        var version = Agreement.Open(ServiceId, CustomerId, terms).Versions[0];
        var context = Context() with { ServiceNames = new Dictionary<Guid, string> { [storage] = "Storage" } };

        var markdown = AgreementDocument.Markdown(version, context);

        Assert.Contains("- Putting them in place costs 3,000.00 EUR once.\n", markdown, StringComparison.Ordinal);
        Assert.Contains("IT's note on its counter-offer: Cheaper without a second data centre.", markdown, StringComparison.Ordinal);
        Assert.Contains("What Finance accepts in return:\n\n- Maintenance windows move to Sunday nights.\n", markdown, StringComparison.Ordinal);
        Assert.Contains("- Storage: Needs a second replica. (high impact)\n", markdown, StringComparison.Ordinal);
        Assert.Contains("- Backups move to a second site. (low impact)\n", markdown, StringComparison.Ordinal);
        Assert.DoesNotContain(storage.ToString(), markdown, StringComparison.Ordinal);
    }

    [Fact]
    public void Markdown_WhatUsersTyped_IsEscapedSoItStaysText()
    {
        var terms = Terms(acceptedAt: T0, title: "*Urgent* [click](http://evil.example)") with
        {
            TradeOffs = ["- <script>alert(1)</script>", "1. not a list"],
            SignedBy = new Signatory("Dana_Ruiz", "# Head"),
        };
        var version = Agreement.Open(ServiceId, CustomerId, terms).Versions[0];
        var context = new AgreementDocument.Context("Mail `x`", "Summary **bold**", "Sales <b>", "CC|1", "user", 4m, "EUR", 0, AgreementStatus.Active, Vocabulary);

        var markdown = AgreementDocument.Markdown(version, context);

        Assert.StartsWith("# Mail \\`x\\` for Sales \\<b\\>\n", markdown, StringComparison.Ordinal);
        Assert.Contains("Summary \\*\\*bold\\*\\*", markdown, StringComparison.Ordinal);
        Assert.Contains("\"\\*Urgent\\* \\[click\\](http://evil.example)\"", markdown, StringComparison.Ordinal);
        Assert.Contains("- \\- \\<script\\>alert(1)\\</script\\>\n", markdown, StringComparison.Ordinal);
        Assert.Contains("- 1\\. not a list\n", markdown, StringComparison.Ordinal);
        Assert.Contains("by Dana\\_Ruiz (\\# Head)", markdown, StringComparison.Ordinal);
        Assert.Contains("cost centre CC\\|1.", markdown, StringComparison.Ordinal);
    }

    [Fact]
    public void Markdown_BetweenServices_NamesProviderAndConsumerAndChargesNoBusinessUnit()
    {
        var context = Context(units: 50) with { ServiceName = "Storage", ConsumerName = "Corporate Email", BetweenServices = true };

        var markdown = AgreementDocument.Markdown(Version(Round1Targets, monthlyCharge: 900m), context);

        Assert.StartsWith("# Storage for Corporate Email\n", markdown, StringComparison.Ordinal);
        Assert.Contains("Operational level agreement between Storage (provider) and Corporate Email (consumer), version 1, in force from", markdown, StringComparison.Ordinal);
        Assert.DoesNotContain("Service level agreement", markdown, StringComparison.Ordinal);
        Assert.Contains("- Keeping these service levels costs IT 900.00 EUR per month; an operational level agreement is charged to no business unit.\n", markdown, StringComparison.Ordinal);
        Assert.DoesNotContain("cost centre", markdown, StringComparison.Ordinal);
        Assert.DoesNotContain("per user per month", markdown, StringComparison.Ordinal);
        Assert.Contains("for Corporate Email by", markdown, StringComparison.Ordinal);
    }

    [Fact]
    public void Markdown_NoOneOffCost_SaysSo()
    {
        var version = Agreement.Open(ServiceId, CustomerId, Terms(acceptedAt: T0) with { OneOffCost = 0m }).Versions[0];

        Assert.Contains("- There is no one-off cost.\n", AgreementDocument.Markdown(version, Context()), StringComparison.Ordinal);
    }

    [Fact]
    public void Markdown_CounterOfferAccepted_ProvenanceSaysSo()
    {
        var markdown = AgreementDocument.Markdown(Version(Round1Targets, option: AcceptOption.CounterOffer), Context());

        Assert.Contains("accepting IT's counter-offer in round 2", markdown, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(MetricDirection.HigherIsStricter, "- Tickets closed per day: at least 500 tickets.\n")]
    [InlineData(MetricDirection.LowerIsStricter, "- Tickets closed per day: at most 500 tickets.\n")]
    public void Markdown_CustomMetric_UsesItsDirectionForTheBound(MetricDirection direction, string expected)
    {
        var custom = Metric.Define(new Guid("0190f0b4-0000-7000-8000-0000000000f3"), "tickets-per-day", "Tickets closed per day", "tickets", direction, null, null, false, T0);
        var metrics = new Dictionary<string, Metric>(Vocabulary) { [custom.Key] = custom };
        var version = Version([new Target("tickets-per-day", TargetValue.Of(500m))]);

        var markdown = AgreementDocument.Markdown(version, Context(metrics: metrics));

        Assert.Contains(expected, markdown, StringComparison.Ordinal);
    }

    [Fact]
    public void Markdown_CustomLevelMetric_HasNoUnit()
    {
        var custom = Metric.Define(new Guid("0190f0b4-0000-7000-8000-0000000000f4"), "service-desk-tier", "Service desk tier", "tier", MetricDirection.HigherIsStricter, ["bronze", "silver", "gold"], null, false, T0);
        var metrics = new Dictionary<string, Metric>(Vocabulary) { [custom.Key] = custom };
        var version = Version([new Target("service-desk-tier", TargetValue.Of("gold"), "EMEA")]);

        var markdown = AgreementDocument.Markdown(version, Context(metrics: metrics));

        Assert.Contains("- Service desk tier: at least gold for EMEA.\n", markdown, StringComparison.Ordinal);
    }

    [Fact]
    public void Markdown_MetricMissingFromVocabulary_FallsBackToKeyAndValue()
    {
        var markdown = Render(new Target("tickets-per-day", TargetValue.Of(500m)));

        Assert.Contains("- tickets-per-day: 500.\n", markdown, StringComparison.Ordinal);
    }

    [Fact]
    public void Sentence_AvailabilityWithScope_AppendsTheScope()
    {
        Assert.Equal(
            "Corporate Email will be available at least 99.5% of each calendar month for EMEA.",
            AgreementDocument.Sentence(Context(), Availability(99.5m, "EMEA")));
    }
}
