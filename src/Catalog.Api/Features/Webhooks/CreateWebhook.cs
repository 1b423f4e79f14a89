using AutoMapper;
using Catalog.Api.Infrastructure.Auth;
using Catalog.Api.Infrastructure.ChangeFeed;
using Catalog.Api.Infrastructure.Persistence;
using Catalog.Api.Infrastructure.Problems;
using Catalog.Api.Infrastructure.Webhooks;
using Catalog.Api.Infrastructure.Application;
using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Catalog.Api.Features.Webhooks;

/// <summary>
/// Subscribes a URL to change event types. Events committed after the subscription are delivered; earlier
/// ones are in the change feed. The signing secret is in this response only.
/// </summary>
public static class CreateWebhook
{
    public const int MaxEventTypes = 100;

    public sealed record WebhookInput(string? Url, IReadOnlyList<string>? EventTypes, string? Description);

    public sealed record Command(WebhookInput Input) : IRequest<CreatedWebhookResponse>;

    internal sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.Input.Url).NotEmpty().MaximumLength(WebhookSubscription.MaxUrlLength)
                .Must(BeAbsoluteHttpUrl).WithMessage("url must be an absolute http or https URL without credentials or fragment.");
            RuleFor(c => c.Input.EventTypes).NotEmpty()
                .ItemCount(0, MaxEventTypes).WithMessage($"At most {MaxEventTypes} event types.");
            RuleForEach(c => c.Input.EventTypes).Must(ChangeTypes.All.Contains)
                .WithMessage(type => $"Unknown event type; known types: {string.Join(", ", ChangeTypes.All.Order(StringComparer.Ordinal))}.");
            RuleFor(c => c.Input.Description).MaximumLength(WebhookSubscription.MaxDescriptionLength);
        }

        private static bool BeAbsoluteHttpUrl(string? url) =>
            Uri.TryCreate(url, UriKind.Absolute, out var uri)
            && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)
            && uri.UserInfo.Length == 0
            && uri.Fragment.Length == 0;
    }

    internal sealed class Handler(CatalogDbContext db, IMapper mapper, Actor actor, WebhookTargetGuard guard, TimeProvider clock) : IRequestHandler<Command, CreatedWebhookResponse>
    {
        public async Task<CreatedWebhookResponse> Handle(Command command, CancellationToken cancellationToken)
        {
            var input = command.Input;
            var url = new Uri(input.Url!, UriKind.Absolute);
            try
            {
                await guard.ResolveAllowedAsync(url.IdnHost, cancellationToken);
            }
            catch (WebhookTargetRefusedException refused)
            {
                throw new InvalidInputException("url", refused.Message);
            }

            var now = clock.GetUtcNow().UtcDateTime;
            var feedPosition = await db.ChangeFeedHeadAsync(cancellationToken);
            var secret = WebhookSigner.NewSecret();
            var subscription = WebhookSubscription.Create(actor.KeyId, actor.Ref, url.AbsoluteUri, input.EventTypes!, input.Description, secret, feedPosition, now);
            db.Set<WebhookSubscription>().Add(subscription);
            await db.SaveChangesAsync(cancellationToken);

            return mapper.Map<CreatedWebhookResponse>(subscription);
        }
    }
}
