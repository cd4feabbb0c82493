// The content-free promise: every rule of the validator, with the field it names and the reason it gives.
using ZosTelemetry.Events;

namespace ZosTelemetry.Tests;

public sealed class EventValidatorTests
{
    private static TelemetryValidationException Refused(TelemetryEvent e) =>
        Assert.Throws<TelemetryValidationException>(() => EventValidator.Validate(e, Make.Now));

    [Fact]
    public void Validate_TypicalEvent_IsAccepted()
    {
        var valid = EventValidator.Validate(Make.Event(context: "repo-work", role: "dev", model: "claude-sonnet-4-5-20250929", tokensIn: 10, tokensOut: 20, costUsd: 0.5, markers: ["corr.strong.1"]), Make.Now);

        Assert.Equal("s1", valid.SessionId);
        Assert.Equal(["corr.strong.1"], valid.Markers);
    }

    // session_id

    [Fact]
    public void Validate_EmptySessionId_RefusedAsRequired()
    {
        var ex = Refused(Make.Event(sessionId: ""));

        Assert.Equal("session_id", ex.Field);
        Assert.Contains("required", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_SessionIdOverMaxLength_RefusedWithLength()
    {
        var ex = Refused(Make.Event(sessionId: new string('a', EventValidator.MaxSessionIdLength + 1)));

        Assert.Equal("session_id", ex.Field);
        Assert.Contains($"at most {EventValidator.MaxSessionIdLength}", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_SessionIdAtMaxLength_IsAccepted()
    {
        var valid = EventValidator.Validate(Make.Event(sessionId: string.Concat(Enumerable.Repeat("a1b2", EventValidator.MaxSessionIdLength / 4))), Make.Now);

        Assert.Equal(EventValidator.MaxSessionIdLength, valid.SessionId.Length);
    }

    [Theory]
    [InlineData("../etc/passwd")]
    [InlineData("a/b")]
    [InlineData(@"a\b")]
    public void Validate_SessionIdWithPathSeparator_RefusedNamingPathSeparators(string sessionId)
    {
        var ex = Refused(Make.Event(sessionId: sessionId));

        Assert.Equal("session_id", ex.Field);
        Assert.Contains("path separators", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("abc\ndef")]
    [InlineData("abc\u0000")]
    [InlineData("abc\u001b[31m")]
    public void Validate_SessionIdWithControlCharacter_RefusedNamingControlCharacters(string sessionId)
    {
        var ex = Refused(Make.Event(sessionId: sessionId));

        Assert.Equal("session_id", ex.Field);
        Assert.Contains("control characters", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_SessionIdWithControlCharacter_MessageDoesNotEchoItRaw()
    {
        var ex = Refused(Make.Event(sessionId: "abc\ndef"));

        Assert.DoesNotContain("\n", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("abc", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("has space")]
    [InlineData("e-mail@example.com")]
    [InlineData("-leading-dash")]
    [InlineData("ünïcode")]
    public void Validate_SessionIdOutsideCharset_RefusedListingAllowedCharacters(string sessionId)
    {
        var ex = Refused(Make.Event(sessionId: sessionId));

        Assert.Equal("session_id", ex.Field);
        Assert.Contains("letters, digits and . _ - : + only", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("0b5e7a2c-6f0d-4a8e-9d63-1c2b3a4d5e6f")]
    [InlineData("sess_2026.06.10:run+1")]
    public void Validate_SessionIdOfAllowedCharacters_IsAccepted(string sessionId)
    {
        var valid = EventValidator.Validate(Make.Event(sessionId: sessionId), Make.Now);

        Assert.Equal(sessionId, valid.SessionId);
    }

    [Fact]
    public void Validate_SessionIdTooLongForMessage_IsShortenedInTheMessage()
    {
        string paragraph = "x" + new string('y', 100) + " tail";

        var ex = Refused(Make.Event(sessionId: paragraph));

        Assert.DoesNotContain("tail", ex.Message, StringComparison.Ordinal);
    }

    // system, context, role

    [Fact]
    public void Validate_EmptySystem_RefusedAsRequired()
    {
        var ex = Refused(Make.Event(system: ""));

        Assert.Equal("system", ex.Field);
        Assert.Contains("required", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("system")]
    [InlineData("context")]
    [InlineData("role")]
    public void ValidateName_Words_RefusedForTheSpace(string field)
    {
        var ex = Assert.Throws<TelemetryValidationException>(() => EventValidator.ValidateName(field, "big repo work", required: false));

        Assert.Equal(field, ex.Field);
        Assert.Contains("without spaces", ex.Message, StringComparison.Ordinal);
        Assert.Contains("It looks like text (3 words)", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ValidateName_ThreeWordLikeParts_IsAccepted()
    {
        EventValidator.ValidateName("context", "big-repo-work", required: false);
    }

    [Theory]
    [InlineData("claude/code", "'/'")]
    [InlineData("what?", "'?'")]
    [InlineData("tab\tname", "U+0009")]
    [InlineData("line\nbreak", "U+000A")]
    [InlineData("user@host", "'@'")]
    public void ValidateName_DisallowedCharacter_RefusedNamingTheCharacter(string value, string shown)
    {
        var ex = Assert.Throws<TelemetryValidationException>(() => EventValidator.ValidateName("system", value, required: true));

        Assert.Equal("system", ex.Field);
        Assert.Contains($"character {shown} is not allowed", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(" leading")]
    [InlineData("trailing ")]
    [InlineData("double  space")]
    public void ValidateName_AnySpace_RefusedNamingTheSpace(string value)
    {
        var ex = Assert.Throws<TelemetryValidationException>(() => EventValidator.ValidateName("context", value, required: false));

        Assert.Equal("context", ex.Field);
        Assert.Contains("character U+0020 is not allowed", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ValidateName_OverMaxLength_RefusedWithLength()
    {
        var ex = Assert.Throws<TelemetryValidationException>(() => EventValidator.ValidateName("role", new string('r', EventValidator.MaxNameLength + 1), required: false));

        Assert.Equal("role", ex.Field);
        Assert.Contains($"at most {EventValidator.MaxNameLength}", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_ContextWithTooManyWords_RefusedOnContextField()
    {
        var ex = Refused(Make.Event(context: "please fix my failing tests"));

        Assert.Equal("context", ex.Field);
    }

    [Fact]
    public void Validate_RoleWithSlash_RefusedOnRoleField()
    {
        var ex = Refused(Make.Event(role: "dev/ops"));

        Assert.Equal("role", ex.Field);
    }

    [Fact]
    public void Validate_EmptyOptionalNames_BecomeNull()
    {
        var valid = EventValidator.Validate(Make.Event(context: "", role: "", model: ""), Make.Now);

        Assert.Null(valid.Context);
        Assert.Null(valid.Role);
        Assert.Null(valid.Model);
    }

    // kind

    [Theory]
    [InlineData("")]
    [InlineData("User_message")]
    [InlineData("1st_kind")]
    [InlineData("user message")]
    [InlineData("tool/call")]
    public void Validate_BadKind_RefusedOnKindField(string kind)
    {
        var ex = Refused(Make.Event(kind: kind));

        Assert.Equal("kind", ex.Field);
        Assert.Contains("kind", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_KindOfUpperCase_MessageGivesAnExample()
    {
        var ex = Refused(Make.Event(kind: "UserMessage"));

        Assert.Contains("lower-case", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("user_message")]
    [InlineData("x.call_end-2")]
    public void Validate_WellFormedKind_IsAccepted(string kind)
    {
        Assert.Equal(kind, EventValidator.Validate(Make.Event(kind: kind), Make.Now).Kind);
    }

    // model

    [Theory]
    [InlineData("claude-sonnet-4-5-20250929")]
    [InlineData("openai/gpt-4o")]
    [InlineData("claude-3-5-sonnet@20240620")]
    [InlineData("models/gemini-1.5-pro")]
    [InlineData("anthropic.claude-3-haiku-20240307-v1:0")]
    public void ValidateModel_RealModelId_IsAccepted(string model)
    {
        EventValidator.ValidateModel(model);
    }

    [Theory]
    [InlineData("/usr/local/models/llama")]
    [InlineData("../models/llama")]
    [InlineData("models/../secrets")]
    [InlineData("https://example.com/model")]
    [InlineData("C:/models/llama")]
    [InlineData("models//llama")]
    [InlineData("www.example.com/model")]
    [InlineData("home/user/.ssh/id_rsa")]
    public void ValidateModel_PathOrUrl_RefusedAsPathOrUrl(string model)
    {
        var ex = Assert.Throws<TelemetryValidationException>(() => EventValidator.ValidateModel(model));

        Assert.Equal("model", ex.Field);
        Assert.Contains("path or a URL", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ValidateModel_WindowsPath_RefusedForTheBackslash()
    {
        var ex = Assert.Throws<TelemetryValidationException>(() => EventValidator.ValidateModel(@"C:\models\llama"));

        Assert.Equal("model", ex.Field);
        Assert.Contains("is not allowed", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("jane.doe@example.com")]
    [InlineData("someone@corp.example")]
    public void ValidateModel_EmailAddress_RefusedAsEmail(string model)
    {
        var ex = Assert.Throws<TelemetryValidationException>(() => EventValidator.ValidateModel(model));

        Assert.Equal("model", ex.Field);
        Assert.Contains("e-mail address", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ValidateModel_OverMaxLength_RefusedWithLength()
    {
        var ex = Assert.Throws<TelemetryValidationException>(() => EventValidator.ValidateModel(new string('m', EventValidator.MaxModelLength + 1)));

        Assert.Equal("model", ex.Field);
        Assert.Contains($"at most {EventValidator.MaxModelLength}", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ValidateModel_WithSpace_Refused()
    {
        var ex = Assert.Throws<TelemetryValidationException>(() => EventValidator.ValidateModel("gpt 4o"));

        Assert.Equal("model", ex.Field);
        Assert.Contains("U+0020 is not allowed", ex.Message, StringComparison.Ordinal);
    }

    // markers

    [Theory]
    [InlineData("Corr.strong.1")]
    [InlineData("corr strong")]
    [InlineData("corr/strong")]
    [InlineData("")]
    [InlineData("you're wrong")]
    public void Validate_MalformedMarker_RefusedOnMarkersField(string marker)
    {
        var ex = Refused(Make.Event(markers: [marker]));

        Assert.Equal("markers", ex.Field);
        Assert.Contains("a-z 0-9 . _ : -", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_MarkerOverMaxLength_Refused()
    {
        var ex = Refused(Make.Event(markers: [new string('m', EventValidator.MaxMarkerLength + 1)]));

        Assert.Equal("markers", ex.Field);
    }

    [Fact]
    public void Validate_TooManyMarkers_RefusedWithCount()
    {
        string[] markers = Enumerable.Range(0, EventValidator.MaxMarkers + 1).Select(i => $"corr.strong.{i + 1}").ToArray();

        var ex = Refused(Make.Event(markers: markers));

        Assert.Equal("markers", ex.Field);
        Assert.Contains($"{EventValidator.MaxMarkers + 1} markers", ex.Message, StringComparison.Ordinal);
        Assert.Contains($"at most {EventValidator.MaxMarkers}", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_MaxMarkers_IsAccepted()
    {
        string[] markers = Enumerable.Range(0, EventValidator.MaxMarkers).Select(i => $"corr.strong.{i + 1}").ToArray();

        Assert.Equal(EventValidator.MaxMarkers, EventValidator.Validate(Make.Event(markers: markers), Make.Now).Markers.Count);
    }

    [Fact]
    public void Validate_DuplicateMarkers_AreDeduplicatedInOrder()
    {
        var valid = EventValidator.Validate(Make.Event(markers: ["corr.weak.2", "corr.strong.1", "corr.weak.2"]), Make.Now);

        Assert.Equal(["corr.weak.2", "corr.strong.1"], valid.Markers);
    }

    // numbers

    [Fact]
    public void Validate_NegativeTokensIn_RefusedOnTokensIn()
    {
        var ex = Refused(Make.Event(tokensIn: -1));

        Assert.Equal("tokens_in", ex.Field);
        Assert.Contains("got -1", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_NegativeTokensOut_RefusedOnTokensOut()
    {
        var ex = Refused(Make.Event(tokensOut: -5));

        Assert.Equal("tokens_out", ex.Field);
        Assert.Contains("whole number from 0", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_TokensAboveMax_Refused()
    {
        var ex = Refused(Make.Event(tokensIn: EventValidator.MaxTokens + 1));

        Assert.Equal("tokens_in", ex.Field);
    }

    [Theory]
    [InlineData(double.NaN, "NaN")]
    [InlineData(double.PositiveInfinity, "Infinity")]
    [InlineData(double.NegativeInfinity, "-Infinity")]
    [InlineData(-0.01, "-0.01")]
    [InlineData(1_000_001.0, "1000001")]
    public void Validate_BadCost_RefusedOnCostUsdShowingTheValue(double cost, string shown)
    {
        var ex = Refused(Make.Event(costUsd: cost));

        Assert.Equal("cost_usd", ex.Field);
        Assert.Contains("finite number from 0", ex.Message, StringComparison.Ordinal);
        Assert.EndsWith($"got {shown}.", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_ZeroCost_IsAccepted()
    {
        Assert.Equal(0, EventValidator.Validate(Make.Event(costUsd: 0), Make.Now).CostUsd);
    }

    // timestamps

    [Fact]
    public void Validate_TimestampMoreThanADayAhead_RefusedAsFuture()
    {
        var ex = Refused(Make.Event(ts: Make.Now + EventValidator.FutureTolerance + TimeSpan.FromSeconds(1)));

        Assert.Equal("ts", ex.Field);
        Assert.Contains("in the future", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_TimestampWithinADayAhead_IsAccepted()
    {
        var ts = Make.Now + EventValidator.FutureTolerance;

        Assert.Equal(ts, EventValidator.Validate(Make.Event(ts: ts), Make.Now).Timestamp);
    }

    [Fact]
    public void Validate_TimestampBefore2000_RefusedAsNotReal()
    {
        var ex = Refused(Make.Event(ts: new DateTimeOffset(1999, 12, 31, 23, 59, 59, TimeSpan.Zero)));

        Assert.Equal("ts", ex.Field);
        Assert.Contains("before 2000-01-01", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_DefaultTimestamp_Refused()
    {
        var ex = Refused(Make.Event(ts: default(DateTimeOffset)));

        Assert.Equal("ts", ex.Field);
    }

    [Fact]
    public void Validate_TimestampWithOffset_NormalisedToUtcSameInstant()
    {
        var local = new DateTimeOffset(2026, 6, 10, 20, 0, 0, TimeSpan.FromHours(2));

        var valid = EventValidator.Validate(Make.Event(ts: local), Make.Now);

        Assert.Equal(TimeSpan.Zero, valid.Timestamp.Offset);
        Assert.Equal(Make.Utc(2026, 6, 10, 18), valid.Timestamp);
    }

    [Fact]
    public void Validate_TimestampWithSubMilliseconds_TruncatedToMilliseconds()
    {
        var ts = Make.Utc(2026, 6, 10, 17).AddTicks(1_234_5678);

        var valid = EventValidator.Validate(Make.Event(ts: ts), Make.Now);

        Assert.Equal(Make.Utc(2026, 6, 10, 17).AddMilliseconds(1234), valid.Timestamp);
    }

    [Fact]
    public void Validate_UnsupportedSchema_RefusedOnSchemaField()
    {
        var e = new TelemetryEvent { Schema = 2, Timestamp = Make.Now, SessionId = "s1", System = "x", Kind = "user_message" };

        var ex = Refused(e);

        Assert.Equal("schema", ex.Field);
        Assert.Contains("schema 2 is not supported", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ParseTimestamp_UtcWithZ_ReturnsThatInstant()
    {
        var ts = EventValidator.ParseTimestamp("2026-06-10T18:00:00Z");

        Assert.Equal(Make.Utc(2026, 6, 10, 18), ts);
        Assert.Equal(TimeSpan.Zero, ts.Offset);
    }

    [Fact]
    public void ParseTimestamp_PositiveOffset_ReturnsUtcOfThatInstant()
    {
        var ts = EventValidator.ParseTimestamp("2026-06-10T20:00:00+02:00");

        Assert.Equal(Make.Utc(2026, 6, 10, 18), ts);
        Assert.Equal(TimeSpan.Zero, ts.Offset);
    }

    [Fact]
    public void ParseTimestamp_NoOffset_TakenAsUtc()
    {
        Assert.Equal(Make.Utc(2026, 6, 10, 18), EventValidator.ParseTimestamp("2026-06-10T18:00:00"));
    }

    [Theory]
    [InlineData("garbage")]
    [InlineData("")]
    [InlineData("yesterday at noon")]
    [InlineData("2026-06-10 6pm")]
    [InlineData("2026-06-10T18:00:00 +02:00")]
    [InlineData("06/10/2026 18:00")]
    [InlineData("2026-13-45T99:00:00Z")]
    [InlineData("1749578400")]
    public void ParseTimestamp_NotIso8601_RefusedOnTs(string text)
    {
        var ex = Assert.Throws<TelemetryValidationException>(() => EventValidator.ParseTimestamp(text));

        Assert.Equal("ts", ex.Field);
        Assert.Contains("not an ISO-8601 timestamp", ex.Message, StringComparison.Ordinal);
    }

    // The hand-written shape checks against the regular expressions they replaced, on generated near-misses.

    private static readonly System.Text.RegularExpressions.Regex DomainLikeRegex =
        new(@"^[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}$", System.Text.RegularExpressions.RegexOptions.CultureInvariant);

    private static readonly System.Text.RegularExpressions.Regex Iso8601Regex =
        new(@"^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d{1,7})?)?(Z|[+-]\d{2}(:?\d{2})?)?)?$", System.Text.RegularExpressions.RegexOptions.CultureInvariant);

    private static string Mutate(Random random, string text, string alphabet)
    {
        var chars = new List<char>(text);
        for (int m = random.Next(4); m > 0; m--)
        {
            int at = random.Next(chars.Count + 1);
            switch (random.Next(4))
            {
                case 0 when at < chars.Count: chars.RemoveAt(at); break;
                case 1 when at < chars.Count: chars[at] = alphabet[random.Next(alphabet.Length)]; break;
                case 2: chars.RemoveRange(at, chars.Count - at); break;
                default: chars.Insert(at, alphabet[random.Next(alphabet.Length)]); break;
            }
        }

        return new string(chars.ToArray());
    }

    [Fact]
    public void IsDomainLike_GeneratedModelPrefixes_AgreesWithTheRegularExpression()
    {
        var random = new Random(FuzzSeed.Value);
        const string alphabet = "aZq09-._:+@";
        int matches = 0, cases = FuzzSeed.Cases(50_000);
        for (int i = 0; i < cases; i++)
        {
            var sb = new System.Text.StringBuilder();
            for (int labels = 1 + random.Next(4); labels > 0; labels--)
            {
                sb.Append(sb.Length > 0 ? "." : "");
                for (int n = random.Next(5); n > 0; n--)
                {
                    sb.Append(alphabet[random.Next(random.Next(3) == 0 ? alphabet.Length : 3)]);
                }
            }

            string text = sb.ToString();
            bool expected = DomainLikeRegex.IsMatch(text);
            matches += expected ? 1 : 0;
            Assert.True(expected == EventValidator.IsDomainLike(text), $"'{text}': the regular expression says {expected} ({FuzzSeed.Describe})");
        }

        Assert.InRange(matches, cases / 20, cases - (cases / 20));
    }

    [Fact]
    public void LooksLikeIso8601_GeneratedNearMisses_AgreesWithTheRegularExpression()
    {
        var random = new Random(FuzzSeed.Value);
        string[] templates = ["2026-06-10", "2026-06-10T18:00", "2026-06-10 18:00:00", "2026-06-10T18:00:00.1234567Z", "2026-06-10T18:00:00.5+02:00", "2026-06-10T18:00-0530", "2026-06-10T18:00:00+02"];
        const string alphabet = "0123456789-:T Z+.\n\u0663\uFF10x";
        int matches = 0, cases = FuzzSeed.Cases(50_000);
        for (int i = 0; i < cases; i++)
        {
            string text = Mutate(random, templates[random.Next(templates.Length)], alphabet);
            bool expected = Iso8601Regex.IsMatch(text);
            matches += expected ? 1 : 0;
            Assert.True(expected == EventValidator.LooksLikeIso8601(text), $"'{text}': the regular expression says {expected} ({FuzzSeed.Describe})");
        }

        Assert.InRange(matches, cases / 20, cases - (cases / 20));
    }
}
