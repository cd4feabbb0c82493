// The content-free promise, field by field: prose, e-mail addresses, URLs and paths are refused in every free-form
// string field, and the refusal says what the value looked like, so the user knows why it was not kept.
using ZosTelemetry.Events;

namespace ZosTelemetry.Tests;

public sealed class ContentRefusalTests
{
    public static readonly TheoryData<string> Fields = new() { "session_id", "system", "context", "role", "kind", "model", "markers", "provider", "tier" };

    private static readonly string[] ContentLikeValues =
    [
        "please fix the login bug on the payment page",
        "alice.smith@example.com",
        "mailto:bob@corp.example.org",
        "https://example.com/search?q=secret+plan",
        "http://intranet/wiki/Project_X",
        "www.example.com/page?id=7",
        "/home/alice/notes/diary.txt",
        @"C:\Users\alice\Documents\plan.docx",
        @"\\fileserver\share\minutes.docx",
        "~/secrets/todo.md",
        "src/billing/invoice_service.py and tests",
        "my password is hunter2 ok",
        "Ich habe das nicht so gemeint, bitte nochmal",
        "la réponse est fausse",
    ];

    private static TelemetryEvent With(string field, string value) => field switch
    {
        "session_id" => Make.Event(sessionId: value),
        "system" => Make.Event(system: value),
        "context" => Make.Event(context: value),
        "role" => Make.Event(role: value),
        "kind" => Make.Event(kind: value),
        "model" => Make.Event(model: value),
        "markers" => Make.Event(markers: [value]),
        "provider" => new TelemetryEvent { Timestamp = Make.Now.AddHours(-1), SessionId = "s1", System = "x", Kind = "user_message", Provider = value },
        "tier" => new TelemetryEvent { Timestamp = Make.Now.AddHours(-1), SessionId = "s1", System = "x", Kind = "user_message", Tier = value },
        _ => throw new ArgumentOutOfRangeException(nameof(field)),
    };

    [Theory]
    [MemberData(nameof(Fields))]
    public void Validate_ContentLikeValue_RefusedInEveryField(string field)
    {
        foreach (string value in ContentLikeValues)
        {
            var ex = Assert.Throws<TelemetryValidationException>(() => EventValidator.Validate(With(field, value), Make.Now));

            Assert.Equal(field, ex.Field);
        }
    }

    [Theory]
    [MemberData(nameof(Fields))]
    public void Validate_ContentLikeValue_MessageSaysWhatItLookedLike(string field)
    {
        foreach (string value in ContentLikeValues)
        {
            var ex = Assert.Throws<TelemetryValidationException>(() => EventValidator.Validate(With(field, value), Make.Now));

            Assert.Matches("looks? like (text|a URL|an e-mail address|a file path|a path or a URL)", ex.Message);
        }
    }

    [Theory]
    [InlineData("alice@example.com", "an e-mail address")]
    [InlineData("ops+alerts@corp.example.org", "an e-mail address")]
    [InlineData("https://example.com/x?q=1", "a URL")]
    [InlineData("www.example.com", "a URL")]
    [InlineData("/etc/passwd", "a file path")]
    [InlineData(@"C:\Users\alice", "a file path")]
    [InlineData("notes/today.md", "a file path")]
    [InlineData("one two three four", "text (4 words)")]
    public void Hint_ContentLikeValue_NamesWhatItLooksLike(string value, string what)
    {
        Assert.Contains($"It looks like {what}", ContentLikeness.Hint(value), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("claude-code")]
    [InlineData("big-repo")]
    [InlineData("0b5e7a2c-6f0d-4a8e-9d63-1c2b3a4d5e6f")]
    [InlineData("claude-sonnet-4-5")]
    [InlineData("corr.strong.1")]
    [InlineData("")]
    public void Hint_OrdinaryName_Nothing(string value)
    {
        Assert.Equal("", ContentLikeness.Hint(value));
    }

    [Theory]
    [InlineData("claude.ai")]
    [InlineData("chatgpt.com")]
    public void Validate_SystemNamedAfterItsSite_Accepted(string system)
    {
        // A bare host name is how some assistants are called; only a URL (scheme, path or query) is content.
        Assert.Equal(system, EventValidator.Validate(Make.Event(system: system), Make.Now).System);
    }
}
