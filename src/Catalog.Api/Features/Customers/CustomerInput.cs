using Catalog.Api.Domain.Common;
using Catalog.Api.Domain.Customers;
using FluentValidation;

namespace Catalog.Api.Features.Customers;

/// <summary>The body of a create or update. On update the key may be repeated but not changed.</summary>
public sealed record CustomerInput(string? Key, string? Name, string? CostCenter, string? ContactEmail, string? TimeZone = null)
{
    /// <param name="defaultTimeZone">The time zone of a customer whose input names none (configuration, <c>Customers:DefaultTimeZone</c>).</param>
    internal CustomerDetails ToDetails(string defaultTimeZone) => new(Name!.Trim(), CostCenter!.Trim(), ContactEmail!.Trim(), TimeZone ?? defaultTimeZone);
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
        RuleFor(c => c.TimeZone).MaximumLength(64)
            .Must(CustomerOptions.IsTimeZone).WithMessage("timeZone must be an IANA time zone such as Europe/Berlin.")
            .When(c => c.TimeZone is not null);
    }
}
