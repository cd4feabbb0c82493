// Reads one Codex rollout ($CODEX_HOME/sessions/YYYY/MM/DD/rollout-*.jsonl) into content-free records. Rules (quoted
// in the README's "Importing logs" section):
// - One session per rollout, its id from session_meta (else the uuid at the end of the file name).
// - Tokens come from event_msg lines of payload.type token_count, using last_token_usage while the cumulative
//   total_token_usage advances; a repeated total is a duplicate and counts nothing; without last_token_usage the
//   difference of totals is used. input_tokens includes cached_input_tokens, so tokens_in = input − cached and
//   cache_read = cached; output_tokens already includes the reasoning tokens, which bill as output.
// - The model is the latest turn_context's (or one named on the token_count itself).
// - event_msg user_message is the user's turn (detector markers only); turn_aborted is an interruption, error an
//   API error (its message classified into a category and fingerprint, then dropped); function and tool calls are
//   counted by their outputs, an output with a non-zero exit code marked tool.error, each with the tool's name from
//   the call of the same call_id earlier in the file (never its arguments or output). Rollouts older than September 2025 have no token_count lines (and older ones no wrapper): their
//   turns and tools are imported, their tokens and cost are unknown.
// The parser's running state (session, model, last totals) is kept per file so an import can continue mid-file.
using System.Text;
using System.Text.Json;
using ZosTelemetry.Detection;
using System.Runtime.CompilerServices;

namespace ZosTelemetry.Import;

/// <summary>The Codex parser's state at a point of a rollout file, saved with the file's import position.</summary>
public sealed class CodexCursor
{
    public string? SessionId { get; set; }

    public string? Model { get; set; }

    /// <summary>The last cumulative total_token_usage: input, cached input, output, reasoning, total.</summary>
    public long[]? Totals { get; set; }

    /// <summary>The rollout predates the {timestamp, type, payload} wrapper: lines are bare response items.</summary>
    public bool Legacy { get; set; }

    /// <summary>The session's start, the only time a legacy rollout records.</summary>
    public DateTimeOffset? Start { get; set; }

    public CodexCursor Clone() => new() { SessionId = SessionId, Model = Model, Totals = Totals?.ToArray(), Legacy = Legacy, Start = Start };
}

internal static class CodexParser
{
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static LogFileParse Parse(string path, long offset, CodexCursor? cursor, int detectorVersion, CancellationToken cancel)
    {
        // The repeat signal compares each user turn with the previous one of its session, in memory, within this file.
        var turns = new SessionTurns(detectorVersion);
        var state = cursor?.Clone() ?? new CodexCursor();
        var result = new LogFileParse { ResumeOffset = offset, Cursor = state };
        var toolNames = new Dictionary<string, string>(StringComparer.Ordinal);
        var line = new CodexLine();
        using (var reader = new LogLineReader(path, offset))
        {
            while (reader.TryReadLine(out var span))
            {
                if ((++result.Lines & 255) == 0)
                {
                    cancel.ThrowIfCancellationRequested();
                }

                if (span.Trim(" \t"u8).IsEmpty)
                {
                    if (!reader.Unterminated)
                    {
                        result.ResumeOffset = reader.LineEnd;
                    }

                    continue;
                }

                line.Reset();
                if (!line.TryParse(span))
                {
                    if (reader.Unterminated)
                    {
                        break;
                    }

                    result.MalformedLines++;
                    result.ResumeOffset = reader.LineEnd;
                    continue;
                }

                result.ResumeOffset = reader.LineEnd;
                Apply(line, reader.LineStart, state, path, result, turns, toolNames);
            }

            result.BytesRead = reader.BytesRead;
        }

        return result;
    }

