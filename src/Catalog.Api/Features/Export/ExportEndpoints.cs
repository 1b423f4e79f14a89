using System.Buffers;
using System.Text.Json;
using Catalog.Api.Infrastructure.Auth;
using Catalog.Api.Infrastructure.Http;
using MediatR;

namespace Catalog.Api.Features.Export;

public static class ExportEndpoints
{
    public const string NdJson = "application/x-ndjson";

    public static IEndpointRouteBuilder MapExport(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/v1/export", ExportAsync).WithTags("Export").WithName("ExportSnapshot")
            .WithSummary("A consistent snapshot (NDJSON: snapshot header with the feed sequence, services, customers, subscriptions, agreements, end) to load once before following the change feed")
            .RequireAuthorization(Policies.ReadFeed)
            .Produces<Stream>(StatusCodes.Status200OK, NdJson);
        return app;
    }

    private static async Task ExportAsync(HttpContext http, IMediator mediator, CancellationToken cancellationToken)
    {
        var lines = await mediator.Send(new ExportSnapshot.Query(), cancellationToken);
        http.Response.ContentType = NdJson + "; charset=utf-8";
        http.Response.Headers.CacheControl = "no-store";
        await using var writer = new Utf8JsonWriter(http.Response.BodyWriter);
        var written = 0;
        await foreach (var line in lines.WithCancellation(cancellationToken))
        {
            JsonSerializer.Serialize(writer, line, CatalogJson.Options);
            writer.Flush();
            writer.Reset();
            http.Response.BodyWriter.Write("\n"u8);
            if (++written % 256 == 0)
            {
                await http.Response.BodyWriter.FlushAsync(cancellationToken);
            }
        }

        await http.Response.BodyWriter.FlushAsync(cancellationToken);
    }
}
