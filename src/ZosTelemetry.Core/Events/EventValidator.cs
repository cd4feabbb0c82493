// The rules that keep the store content-free. Every string field is bounded in length and character set, has no
// spaces and may not read as prose (ProseShape), so that it cannot carry a sentence, a path, an address or a URL;
// markers come only from the vocabularies of the contract registry (schemas/index.json); everything numeric is
// finite and non-negative. A refusal never quotes the refused value: it may be the very text the store keeps out.
// These rules are the product's central promise and are quoted in the README.
using System.Globalization;
using ZosTelemetry.Contracts;
using ZosTelemetry.Detection;

namespace ZosTelemetry.Events;

public static class EventValidator
{
    public const int MaxSessionIdLength = 128;
    public const int MaxNameLength = 64;
    public const int MaxModelLength = 128;
    public const int MaxMarkerLength = 64;
    public const int MaxMarkers = 32;
    public const long MaxTokens = 1_000_000_000_000;
    public const double MaxCostUsd = 1_000_000;
    public const long MaxDurationMs = 10_000_000_000;
    public const int MaxEventIdLength = 64;
    public const long MaxAttempt = 10_000;
    public static readonly DateTimeOffset EarliestTimestamp = new(2000, 1, 1, 0, 0, 0, TimeSpan.Zero);
    public static readonly TimeSpan FutureTolerance = TimeSpan.FromDays(1);

    /// <summary>Validates and normalises an event (UTC timestamp, empty optionals to null). Throws on the first refused field.</summary>
    public static TelemetryEvent Validate(TelemetryEvent e, DateTimeOffset now)
    {
        if (e.Schema != TelemetryEvent.CurrentSchema)
        {
            throw new TelemetryValidationException("schema", $"schema {e.Schema} is not supported; this version writes schema {TelemetryEvent.CurrentSchema}.");
        }

        ValidateSessionId(e.SessionId);
        ValidateName("system", e.System, required: true);
        ValidateName("context", e.Context, required: false);
        ValidateName("role", e.Role, required: false);
        ValidateKind(e.Kind);
        ValidateModel(e.Model);
        ValidateTokens("tokens_in", e.TokensIn);
        ValidateTokens("tokens_out", e.TokensOut);
        if (e.CostUsd is double cost)
        {
            ValidateCost(cost);
        }

        ValidateOptionalCount("cache_read_tokens", e.CacheReadTokens, MaxTokens);
        ValidateOptionalCount("cache_write_tokens", e.CacheWriteTokens, MaxTokens);
        ValidateOptionalCount("duration_ms", e.DurationMs, MaxDurationMs);
        ValidateCacheWrite1h(e.CacheWrite1hTokens, e.CacheWriteTokens);
        ValidateName("provider", e.Provider, required: false);
        ValidateName("tier", e.Tier, required: false);
        ValidateUser(e.User);
        ValidateEventId(e.EventId);
        ValidateTimestamp(e.Timestamp, now);
        ValidateMarkers(e.Kind, e.Markers);
        ValidateAgentFields(e);

        return new TelemetryEvent
        {
            Schema = e.Schema,
            Timestamp = TruncateToMilliseconds(e.Timestamp.ToUniversalTime()),
            SessionId = e.SessionId,
            System = e.System,
            Context = NullIfEmpty(e.Context),
            Role = NullIfEmpty(e.Role),
            Kind = e.Kind,
            Model = NullIfEmpty(e.Model),
            TokensIn = e.TokensIn,
            TokensOut = e.TokensOut,
            CostUsd = e.CostUsd == 0 ? 0 : e.CostUsd, // -0 is stored as 0: a cost has no sign
            CacheReadTokens = e.CacheReadTokens,
            CacheWriteTokens = e.CacheWriteTokens,
            Provider = NullIfEmpty(e.Provider),
            Tier = NullIfEmpty(e.Tier),
            DurationMs = e.DurationMs,
            CacheHit = e.CacheHit,
            User = NullIfEmpty(e.User),
            EventId = NullIfEmpty(e.EventId),
            CacheWrite1hTokens = e.CacheWrite1hTokens,
            Markers = e.Markers.Count == 0 ? Array.Empty<string>() : DistinctMarkers(e.Markers),
            Tool = NullIfEmpty(e.Tool),
            Ok = e.Ok,
            ErrorCategory = NullIfEmpty(e.ErrorCategory),
            ErrorFingerprint = NullIfEmpty(e.ErrorFingerprint),
            Outcome = NullIfEmpty(e.Outcome),
            Attempt = e.Attempt,
            TaskId = NullIfEmpty(e.TaskId),
            AttemptId = NullIfEmpty(e.AttemptId),
            Variant = NullIfEmpty(e.Variant),
        };
    }