    private static void Apply(CodexLine line, long lineOffset, CodexCursor state, string path, LogFileParse result, SessionTurns turns, Dictionary<string, string> toolNames)
    {
        if (line.Type is null && line.PayloadType is null && line.Id is not null && !line.HasPayload)
        {
            // The first line of a legacy rollout: {"id", "timestamp", "instructions"}.
            state.Legacy = true;
            state.SessionId ??= RefusedValues.SessionId(LogSources.CodexSystem, line.Id);
            state.Start ??= line.Timestamp;
            return;
        }

        switch (line.Type)
        {
            case "session_meta":
                // The cursor is saved in import-state.json: it holds only what the store would keep (RefusedValues).
                state.SessionId ??= line.Id is null ? null : RefusedValues.SessionId(LogSources.CodexSystem, line.Id);
                state.Start ??= line.Timestamp;
                return;
            case "turn_context":
                state.Model = RefusedValues.Model(line.Model) ?? state.Model;
                return;
        }

        DateTimeOffset? ts = line.Timestamp ?? (state.Legacy ? state.Start : null);
        if (ts is not DateTimeOffset when)
        {
            if (line.Type is "event_msg" or "response_item" || state.Legacy)
            {
                result.MalformedLines++;
            }

            return;
        }

        string session = state.SessionId ??= SessionIdFromFileName(path);
        string offsetText = lineOffset.ToString(System.Globalization.CultureInfo.InvariantCulture);
        if (line.Type == "event_msg")
        {
            switch (line.PayloadType)
            {
                case "token_count":
                    AddUsage(line, lineOffset, when, session, state, result);
                    break;
                case "user_message" when line.Text is not null:
                    AddUser(LogRecordKind.UserTurn, line.Text, lineOffset, when, session, result, turns);
                    break;
                case "turn_aborted":
                    AddUser(LogRecordKind.Interrupt, null, lineOffset, when, session, result, turns);
                    break;
                case "error":
                    var (eid, ekey) = ImportKeys.Make("cx:e:", session, offsetText);
                    var error = Events.ErrorClassifier.Classify(line.Text);
                    result.Records.Add(new LogRecord
                    {
                        Kind = LogRecordKind.ApiError, LineOffset = lineOffset, Timestamp = when, SessionId = session, EventId = eid, Key = ekey,
                        ErrorCategory = error.Category, ErrorFingerprint = error.Fingerprint,
                    });
                    break;
            }

            return;
        }

        // A wrapped rollout's response_item, or a legacy rollout's bare item (which marks the rollout as legacy).
        string? itemType = line.HasPayload ? (line.Type == "response_item" ? line.PayloadType : null) : line.Type;
        if (itemType is null)
        {
            return;
        }

        if (!line.HasPayload)
        {
            state.Legacy = true;
        }

        switch (itemType)
        {
            case "function_call" or "custom_tool_call" when line.CallId is not null && line.Name is not null:
                toolNames[line.CallId] = line.Name;
                break;

            case "function_call_output" or "custom_tool_call_output":
            {
                var (id, key) = ImportKeys.Make("cx:r:", session, line.CallId ?? offsetText);
                result.Records.Add(new LogRecord
                {
                    Kind = LogRecordKind.ToolResult, LineOffset = lineOffset, Timestamp = when, SessionId = session, EventId = id, Key = key,
                    IsError = line.ExitCode is int code && code != 0,
                    Tool = line.CallId is not null && toolNames.TryGetValue(line.CallId, out string? tool) ? tool : null,
                });
                break;
            }

            case "message" when state.Legacy && line.Role == "user" && line.Text is not null && !line.Text.TrimStart().StartsWith('<'):
                // Legacy rollouts have no user_message events: the user's input items are the turns, less the
                // <environment_context> and <user_instructions> blocks Codex adds itself.
                AddUser(LogRecordKind.UserTurn, line.Text, lineOffset, when, session, result, turns);
                break;
        }
    }

    private static void AddUsage(CodexLine line, long lineOffset, DateTimeOffset when, string session, CodexCursor state, LogFileParse result)
    {
        long[]? total = line.Total;
        long[]? previous = state.Totals;
        bool advanced = total is null || previous is null || !total.AsSpan().SequenceEqual(previous);
        long[]? raw = (advanced ? line.Last : null) ?? (total is null ? null : Subtract(total, previous));
        if (total is not null)
        {
            state.Totals = total;
        }

        if (raw is null || (raw[0] == 0 && raw[1] == 0 && raw[2] == 0 && raw[3] == 0))
        {
            if (total is not null || line.Last is not null)
            {
                result.Duplicates += advanced ? 0 : 1;
            }

            return;
        }

        var (id, key) = ImportKeys.Make("cx:m:", session, lineOffset.ToString(System.Globalization.CultureInfo.InvariantCulture));
        result.Records.Add(new LogRecord
        {
            Kind = LogRecordKind.Assistant,
            LineOffset = lineOffset,
            Timestamp = when,
            SessionId = session,
            EventId = id,
            Key = key,
            Model = line.Model ?? line.InfoModel ?? state.Model,
            HasUsage = true,
            TokensIn = Math.Max(0, raw[0] - raw[1]),
            CacheRead = Math.Min(raw[0], raw[1]),
            TokensOut = raw[2],
        });
    }

    private static void AddUser(LogRecordKind kind, string? text, long lineOffset, DateTimeOffset when, string session, LogFileParse result, SessionTurns turns)
    {
        var (id, key) = ImportKeys.Make(kind == LogRecordKind.UserTurn ? "cx:u:" : "cx:i:", session, lineOffset.ToString(System.Globalization.CultureInfo.InvariantCulture));
        result.Records.Add(new LogRecord
        {
            Kind = kind, LineOffset = lineOffset, Timestamp = when, SessionId = session, EventId = id, Key = key,
            Markers = text is null ? Array.Empty<string>() : CorrectionDetector.MarkersToStore(turns.Detect(session, text)),
        });
    }

