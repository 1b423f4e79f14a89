using AutoMapper;
using Catalog.Api.Domain.Agreements;
using Catalog.Api.Domain.Customers;
using Catalog.Api.Domain.Negotiation;
using Catalog.Api.Domain.Services;
using Catalog.Api.Features.Agreements;
using Catalog.Api.Features.Customers;
using Catalog.Api.Features.Proposals;
using Catalog.Api.Features.Services;
using Catalog.Api.Infrastructure.ChangeFeed;
using Catalog.Api.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Catalog.Api.Features.Demo;

/// <summary>
/// A small, realistic organisation for a first look: supporting services under business services, business
/// units with subscriptions, and negotiations in every state. Everything goes through the domain's own
/// methods, and whatever already exists (by key, or by proposal title) is left alone, so seeding twice adds nothing.
/// The events it records carry the features' response shapes, which is why it is a feature and not infrastructure.
/// </summary>
public sealed class DemoData(CatalogDbContext db, IMapper mapper, TimeProvider clock)
{
    /// <summary>Loads the demo organisation when <c>Demo:Seed</c> is set (<c>--seed-demo</c>); the composition root calls it at start.</summary>
    public static async Task SeedAtStartAsync(WebApplication app)
    {
        if (!app.Configuration.GetValue<bool>("Demo:Seed"))
        {
            return;
        }

        await using var scope = app.Services.CreateAsyncScope();
        var services = scope.ServiceProvider;
        await new DemoData(services.GetRequiredService<CatalogDbContext>(), services.GetRequiredService<IMapper>(), services.GetRequiredService<TimeProvider>()).SeedAsync();
        services.GetRequiredService<ILogger<DemoData>>().LogInformation("Demo data is loaded: services, business units and negotiations in every state.");
    }

    private static readonly ActorRef ServiceOwner = new(Guid.Empty, "IT service owner (demo)", "it-lead");
    private static readonly ActorRef SalesDivision = new(Guid.Empty, "Sales Division (demo)", "customer");
    private static readonly ActorRef TradingDesk = new(Guid.Empty, "Trading Desk (demo)", "customer");
    private static readonly ActorRef Finance = new(Guid.Empty, "Finance (demo)", "customer");

    private static readonly Signatory HeadOfTrading = new("Marta Keller", "Head of Trading");

    private DateTime _start;