    /// <summary>
    /// The agent-run fields: a tool is named like a model, ids like a session id, categories and outcomes from their
    /// fixed lists, and each belongs to the kinds it describes, so a stray value is refused rather than silently ignored.
    /// </summary>
    private static void ValidateAgentFields(TelemetryEvent e)
    {
        ValidateToolName(e.Tool);
        ValidateOptionalId("task_id", e.TaskId);
        ValidateOptionalId("attempt_id", e.AttemptId);
        ValidateOptionalId("variant", e.Variant);
        if (e.Ok is not null && e.Kind != AgentKinds.ToolResult)
        {
            throw new TelemetryValidationException("ok", $"ok describes a tool_result; kind {Show(e.Kind)} cannot carry it.");
        }

        if (!string.IsNullOrEmpty(e.ErrorCategory))
        {
            if (!ErrorCategories.IsKnown(e.ErrorCategory))
            {
                throw new TelemetryValidationException("error_category", $"error_category {Show(e.ErrorCategory)} is refused: use one of {string.Join(", ", ErrorCategories.All)}.");
            }

            if (e.Kind is not (AgentKinds.Error or AgentKinds.ApiError))
            {
                throw new TelemetryValidationException("error_category", $"error_category describes an error; kind {Show(e.Kind)} cannot carry it (use --kind error).");
            }
        }

        if (!string.IsNullOrEmpty(e.ErrorFingerprint)
            && (e.ErrorFingerprint.Length != ErrorClassifier.FingerprintLength || !AllLowerHex(e.ErrorFingerprint) || string.IsNullOrEmpty(e.ErrorCategory)))
        {
            throw new TelemetryValidationException("error_fingerprint", $"error_fingerprint must be {ErrorClassifier.FingerprintLength} lower-case hex characters from the classifier, beside an error_category.");
        }

        if (!string.IsNullOrEmpty(e.Outcome))
        {
            if (!Outcomes.IsKnown(e.Outcome))
            {
                throw new TelemetryValidationException("outcome", $"outcome {Show(e.Outcome)} is refused: use success, failure or abandoned.");
            }

            if (e.Kind != AgentKinds.SessionEnd)
            {
                throw new TelemetryValidationException("outcome", $"outcome describes a finished run; kind {Show(e.Kind)} cannot carry it (use --kind session_end).");
            }
        }

        if (e.Attempt is long attempt)
        {
            if (attempt < 1 || attempt > MaxAttempt)
            {
                throw new TelemetryValidationException("attempt", $"attempt must be a whole number from 1 to {MaxAttempt}; got {attempt}.");
            }

            if (e.Kind is not (AgentKinds.SessionStart or AgentKinds.SessionEnd))
            {
                throw new TelemetryValidationException("attempt", $"attempt describes a run's start or end; kind {Show(e.Kind)} cannot carry it (use session_start or session_end).");
            }
        }
    }

    /// <summary>task_id, attempt_id and variant: identifiers under the session id's rules, never text.</summary>
    public static void ValidateOptionalId(string field, string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return;
        }

