// Reads one Claude Code session log (~/.claude/projects/<project>/<session>.jsonl, and <session>/subagents/*.jsonl)
// into content-free records. Rules (the README's "Importing logs" section quotes them):
// - An assistant line with message.usage is one response. Claude Code writes a response once per content block and
//   a resumed session copies earlier lines, so copies share message.id + requestId: they count once, the most
//   complete copy (most tokens) winning, a main-thread copy over a subagent (sidechain) replay of it.
// - isApiErrorMessage lines become api_error events (no model, no tokens); other "<synthetic>" lines are skipped.
// - A user line's typed text (a string, or "text" items; never tool results) goes through the correction detector in
//   memory and only its markers are kept. Subagent prompts (isSidechain), meta and compact-summary lines, and
//   slash-command or shell echoes are not the user's turns. "[Request interrupted by user…" is an interruption.
// - Every tool_use item is a tool call and every tool_result a tool result, an is_error one marked tool.error;
//   no tool name, argument or output is read.
using System.Text;
using System.Text.Json;
using ZosTelemetry.Detection;

namespace ZosTelemetry.Import;

internal static class ClaudeCodeParser
{
    private const int MaxTextChars = CorrectionDetector.MaxAnalysedChars;

    public static LogFileParse Parse(string path, long offset, DateTimeOffset activeSince, CancellationToken cancel)
    {
        var result = new LogFileParse { ResumeOffset = offset };
        var groups = new Dictionary<ulong, int>();
        var groupStarts = new Dictionary<ulong, long>();
        long lastGroupStart = -1;
        var lastTimestamp = DateTimeOffset.MinValue;
        var line = new ClaudeLine();
        using (var reader = new LogLineReader(path, offset))
        {
            while (reader.TryReadLine(out var span))
            {
                if ((++result.Lines & 255) == 0)
                {
                    cancel.ThrowIfCancellationRequested();
                }

                if (span.IndexOf("\"message\""u8) < 0)
                {
                    if (!reader.Unterminated || span.Trim(" \t"u8).IsEmpty)
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
                        break; // still being written: read it next time
                    }

                    result.MalformedLines++;
                    result.ResumeOffset = reader.LineEnd;
                    continue;
                }

                result.ResumeOffset = reader.LineEnd;
                if (line.Timestamp is not DateTimeOffset ts || string.IsNullOrEmpty(line.SessionId))
                {
                    result.MalformedLines++;
                    continue;
                }

                if (ts > lastTimestamp)
                {
                    lastTimestamp = ts;
                }

                if (line.Type == "assistant")
                {
                    AddAssistant(line, ts, reader.LineStart, result, groups, groupStarts, ref lastGroupStart);
                }
                else if (line.Type == "user")
                {
                    AddUser(line, ts, reader.LineStart, result);
                }
            }

            result.BytesRead = reader.BytesRead;
        }

        // A session still being written may have the last response half-written (its final usage comes in a later
        // copy): leave that response and what follows it for the next import.
        if (lastTimestamp >= activeSince && lastGroupStart >= 0 && lastGroupStart < result.ResumeOffset)
        {
            result.Records.RemoveAll(r => r.LineOffset >= lastGroupStart);
            result.ResumeOffset = lastGroupStart;
        }

