using Catalog.Api.Domain.Delivery;
using Catalog.Api.Domain.Metrics;
using Catalog.Api.Domain.Negotiation;
using NodaTime;

namespace Catalog.Api.UnitTests.Domain.Delivery;

public class ServiceReviewTests
{
    private static readonly DateTimeZone Berlin = DateTimeZoneProviders.Tzdb["Europe/Berlin"];
    private static readonly Guid Email = Guid.NewGuid();
    private static readonly Guid Storage = Guid.NewGuid();
    private static readonly IReadOnlyDictionary<string, Metric> Metrics = BuiltInMetrics.All.ToDictionary(m => m.Key);
    private static readonly Dictionary<Guid, string> Names = new() { [Email] = "Corporate Email", [Storage] = "Storage" };

    [Theory]
    [InlineData(0.4, "0 minutes")]
    [InlineData(1, "1 minute")]
    [InlineData(47, "47 minutes")]
    [InlineData(60, "1 hour")]
    [InlineData(185, "3 hours 5 minutes")]
    [InlineData(1440, "1 day")]
    [InlineData(1560, "1 day 2 hours")]
    public void Duration_Minutes_ReadAsABusinessReaderSaysThem(decimal minutes, string expected) =>
        Assert.Equal(expected, ServiceReview.Duration(minutes));

    [Fact]
    public void Compose_SupportingOutageInAClosedMonth_AttributesItInWordsAndCountsTheMiss()
    {
        var (document, _) = Review(Instant.FromUtc(2026, 3, 11, 8, 0), Instant.FromUtc(2026, 3, 11, 8, 47));

        Assert.Equal("closed", document.Status);
        Assert.Equal("In March 2026, Sales Division had one agreement in force; Corporate Email missed a promise.", document.Summary);
        var agreement = Assert.Single(document.Agreements);
        var outage = Assert.Single(agreement.Outages);
        Assert.Equal("Wed 11 March, 09:00–09:47: Storage, which Corporate Email relies on, was down for 47 minutes. Users experienced: Mail could not be opened.", outage.InPlainWords);
        Assert.Equal("availability: missed. Promised 99.95%, delivered 99.89%.", Assert.Single(agreement.Delivered).InPlainWords);
        Assert.Contains(agreement.Next, n => n.Contains("propose stricter targets", StringComparison.Ordinal));
    }

    [Fact]
    public void Markdown_UserTypedText_IsEscapedAndTheChartPartEndsWithTheTwelveMonths()
    {
        var (document, _) = Review(Instant.FromUtc(2026, 3, 11, 8, 0), Instant.FromUtc(2026, 3, 11, 8, 5), summary: "*All* mail <gone>");

        var parts = ServiceReview.Markdown(document);

        Assert.Equal(2, parts.Count);
        Assert.Contains("Users experienced: \\*All\\* mail \\<gone\\>", parts[0], StringComparison.Ordinal);
        Assert.EndsWith("- March 2026: 99.99% against 99.95%, kept\n\n", parts[0], StringComparison.Ordinal);
        Assert.StartsWith("### What you can do next", parts[1], StringComparison.Ordinal);
    }

    [Fact]
    public void Compose_OnePageOfSeveralAgreements_SummarisesEveryAgreementInForce()
    {
        var (document, _) = Review(
            Instant.FromUtc(2026, 3, 11, 8, 0),
            Instant.FromUtc(2026, 3, 11, 8, 47),
            alsoInForce: [new ReviewStanding("Archive", Missed: true), new ReviewStanding("Chat", Missed: false)]);

        Assert.Single(document.Agreements);
        Assert.Equal("In March 2026, Sales Division had 3 agreements in force; Archive and Corporate Email missed promises, the rest kept every promise.", document.Summary);
    }

    [Fact]
    public void Markdown_NotNamingTheProposePath_LeavesTheApiPathOut()
    {
        var (document, _) = Review(Instant.FromUtc(2026, 3, 11, 8, 0), Instant.FromUtc(2026, 3, 11, 8, 5));

        Assert.Contains("A proposal is sent to `/api/v1/proposals`.", ServiceReview.Markdown(document)[1], StringComparison.Ordinal);
        Assert.DoesNotContain("/api/v1/proposals", ServiceReview.Markdown(document, namingProposePath: false)[1], StringComparison.Ordinal);
    }

    private static (ServiceReviewDocument Document, MonthAttainment Month) Review(
        Instant started, Instant restored, string summary = "Mail could not be opened.", IReadOnlyList<ReviewStanding>? alsoInForce = null)
    {
        var outage = new OutageFacts(Guid.NewGuid(), Storage, OutageKind.Outage, started.ToDateTimeUtc(), restored.ToDateTimeUtc(), summary, null, []);
        var terms = new PromisedTerms(1, Instant.FromUtc(2026, 1, 1, 0, 0), [new Target("availability", TargetValue.Of(99.95m))], ServiceHoursCalendar.BuiltIn("Europe/Berlin").Single(c => c.Key == "24x7"), []);
        var month = AttainmentRules.ForMonth(
            new YearMonth(2026, 3),
            Berlin,
            [terms],
            null,
            [new CountedOutageInput(outage.Id, Storage, OutageKind.Outage, null, started, restored)],
            [],
            Metrics,
            Instant.FromUtc(2026, 4, 2, 0, 0))!;
        var input = new ReviewInput(
            "Sales Division",
            Berlin,
            new YearMonth(2026, 3),
            Instant.FromUtc(2026, 4, 2, 0, 0),
            [new ReviewedAgreement(Email, new HashSet<Guid> { Email, Storage }, month, [month])],
            [ReviewStanding.Of("Corporate Email", month), .. alsoInForce ?? []],
            Names,
            new Dictionary<Guid, OutageFacts> { [outage.Id] = outage },
            Metrics);
        return (ServiceReview.Compose(input), month);
    }
}
