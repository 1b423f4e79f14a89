using Catalog.Api.Features;
using Catalog.Api.Features.Agreements;
using Catalog.Api.Features.ApiKeys;
using Catalog.Api.Features.Attainment;
using Catalog.Api.Features.Calendars;
using Catalog.Api.Features.Changes;
using Catalog.Api.Features.Customers;
using Catalog.Api.Features.Demo;
using Catalog.Api.Features.Export;
using Catalog.Api.Features.Measurements;
using Catalog.Api.Features.Metrics;
using Catalog.Api.Features.Outages;
using Catalog.Api.Features.Proposals;
using Catalog.Api.Features.Reviews;
using Catalog.Api.Features.Services;
using Catalog.Api.Features.Webhooks;
using Catalog.Api.Infrastructure.Application;
using Catalog.Api.Infrastructure.Auth;
using Catalog.Api.Infrastructure.Caching;
using Catalog.Api.Infrastructure.Hosting;
using Catalog.Api.Infrastructure.Http;
using Catalog.Api.Infrastructure.Idempotency;
using Catalog.Api.Infrastructure.OpenApi;
using Catalog.Api.Infrastructure.Persistence;
using Catalog.Api.Infrastructure.Problems;
using Catalog.Api.Infrastructure.RateLimiting;
using Catalog.Api.Portal;
using Catalog.Api.Infrastructure.Webhooks;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;

if (HealthProbe.IsRequested(args))
{
    return await HealthProbe.RunAsync(args);
}

// `migrate` applies the database migrations and exits, for operators who do not let the API migrate at start.
var migrateOnly = args is [DatabaseStartup.MigrateCommand, ..];

// `--seed-demo` is shorthand for Demo:Seed=true: load the demo organisation at start.
const string SeedDemo = "--seed-demo";
var builder = WebApplication.CreateBuilder(args.Skip(migrateOnly ? 1 : 0).Where(a => a != SeedDemo).ToArray());
if (args.Contains(SeedDemo))
{
    builder.Configuration["Demo:Seed"] = "true";
}

builder.Services.ConfigureHttpJsonOptions(options => CatalogJson.Apply(options.SerializerOptions, ApiJsonContext.Default));
builder.Services
    .AddCatalogProblemDetails()
    .AddCatalogRequestRules()
    .AddCatalogPersistence(builder.Configuration)
    .AddCatalogAuth(builder.Configuration)
    .AddCatalogPortal()
    .AddCatalogApplication(builder.Configuration)
    .AddCatalogOpenApi()
    .AddCatalogWebhooks(builder.Configuration)
    .AddCatalogRateLimiting(builder.Configuration)
    .AddCatalogResponseCache(builder.Configuration)
    .AddMetricVocabulary()
    .AddAttainment(builder.Configuration)
    .AddCheckedOptions<CustomerOptions>(builder.Configuration, CustomerOptions.Section, options => options.Problems());

var app = builder.Build();
if (migrateOnly)
{
    await app.MigrateDatabaseAsync();
    return 0;
}


app.UseHeadAsGet();
app.UseExceptionHandler();
app.UseStatusCodePages();
app.UsePortalResponses();
app.UseRequestRules();
app.UseQueryTextRules();

// The portal's stylesheet, ahead of routing (the portal's catch-all page would claim it) and of authorization.
app.UseStaticFiles();
app.UseRouting();

// The UI is static files served ahead of authorization: the fallback policy would otherwise close it.
app.UseSwaggerUI(options =>
{
    options.SwaggerEndpoint("/openapi/v1.json", "Catalog API v1");
    options.RoutePrefix = "swagger";
});
app.UseAuthentication();
app.UseRateLimiter();
app.UseAuthorization();
app.UseCatalogResponseCache();
app.UseMiddleware<IdempotencyMiddleware>();

app.MapOpenApi().AllowAnonymous();
app.MapCatalogPortal();

// Probes come from the orchestrator, often through one address: a limited probe would take a healthy instance out.
app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false }).AllowAnonymous().DisableRateLimiting();
app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = check => check.Tags.Contains("ready") }).AllowAnonymous().DisableRateLimiting();

// Every answer of the API gets its ETag in one place, and a GET that already has it gets 304 (ETagFilter).
var api = app.MapGroup(string.Empty).WithETags();
api.MapServices();
api.MapCustomers();
api.MapMetrics();
api.MapApiKeys();
api.MapProposals();
api.MapAgreements();
api.MapOutages();
api.MapCalendars();
api.MapMeasurements();
api.MapAttainment();
api.MapReviews();
api.MapOpenSlo();
api.MapChanges();
api.MapExport();
api.MapWebhooks();

if (!BuildTime.IsGeneratingOpenApiDocument)
{
    await app.PrepareDatabaseAsync();
    await app.EnsureAdminKeyAsync();
    await DemoData.SeedAtStartAsync(app);
}

await app.RunAsync();
return 0;

/// <summary>The entry point, visible to the integration tests' WebApplicationFactory.</summary>
public partial class Program;