    private static long[] Subtract(long[] total, long[]? previous)
    {
        var d = new long[total.Length];
        for (int i = 0; i < d.Length; i++)
        {
            d[i] = Math.Max(0, total[i] - (previous is not null && i < previous.Length ? previous[i] : 0));
        }

        return d;
    }

    /// <summary>
    /// The exit code a shell call's output reports, read from the raw JSON string without decoding the output:
    /// newer rollouts start the text with "Exit code: N", older ones wrap it as {"output": …, "metadata": {"exit_code": N}}.
    /// </summary>
    internal static int? ExitCodeOf(ReadOnlySpan<byte> raw)
    {
        if (raw.StartsWith("Exit code: "u8))
        {
            return Digits(raw["Exit code: "u8.Length..]);
        }

        int at = raw.LastIndexOf("\\\"exit_code\\\":"u8);
        return at < 0 ? null : Digits(raw[(at + "\\\"exit_code\\\":"u8.Length)..].TrimStart(" "u8));
    }

    private static int? Digits(ReadOnlySpan<byte> s)
    {
        bool negative = s.Length > 0 && s[0] == (byte)'-';
        int i = negative ? 1 : 0, value = 0, start = i;
        while (i < s.Length && i - start < 9 && s[i] is >= (byte)'0' and <= (byte)'9')
        {
            value = (value * 10) + (s[i++] - '0');
        }

        return i == start ? null : negative ? -value : value;
    }

    /// <summary>rollout-2025-10-01T10-00-00-&lt;uuid&gt;.jsonl ends in the session's uuid.</summary>
    internal static string SessionIdFromFileName(string path)
    {
        string name = Path.GetFileNameWithoutExtension(path);
        if (name.Length >= 36 && Guid.TryParse(name.AsSpan(name.Length - 36), out _))
        {
            return name[^36..];
        }

        return "cx-" + ImportKeys.Make("cx:f:", name).EventId[^24..];
    }

    /// <summary>The fields of one rollout line that matter; payload fields and a legacy bare item's fields land alike.</summary>
    private sealed class CodexLine
    {
        private const int MaxTextChars = CorrectionDetector.MaxAnalysedChars;

        public DateTimeOffset? Timestamp;
        public string? Type;
        public bool HasPayload;
        public string? PayloadType;
        public string? Id;
        public string? Model;
        public string? InfoModel;
        public string? Role;
        public string? Text;
        public string? CallId;
        public string? Name;
        public int? ExitCode;
        public long[]? Total;
        public long[]? Last;

        public void Reset()
        {
            Timestamp = null;
            Type = PayloadType = Id = Model = InfoModel = Role = Text = CallId = Name = null;
            HasPayload = false;
            ExitCode = null;
            Total = Last = null;
        }

        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public bool TryParse(ReadOnlySpan<byte> json)
        {
            try
            {
                var r = new Utf8JsonReader(json, new JsonReaderOptions { MaxDepth = 256 });
                if (!r.Read() || r.TokenType != JsonTokenType.StartObject)
                {
                    return false;
                }

                while (r.Read() && r.TokenType == JsonTokenType.PropertyName)
                {
                    if (r.ValueTextEquals("timestamp"u8)) { r.Read(); Timestamp = r.TokenType == JsonTokenType.String && r.TryGetDateTimeOffset(out var t) ? t : null; }
                    else if (r.ValueTextEquals("type"u8)) { r.Read(); Type = String(ref r); }
                    else if (r.ValueTextEquals("payload"u8))
                    {
                        r.Read();
                        if (r.TokenType == JsonTokenType.StartObject)
                        {
                            HasPayload = true;
                            ParseItem(ref r, payload: true);
                        }
                        else
                        {
                            r.Skip();
                        }
                    }
                    else
                    {
                        ParseItemProperty(ref r, payload: false);
                    }
                }

                return r.TokenType == JsonTokenType.EndObject;
            }
            catch (JsonException)
            {
                return false;
            }
            catch (InvalidOperationException)
            {
                return false;
            }
        }

        private void ParseItem(ref Utf8JsonReader r, bool payload)
        {
            while (r.Read() && r.TokenType == JsonTokenType.PropertyName)
            {
                if (payload && r.ValueTextEquals("type"u8)) { r.Read(); PayloadType = String(ref r); }
                else { ParseItemProperty(ref r, payload); }
            }
        }

