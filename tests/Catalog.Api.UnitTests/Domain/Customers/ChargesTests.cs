using Catalog.Api.Domain.Common;
using Catalog.Api.Domain.Customers;
using Catalog.Api.Domain.Services;

namespace Catalog.Api.UnitTests.Domain.Customers;

public class ChargesTests
{
    private static readonly Guid MailId = new("0190f0b4-0000-7000-8000-0000000000a1");
    private static readonly Guid BackupId = new("0190f0b4-0000-7000-8000-0000000000a2");
    private static readonly Guid CrmId = new("0190f0b4-0000-7000-8000-0000000000a3");

    [Fact]
    public void Compute_NoConsumption_IsEmpty()
    {
        var charges = Charges.Compute(December, [], []);

        Assert.Empty(charges.Lines);
        Assert.Empty(charges.Totals);
    }

    [Fact]
    public void Compute_Subscription_ChargesUnitsTimesUnitCostRoundedToCents()
    {
        var charges = Charges.Compute(December, [new Charges.Consumption(MailId, "mail", "Mail", new UnitCost("mailbox", 0.125m, "EUR"), 3)], []);

        Assert.Equal(
            new Charges.ChargeLine(MailId, "mail", "Mail", "mailbox", 3, 0.125m, "EUR", 0.38m),
            Assert.Single(charges.Lines));
        Assert.Equal(new Charges.ChargeTotal("EUR", 0.38m, 0m, 0.38m), Assert.Single(charges.Totals));
    }

    [Fact]
    public void Compute_ZeroUnits_LeavesTheServiceOut()
    {
        var charges = Charges.Compute(December, 
        [
            new Charges.Consumption(MailId, "mail", "Mail", new UnitCost("mailbox", 4m, "EUR"), 0),
            new Charges.Consumption(BackupId, "backup", "Backup", new UnitCost("terabyte", 20m, "EUR"), 2),
        ], []);

        Assert.Equal(["backup"], charges.Lines.Select(l => l.ServiceKey));
        Assert.Equal(new Charges.ChargeTotal("EUR", 40m, 0m, 40m), Assert.Single(charges.Totals));
    }

    [Fact]
    public void Compute_SeveralServices_ListsThemByKey()
    {
        var charges = Charges.Compute(December, 
        [
            new Charges.Consumption(MailId, "mail", "Mail", new UnitCost("mailbox", 4m, "EUR"), 10),
            new Charges.Consumption(CrmId, "crm", "CRM", new UnitCost("user", 30m, "EUR"), 5),
            new Charges.Consumption(BackupId, "backup", "Backup", new UnitCost("terabyte", 20m, "EUR"), 2),
        ], []);

        Assert.Equal(["backup", "crm", "mail"], charges.Lines.Select(l => l.ServiceKey));
        Assert.Equal(new Charges.ChargeTotal("EUR", 230m, 0m, 230m), Assert.Single(charges.Totals));
    }

    [Fact]
    public void Compute_DifferentCurrencies_TotalsEachSeparately()
    {
        var charges = Charges.Compute(December, 
        [
            new Charges.Consumption(MailId, "mail", "Mail", new UnitCost("mailbox", 4m, "USD"), 10),
            new Charges.Consumption(CrmId, "crm", "CRM", new UnitCost("user", 30m, "EUR"), 5),
            new Charges.Consumption(BackupId, "backup", "Backup", new UnitCost("terabyte", 20.005m, "EUR"), 1),
        ], []);

        Assert.Equal([new Charges.ChargeTotal("EUR", 170.01m, 0m, 170.01m), new Charges.ChargeTotal("USD", 40m, 0m, 40m)], charges.Totals);
    }

    [Fact]
    public void Compute_AgreementsInForceAllMonth_AddTheirWholeMonthlyChargeToTheTotals()
    {
        var charges = Charges.Compute(
            December,
            [new Charges.Consumption(MailId, "mail", "Mail", new UnitCost("mailbox", 4m, "EUR"), 10)],
            [
                History(MailId, "mail", "EUR", null, (1, Nov(3), 100m), (2, Nov(20), 150m)),
                History(CrmId, "crm", "USD", null, (1, Nov(1), 99.99m)),
            ]);

        Assert.Equal(["crm", "mail"], charges.Agreements.Select(a => a.ServiceKey));
        var mail = charges.Agreements.Single(a => a.ServiceKey == "mail");
        Assert.Equal((2, 31, 31, 150m, 150m), (mail.Version, mail.Days, mail.DaysInMonth, mail.MonthlyCharge, mail.Amount));
        Assert.Empty(charges.Upcoming);
        Assert.Equal([new Charges.ChargeTotal("EUR", 190m, 0m, 190m), new Charges.ChargeTotal("USD", 99.99m, 0m, 99.99m)], charges.Totals);
    }

    [Fact]
    public void Compute_VersionStartingMidMonth_IsChargedProRataByDay()
    {
        var charges = Charges.Compute(December, [], [History(MailId, "mail", "EUR", null, (1, Dec(15), 3_100m))]);

        // In force from the 15th: 17 of December's 31 days.
        var line = Assert.Single(charges.Agreements);
        Assert.Equal((Dec(15), (DateTime?)null, 17, 31, 1_700m), (line.InForceFrom, line.InForceUntil, line.Days, line.DaysInMonth, line.Amount));
        Assert.Equal(new Charges.ChargeTotal("EUR", 1_700m, 0m, 1_700m), Assert.Single(charges.Totals));
    }

