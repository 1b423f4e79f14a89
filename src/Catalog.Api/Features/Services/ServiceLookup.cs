using System.Linq.Expressions;
using System.Runtime.CompilerServices;
using AutoMapper;
using AutoMapper.QueryableExtensions;
using Catalog.Api.Infrastructure.Persistence;
using Catalog.Api.Infrastructure.Problems;
using Microsoft.EntityFrameworkCore;

namespace Catalog.Api.Features.Services;

internal static class ServiceLookup
{
    /// <summary>
    /// The service entity, untracked, or null: compiled once, so a request pays neither the query cache's key nor
    /// the evaluation of its parameter (a write names its service on every request).
    /// </summary>
    public static readonly Func<CatalogDbContext, Guid, CancellationToken, Task<Domain.Services.Service?>> FindAsync =
        EF.CompileAsyncQuery((CatalogDbContext db, Guid id, CancellationToken _) => db.Services.AsNoTracking().SingleOrDefault(s => s.Id == id));

    /// <summary>The read of one service, compiled once per mapping configuration.</summary>
    private static readonly ConditionalWeakTable<AutoMapper.IConfigurationProvider, Func<CatalogDbContext, Guid, CancellationToken, Task<ServiceResponse?>>> Reads = [];

    /// <summary>
    /// The service as the API shows it; every use case that answers with a service reads it here. A compiled query
    /// with AutoMapper's projection: a profile of uncached reads put a sixth of a request in EF Core evaluating,
    /// hashing and looking up this query's expression tree again on every call.
    /// </summary>
    public static async Task<ServiceResponse> ReadAsync(CatalogDbContext db, IMapper mapper, Guid id, CancellationToken cancellationToken) =>
        await Reads.GetValue(mapper.ConfigurationProvider, CompileRead)(db, id, cancellationToken)
        ?? throw new NotFoundException("service", id);

    /// <summary><c>db.Services.AsNoTracking().Where(s => s.Id == id).ProjectTo&lt;ServiceResponse&gt;(configuration).SingleOrDefault()</c>, compiled.</summary>
    private static Func<CatalogDbContext, Guid, CancellationToken, Task<ServiceResponse?>> CompileRead(AutoMapper.IConfigurationProvider configuration)
    {
        var projected = Array.Empty<Domain.Services.Service>().AsQueryable().ProjectTo<ServiceResponse>(configuration).Expression;
        var projection = ((MethodCallExpression)projected).Arguments[1];
        var db = Expression.Parameter(typeof(CatalogDbContext), "db");
        var id = Expression.Parameter(typeof(Guid), "id");
        var service = Expression.Parameter(typeof(Domain.Services.Service), "s");
        var byId = Expression.Lambda<Func<Domain.Services.Service, bool>>(Expression.Equal(Expression.Property(service, nameof(Domain.Services.Service.Id)), id), service);
        var query = Expression.Call(typeof(EntityFrameworkQueryableExtensions), nameof(EntityFrameworkQueryableExtensions.AsNoTracking), [typeof(Domain.Services.Service)], Expression.Property(db, nameof(CatalogDbContext.Services)));
        query = Expression.Call(typeof(Queryable), nameof(Queryable.Where), [typeof(Domain.Services.Service)], query, Expression.Quote(byId));
        query = Expression.Call(typeof(Queryable), nameof(Queryable.Select), [typeof(Domain.Services.Service), typeof(ServiceResponse)], query, projection);
        var single = Expression.Call(typeof(Queryable), nameof(Queryable.SingleOrDefault), [typeof(ServiceResponse)], query);
        return EF.CompileAsyncQuery(Expression.Lambda<Func<CatalogDbContext, Guid, CancellationToken, ServiceResponse?>>(
            single, db, id, Expression.Parameter(typeof(CancellationToken), "cancellationToken")));
    }

    /// <summary>Loads the services an input names as dependencies; an unknown id is a field error.</summary>
    public static async Task<List<Domain.Services.Service>> DependenciesAsync(CatalogDbContext db, IReadOnlyList<Guid>? ids, CancellationToken cancellationToken)
    {
        if (ids is null || ids.Count == 0)
        {
            return [];
        }

        var found = await db.Services.Where(s => ids.Contains(s.Id)).ToListAsync(cancellationToken);
        for (var i = 0; i < ids.Count; i++)
        {
            if (found.All(s => s.Id != ids[i]))
            {
                throw new InvalidInputException($"dependsOn[{i}]", $"No service with id '{ids[i]}' exists.");
            }
        }

        return found;
    }
}