        /// <summary>One property of a payload or of a legacy bare item; the reader is on its name.</summary>
        private void ParseItemProperty(ref Utf8JsonReader r, bool payload)
        {
            if (r.ValueTextEquals("id"u8)) { r.Read(); Id = String(ref r); }
            else if (r.ValueTextEquals("model"u8)) { r.Read(); Model = NullIfEmpty(String(ref r)); }
            else if (r.ValueTextEquals("role"u8)) { r.Read(); Role = String(ref r); }
            else if (r.ValueTextEquals("call_id"u8)) { r.Read(); CallId = NullIfEmpty(String(ref r)); }
            else if (r.ValueTextEquals("name"u8)) { r.Read(); Name = NullIfEmpty(String(ref r)); }
            else if (payload && r.ValueTextEquals("message"u8))
            {
                r.Read();
                if (r.TokenType == JsonTokenType.String)
                {
                    Text = DecodeHead(ref r);
                }
                else
                {
                    r.Skip();
                }
            }
            else if (r.ValueTextEquals("content"u8))
            {
                r.Read();
                if (r.TokenType == JsonTokenType.StartArray)
                {
                    ParseContent(ref r);
                }
                else
                {
                    r.Skip();
                }
            }
            else if (r.ValueTextEquals("output"u8))
            {
                r.Read();
                if (r.TokenType == JsonTokenType.String)
                {
                    ExitCode = CodexParser.ExitCodeOf(r.ValueSpan);
                }
                else
                {
                    r.Skip();
                }
            }
            else if (payload && r.ValueTextEquals("info"u8))
            {
                r.Read();
                if (r.TokenType == JsonTokenType.StartObject)
                {
                    ParseInfo(ref r);
                }
                else
                {
                    r.Skip();
                }
            }
            else
            {
                r.Read();
                r.Skip();
            }
        }

        private void ParseContent(ref Utf8JsonReader r)
        {
            var texts = new StringBuilder();
            while (r.Read() && r.TokenType != JsonTokenType.EndArray)
            {
                if (r.TokenType != JsonTokenType.StartObject)
                {
                    r.Skip();
                    continue;
                }

                string? type = null, text = null;
                while (r.Read() && r.TokenType == JsonTokenType.PropertyName)
                {
                    if (r.ValueTextEquals("type"u8)) { r.Read(); type = String(ref r); }
                    else if (r.ValueTextEquals("text"u8)) { r.Read(); text = r.TokenType == JsonTokenType.String ? DecodeHead(ref r) : null; if (text is null) { r.Skip(); } }
                    else { r.Read(); r.Skip(); }
                }

                if (type is "input_text" or "text" && text is not null && texts.Length < MaxTextChars)
                {
                    texts.Append(texts.Length > 0 ? "\n" : "").Append(text);
                }
            }

            Text = texts.Length > 0 ? texts.ToString() : Text;
        }

        private void ParseInfo(ref Utf8JsonReader r)
        {
            while (r.Read() && r.TokenType == JsonTokenType.PropertyName)
            {
                if (r.ValueTextEquals("total_token_usage"u8)) { r.Read(); Total = Usage(ref r); }
                else if (r.ValueTextEquals("last_token_usage"u8)) { r.Read(); Last = Usage(ref r); }
                else if (r.ValueTextEquals("model"u8)) { r.Read(); InfoModel = NullIfEmpty(String(ref r)); }
                else { r.Read(); r.Skip(); }
            }
        }

        private static long[]? Usage(ref Utf8JsonReader r)
        {
            if (r.TokenType != JsonTokenType.StartObject)
            {
                r.Skip();
                return null;
            }

            var u = new long[5];
            while (r.Read() && r.TokenType == JsonTokenType.PropertyName)
            {
                int at = r.ValueTextEquals("input_tokens"u8) ? 0
                    : r.ValueTextEquals("cached_input_tokens"u8) ? 1
                    : r.ValueTextEquals("output_tokens"u8) ? 2
                    : r.ValueTextEquals("reasoning_output_tokens"u8) ? 3
                    : r.ValueTextEquals("total_tokens"u8) ? 4 : -1;
                r.Read();
                if (at >= 0 && r.TokenType == JsonTokenType.Number && r.TryGetInt64(out long v))
                {
                    u[at] = Math.Max(0, v);
                }
                else
                {
                    r.Skip();
                }
            }

            return u;
        }

        private static string DecodeHead(ref Utf8JsonReader r)
        {
            const int MaxBytes = MaxTextChars * 4;
            if (!r.ValueIsEscaped && r.ValueSpan.Length > MaxBytes)
            {
                return Encoding.UTF8.GetString(r.ValueSpan[..MaxBytes]);
            }

            return r.GetString() ?? "";
        }

        private static string? String(ref Utf8JsonReader r)
        {
            if (r.TokenType == JsonTokenType.String)
            {
                return r.GetString();
            }

            r.Skip();
            return null;
        }

        private static string? NullIfEmpty(string? s) => string.IsNullOrEmpty(s) ? null : s;
    }
}