        if (value.Length > MaxSessionIdLength || !char.IsAsciiLetterOrDigit(value[0]) || !AllSessionIdChars(value))
        {
            throw new TelemetryValidationException(field, $"{field} {Show(value)} is refused: use at most {MaxSessionIdLength} letters, digits and . _ - : + starting with a letter or digit." + ContentLikeness.Hint(value));
        }
    }


    public static void ValidateSessionId(string? value)
    {
        const string field = "session_id";
        if (string.IsNullOrEmpty(value))
        {
            throw new TelemetryValidationException(field, "session_id is required and may not be empty.");
        }

        if (value.Length > MaxSessionIdLength)
        {
            throw new TelemetryValidationException(field, $"session_id is {value.Length} characters long; at most {MaxSessionIdLength} are allowed." + ContentLikeness.Hint(value));
        }

        if (!char.IsAsciiLetterOrDigit(value[0]) || !AllSessionIdChars(value))
        {
            throw new TelemetryValidationException(field, $"session_id {Show(value)} is refused: use letters, digits and . _ - : + only, starting with a letter or digit (no spaces, path separators or control characters)." + ContentLikeness.Hint(value));
        }

        RefuseProse(field, value);
    }

    /// <summary>A name, id or kind that reads as a sentence is refused, whatever its characters (ProseShape).</summary>
    private static void RefuseProse(string field, string value, int maxWordLikeParts = ProseShape.MaxWordLikeParts)
    {
        string why = ProseShape.Why(value, maxWordLikeParts);
        if (why.Length > 0)
        {
            throw new TelemetryValidationException(field, $"{field} {Show(value)} is refused: {why}. It looks like text, and the store keeps no text.");
        }
    }

    /// <summary>system, context, role, provider and tier: one short name, without spaces, not prose-like.</summary>
    public static void ValidateName(string field, string? value, bool required)
    {
        if (string.IsNullOrEmpty(value))
        {
            if (required)
            {
                throw new TelemetryValidationException(field, $"{field} is required and may not be empty.");
            }

            return;
        }

        if (value.Length > MaxNameLength)
        {
            throw new TelemetryValidationException(field, $"{field} is {value.Length} characters long; at most {MaxNameLength} are allowed, so that it cannot carry text." + ContentLikeness.Hint(value));
        }

        foreach (char c in value)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-' or ':' or '+'))
            {
                throw new TelemetryValidationException(field, $"{field} {Show(value)} is refused: character {DescribeChar(c)} is not allowed; a name is letters, digits and . _ - : + only, without spaces." + ContentLikeness.Hint(value));
            }
        }

        RefuseProse(field, value);
    }

    public static void ValidateKind(string? value)
    {
        const string field = "kind";
        if (string.IsNullOrEmpty(value))
        {
            throw new TelemetryValidationException(field, "kind is required and may not be empty.");
        }

        if (value.Length > MaxNameLength || !char.IsAsciiLetterLower(value[0]) || !AllKindChars(value))
        {
            throw new TelemetryValidationException(field, $"kind {Show(value)} is refused: use at most {MaxNameLength} lower-case letters, digits and . _ - : starting with a letter (for example user_message)." + ContentLikeness.Hint(value));
        }

        RefuseProse(field, value);
        if (!IsKnownKind(value))
        {
            throw new TelemetryValidationException(field, $"kind {Show(value)} is refused: it is in no event family. Use a kind of schemas/index.json ({string.Join(", ", ContractRegistry.Embedded.Families.SelectMany(f => f.Kinds))}) or your own {UserCodes.Prefix}<code> (1 to {UserCodes.MaxCodeLength} characters of a-z 0-9 _ -).");
        }
    }

    /// <summary>
    /// A kind some family of the registry lists, or a user's own x.&lt;code&gt;. The two turn kinds a hook appends are
    /// known without loading the registry (ContractTests checks the registry lists them).
    /// </summary>
    public static bool IsKnownKind(string kind) =>
        kind is EventKinds.UserMessage or EventKinds.AssistantMessage || UserCodes.IsUserCode(kind) || ContractRegistry.Embedded.DeclaresKind(kind);

    /// <summary>IsKnownKind over the UTF-8 bytes of a stored row: readers skip a row of an unknown kind, as writers refuse it.</summary>
    public static bool IsKnownKind(ReadOnlySpan<byte> kind)
    {
        if (kind.SequenceEqual("user_message"u8) || kind.SequenceEqual("assistant_message"u8) || UserCodes.IsUserCode(kind))
        {
            return true;
        }

        foreach (byte[] declared in DeclaredKinds.Value)
        {
            if (kind.SequenceEqual(declared))
            {
                return true;
            }
        }

        return false;
    }

    private static readonly Lazy<byte[][]> DeclaredKinds = new(() =>
        ContractRegistry.Embedded.Families.SelectMany(f => f.Kinds).Select(System.Text.Encoding.UTF8.GetBytes).ToArray());

    public static void ValidateModel(string? value) => ValidateModelName("model", value);

    /// <summary>A tool name follows the model name's rules (mcp__server__tool, Bash, apply_patch).</summary>
    public static void ValidateToolName(string? value) => ValidateModelName("tool", value);

    /// <summary>
    /// Model ids, and the other names that follow their rules (tool names, the class and feature names of quality
    /// snapshots): up to 128 letters, digits and . _ - : + @ /, nothing that looks like a path, a URL or an e-mail address.
    /// </summary>
    public static void ValidateModelName(string field, string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return;
        }

        if (value.Length > MaxModelLength)
        {
            throw new TelemetryValidationException(field, $"{field} is {value.Length} characters long; at most {MaxModelLength} are allowed.");
        }

        foreach (char c in value)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-' or ':' or '+' or '@' or '/'))
            {
                throw new TelemetryValidationException(field, $"{field} {Show(value)} is refused: character {DescribeChar(c)} is not allowed; use letters, digits and . _ - : + @ / only." + ContentLikeness.Hint(value));
            }
        }

        if (value[0] is '/' or '.' || value.Contains(":/", StringComparison.Ordinal) || value.Contains("//", StringComparison.Ordinal) || value.Contains("..", StringComparison.Ordinal))
        {
            throw new TelemetryValidationException(field, $"{field} {Show(value)} is refused: it looks like a path or a URL.");
        }

        int slash = value.IndexOf('/');
        if (value.Contains("/.", StringComparison.Ordinal) || (slash > 0 && IsDomainLike(value.AsSpan(0, slash))))
        {
            throw new TelemetryValidationException(field, $"{field} {Show(value)} is refused: it looks like a path or a URL.");
        }

        int at = value.IndexOf('@');
        if (at > 0 && value.IndexOf('.', at) > at + 1 && ContainsAsciiLetter(value.AsSpan(at + 1)))
        {
            throw new TelemetryValidationException(field, $"{field} {Show(value)} is refused: it looks like an e-mail address.");
        }

        RefuseProse(field, value, ProseShape.MaxModelWordLikeParts);
    }

    /// <summary>
    /// A marker comes from a vocabulary of the contract registry: the detector's corr.* rules, the importers' markers,
    /// or a user's own short code x.&lt;code&gt;. Anything else could spell a note, so it is refused.
    /// </summary>
    public static void ValidateMarker(string? marker) => MarkerFamily(marker);

    private static MarkerFamily MarkerFamily(string? marker)
    {
        if (string.IsNullOrEmpty(marker) || marker.Length > MaxMarkerLength
            || !AllKindChars(marker))
        {
            throw new TelemetryValidationException("markers", $"marker {Show(marker ?? "")} is refused: a marker is 1 to {MaxMarkerLength} characters of a-z 0-9 . _ : - (a short content-free token such as corr.strong.1)." + ContentLikeness.Hint(marker));
        }

        return ContractRegistry.Embedded.MarkerFamilyOf(marker)
            ?? throw new TelemetryValidationException("markers", $"marker {Show(marker)} is refused: it is in no marker vocabulary. Markers are {ContractRegistry.Embedded.VocabularyText()} (schemas/index.json).");
    }

    /// <summary>
    /// The markers of an event of this (already valid) kind: each from a vocabulary, and from one its family declares
    /// (schemas/index.json: a family's "markers"), so a tool result cannot carry a correction, say.
    /// </summary>
    private static void ValidateMarkers(string kind, IReadOnlyList<string> markers)
    {
        if (markers.Count > MaxMarkers)
        {
            throw new TelemetryValidationException("markers", $"{markers.Count} markers on one event; at most {MaxMarkers} are allowed.");
        }

        Dictionary<string, int>? perFamily = null;
        TelemetryFamily? eventFamily = null;
        foreach (string m in markers)
        {
            if (kind is EventKinds.UserMessage or EventKinds.AssistantMessage
                && m.StartsWith(CorrectionMarkers.Prefix, StringComparison.Ordinal) && CorrectionMarkers.IsMarker(m))
            {
                // The detector's own on a turn (the conversation family carries them; ContractTests checks it):
                // checked without loading the registry, which a hook's append never needs.
                continue;
            }

            var family = MarkerFamily(m);
            eventFamily ??= ContractRegistry.Embedded.FamilyOfKind(kind);
            if (!Lists(eventFamily.Markers, family.Name))
            {
                throw new TelemetryValidationException("markers", $"marker {Show(m)} of family {family.Name} is refused on kind {kind}: events of family {eventFamily.Name} carry markers of {string.Join(", ", eventFamily.Markers)} only (schemas/index.json).");
            }

            if (family.MaxPerEvent > 0)
            {
                perFamily ??= new Dictionary<string, int>(StringComparer.Ordinal);
                int n = perFamily[family.Name] = perFamily.GetValueOrDefault(family.Name) + 1;
                if (n > family.MaxPerEvent)
                {
                    throw new TelemetryValidationException("markers", $"more than {family.MaxPerEvent} {family.Name}. markers on one event; at most {family.MaxPerEvent} are allowed, so that they cannot spell a note.");
                }
            }
        }
    }

    private static bool Lists(IReadOnlyList<string> names, string name)
    {
        foreach (string n in names)
        {
            if (n == name)
            {
                return true;
            }
        }

        return false;
    }

    private static void ValidateOptionalCount(string field, long? value, long max)
    {
        if (value is long v && (ulong)v > (ulong)max)
        {
            throw new TelemetryValidationException(field, $"{field} must be a whole number from 0 to {max}; got {v}.");
        }
    }

    /// <summary>user holds a hash, never a name: exactly 16 lower-case hex characters (see UserIdentity.Hash).</summary>
    public static void ValidateUser(string? value)
    {
        if (!string.IsNullOrEmpty(value) && (value.Length != 16 || !AllLowerHex(value)))
        {
            throw new TelemetryValidationException("user", "user must be the 16 hex characters of the identity's keyed hash (UserIdentity.Hash), never the identity itself.");
        }
    }

    public static void ValidateEventId(string? value)
    {
        if (!string.IsNullOrEmpty(value) && (value.Length > MaxEventIdLength || !AllEventIdChars(value)))
        {
            throw new TelemetryValidationException("event_id", $"event_id {Show(value)} is refused: use 1 to {MaxEventIdLength} letters, digits and . _ - : only.");
        }
    }

    private static void ValidateCacheWrite1h(long? oneHour, long? cacheWrite)
    {
        ValidateOptionalCount("cache_write_1h_tokens", oneHour, MaxTokens);
        if (oneHour is long h && h > (cacheWrite ?? 0))
        {
            throw new TelemetryValidationException("cache_write_1h_tokens", $"cache_write_1h_tokens ({h}) is part of cache_write_tokens ({cacheWrite ?? 0}) and cannot exceed it.");
        }
    }

    private static void ValidateTokens(string field, long value)
    {
        if (!RowRules.IsTokenCount(value))
        {
            throw new TelemetryValidationException(field, $"{field} must be a whole number from 0 to {MaxTokens}; got {value}.");
        }
    }

    private static void ValidateCost(double value)
    {
        if (!RowRules.IsCost(value))
        {
            throw new TelemetryValidationException("cost_usd", $"cost_usd must be a finite number from 0 to {MaxCostUsd.ToString(CultureInfo.InvariantCulture)}; got {value.ToString(CultureInfo.InvariantCulture)}.");
        }
    }

    internal static void ValidateTimestamp(DateTimeOffset ts, DateTimeOffset now)
    {
        if (ts < EarliestTimestamp)
        {
            throw new TelemetryValidationException("ts", $"ts {ts.UtcDateTime.ToString("O", CultureInfo.InvariantCulture)} is before {EarliestTimestamp:yyyy-MM-dd}; that is not a real event time.");
        }

        if (ts > now + FutureTolerance)
        {
            throw new TelemetryValidationException("ts", $"ts {ts.UtcDateTime.ToString("O", CultureInfo.InvariantCulture)} lies more than a day in the future.");
        }
    }

    /// <summary>Parses an ISO-8601 timestamp; a value without an offset is taken as UTC.</summary>
    public static DateTimeOffset ParseTimestamp(string text)
    {
        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var ts)
            && LooksLikeIso8601(text))
        {
            return ts;
        }

        // The right shape and a real calendar date, yet unparsable: the offset moves it past what a date can hold.
        if (LooksLikeIso8601(text) && DateTime.TryParseExact(text.AsSpan(0, 10), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _))
        {
            throw new TelemetryValidationException("ts", $"ts {Show(text)} is out of range: with its offset it lies beyond the year 9999; give a time from {EarliestTimestamp:yyyy-MM-dd} to now.");
        }

        throw new TelemetryValidationException("ts", $"ts {Show(text)} is not an ISO-8601 timestamp such as 2026-06-10T18:00:00Z.");
    }

    /// <summary>
    /// host.example.com: a dotted name ending in a letters-only label, as a URL's host would; the same test as the
    /// regular expression ^[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}$ (EventValidatorTests checks both agree) for
    /// text without line breaks, written out because System.Text.RegularExpressions cost every append milliseconds of
    /// start-up. Labels are the text between dots: at least two, none empty, all of letters, digits and '-', the last
    /// of two or more letters.
    /// </summary>
    internal static bool IsDomainLike(ReadOnlySpan<char> text)
    {
        int lastDot = text.LastIndexOf('.');
        if (lastDot < 0 || text.Length - lastDot - 1 < 2)
        {
            return false;
        }

        foreach (char c in text[(lastDot + 1)..])
        {
            if (!char.IsAsciiLetter(c))
            {
                return false;
            }
        }

        int labelLength = 0;
        foreach (char c in text[..(lastDot + 1)])
        {
            if (c == '.')
            {
                if (labelLength == 0)
                {
                    return false;
                }

                labelLength = 0;
            }
            else if (char.IsAsciiLetterOrDigit(c) || c == '-')
            {
                labelLength++;
            }
            else
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// The shape of the regular expression ^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d{1,7})?)?(Z|[+-]\d{2}(:?\d{2})?)?)?$,
    /// written out (EventValidatorTests checks both agree) so that an append with --ts loads no regular expressions.
    /// As in the expression, a digit is any Unicode decimal digit (\d) and the end may be followed by one line feed ($).
    /// </summary>
    internal static bool LooksLikeIso8601(ReadOnlySpan<char> text)
    {
        if (text.Length > 0 && text[^1] == '\n')
        {
            text = text[..^1];
        }

        int i = 0;
        if (!Digits(text, ref i, 4) || !Char(text, ref i, '-') || !Digits(text, ref i, 2) || !Char(text, ref i, '-') || !Digits(text, ref i, 2))
        {
            return false;
        }

        if (i == text.Length)
        {
            return true;
        }

        if (!(Char(text, ref i, 'T') || Char(text, ref i, ' ')) || !Digits(text, ref i, 2) || !Char(text, ref i, ':') || !Digits(text, ref i, 2))
        {
            return false;
        }

        if (Char(text, ref i, ':'))
        {
            if (!Digits(text, ref i, 2))
            {
                return false;
            }

            if (Char(text, ref i, '.'))
            {
                int start = i;
                while (i < text.Length && i - start < 7 && char.IsDigit(text[i]))
                {
                    i++;
                }

                if (i == start)
                {
                    return false;
                }
            }
        }

        if (i == text.Length)
        {
            return true;
        }

        if (Char(text, ref i, 'Z'))
        {
            return i == text.Length;
        }

        if (!(Char(text, ref i, '+') || Char(text, ref i, '-')) || !Digits(text, ref i, 2))
        {
            return false;
        }

        if (i == text.Length)
        {
            return true;
        }

        Char(text, ref i, ':');
        return Digits(text, ref i, 2) && i == text.Length;
    }

    private static bool Digits(ReadOnlySpan<char> text, ref int i, int count)
    {
        if (text.Length - i < count)
        {
            return false;
        }

        for (int k = 0; k < count; k++)
        {
            if (!char.IsDigit(text[i + k]))
            {
                return false;
            }
        }

        i += count;
        return true;
    }

    private static bool Char(ReadOnlySpan<char> text, ref int i, char c)
    {
        if (i < text.Length && text[i] == c)
        {
            i++;
            return true;
        }

        return false;
    }

    private static DateTimeOffset TruncateToMilliseconds(DateTimeOffset ts) =>
        new(ts.Ticks - (ts.Ticks % TimeSpan.TicksPerMillisecond), TimeSpan.Zero);

    private static string? NullIfEmpty(string? s) => string.IsNullOrEmpty(s) ? null : s;

    // Character rules as loops over char's own ASCII tests.
    private static bool AllSessionIdChars(string value)
    {
        foreach (char c in value)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-' or ':' or '+'))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>kind and marker characters: lower-case letters, digits and . _ - :</summary>
    private static bool AllKindChars(string value)
    {
        foreach (char c in value)
        {
            if (!(char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c is '.' or '_' or '-' or ':'))
            {
                return false;
            }
        }

        return true;
    }

    private static bool AllLowerHex(string value)
    {
        foreach (char c in value)
        {
            if (!(char.IsAsciiDigit(c) || c is >= 'a' and <= 'f'))
            {
                return false;
            }
        }

        return true;
    }

    private static bool AllEventIdChars(string value)
    {
        foreach (char c in value)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-' or ':'))
            {
                return false;
            }
        }

        return true;
    }

    private static bool ContainsAsciiLetter(ReadOnlySpan<char> text)
    {
        foreach (char c in text)
        {
            if (char.IsAsciiLetter(c))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The markers without repeats, in the order each first appears (as Enumerable.Distinct gives them).</summary>
    private static string[] DistinctMarkers(IReadOnlyList<string> markers)
    {
        var kept = new List<string>(markers.Count);
        foreach (string m in markers)
        {
            if (!kept.Contains(m))
            {
                kept.Add(m);
            }
        }

        return kept.ToArray();
    }

    private static string DescribeChar(char c) =>
        char.IsControl(c) || char.IsWhiteSpace(c) ? $"U+{(int)c:X4}" : $"'{c}'";

    /// <summary>
    /// Stands for a refused value in an error message without quoting it: what was refused may be the very text the
    /// store keeps out, and an error line ends up in terminals, CI logs and $Error.
    /// </summary>
    public static string Show(string value) => value.Length == 1 ? "(1 character)" : $"({value.Length} characters)";

    /// <summary>
    /// A value a message may name: quoted when it passes its field's rule (a name the store could hold, so not text),
    /// else shown only as its length (Show). Used where a message names what the user asked for: a system, a session.
    /// </summary>
    public static string ShowIfName(string? value, Action<string> rule)
    {
        if (string.IsNullOrEmpty(value))
        {
            return "(empty)";
        }

        try
        {
            rule(value);
            return $"'{value}'";
        }
        catch (TelemetryValidationException)
        {
            return Show(value);
        }
    }

    /// <summary>ShowIfName for system, context and other names.</summary>
    public static string ShowName(string? value) => ShowIfName(value, v => ValidateName("name", v, required: true));

    /// <summary>ShowIfName for model ids.</summary>
    public static string ShowModel(string? value) => ShowIfName(value, ValidateModel);

    /// <summary>ShowIfName for session ids.</summary>
    public static string ShowSessionId(string? value) => ShowIfName(value, ValidateSessionId);
}