        DropSidechainReplays(result);
        return result;
    }

    private static void AddAssistant(ClaudeLine line, DateTimeOffset ts, long lineOffset, LogFileParse result,
        Dictionary<ulong, int> groups, Dictionary<ulong, long> groupStarts, ref long lastGroupStart)
    {
        string session = line.SessionId!;
        foreach (var (toolId, index) in line.ToolUseIds.Select((id, i) => (id, i)))
        {
            var (id, key) = toolId is null
                ? ImportKeys.Make("cc:t:", session, Offset(lineOffset), Offset(index))
                : ImportKeys.Make("cc:t:", toolId);
            result.Records.Add(new LogRecord
            {
                Kind = LogRecordKind.ToolCall, LineOffset = lineOffset, Timestamp = ts, SessionId = session,
                Sidechain = line.Sidechain, EventId = id, Key = key,
            });
        }

        bool apiError = line.ApiError;
        if (!apiError && (line.Model == "<synthetic>" || (!line.HasUsage && line.MessageId is null)))
        {
            return; // Claude Code's own placeholder replies, or a line with nothing countable
        }

        string prefix = apiError ? "cc:e:" : "cc:m:";
        var (eventId, eventKey) = line.MessageId is null
            ? ImportKeys.Make(prefix, "line", line.Uuid ?? session + ":" + Offset(lineOffset))
            : line.RequestId is null
                ? ImportKeys.Make(prefix, line.MessageId, null, session)
                : ImportKeys.Make(prefix, line.MessageId, line.RequestId);
        ImportKey? replayKey = line.MessageId is null || apiError ? null : ImportKeys.KeyOnly("cc:replay:", session, line.MessageId);
        var record = new LogRecord
        {
            Kind = apiError ? LogRecordKind.ApiError : LogRecordKind.Assistant,
            LineOffset = lineOffset,
            Timestamp = ts,
            SessionId = session,
            Sidechain = line.Sidechain,
            EventId = replayKey is ImportKey k && !line.Sidechain ? ImportKeys.WithReplay(eventId, k) : eventId,
            Key = eventKey,
            ReplayKey = replayKey,
            Model = apiError || line.Model == "<synthetic>" ? null : line.Model,
            HasUsage = line.HasUsage && !apiError,
            TokensIn = line.InputTokens,
            TokensOut = line.OutputTokens,
            CacheRead = line.CacheReadTokens,
            CacheWrite = line.CacheWriteTokens,
            CacheWrite1h = line.CacheWrite1hTokens,
            LogCost = line.CostUsd,
        };

        if (groups.TryGetValue(eventKey.Value, out int at))
        {
            result.Duplicates++;
            if (Replaces(record, result.Records[at]))
            {
                result.Records[at] = record with { LineOffset = result.Records[at].LineOffset };
            }
        }
        else
        {
            groups[eventKey.Value] = result.Records.Count;
            groupStarts[eventKey.Value] = lineOffset;
            result.Records.Add(record);
        }

        lastGroupStart = groupStarts[eventKey.Value];
    }

    /// <summary>ccusage's rule: a main-thread copy beats a sidechain one; otherwise the copy with more tokens.</summary>
    internal static bool Replaces(LogRecord candidate, LogRecord existing)
    {
        if (candidate.Sidechain != existing.Sidechain)
        {
            return existing.Sidechain;
        }

        return candidate.TotalTokens > existing.TotalTokens;
    }

    private static void AddUser(ClaudeLine line, DateTimeOffset ts, long lineOffset, LogFileParse result)
    {
        string session = line.SessionId!;
        for (int i = 0; i < line.ToolResults.Count; i++)
        {
            var (toolId, isError) = line.ToolResults[i];
            var (id, key) = toolId is null
                ? ImportKeys.Make("cc:r:", session, Offset(lineOffset), Offset(i))
                : ImportKeys.Make("cc:r:", toolId);
            result.Records.Add(new LogRecord
            {
                Kind = LogRecordKind.ToolResult, LineOffset = lineOffset, Timestamp = ts, SessionId = session,
                Sidechain = line.Sidechain, EventId = id, Key = key, IsError = isError,
            });
        }

        if (line.Texts.Count == 0 || line.Sidechain || line.Meta || line.CompactSummary)
        {
            return;
        }

        string text = line.Texts.Count == 1 ? line.Texts[0] : string.Join('\n', line.Texts);
        string head = text.TrimStart();
        bool interrupt = head.StartsWith("[Request interrupted by user", StringComparison.Ordinal);
        if (!interrupt && IsNotATurn(head))
        {
            return;
        }

        var (eventId, eventKey) = ImportKeys.Make("cc:u:", line.Uuid ?? session + ":" + Offset(lineOffset));
        result.Records.Add(new LogRecord
        {
            Kind = interrupt ? LogRecordKind.Interrupt : LogRecordKind.UserTurn,
            LineOffset = lineOffset,
            Timestamp = ts,
            SessionId = session,
            EventId = eventId,
            Key = eventKey,
            Markers = interrupt ? Array.Empty<string>() : CorrectionDetector.Detect(text).Markers,
        });
    }

    /// <summary>Echoes of slash commands and shell escapes that Claude Code writes as user lines.</summary>
    private static bool IsNotATurn(string head) =>
        head.Length == 0
        || head.StartsWith("<command-", StringComparison.Ordinal)
        || head.StartsWith("<local-command-", StringComparison.Ordinal)
        || head.StartsWith("<bash-", StringComparison.Ordinal)
        || head.StartsWith("<user-memory-input>", StringComparison.Ordinal)
        || head.StartsWith("Caveat: The messages below were generated by the user while running local commands", StringComparison.Ordinal);

    /// <summary>Subagent (sidechain) copies of a response that the main thread of the same file also has.</summary>
    private static void DropSidechainReplays(LogFileParse result)
    {
        HashSet<ulong>? main = null;
        foreach (var r in result.Records)
        {
            if (r.Kind == LogRecordKind.Assistant && !r.Sidechain && r.ReplayKey is ImportKey k)
            {
                (main ??= new HashSet<ulong>()).Add(k.Value);
            }
        }

        if (main is not null)
        {
            result.Duplicates += result.Records.RemoveAll(r =>
                r.Kind == LogRecordKind.Assistant && r.Sidechain && r.ReplayKey is ImportKey k && main.Contains(k.Value));
        }
    }

    private static string Offset(long value) => value.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The fields of one line that matter, parsed without materialising anything else.</summary>
    private sealed class ClaudeLine
    {
        public string? Type;
        public string? SessionId;
        public string? RequestId;
        public string? Uuid;
        public string? MessageId;
        public string? Model;
        public string? Role;
        public DateTimeOffset? Timestamp;
        public bool Sidechain;
        public bool Meta;
        public bool CompactSummary;
        public bool ApiError;
        public double? CostUsd;
        public bool HasUsage;
        public long InputTokens;
        public long OutputTokens;
        public long CacheWriteTokens;
        public long CacheReadTokens;
        public long? CacheWrite1hTokens;
        public readonly List<string> Texts = new();
        public readonly List<string?> ToolUseIds = new();
        public readonly List<(string? Id, bool IsError)> ToolResults = new();
        private int textChars;

        public void Reset()
        {
            Type = SessionId = RequestId = Uuid = MessageId = Model = Role = null;
            Timestamp = null;
            Sidechain = Meta = CompactSummary = ApiError = HasUsage = false;
            CostUsd = null;
            InputTokens = OutputTokens = CacheWriteTokens = CacheReadTokens = 0;
            CacheWrite1hTokens = null;
            Texts.Clear();
            ToolUseIds.Clear();
            ToolResults.Clear();
            textChars = 0;
        }

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
                    if (r.ValueTextEquals("type"u8)) { r.Read(); Type = String(ref r); }
                    else if (r.ValueTextEquals("sessionId"u8)) { r.Read(); SessionId = String(ref r); }
                    else if (r.ValueTextEquals("timestamp"u8)) { r.Read(); Timestamp = r.TokenType == JsonTokenType.String && r.TryGetDateTimeOffset(out var t) ? t : null; }
                    else if (r.ValueTextEquals("requestId"u8)) { r.Read(); RequestId = NullIfEmpty(String(ref r)); }
                    else if (r.ValueTextEquals("uuid"u8)) { r.Read(); Uuid = NullIfEmpty(String(ref r)); }
                    else if (r.ValueTextEquals("isSidechain"u8)) { r.Read(); Sidechain = r.TokenType == JsonTokenType.True; }
                    else if (r.ValueTextEquals("isMeta"u8)) { r.Read(); Meta = r.TokenType == JsonTokenType.True; }
                    else if (r.ValueTextEquals("isCompactSummary"u8)) { r.Read(); CompactSummary = r.TokenType == JsonTokenType.True; }
                    else if (r.ValueTextEquals("isApiErrorMessage"u8)) { r.Read(); ApiError = r.TokenType == JsonTokenType.True; }
                    else if (r.ValueTextEquals("costUSD"u8)) { r.Read(); CostUsd = r.TokenType == JsonTokenType.Number && r.TryGetDouble(out double c) && double.IsFinite(c) && c >= 0 ? c : null; }
                    else if (r.ValueTextEquals("message"u8))
                    {
                        r.Read();
                        if (r.TokenType == JsonTokenType.StartObject)
                        {
                            ParseMessage(ref r);
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

        private void ParseMessage(ref Utf8JsonReader r)
        {
            while (r.Read() && r.TokenType == JsonTokenType.PropertyName)
            {
                if (r.ValueTextEquals("id"u8)) { r.Read(); MessageId = NullIfEmpty(String(ref r)); }
                else if (r.ValueTextEquals("model"u8)) { r.Read(); Model = NullIfEmpty(String(ref r)); }
                else if (r.ValueTextEquals("role"u8)) { r.Read(); Role = String(ref r); }
                else if (r.ValueTextEquals("usage"u8))
                {
                    r.Read();
                    if (r.TokenType == JsonTokenType.StartObject)
                    {
                        HasUsage = true;
                        ParseUsage(ref r);
                    }
                    else
                    {
                        r.Skip();
                    }
                }
                else if (r.ValueTextEquals("content"u8))
                {
                    r.Read();
                    if (r.TokenType == JsonTokenType.String)
                    {
                        if (Role != "assistant")
                        {
                            AddText(ref r);
                        }
                    }
                    else if (r.TokenType == JsonTokenType.StartArray)
                    {
                        ParseContent(ref r);
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
        }

        private void ParseUsage(ref Utf8JsonReader r)
        {
            while (r.Read() && r.TokenType == JsonTokenType.PropertyName)
            {
                if (r.ValueTextEquals("input_tokens"u8)) { r.Read(); InputTokens = Count(ref r); }
                else if (r.ValueTextEquals("output_tokens"u8)) { r.Read(); OutputTokens = Count(ref r); }
                else if (r.ValueTextEquals("cache_creation_input_tokens"u8)) { r.Read(); CacheWriteTokens = Count(ref r); }
                else if (r.ValueTextEquals("cache_read_input_tokens"u8)) { r.Read(); CacheReadTokens = Count(ref r); }
                else if (r.ValueTextEquals("cache_creation"u8))
                {
                    r.Read();
                    if (r.TokenType != JsonTokenType.StartObject)
                    {
                        r.Skip();
                        continue;
                    }

                    while (r.Read() && r.TokenType == JsonTokenType.PropertyName)
                    {
                        if (r.ValueTextEquals("ephemeral_1h_input_tokens"u8)) { r.Read(); CacheWrite1hTokens = Count(ref r); }
                        else { r.Read(); r.Skip(); }
                    }
                }
                else
                {
                    r.Read();
                    r.Skip();
                }
            }
        }

        private void ParseContent(ref Utf8JsonReader r)
        {
            while (r.Read() && r.TokenType != JsonTokenType.EndArray)
            {
                if (r.TokenType != JsonTokenType.StartObject)
                {
                    r.Skip();
                    continue;
                }

                string? type = null, id = null, toolUseId = null, text = null;
                bool isError = false;
                while (r.Read() && r.TokenType == JsonTokenType.PropertyName)
                {
                    if (r.ValueTextEquals("type"u8)) { r.Read(); type = String(ref r); }
                    else if (r.ValueTextEquals("id"u8)) { r.Read(); id = NullIfEmpty(String(ref r)); }
                    else if (r.ValueTextEquals("tool_use_id"u8)) { r.Read(); toolUseId = NullIfEmpty(String(ref r)); }
                    else if (r.ValueTextEquals("is_error"u8)) { r.Read(); isError = r.TokenType == JsonTokenType.True; }
                    else if (r.ValueTextEquals("text"u8) && Role != "assistant")
                    {
                        r.Read();
                        text = r.TokenType == JsonTokenType.String ? DecodeHead(ref r) : null;
                        if (r.TokenType != JsonTokenType.String)
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

                switch (type)
                {
                    case "tool_use" or "server_tool_use":
                        ToolUseIds.Add(id);
                        break;
                    case "tool_result":
                        ToolResults.Add((toolUseId, isError));
                        break;
                    case "text" when text is not null && textChars < MaxTextChars:
                        Texts.Add(text);
                        textChars += text.Length;
                        break;
                }
            }
        }

        private void AddText(ref Utf8JsonReader r)
        {
            if (textChars < MaxTextChars)
            {
                string text = DecodeHead(ref r);
                Texts.Add(text);
                textChars += text.Length;
            }
        }

        /// <summary>The head of a string value: the detector reads only MaxAnalysedChars, so a pasted log is not decoded whole.</summary>
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

        private static long Count(ref Utf8JsonReader r)
        {
            if (r.TokenType == JsonTokenType.Number)
            {
                if (r.TryGetInt64(out long v))
                {
                    return Math.Max(0, v);
                }

                if (r.TryGetDouble(out double d) && double.IsFinite(d) && d > 0)
                {
                    return (long)Math.Min(d, long.MaxValue);
                }

                return 0;
            }

            r.Skip();
            return 0;
        }
    }
}
