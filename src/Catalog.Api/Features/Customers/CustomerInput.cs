using Catalog.Api.Domain.Common;
using Catalog.Api.Domain.Customers;
using FluentValidation;

namespace Catalog.Api.Features.Customers;

/// <summary>The body of a create or update. On update the key may be repeated but not changed.</summary>
public sealed record CustomerInput(string? Key, string? Name, string? CostCenter, string? ContactEmail)
{
    internal CustomerDetails ToDetails() => new(Name!.Trim(), CostCenter!.Trim(), ContactEmail!.Trim());
}

internal sealed class CustomerInputValidator : AbstractValidator<CustomerInput>
{
    public CustomerInputValidator(bool keyRequired)
    {
        if (keyRequired)
        {
            RuleFor(c => c.Key).NotEmpty();
        }

        RuleFor(c => c.Key)
            .Must(Slug.IsValid).When(c => c.Key is not null)
            .WithMessage($"key must be a lower-case slug (letters, digits, single hyphens), at most {Slug.MaxLength} characters.");
        RuleFor(c => c.Name).NotEmpty().MaximumLength(200);
        RuleFor(c => c.CostCenter).NotEmpty().MaximumLength(50);
        RuleFor(c => c.ContactEmail).NotEmpty().MaximumLength(254).EmailAddress();
    }
}
