// The tightened field rules of the contract (README "What the store refuses"): names without spaces, no prose-like
// ids, names or kinds, markers only from the registry's vocabularies, and refusals that never quote what they refuse.
using ZosTelemetry.Events;

namespace ZosTelemetry.Tests;

public sealed class FieldRulesTests
{
    [Theory]
    [InlineData("context", "my pw hunter2")]
    [InlineData("system", "claude code")]
    [InlineData("role", "the user")]
    [InlineData("provider", "an thropic")]
    [InlineData("tier", "very cheap")]
    public void Validate_NameWithSpace_Refused(string field, string value)
    {
        var e = field switch
        {
            "context" => Make.Event(context: value),
            "system" => Make.Event(system: value),
            "role" => Make.Event(role: value),
            _ => new TelemetryEvent
            {
                Timestamp = Make.Now.AddHours(-1), SessionId = "s1", System = "sys", Kind = "llm_call",
                Provider = field == "provider" ? value : null, Tier = field == "tier" ? value : null,
            },
        };

        var ex = Assert.Throws<TelemetryValidationException>(() => EventValidator.Validate(e, Make.Now));

        Assert.Equal(field, ex.Field);
        Assert.DoesNotContain(value, ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("please-fix-the-login-bug-before-friday")]
    [InlineData("PleaseFixTheLoginBugBeforeFriday")]
    [InlineData("thisisalongrunoflettersthatspellsanote")]
    public void Validate_ProseLikeSessionId_RefusedWithoutQuotingIt(string id)
    {
        var ex = Assert.Throws<TelemetryValidationException>(() => EventValidator.Validate(Make.Event(sessionId: id), Make.Now));

        Assert.Equal("session_id", ex.Field);
        Assert.Contains("looks like text", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(id, ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("0199a3f0-1c2d-7e4f-8a9b-00000000c001")]
    [InlineData("github-actions-build-42")]
    [InlineData("cc-0123456789abcdef01234567")]
    [InlineData("r1")]
    public void Validate_IdsThatAreNames_Kept(string id) =>
        Assert.Equal(id, EventValidator.Validate(Make.Event(sessionId: id), Make.Now).SessionId);

    [Theory]
    [InlineData("please_fix_the_login_bug")]
    public void Validate_ProseLikeKind_Refused(string kind) =>
        Assert.Equal("kind", Assert.Throws<TelemetryValidationException>(() => EventValidator.Validate(Make.Event(kind: kind), Make.Now)).Field);

    [Theory]
    [InlineData("corr.strong.1")]
    [InlineData("corr.opener.2")]
    [InlineData("corr.strong.de.3")]
    [InlineData("tool.error")]
    [InlineData("usage.missing")]
    [InlineData("x.ticket-42")]
    [InlineData("x.a")]
    public void Validate_MarkerFromAVocabulary_Kept(string marker) =>
        Assert.Equal([marker], EventValidator.Validate(Make.Event(kind: marker == "tool.error" ? "tool_result" : EventKinds.UserMessage, markers: marker), Make.Now).Markers);

    [Theory]
    [InlineData("my")]
    [InlineData("pw.hunter2")]
    [InlineData("corr.anything.1")]
    [InlineData("corr.strong.0")]
    [InlineData("x.")]
    [InlineData("x.this-code-is-far-too-long")]
    [InlineData("x.two.parts")]
    public void Validate_MarkerOutsideEveryVocabulary_RefusedWithoutQuotingIt(string marker)
    {
        var ex = Assert.Throws<TelemetryValidationException>(() => EventValidator.Validate(Make.Event(markers: marker), Make.Now));

        Assert.Equal("markers", ex.Field);
        Assert.DoesNotContain($"'{marker}'", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_ThirtyTwoUserCodesSpellingANote_Refused()
    {
        string[] note = ["x.my", "x.pw", "x.is", "x.hunter2", "x.and", "x.more"];

        var ex = Assert.Throws<TelemetryValidationException>(() => EventValidator.Validate(Make.Event(markers: note), Make.Now));

        Assert.Contains("at most 4", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_ModelThatReadsAsASentence_Refused() =>
        Assert.Equal("model", Assert.Throws<TelemetryValidationException>(() =>
            EventValidator.Validate(Make.Event(model: "my-model-that-tells-the-whole-story-of-the-day"), Make.Now)).Field);

    [Theory]
    [InlineData("accounts/fireworks/models/llama-v3p1-405b-instruct")]
    [InlineData("meta-llama/Llama-3.1-70B-Instruct")]
    [InlineData("claude-sonnet-4-5-20250929")]
    public void Validate_LongModelIds_Kept(string model) =>
        Assert.Equal(model, EventValidator.Validate(Make.Event(model: model), Make.Now).Model);
}
