using AutoMapper;
using Catalog.Api.Domain.Agreements;
using Catalog.Api.Domain.Customers;
using Catalog.Api.Domain.Delivery;
using Catalog.Api.Domain.Negotiation;
using Catalog.Api.Domain.Services;
using Catalog.Api.Features.Agreements;
using Catalog.Api.Features.Customers;
using Catalog.Api.Features.Outages;
using Catalog.Api.Features.Proposals;
using Catalog.Api.Features.Services;
using Catalog.Api.Infrastructure.ChangeFeed;
using Catalog.Api.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using NodaTime;

namespace Catalog.Api.Features.Demo;

/// <summary>
/// A small, realistic organisation for a first look: supporting services under business services, business
/// units with subscriptions, negotiations in every state, agreements in force for over a year (one of them between
/// Storage and Corporate Email, an operational level agreement), and a year of
/// outages judged against them. Everything goes through the domain's own
/// methods, and whatever already exists (by key, or by proposal title) is left alone, so seeding twice adds nothing.
/// The events it records carry the features' response shapes, which is why it is a feature and not infrastructure.
/// </summary>
public sealed class DemoData(CatalogDbContext db, IMapper mapper, TimeProvider clock, string defaultTimeZone)
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
        await new DemoData(
            services.GetRequiredService<CatalogDbContext>(),
            services.GetRequiredService<IMapper>(),
            services.GetRequiredService<TimeProvider>(),
            services.GetRequiredService<IOptions<CustomerOptions>>().Value.DefaultTimeZone).SeedAsync();
        services.GetRequiredService<ILogger<DemoData>>().LogInformation("Demo data is loaded: services, business units, negotiations in every state and a year of outages.");
    }

    private static readonly ActorRef ServiceOwner = new(Guid.Empty, "IT service owner (demo)", "it-lead");
    private static readonly ActorRef SalesDivision = new(Guid.Empty, "Sales Division (demo)", "customer");
    private static readonly ActorRef TradingDesk = new(Guid.Empty, "Trading Desk (demo)", "customer");
    private static readonly ActorRef Finance = new(Guid.Empty, "Finance (demo)", "customer");
    private static readonly ActorRef Monitoring = new(Guid.Empty, "Monitoring (demo)", "integrator");
    private static readonly ActorRef MailOwner = new(Guid.Empty, "Corporate Email owner (demo)", "it-lead");
    private static readonly ActorRef StorageLead = new(Guid.Empty, "Storage lead (demo)", "it-lead");
    private static readonly Signatory HeadOfWorkplace = new("Kim Novak", "Head of Workplace Services");

    private static readonly Signatory HeadOfTrading = new("Marta Keller", "Head of Trading");
    private static readonly Signatory HeadOfSales = new("Dana Ruiz", "Head of Sales");

    /// <summary>The source system of the demo's outages: when any is there, the year of outages has been loaded.</summary>
    private const string DemoMonitoring = "demo-monitoring";

    private static readonly DateTimeZone Berlin = DateTimeZoneProviders.Tzdb["Europe/Berlin"];

    /// <summary>Patching on Saturday nights, as IT offered the trading desk.</summary>
    private static readonly MaintenanceWindow SaturdayNights = new("FREQ=WEEKLY;BYDAY=SA;BYHOUR=22;BYMINUTE=0", 240, "Europe/Berlin", "patching");

    /// <summary>Web shop releases early on Sunday mornings, when fewest customers order.</summary>
    private static readonly MaintenanceWindow SundayMornings = new("FREQ=WEEKLY;BYDAY=SU;BYHOUR=2;BYMINUTE=0", 120, "Europe/Berlin", "web shop releases");

    // What a miss of the web shop's promise costs IT: a share of the month's charge, worse misses more, capped.
    private static readonly ServiceCredits WebShopCredits = new(
        [
            new CreditBand("availability", 99.9m, 10m),
            new CreditBand("availability", 99.5m, 25m),
            new CreditBand("time-to-restore", 120m, 10m, "P1"),
        ],
        30m);

    private DateTime _now;

    /// <summary>Sixty days ago: where the recent negotiations begin.</summary>
    private DateTime _start;

    /// <summary>About fifteen months ago: the organisation, and the agreements that have been in force for over a year.</summary>
    private DateTime _founded;

    public async Task SeedAsync(CancellationToken cancellationToken = default)
    {
        _now = clock.GetUtcNow().UtcDateTime;
        _start = _now.AddDays(-60);
        _founded = _now.AddDays(-460);

        var storage = await ServiceAsync("storage", "Storage", "Disk space for other services, replicated to a second site.", "infrastructure", "Infrastructure", ServiceKind.Supporting, new UnitCost("TB", 38m, "EUR"), [], [], cancellationToken);
        var network = await ServiceAsync("network", "Network", "The company network and internet access at every site.", "infrastructure", "Infrastructure", ServiceKind.Supporting, new UnitCost("site", 1200m, "EUR"), [], [], cancellationToken);
        var warehouse = await ServiceAsync("data-warehouse", "Data Warehouse", "Yesterday's business data, ready for analysis.", "data", "Data Platform", ServiceKind.Supporting, new UnitCost("TB", 95m, "EUR"), [storage], [], cancellationToken);
        var email = await ServiceAsync(
            "corporate-email", "Corporate Email", "Email and calendars for every employee, on every device.", "collaboration", "Workplace", ServiceKind.Business,
            new UnitCost("mailbox", 4.20m, "EUR"), [storage, network],
            [new Alternative("Hosted email", 3.10m, "EUR", "Vendor-hosted mailboxes, 50 GB, no on-site archive")], cancellationToken);
        var ordering = await ServiceAsync("online-ordering", "Online Ordering", "Customers place and track their orders on the web shop.", "sales", "E-Commerce", ServiceKind.Business, new UnitCost("1,000 orders", 12m, "EUR"), [storage, network], [], cancellationToken);
        var reporting = await ServiceAsync("sales-reporting", "Production Sales Reporting", "Sales figures by region and product, from the order system.", "sales", "Data Platform", ServiceKind.Business, new UnitCost("report user", 18m, "EUR"), [warehouse, network],
            [new Alternative("Self-service BI licences", 14.50m, "EUR", "Vendor dashboards on a copy of the data, refreshed weekly"), new Alternative("Spreadsheet exports", 6m, "EUR", "A monthly export; no regional drill-down")], cancellationToken);
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

        // Agreed over a year ago, so that a year of delivered service can be judged against them.
        await NegotiateAsync(desk, trading, "Trading platform availability and recovery", Founded(0), (proposal, standing) =>
        {
            proposal.Submit(trading, TradingDesk, Founded(1));
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
                        "Achievable with the current data centre and a hot standby.",
                        [SaturdayNights])),
                ServiceOwner,
                Founded(4));
            return proposal.Accept(trading, analysis.Id, AcceptOption.CounterOffer, standing.ChargeWith(8_500m), standing, HeadOfTrading, TradingDesk, Founded(6));
        }, cancellationToken);
        await NegotiateAsync(sales, ordering, "Online ordering through the busy season", Founded(10), (proposal, standing) =>
        {
            proposal.Submit(ordering, SalesDivision, Founded(11));
            var analysis = proposal.PublishAnalysis(
                new AnalysisContent(9_000m, 1_200m, "EUR", 12m, 14, Feasibility.Feasible, [], ["Web shop releases only early on Sunday mornings."], null, [SundayMornings], WebShopCredits),
                ServiceOwner,
                Founded(14));
            return proposal.Accept(ordering, analysis.Id, AcceptOption.Proposed, standing.ChargeWith(1_200m), standing, HeadOfSales, SalesDivision, Founded(16));
        }, cancellationToken);
        await NegotiateAsync(sales, email, "Mail for the sales floor", Founded(20), (proposal, standing) =>
        {
            proposal.Submit(email, SalesDivision, Founded(21));
            var analysis = proposal.PublishAnalysis(
                new AnalysisContent(0m, 300m, "EUR", 2m, 14, Feasibility.Feasible, [], ["Support is during business hours only."], null),
                ServiceOwner,
                Founded(23));
            return proposal.Accept(email, analysis.Id, AcceptOption.Proposed, standing.ChargeWith(300m), standing, HeadOfSales, SalesDivision, Founded(24));
        }, cancellationToken);

        // Between services: Storage promises Corporate Email 99.95%, agreed over a year ago. Corporate Email's ceiling rests
        // on that promise rather than on what Storage was measured to deliver, so Finance's 99.99% below stays above it.
        await AgreeBetweenServicesAsync(storage, email, "Storage under Corporate Email", Founded(2), cancellationToken);

        await NegotiateAsync(finance, email, "Stricter mail availability for month-end closing", At(0), (_, _) => null, cancellationToken);
        await NegotiateAsync(
            finance,
            reporting,
            "Faster report screens",
            At(0),
            (proposal, _) =>
            {
                proposal.Submit(reporting, Finance, At(12));
                return null;
            },
            cancellationToken);
        await NegotiateAsync(sales, email, "Round-the-clock mail support for field sales", At(0), (proposal, _) =>
        {
            proposal.Submit(email, SalesDivision, At(20));
            proposal.PublishAnalysis(
                new AnalysisContent(0m, 640m, "EUR", 3m, 14, Feasibility.Feasible, [], ["Support outside business hours is by phone only, no desk visits."], null),
                ServiceOwner,
                At(22));
            return null;
        }, cancellationToken);
        await NegotiateAsync(sales, reporting, "Heavy daily production sales reports", At(0), (proposal, _) =>
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

        await NegotiateAsync(desk, trading, "Faster recovery and round-the-clock support for trading", At(0), (proposal, standing) =>
        {
            proposal.Submit(trading, TradingDesk, At(30));
            var analysis = proposal.PublishAnalysis(
                new AnalysisContent(15_000m, 2_500m, "EUR", 20m, 21, Feasibility.Feasible, [], ["On-call engineers rotate weekly; incidents outside hours start with a phone triage."], null, [SaturdayNights]),
                ServiceOwner,
                At(33));
            return proposal.Accept(trading, analysis.Id, AcceptOption.Proposed, standing.ChargeWith(2_500m), standing, HeadOfTrading, TradingDesk, At(52));
        }, cancellationToken);

        await OutagesAsync(storage, network, email, ordering, trading, cancellationToken);
    }

    private static IReadOnlyList<Target> TargetsFor(string title) => title switch
    {
        "Stricter mail availability for month-end closing" => [new Target("availability", TargetValue.Of(99.99m))],
        "Faster report screens" => [new Target("response-time", TargetValue.Of(1500m), "p95")],
        "Round-the-clock mail support for field sales" => [new Target("support-hours", TargetValue.Of("24x7"))],
        "Heavy daily production sales reports" => [new Target("availability", TargetValue.Of(99.5m)), new Target("recovery-time", TargetValue.Of(120m))],
        "Trading platform availability and recovery" => [new Target("availability", TargetValue.Of(99.99m)), new Target("time-to-restore", TargetValue.Of(15m), "P1")],
        "Online ordering through the busy season" => [new Target("availability", TargetValue.Of(99.9m)), new Target("time-to-restore", TargetValue.Of(120m), "P1"), new Target("support-hours", TargetValue.Of("24x7"))],
        "Storage under Corporate Email" => [new Target("availability", TargetValue.Of(99.95m)), new Target("time-to-restore", TargetValue.Of(60m), "P1")],
        "Mail for the sales floor" => [new Target("availability", TargetValue.Of(99.5m)), new Target("time-to-restore", TargetValue.Of(240m), "P1"), new Target("support-hours", TargetValue.Of("business-hours"))],
        _ => [new Target("availability", TargetValue.Of(99.95m)), new Target("time-to-restore", TargetValue.Of(15m), "P1"), new Target("support-hours", TargetValue.Of("24x7"))],
    };

    private DateTime At(int day) => _start.AddDays(day);

    /// <summary>
    /// A year of delivered service, so that attainment and breaches show at once: outages of the business services and
    /// of the storage and network under them, planned work inside and outside the agreed windows, degradations, and
    /// three months ago a storage failure that breaks every availability target and restores the trading platform and
    /// the web shop late. Times are Berlin wall-clock times in months counted back from the running one; each outage
    /// is small enough that no other month misses the strictest target (trading, 99.95%: about 21 minutes a month).
    /// </summary>
    private async Task OutagesAsync(Service storage, Service network, Service email, Service ordering, Service trading, CancellationToken cancellationToken)
    {
        if (await db.Outages.AnyAsync(o => o.SourceSystem == DemoMonitoring, cancellationToken))
        {
            return;
        }

        var outages = new List<(Service Service, OutageKind Kind, string? Priority, DateTime StartedAt, int Minutes, string Summary, string Cause)>
        {
            (network, OutageKind.Outage, "P2", Local(11, IsoDayOfWeek.Tuesday, 2, 10, 0), 12, "The network at headquarters dropped: mail, the web shop and the trading screens were unreachable.", "A core switch restarted after a firmware fault."),
            (ordering, OutageKind.Degradation, null, Local(10, IsoDayOfWeek.Friday, 3, 11, 0), 180, "Checkout was slow: pages took up to ten seconds.", "The payment provider answered slowly."),
            (storage, OutageKind.Planned, null, Local(9, IsoDayOfWeek.Sunday, 2, 2, 15), 15, "Storage firmware upgrade: inside the web shop's Sunday window, after the trading platform's Saturday night window had ended.", "Announced maintenance."),
            (trading, OutageKind.Outage, "P1", Local(8, IsoDayOfWeek.Wednesday, 2, 9, 40), 20, "Orders could not be entered.", "A stuck message queue, restarted."),
            (email, OutageKind.Outage, "P2", Local(7, IsoDayOfWeek.Wednesday, 3, 14, 0), 40, "Mail could not be sent or received.", "An expired certificate."),
            (storage, OutageKind.Planned, null, Local(6, IsoDayOfWeek.Tuesday, 2, 13, 0), 15, "A storage controller was replaced during the working day, outside every agreed window.", "Planned work moved at short notice."),
            (ordering, OutageKind.Outage, "P1", Local(5, IsoDayOfWeek.Monday, 2, 16, 10), 35, "The web shop showed an error page.", "A faulty release, rolled back."),
            (trading, OutageKind.Planned, null, Local(4, IsoDayOfWeek.Saturday, 2, 23, 0), 120, "Trading platform patching, inside the agreed Saturday night window.", "Announced maintenance."),
            (storage, OutageKind.Outage, "P1", Local(3, IsoDayOfWeek.Thursday, 2, 9, 15), 210, "Storage failed: mail, the web shop and the trading platform stopped for three and a half hours.", "Both storage controllers failed after a power surge; a vendor engineer had to come on site."),
            (network, OutageKind.Degradation, null, Local(2, IsoDayOfWeek.Monday, 3, 10, 0), 120, "The network was slow at the branch offices.", "A saturated internet link."),
            (trading, OutageKind.Outage, "P2", Local(1, IsoDayOfWeek.Tuesday, 1, 15, 0), 10, "Market data lagged and the trading screens froze.", "A feed handler restart."),
            (ordering, OutageKind.Outage, "P2", Local(0, IsoDayOfWeek.Monday, 1, 10, 0), 15, "Order tracking pages did not load.", "A full log disk on a web server."),
        };

        var number = 0;
        foreach (var (service, kind, priority, startedAt, minutes, summary, cause) in outages)
        {
            number++;
            var restoredAt = startedAt.AddMinutes(minutes);
            if (restoredAt > _now)
            {
                // The running month has not got that far yet.
                continue;
            }

            var outage = Outage.Record(service.Id, kind, priority, startedAt, restoredAt, summary, cause, new OutageSource(DemoMonitoring, $"DEMO-{number:00}"), Monitoring, restoredAt);
            db.Outages.Add(outage);
            var response = mapper.Map<OutageResponse>(outage);
            db.Record(ChangeTypes.OutageRecorded, SubjectTypes.Outage, outage.Id, Monitoring, restoredAt, response);
            db.Record(ChangeTypes.OutageRestored, SubjectTypes.Outage, outage.Id, Monitoring, restoredAt, response);
        }

        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>A Berlin wall-clock time: the <paramref name="week"/>th <paramref name="day"/> of the month <paramref name="monthsAgo"/> before the running one.</summary>
    private DateTime Local(int monthsAgo, IsoDayOfWeek day, int week, int hour, int minute)
    {
        var month = Instant.FromDateTimeUtc(_now).InZone(Berlin).Date.ToYearMonth().PlusMonths(-monthsAgo);
        var date = month.OnDayOfMonth(1).With(DateAdjusters.NextOrSame(day)).PlusWeeks(week - 1);
        return date.At(new LocalTime(hour, minute)).InZoneLeniently(Berlin).ToDateTimeUtc();
    }

    private DateTime Founded(int day) => _founded.AddDays(day);

    private async Task<Service> ServiceAsync(
        string key, string name, string summary, string category, string team, ServiceKind kind, UnitCost cost, Service[] dependsOn, Alternative[] alternatives, CancellationToken cancellationToken)
    {
        var existing = await db.Services.SingleOrDefaultAsync(s => s.Key == key, cancellationToken);
        if (existing is not null)
        {
            return existing;
        }

        var details = new ServiceDetails(name, summary, null, category, new Owner(team, $"{team.ToLowerInvariant().Replace(' ', '-')}@example.com"), kind, cost, alternatives);
        var service = Service.Create(key, details, dependsOn, Founded(0));
        service.MoveTo(Lifecycle.Live, dependsOn, [], Founded(0));
        db.Services.Add(service);
        db.Record(ChangeTypes.ServiceCreated, SubjectTypes.Service, service.Id, DatabaseStartup.SystemActor, Founded(0), mapper.Map<ServiceResponse>(service));
        return service;
    }

    private async Task<Customer> CustomerAsync(string key, string name, string costCenter, string email, CancellationToken cancellationToken)
    {
        var existing = await db.Customers.SingleOrDefaultAsync(c => c.Key == key, cancellationToken);
        if (existing is not null)
        {
            return existing;
        }

        var customer = Customer.Create(key, new CustomerDetails(name, costCenter, email, Berlin.Id), Founded(0));
        db.Customers.Add(customer);
        db.Record(ChangeTypes.CustomerCreated, SubjectTypes.Customer, customer.Id, DatabaseStartup.SystemActor, Founded(0), mapper.Map<CustomerResponse>(customer));
        return customer;
    }

    private async Task SubscribeAsync(Customer customer, Service service, int units, CancellationToken cancellationToken)
    {
        if (!await db.Subscriptions.AnyAsync(s => s.CustomerId == customer.Id && s.ServiceId == service.Id, cancellationToken)
            && !db.Subscriptions.Local.Any(s => s.CustomerId == customer.Id && s.ServiceId == service.Id))
        {
            var subscription = Subscription.Start(customer, service, units, Founded(0));
            db.Subscriptions.Add(subscription);
            db.Record(ChangeTypes.SubscriptionCreated, SubjectTypes.Subscription, customer.Id, DatabaseStartup.SystemActor, Founded(0), SubscriptionResponse.From(subscription, service));
        }
    }

    /// <summary>
    /// An operational level agreement, opened by the dependent service's owner, analysed by the supporting service's IT
    /// lead and accepted by the owner: version 1 between the two services.
    /// </summary>
    private async Task AgreeBetweenServicesAsync(Service provider, Service consumer, string title, DateTime openedAt, CancellationToken cancellationToken)
    {
        if (await db.Proposals.AnyAsync(p => p.ConsumerServiceId == consumer.Id && p.Title == title, cancellationToken))
        {
            return;
        }

        var proposal = Proposal.OpenBetweenServices(
            provider, consumer, new HashSet<Guid> { provider.Id }, title, $"{consumer.Name} stops whenever {provider.Name} does.", TargetsFor(title), submit: true, MailOwner, openedAt);
        var analysis = proposal.PublishAnalysis(
            new AnalysisContent(4_000m, 650m, "EUR", 6m, 10, Feasibility.Feasible, [], ["Storage patching moves to Sunday nights."], null),
            StorageLead,
            openedAt.AddDays(2));
        var terms = proposal.Accept(provider, analysis.Id, AcceptOption.Proposed, 650m, AgreementStanding.None, HeadOfWorkplace, MailOwner, openedAt.AddDays(3));
        terms = terms with { ServiceHours = await AcceptProposal.Handler.ServiceHoursAsync(db, terms.Targets, defaultTimeZone, cancellationToken) };
        var agreement = Agreement.Open(provider.Id, proposal.Consumer, terms);
        db.Proposals.Add(proposal);
        db.Agreements.Add(agreement);
        db.Record(ChangeTypes.ProposalCreated, SubjectTypes.Proposal, proposal.Id, MailOwner, proposal.UpdatedAt, ProposalResponse.From(proposal));
        db.Record(ChangeTypes.AgreementVersionCreated, SubjectTypes.Agreement, agreement.Id, MailOwner, terms.AcceptedAt, AgreementResponse.From(agreement, terms.AcceptedAt));
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>Opens the proposal and plays its story; an acceptance becomes the next version of the agreement.</summary>
    private async Task NegotiateAsync(
        Customer customer, Service service, string title, DateTime openedAt, Func<Proposal, AgreementStanding, AcceptedTerms?> story, CancellationToken cancellationToken)
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
        var proposal = Proposal.Open(service, customer.Id, title, $"{customer.Name} needs this: {title.ToLowerInvariant()}.", TargetsFor(title), submit: false, actor, openedAt);
        db.Proposals.Add(proposal);
        var agreement = await db.Agreements.Include(a => a.Versions).SingleOrDefaultAsync(a => a.ServiceId == service.Id && a.CustomerId == customer.Id, cancellationToken);
        var terms = story(proposal, agreement?.Standing ?? AgreementStanding.None);
        db.Record(ChangeTypes.ProposalCreated, SubjectTypes.Proposal, proposal.Id, actor, proposal.UpdatedAt, ProposalResponse.From(proposal));
        if (terms is not null)
        {
            terms = terms with { ServiceHours = await AcceptProposal.Handler.ServiceHoursAsync(db, terms.Targets, customer.TimeZone, cancellationToken) };
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