    public async Task SeedAsync(CancellationToken cancellationToken = default)
    {
        _start = clock.GetUtcNow().UtcDateTime.AddDays(-60);

        var storage = await ServiceAsync("storage", "Storage", "Disk space for other services, replicated to a second site.", "infrastructure", "Infrastructure", ServiceKind.Supporting, new UnitCost("TB", 38m, "EUR"), [], [], cancellationToken);
        var network = await ServiceAsync("network", "Network", "The company network and internet access at every site.", "infrastructure", "Infrastructure", ServiceKind.Supporting, new UnitCost("site", 1200m, "EUR"), [], [], cancellationToken);
        var warehouse = await ServiceAsync("data-warehouse", "Data Warehouse", "Yesterday's business data, ready for analysis.", "data", "Data Platform", ServiceKind.Supporting, new UnitCost("TB", 95m, "EUR"), [storage], [], cancellationToken);
        var email = await ServiceAsync(
            "corporate-email", "Corporate Email", "Email and calendars for every employee, on every device.", "collaboration", "Workplace", ServiceKind.Business,
            new UnitCost("mailbox", 4.20m, "EUR"), [storage, network],
            [new Alternative("Hosted email", 3.10m, "EUR", "Vendor-hosted mailboxes, 50 GB, no on-site archive")], cancellationToken);
        var ordering = await ServiceAsync("online-ordering", "Online Ordering", "Customers place and track their orders on the web shop.", "sales", "E-Commerce", ServiceKind.Business, new UnitCost("1,000 orders", 12m, "EUR"), [storage, network], [], cancellationToken);
        var reporting = await ServiceAsync("sales-reporting", "Production Sales Reporting", "Sales figures by region and product, from the order system.", "sales", "Data Platform", ServiceKind.Business, new UnitCost("report user", 18m, "EUR"), [warehouse, network], [], cancellationToken);
        var trading = await ServiceAsync("trading-platform", "Trading Platform", "Order entry and execution for the trading desk.", "banking", "Markets Technology", ServiceKind.Business, new UnitCost("trader seat", 950m, "EUR"), [storage, network], [], cancellationToken);

        var sales = await CustomerAsync("sales-division", "Sales Division", "CC-4100", "sales-it@example.com", cancellationToken);
        var desk = await CustomerAsync("trading-desk", "Trading Desk", "CC-7200", "desk-it@example.com", cancellationToken);
        var finance = await CustomerAsync("finance", "Finance", "CC-1300", "finance-it@example.com", cancellationToken);
        await SubscribeAsync(sales, email, 320, cancellationToken);
        await SubscribeAsync(sales, reporting, 45, cancellationToken);
        await SubscribeAsync(sales, ordering, 40, cancellationToken);
        await SubscribeAsync(desk, trading, 60, cancellationToken);
        await SubscribeAsync(desk, email, 80, cancellationToken);
        await SubscribeAsync(finance, email, 45, cancellationToken);
        await SubscribeAsync(finance, reporting, 12, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);

        await NegotiateAsync(finance, email, "Stricter mail availability for month-end closing", (_, _) => null, cancellationToken);
        await NegotiateAsync(
            finance,
            reporting,
            "Faster report screens",
            (proposal, _) =>
            {
                proposal.Submit(reporting, Finance, At(12));
                return null;
            },
            cancellationToken);
        await NegotiateAsync(sales, email, "Round-the-clock mail support for field sales", (proposal, _) =>
        {
            proposal.Submit(email, SalesDivision, At(20));
            proposal.PublishAnalysis(
                new AnalysisContent(0m, 640m, "EUR", 3m, 14, Feasibility.Feasible, [], ["Support outside business hours is by phone only, no desk visits."], null),
                ServiceOwner,
                At(22));
            return null;
        }, cancellationToken);
        await NegotiateAsync(sales, reporting, "Heavy daily production sales reports", (proposal, _) =>
        {
            proposal.Submit(reporting, SalesDivision, At(3));
            proposal.PublishAnalysis(
                new AnalysisContent(
                    48_000m,
                    3_400m,
                    "EUR",
                    60m,
                    90,
                    Feasibility.NeedsInvestment,
                    [
                        new Consequence(ordering.Id, "Daily report runs against the production order database would slow Online Ordering by about 30% during business hours.", ConsequenceSeverity.High),
                        new Consequence(warehouse.Id, "The warehouse load would have to move from nightly to hourly.", ConsequenceSeverity.Medium),
                    ],
                    ["Reports would be ready at 09:00 instead of 07:00 unless the warehouse is extended.", "Ad-hoc queries would be limited during the report run."],
                    null),
                ServiceOwner,
                At(8));
            proposal.Withdraw("The cost and the slowdown of Online Ordering outweigh the benefit; we keep the weekly warehouse reports.", SalesDivision, At(10));
            return null;
        }, cancellationToken);

        await NegotiateAsync(desk, trading, "Trading platform availability and recovery", (proposal, standing) =>
        {
            proposal.Submit(trading, TradingDesk, At(1));
            var analysis = proposal.PublishAnalysis(
                new AnalysisContent(
                    120_000m,
                    14_000m,
                    "EUR",
                    140m,
                    120,
                    Feasibility.NotFeasibleWithCurrentTechnology,
                    [new Consequence(network.Id, "99.99% needs a second data centre link that the network does not have today.", ConsequenceSeverity.High)],
                    ["Maintenance would move to Saturday nights."],
                    new CounterOffer(
                        [new Target("availability", TargetValue.Of(99.95m)), new Target("time-to-restore", TargetValue.Of(30m), "P1")],
                        25_000m,
                        8_500m,
                        45,
                        "Achievable with the current data centre and a hot standby.")),
                ServiceOwner,
                At(4));
            return proposal.Accept(trading, analysis.Id, AcceptOption.CounterOffer, standing.ChargeWith(8_500m), standing, HeadOfTrading, TradingDesk, At(6));
        }, cancellationToken);
        await NegotiateAsync(desk, trading, "Faster recovery and round-the-clock support for trading", (proposal, standing) =>
        {
            proposal.Submit(trading, TradingDesk, At(30));
            var analysis = proposal.PublishAnalysis(
                new AnalysisContent(15_000m, 2_500m, "EUR", 20m, 21, Feasibility.Feasible, [], ["On-call engineers rotate weekly; incidents outside hours start with a phone triage."], null),
                ServiceOwner,
                At(33));
            return proposal.Accept(trading, analysis.Id, AcceptOption.Proposed, standing.ChargeWith(2_500m), standing, HeadOfTrading, TradingDesk, At(52));
        }, cancellationToken);
    }

