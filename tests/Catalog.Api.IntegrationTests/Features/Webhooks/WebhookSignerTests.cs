using Catalog.Api.Infrastructure.Webhooks;

namespace Catalog.Api.IntegrationTests.Features.Webhooks;

public sealed class WebhookSignerTests
{
    [SkippableFact]
    public void Sign_StandardWebhooksExample_MatchesTheSpecsSignature()
    {
        // The example in the Standard Webhooks specification and its reference libraries' tests.
        var signature = WebhookSigner.Sign("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", "msg_p5jXN8AQM9LWM0D4loKWxJek", 1614265330, "{\"test\": 2432232314}");

        Assert.Equal("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=", signature);
    }

    [SkippableFact]
    public void NewSecret_Always_IsWhsecAndBase64Of32RandomBytes()
    {
        var secrets = Enumerable.Range(0, 3).Select(_ => WebhookSigner.NewSecret()).ToList();

        Assert.All(secrets, s => Assert.Equal(32, Convert.FromBase64String(s["whsec_".Length..]).Length));
        Assert.Equal(3, secrets.Distinct().Count());
    }
}
