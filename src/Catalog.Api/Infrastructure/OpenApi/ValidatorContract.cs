using System.Collections;
using System.Linq.Expressions;
using System.Reflection;
using Catalog.Api.Infrastructure.Application;
using FluentValidation;
using FluentValidation.Internal;
using FluentValidation.Validators;

namespace Catalog.Api.Infrastructure.OpenApi;

/// <summary>What the validators enforce on one member of a request type, as the OpenAPI document states it.</summary>
internal sealed class MemberContract
{
    public bool Required { get; set; }

    public int? MinLength { get; set; }

    public int? MaxLength { get; set; }

    public decimal? Minimum { get; set; }

    public decimal? Maximum { get; set; }

    public decimal? ExclusiveMinimum { get; set; }

    public int? MinItems { get; set; }

    public int? MaxItems { get; set; }

    public string? Pattern { get; set; }

    public bool Email { get; set; }

    /// <summary>Limits on each item of a collection member (RuleForEach).</summary>
    public MemberContract? Items { get; set; }
}

/// <summary>
/// Reads the FluentValidation validators of the API, so the document says what they enforce instead of repeating
/// it by hand: unconditional NotNull/NotEmpty make a member required, length, range and item-count rules become
/// schema limits. Every validator with a parameterless constructor is a root (the command and query validators);
/// SetValidator and ChildRules are followed into nested types. A type validated from several roots (a create and
/// an update) gets a member required only where every one of them requires it, and each limit they share.
/// Conditional rules (When/Unless) never make a member required: nested objects are checked with ChildRules, which
/// run only when the object is there, so a condition always means "only sometimes".
/// </summary>
internal sealed class ValidatorContract
{
    private readonly Dictionary<Type, Dictionary<string, MemberContract>> _members = [];

    private ValidatorContract()
    {
    }

    public static ValidatorContract Instance { get; } = Read(typeof(ValidatorContract).Assembly);

    /// <summary>Whether validators check this type's members (it is a request type whose requiredness they decide).</summary>
    public bool IsValidated(Type type) => _members.ContainsKey(type);

    public MemberContract? For(Type type, string member) =>
        _members.TryGetValue(type, out var members) && members.TryGetValue(member, out var contract) ? contract : null;

    private static ValidatorContract Read(Assembly assembly)
    {
        var contract = new ValidatorContract();
        var roots = assembly.GetTypes()
            .Where(t => t is { IsAbstract: false, IsGenericTypeDefinition: false } && typeof(IValidator).IsAssignableFrom(t))
            .Where(t => t.GetConstructor(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic, Type.EmptyTypes) is not null)
            .OrderBy(t => t.FullName, StringComparer.Ordinal);
        var walks = new List<Walk>();
        foreach (var root in roots)
        {
            var walk = new Walk();
            walk.Visit((IValidator)Activator.CreateInstance(root, nonPublic: true)!, ValidatedType(root), self: null);
            walks.Add(walk);
        }

        foreach (var walk in walks)
        {
            foreach (var (type, members) in walk.Members)
            {
                var merged = contract._members.TryGetValue(type, out var existing) ? existing : contract._members[type] = [];
                var first = !walks.TakeWhile(w => w != walk).Any(w => w.Members.ContainsKey(type));
                foreach (var name in members.Keys.Union(merged.Keys).ToList())
                {
                    var seen = members.TryGetValue(name, out var found) ? found : new MemberContract();
                    if (!merged.TryGetValue(name, out var target))
                    {
                        target = merged[name] = new MemberContract { Required = first && seen.Required };
                    }
                    else
                    {
                        target.Required &= seen.Required;
                    }

                    Merge(target, seen);
                }
            }
        }

        return contract;
    }