    [Fact]
    public void Compute_NewVersionMidMonth_SplitsTheMonthBetweenTheTwoVersions()
    {
        var charges = Charges.Compute(December, [], [History(MailId, "mail", "EUR", null, (1, Nov(1), 310m), (2, Dec(11), 620m))]);

        Assert.Equal(
            [(1, 10, 100m), (2, 21, 420m)],
            charges.Agreements.Select(a => (a.Version, a.Days, a.Amount)));
        Assert.Equal(Dec(11), charges.Agreements[0].InForceUntil);
        Assert.Equal(new Charges.ChargeTotal("EUR", 520m, 0m, 520m), Assert.Single(charges.Totals));
    }

    [Fact]
    public void Compute_CreditsEarned_AreDeductedFromTheTotalWithTheirReason()
    {
        var credits = new[]
        {
            new Charges.CreditLine(Guid.NewGuid(), MailId, "mail", "Mail", 2, 25m, 105m, "EUR", "Availability was 99.42%…"),
            new Charges.CreditLine(Guid.NewGuid(), MailId, "mail", "Mail", 1, 0m, 0m, "EUR", "Nothing is credited."),
        };

        var charges = Charges.Compute(December, [], [History(MailId, "mail", "EUR", null, (1, Nov(1), 310m), (2, Dec(11), 620m))], credits);

        // Nothing credited is nothing to deduct; gross 100 + 420, less 105.
        Assert.Equal([(2, 105m)], charges.Credits.Select(c => (c.Version, c.Amount)));
        Assert.Equal(new Charges.ChargeTotal("EUR", 520m, 105m, 415m), Assert.Single(charges.Totals));
    }

    [Fact]
    public void Compute_VersionNotYetInForce_IsListedAsUpcomingAndNotCharged()
    {
        var charges = Charges.Compute(December, [], [History(MailId, "mail", "EUR", null, (1, Nov(1), 500m), (2, new DateTime(2027, 1, 10, 0, 0, 0, DateTimeKind.Utc), 800m))]);

        Assert.Equal([(1, 500m)], charges.Agreements.Select(a => (a.Version, a.Amount)));
        var upcoming = Assert.Single(charges.Upcoming);
        Assert.Equal((2, new DateTime(2027, 1, 10, 0, 0, 0, DateTimeKind.Utc), 800m), (upcoming.Version, upcoming.EffectiveFrom, upcoming.MonthlyCharge));
        Assert.Equal(new Charges.ChargeTotal("EUR", 500m, 0m, 500m), Assert.Single(charges.Totals));
    }

    [Fact]
    public void Compute_FirstVersionNotYetInForce_ChargesNothingForTheAgreement()
    {
        var charges = Charges.Compute(November, [], [History(MailId, "mail", "EUR", null, (1, Dec(15), 3_100m))]);

        Assert.Empty(charges.Agreements);
        Assert.Equal(Dec(15), Assert.Single(charges.Upcoming).EffectiveFrom);
        Assert.Empty(charges.Totals);
    }

    [Fact]
    public void Compute_TerminatedDuringTheMonth_ChargesTheDaysUpToAndIncludingTheTerminationDay()
    {
        var charges = Charges.Compute(December, [], [History(MailId, "mail", "EUR", Dec(10).AddHours(15), (1, Nov(1), 310m))]);

        Assert.Equal((10, 100m), (Assert.Single(charges.Agreements).Days, charges.Agreements[0].Amount));
    }

    [Fact]
    public void Compute_TerminatedBeforeTheMonth_ChargesNothing()
    {
        var charges = Charges.Compute(December, [], [History(MailId, "mail", "EUR", Nov(30), (1, Nov(1), 310m))]);

        Assert.Empty(charges.Agreements);
        Assert.Empty(charges.Upcoming);
    }

    [Fact]
    public void Compute_ProRataOfAThirdOfACent_RoundsHalfAwayFromZero()
    {
        // 100 × 1/30 = 3.333…; November has 30 days.
        var charges = Charges.Compute(November, [], [History(MailId, "mail", "EUR", null, (1, Nov(30), 100m))]);

        Assert.Equal(3.33m, Assert.Single(charges.Agreements).Amount);
    }

    private static readonly CalendarMonth December = new(2026, 12);

    private static readonly CalendarMonth November = new(2026, 11);

    private static DateTime Dec(int day) => new(2026, 12, day, 0, 0, 0, DateTimeKind.Utc);

    private static DateTime Nov(int day) => new(2026, 11, day, 0, 0, 0, DateTimeKind.Utc);

    private static Charges.AgreementHistory History(Guid serviceId, string key, string currency, DateTime? terminatedAt, params (int Number, DateTime From, decimal Charge)[] versions) =>
        new(serviceId, serviceId, key, key.ToUpperInvariant(), currency, versions.Select(v => new Charges.VersionCharge(v.Number, v.From, v.Charge)).ToList(), terminatedAt);
}
