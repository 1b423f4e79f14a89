using AutoMapper;
using Catalog.Api.Domain.Common;
using Catalog.Api.Domain.Metrics;
using Catalog.Api.Infrastructure.Persistence;
using Catalog.Api.Infrastructure.Problems;
using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Catalog.Api.Infrastructure.ChangeFeed;
using Catalog.Api.Infrastructure.Auth;

namespace Catalog.Api.Features.Metrics;

/// <summary>Adds a custom metric to the vocabulary: a unit and a direction, and optionally ordered levels.</summary>
public static class CreateMetric
{
    public sealed record MetricInput(string? Key, string? Name, string? Unit, MetricDirection? Direction, IReadOnlyList<string>? Levels, string? ScopeHint);

    public sealed record Command(MetricInput Input) : IRequest<MetricResponse>;

    internal sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.Input.Key).NotEmpty()
                .Must(Slug.IsValid).WithMessage($"key must be a lower-case slug (letters, digits, single hyphens), at most {Slug.MaxLength} characters.");
            RuleFor(c => c.Input.Name).NotEmpty().MaximumLength(200);
            RuleFor(c => c.Input.Unit).NotEmpty().MaximumLength(50);
            RuleFor(c => c.Input.Direction).NotNull().IsInEnum();
            RuleFor(c => c.Input.ScopeHint).MaximumLength(100);
            RuleFor(c => c.Input.Levels)
                .Must(l => l!.Count is >= 2 and <= 20).WithMessage("A levelled metric has between 2 and 20 levels.")
                .Must(l => l!.Distinct(StringComparer.Ordinal).Count() == l!.Count).WithMessage("Levels must be distinct.")
                .When(c => c.Input.Levels is { Count: > 0 });
            RuleForEach(c => c.Input.Levels).NotEmpty().MaximumLength(50);
        }
    }

    internal sealed class Handler(CatalogDbContext db, IMapper mapper, Actor actor, TimeProvider clock) : IRequestHandler<Command, MetricResponse>
    {
        public async Task<MetricResponse> Handle(Command command, CancellationToken cancellationToken)
        {
            var input = command.Input;
            if (await db.Metrics.AnyAsync(m => m.Key == input.Key, cancellationToken))
            {
                throw new ConflictException("metric-key-taken", $"A metric with key '{input.Key}' already exists.");
            }

            var now = clock.GetUtcNow().UtcDateTime;
            var metric = Metric.Define(Guid.CreateVersion7(now), input.Key!, input.Name!.Trim(), input.Unit!.Trim(), input.Direction!.Value, input.Levels, input.ScopeHint, builtIn: false, now);
            db.Metrics.Add(metric);
            db.Record(ChangeTypes.MetricCreated, SubjectTypes.Metric, metric.Id, actor.Ref, now, mapper.Map<MetricResponse>(metric));
            await db.SaveChangesAsync(cancellationToken);
            return await GetMetric.ReadAsync(db, mapper, metric.Id, cancellationToken);
        }
    }
}
