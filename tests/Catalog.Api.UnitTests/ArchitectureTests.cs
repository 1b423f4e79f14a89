using System.Reflection;
using Catalog.Api.Domain.ApiKeys;
using Catalog.Api.Domain.Common;
using Catalog.Api.Domain.Customers;
using Catalog.Api.Domain.Metrics;
using Catalog.Api.Domain.Services;
using Catalog.Api.Features.Demo;
using Catalog.Api.Features.Services;
using FluentValidation;
using MediatR;
using NetArchTest.Rules;

namespace Catalog.Api.UnitTests;

public class ArchitectureTests
{
    private const string DomainNamespace = "Catalog.Api.Domain";
    private const string FeaturesNamespace = "Catalog.Api.Features";
    private const string InfrastructureNamespace = "Catalog.Api.Infrastructure";
    private const string PortalNamespace = "Catalog.Api.Portal";

    private static readonly Assembly Api = typeof(Service).Assembly;

    private static readonly string[] ForbiddenInDomain =
    [
        "Microsoft.EntityFrameworkCore",
        "Microsoft.AspNetCore",
        "Catalog.Api.Infrastructure",
        "Catalog.Api.Features",
        "AutoMapper",
        "MediatR",
        "FluentValidation",
    ];

    public static TheoryData<string> NamespacesDomainMustNotUse => new(ForbiddenInDomain);

    [Fact]
    public void Domain_Types_DependOnNoFrameworkOrOuterLayer()
    {
        // NetArchTest 1.3 sees nested types (CostComparison.CostLine, DependencyGraph.Reach, closures) with an empty
        // namespace, so ResideInNamespace would skip them; the search runs over every type and the namespace
        // is read through reflection instead.
        var offenders = Types.InAssembly(Api).That().HaveDependencyOnAny(ForbiddenInDomain).GetTypes()
            .Where(InDomain)
            .Select(t => t.FullName);

        Assert.Empty(offenders);
    }

    [Fact]
    public void Domain_DependencySearch_CoversEveryDomainTypeIncludingNested()
    {
        // Guards the rule above: it can only fail for types the search looks at.
        var searched = Types.InAssembly(Api).GetTypes().ToHashSet();
        var domain = Api.GetTypes().Where(InDomain).Where(t => !t.Name.StartsWith('<')).ToList();

        Assert.Superset(
            new HashSet<Type> { typeof(Service), typeof(DependencyGraph), typeof(DependencyGraph.Reach), typeof(CostComparison.CostLine), typeof(Customer), typeof(Subscription), typeof(Charges.ChargeLine), typeof(Metric), typeof(ApiKey), typeof(Slug) },
            domain.ToHashSet());
        Assert.All(domain, t => Assert.Contains(t, searched));
    }

    [Fact]
    public void Infrastructure_Types_DoNotDependOnFeatures()
    {
        // Features build on Infrastructure (the DbContext, the caches, the change feed), never the other way round:
        // what both need (the change event's wire shape, the cache tags) lives in Infrastructure.
        var users = Types.InAssembly(Api).That().HaveDependencyOn(FeaturesNamespace).GetTypes().ToList();
        var offenders = users
            .Where(t => InNamespace(t, InfrastructureNamespace))
            .Select(t => t.FullName);

        Assert.Contains(typeof(DemoData), users); // guards the rule: the search finds what uses the features
        Assert.Empty(offenders);
    }

    [Fact]
    public void PortalPages_All_SendUseCasesAndNeverTouchTheDatabase()
    {
        // The portal applies the API's rules and tenancy because it sends the same MediatR requests; a page (its model
        // or its compiled view) that reached the DbContext would be a second copy of a use case.
        var portal = Api.GetTypes().Where(t => InNamespace(t, PortalNamespace)).ToHashSet();
        var offenders = Types.InAssembly(Api).That().HaveDependencyOnAny("Microsoft.EntityFrameworkCore", "Catalog.Api.Infrastructure.Persistence").GetTypes()
            .Where(portal.Contains)
            .Select(t => t.FullName);
        var senders = Types.InAssembly(Api).That().HaveDependencyOn("MediatR").GetTypes().ToList();

        Assert.Contains(typeof(Catalog.Api.Portal.Pages.Agreements.AgreementModel), senders); // guards the rule: pages are searched
        Assert.Contains(portal, t => t.Name == "Portal_Pages_Agreements_Agreement"); // the compiled view, where an @inject would be
        Assert.Empty(offenders);
    }

    [Theory]
    [MemberData(nameof(NamespacesDomainMustNotUse))]
    public void DependencySearch_EachForbiddenNamespace_IsDetectedWhereItIsUsed(string forbidden)
    {
        // Guards the rule above against a misspelt or undetectable name: each one is really used somewhere else in the API.
        var users = Types.InAssembly(Api).That().HaveDependencyOn(forbidden).GetTypes().ToList();

        Assert.NotEmpty(users);
    }

    [Fact]
    public void RequestHandlers_All_LiveUnderFeaturesAndAreNamedHandler()
    {
        var handlers = Api.GetTypes().Where(t => Implements(t, typeof(IRequestHandler<,>)) || Implements(t, typeof(IRequestHandler<>))).ToList();

        Assert.Contains(typeof(CreateService).GetNestedType("Handler", BindingFlags.NonPublic), handlers);
        Assert.All(handlers, t =>
        {
            Assert.StartsWith(FeaturesNamespace + ".", t.Namespace, StringComparison.Ordinal);
            Assert.Equal("Handler", t.Name);
        });
    }

    [Fact]
    public void Validators_All_LiveUnderFeaturesAndAreNamedValidator()
    {
        var validators = Api.GetTypes().Where(t => !t.IsAbstract && typeof(IValidator).IsAssignableFrom(t)).ToList();

        Assert.Contains(typeof(ServiceInputValidator), validators);
        Assert.Contains(typeof(CreateService).GetNestedType("Validator", BindingFlags.NonPublic), validators);
        Assert.All(validators, t =>
        {
            Assert.StartsWith(FeaturesNamespace + ".", t.Namespace, StringComparison.Ordinal);
            Assert.EndsWith("Validator", t.Name, StringComparison.Ordinal);
        });
    }

    [Fact]
    public void DomainClasses_Properties_HaveNoPublicSetters()
    {
        // Entities change only through their methods; records (values) may use init.
        var classes = Api.GetTypes()
            .Where(t => InDomain(t) && t.IsClass && !IsRecord(t))
            .ToList();
        var writable = classes
            .SelectMany(t => t.GetProperties(BindingFlags.Instance | BindingFlags.Static | BindingFlags.Public | BindingFlags.DeclaredOnly))
            .Where(p => p.SetMethod is { IsPublic: true })
            .Select(p => $"{p.DeclaringType!.Name}.{p.Name}");

        Assert.Contains(typeof(Service), classes);
        Assert.Empty(writable);
    }

    private static bool InDomain(Type type) => InNamespace(type, DomainNamespace);

    private static bool InNamespace(Type type, string root) => type.Namespace?.StartsWith(root + ".", StringComparison.Ordinal) == true;

    private static bool Implements(Type type, Type openInterface) =>
        type.GetInterfaces().Any(i => i.IsGenericType && i.GetGenericTypeDefinition() == openInterface);

    private static bool IsRecord(Type type) => type.GetMethod("<Clone>$") is not null;
}
