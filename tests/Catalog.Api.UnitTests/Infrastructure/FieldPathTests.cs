using Catalog.Api.Infrastructure.Http;

namespace Catalog.Api.UnitTests.Infrastructure;

/// <summary>Validators' member paths and the serializer's JSON paths name a field in the same notation.</summary>
public class FieldPathTests
{
    [Theory]
    [InlineData("Input.Owner.Team", "owner.team")]
    [InlineData("Input.CounterOffer.Targets[0].Metric", "counterOffer.targets[0].metric")]
    [InlineData("Input.Targets[2][1]", "targets[2][1]")]
    [InlineData("Month", "month")]
    [InlineData("Input", "$")]
    public void FromMembers_ValidatorPath_IsTheClientsField(string members, string field)
    {
        Assert.Equal(field, FieldPath.FromMembers(members));
    }

    [Theory]
    [InlineData("$.counterOffer.targets[0].metric", "counterOffer.targets[0].metric")]
    [InlineData("$['odd name'].value", "odd name.value")]
    [InlineData("$", "$")]
    public void ParseJsonPath_SerializerPath_FormatsAsTheClientsField(string path, string field)
    {
        Assert.Equal(field, FieldPath.Format(FieldPath.ParseJsonPath(path)));
    }

    [Fact]
    public void FromMembers_AndJsonPath_AgreeOnTheSameField()
    {
        Assert.Equal(
            FieldPath.Format(FieldPath.ParseJsonPath("$.signedBy.name")),
            FieldPath.FromMembers("Input.SignedBy.Name"));
    }
}
