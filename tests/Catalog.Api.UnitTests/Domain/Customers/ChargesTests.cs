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
        var charges = Charges.Compute([], []);

        Assert.Empty(charges.Lines);
        Assert.Empty(charges.Totals);
    }

    [Fact]
    public void Compute_Subscription_ChargesUnitsTimesUnitCostRoundedToCents()
    {
        var charges = Charges.Compute([new Charges.Consumption(MailId, "mail", "Mail", new UnitCost("mailbox", 0.125m, "EUR"), 3)], []);

        Assert.Equal(
            new Charges.ChargeLine(MailId, "mail", "Mail", "mailbox", 3, 0.125m, "EUR", 0.38m),
            Assert.Single(charges.Lines));
        Assert.Equal(new Charges.ChargeTotal("EUR", 0.38m), Assert.Single(charges.Totals));
    }

    [Fact]
    public void Compute_ZeroUnits_LeavesTheServiceOut()
    {
        var charges = Charges.Compute(
        [
            new Charges.Consumption(MailId, "mail", "Mail", new UnitCost("mailbox", 4m, "EUR"), 0),
            new Charges.Consumption(BackupId, "backup", "Backup", new UnitCost("terabyte", 20m, "EUR"), 2),
        ], []);

        Assert.Equal(["backup"], charges.Lines.Select(l => l.ServiceKey));
        Assert.Equal(new Charges.ChargeTotal("EUR", 40m), Assert.Single(charges.Totals));
    }

    [Fact]
    public void Compute_SeveralServices_ListsThemByKey()
    {
        var charges = Charges.Compute(
        [
            new Charges.Consumption(MailId, "mail", "Mail", new UnitCost("mailbox", 4m, "EUR"), 10),
            new Charges.Consumption(CrmId, "crm", "CRM", new UnitCost("user", 30m, "EUR"), 5),
            new Charges.Consumption(BackupId, "backup", "Backup", new UnitCost("terabyte", 20m, "EUR"), 2),
        ], []);

        Assert.Equal(["backup", "crm", "mail"], charges.Lines.Select(l => l.ServiceKey));
        Assert.Equal(new Charges.ChargeTotal("EUR", 230m), Assert.Single(charges.Totals));
    }

    [Fact]
    public void Compute_DifferentCurrencies_TotalsEachSeparately()
    {
        var charges = Charges.Compute(
        [
            new Charges.Consumption(MailId, "mail", "Mail", new UnitCost("mailbox", 4m, "USD"), 10),
            new Charges.Consumption(CrmId, "crm", "CRM", new UnitCost("user", 30m, "EUR"), 5),
            new Charges.Consumption(BackupId, "backup", "Backup", new UnitCost("terabyte", 20.005m, "EUR"), 1),
        ], []);

        Assert.Equal([new Charges.ChargeTotal("EUR", 170.01m), new Charges.ChargeTotal("USD", 40m)], charges.Totals);
    }

    [Fact]
    public void Compute_ActiveAgreements_AddTheirMonthlyChargeToTheTotals()
    {
        var agreementId = new Guid("0190f0b4-0000-7000-8000-0000000000b1");
        var charges = Charges.Compute(
            [new Charges.Consumption(MailId, "mail", "Mail", new UnitCost("mailbox", 4m, "EUR"), 10)],
            [
                new Charges.AgreementCharge(agreementId, MailId, "mail", "Mail", 2, 150m, "EUR"),
                new Charges.AgreementCharge(Guid.NewGuid(), CrmId, "crm", "CRM", 1, 99.99m, "USD"),
            ]);

        Assert.Equal(["crm", "mail"], charges.Agreements.Select(a => a.ServiceKey));
        Assert.Equal([new Charges.ChargeTotal("EUR", 190m), new Charges.ChargeTotal("USD", 99.99m)], charges.Totals);
    }
}