    private static Type ValidatedType(Type validator) =>
        validator.GetInterfaces().First(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IValidator<>)).GetGenericArguments()[0];

    private static void Merge(MemberContract target, MemberContract source)
    {
        target.MinLength ??= source.MinLength;
        target.MaxLength ??= source.MaxLength;
        target.Minimum ??= source.Minimum;
        target.Maximum ??= source.Maximum;
        target.ExclusiveMinimum ??= source.ExclusiveMinimum;
        target.MinItems ??= source.MinItems;
        target.MaxItems ??= source.MaxItems;
        target.Pattern ??= source.Pattern;
        target.Email |= source.Email;
        if (source.Items is not null)
        {
            target.Items ??= new MemberContract();
            Merge(target.Items, source.Items);
        }
    }

    /// <summary>One root validator followed through its children.</summary>
    private sealed class Walk
    {
        public Dictionary<Type, Dictionary<string, MemberContract>> Members { get; } = [];

        /// <param name="self">The member whose value <paramref name="model"/> is, for rules on the model itself (a list's Count).</param>
        public void Visit(IValidator validator, Type model, MemberContract? self)
        {
            foreach (var rule in validator.CreateDescriptor().Rules)
            {
                var chain = MemberChain(rule.Expression);
                var isCollection = rule.GetType().GetInterfaces().Any(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(ICollectionRule<,>));
                MemberContract? member;
                Type valueType;
                if (chain.Count == 0)
                {
                    member = self;
                    valueType = model;
                }
                else if (chain[^1].Name == nameof(ICollection.Count) && IsCollection(chain.Count > 1 ? chain[^2].PropertyType : model))
                {
                    // RuleFor(list => list.Count): an item count on the list itself.
                    var list = chain.Count > 1 ? MemberOf(chain.Count > 2 ? chain[^3].PropertyType : model, chain[^2].Name) : self;
                    foreach (var component in rule.Components)
                    {
                        ApplyCount(list, component);
                    }

                    continue;
                }
                else
                {
                    member = MemberOf(chain.Count > 1 ? chain[^2].PropertyType : model, chain[^1].Name);
                    valueType = chain[^1].PropertyType;
                }

                if (member is null)
                {
                    continue;
                }

                var target = member;
                if (isCollection)
                {
                    target = member.Items ??= new MemberContract();
                    valueType = ElementType(valueType) ?? valueType;
                }

                foreach (var component in rule.Components)
                {
                    Apply(target, component, valueType, conditional: rule.HasCondition || rule.HasAsyncCondition || component.HasCondition || component.HasAsyncCondition);
                }
            }
        }

        private MemberContract MemberOf(Type owner, string name)
        {
            var members = Members.TryGetValue(owner, out var found) ? found : Members[owner] = [];
            return members.TryGetValue(name, out var member) ? member : members[name] = new MemberContract();
        }

        private void Apply(MemberContract member, IRuleComponent component, Type valueType, bool conditional)
        {
            switch (component.Validator)
            {
                case INotNullValidator when !conditional:
                    member.Required = true;
                    break;
                case INotEmptyValidator when !conditional:
                    member.Required = true;
                    if (valueType == typeof(string))
                    {
                        member.MinLength = Math.Max(member.MinLength ?? 0, 1);
                    }
                    else if (IsCollection(valueType))
                    {
                        member.MinItems = Math.Max(member.MinItems ?? 0, 1);
                    }

                    break;
                case ILengthValidator length:
                    member.MinLength = length.Min > 0 ? Math.Max(member.MinLength ?? 0, length.Min) : member.MinLength;
                    member.MaxLength = length.Max > 0 ? length.Max : member.MaxLength;
                    break;
                case IBetweenValidator between when component.Validator.GetType().Name.StartsWith("Inclusive", StringComparison.Ordinal):
                    member.Minimum = Convert.ToDecimal(between.From, System.Globalization.CultureInfo.InvariantCulture);
                    member.Maximum = Convert.ToDecimal(between.To, System.Globalization.CultureInfo.InvariantCulture);
                    break;
                case IComparisonValidator { ValueToCompare: IConvertible value } comparison:
                    var bound = Convert.ToDecimal(value, System.Globalization.CultureInfo.InvariantCulture);
                    switch (comparison.Comparison)
                    {
                        case Comparison.GreaterThanOrEqual:
                            member.Minimum = bound;
                            break;
                        case Comparison.GreaterThan:
                            member.ExclusiveMinimum = bound;
                            break;
                        case Comparison.LessThanOrEqual:
                            member.Maximum = bound;
                            break;
                    }

                    break;
                case IItemCountValidator count:
                    member.MinItems = count.Min > 0 ? count.Min : member.MinItems;
                    member.MaxItems = count.Max;
                    break;
                case IRegularExpressionValidator pattern:
                    member.Pattern = pattern.Expression;
                    break;
                case IEmailValidator:
                    member.Email = true;
                    break;
                case IChildValidatorAdaptor child when ChildValidator(child) is { } nested:
                    Visit(nested, valueType, member);
                    break;
            }
        }

        private static void ApplyCount(MemberContract? list, IRuleComponent component)
        {
            if (list is not null && component.Validator is IBetweenValidator between && !component.HasCondition)
            {
                list.MinItems = Convert.ToInt32(between.From, System.Globalization.CultureInfo.InvariantCulture);
                list.MaxItems = Convert.ToInt32(between.To, System.Globalization.CultureInfo.InvariantCulture);
            }
        }

        /// <summary>The validator a SetValidator or ChildRules adaptor runs: a fixed instance, asked for without a value.</summary>
        private static IValidator? ChildValidator(IChildValidatorAdaptor adaptor)
        {
            var type = adaptor.GetType();
            var getValidator = type.GetMethod("GetValidator", BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic);
            if (getValidator is null)
            {
                return null;
            }

            var contextType = getValidator.GetParameters()[0].ParameterType;
            var context = Activator.CreateInstance(contextType, [null]);
            return getValidator.Invoke(adaptor, [context, null]) as IValidator;
        }

        private static List<PropertyInfo> MemberChain(LambdaExpression? expression)
        {
            var chain = new List<PropertyInfo>();
            var node = expression?.Body;
            while (node is MemberExpression { Member: PropertyInfo property } access)
            {
                chain.Insert(0, property);
                node = access.Expression;
            }

            return chain;
        }

        private static bool IsCollection(Type type) => type != typeof(string) && typeof(IEnumerable).IsAssignableFrom(type);

        private static Type? ElementType(Type type) =>
            type.IsArray ? type.GetElementType()
            : type.GetInterfaces().Append(type).FirstOrDefault(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IEnumerable<>))?.GetGenericArguments()[0];
    }
}