    private static IReadOnlyList<Target> TargetsFor(string title) => title switch
    {
        "Stricter mail availability for month-end closing" => [new Target("availability", TargetValue.Of(99.95m))],
        "Faster report screens" => [new Target("response-time", TargetValue.Of(1500m), "p95")],
        "Round-the-clock mail support for field sales" => [new Target("support-hours", TargetValue.Of("24x7"))],
        "Heavy daily production sales reports" => [new Target("availability", TargetValue.Of(99.5m)), new Target("recovery-time", TargetValue.Of(120m))],
        "Trading platform availability and recovery" => [new Target("availability", TargetValue.Of(99.99m)), new Target("time-to-restore", TargetValue.Of(15m), "P1")],
        _ => [new Target("availability", TargetValue.Of(99.95m)), new Target("time-to-restore", TargetValue.Of(15m), "P1"), new Target("support-hours", TargetValue.Of("24x7"))],
    };

    private DateTime At(int day) => _start.AddDays(day);

    private async Task<Service> ServiceAsync(
        string key, string name, string summary, string category, string team, ServiceKind kind, UnitCost cost, Service[] dependsOn, Alternative[] alternatives, CancellationToken cancellationToken)
    {
        var existing = await db.Services.SingleOrDefaultAsync(s => s.Key == key, cancellationToken);
        if (existing is not null)
        {
            return existing;
        }

        var details = new ServiceDetails(name, summary, null, category, new Owner(team, $"{team.ToLowerInvariant().Replace(' ', '-')}@example.com"), kind, cost, alternatives);
        var service = Service.Create(key, details, dependsOn, At(0));
        service.MoveTo(Lifecycle.Live, dependsOn, [], At(0));
        db.Services.Add(service);
        db.Record(ChangeTypes.ServiceCreated, SubjectTypes.Service, service.Id, DatabaseStartup.SystemActor, At(0), mapper.Map<ServiceResponse>(service));
        return service;
    }

    private async Task<Customer> CustomerAsync(string key, string name, string costCenter, string email, CancellationToken cancellationToken)
    {
        var existing = await db.Customers.SingleOrDefaultAsync(c => c.Key == key, cancellationToken);
        if (existing is not null)
        {
            return existing;
        }

        var customer = Customer.Create(key, new CustomerDetails(name, costCenter, email, "Europe/Berlin"), At(0));
        db.Customers.Add(customer);
        db.Record(ChangeTypes.CustomerCreated, SubjectTypes.Customer, customer.Id, DatabaseStartup.SystemActor, At(0), mapper.Map<CustomerResponse>(customer));
        return customer;
    }

    private async Task SubscribeAsync(Customer customer, Service service, int units, CancellationToken cancellationToken)
    {
        if (!await db.Subscriptions.AnyAsync(s => s.CustomerId == customer.Id && s.ServiceId == service.Id, cancellationToken)
            && !db.Subscriptions.Local.Any(s => s.CustomerId == customer.Id && s.ServiceId == service.Id))
        {
            var subscription = Subscription.Start(customer, service, units, At(0));
            db.Subscriptions.Add(subscription);
            db.Record(ChangeTypes.SubscriptionCreated, SubjectTypes.Subscription, customer.Id, DatabaseStartup.SystemActor, At(0), SubscriptionResponse.From(subscription, service));
        }
    }

    /// <summary>Opens the proposal and plays its story; an acceptance becomes the next version of the agreement.</summary>
    private async Task NegotiateAsync(Customer customer, Service service, string title, Func<Proposal, AgreementStanding, AcceptedTerms?> story, CancellationToken cancellationToken)
    {
        if (await db.Proposals.AnyAsync(p => p.CustomerId == customer.Id && p.Title == title, cancellationToken))
        {
            return;
        }

        var actor = customer.Key switch
        {
            "trading-desk" => TradingDesk,
            "sales-division" => SalesDivision,
            _ => Finance,
        };
        var proposal = Proposal.Open(service, customer.Id, title, $"{customer.Name} needs this: {title.ToLowerInvariant()}.", TargetsFor(title), submit: false, actor, At(0));
        db.Proposals.Add(proposal);
        var agreement = await db.Agreements.Include(a => a.Versions).SingleOrDefaultAsync(a => a.ServiceId == service.Id && a.CustomerId == customer.Id, cancellationToken);
        var terms = story(proposal, agreement?.Standing ?? AgreementStanding.None);
        db.Record(ChangeTypes.ProposalCreated, SubjectTypes.Proposal, proposal.Id, actor, proposal.UpdatedAt, ProposalResponse.From(proposal));
        if (terms is not null)
        {
            if (agreement is null)
            {
                agreement = Agreement.Open(service.Id, customer.Id, terms);
                db.Agreements.Add(agreement);
            }
            else
            {
                agreement.AddVersion(terms);
            }

            db.Record(ChangeTypes.AgreementVersionCreated, SubjectTypes.Agreement, agreement.Id, actor, terms.AcceptedAt, AgreementResponse.From(agreement, terms.AcceptedAt));
        }

        await db.SaveChangesAsync(cancellationToken);
    }
}
