// Reads one Claude Code session log (~/.claude/projects/<project>/<session>.jsonl, and <session>/subagents/*.jsonl)
// into content-free records. Rules (the README's "Importing logs" section quotes them):
// - An assistant line with message.usage is one response. Claude Code writes a response once per content block and
//   a resumed session copies earlier lines, so copies share message.id + requestId: they count once, the most
//   complete copy (most tokens) winning, a main-thread copy over a subagent (sidechain) replay of it.
// - isApiErrorMessage lines become api_error events (no model, no tokens); other "<synthetic>" lines are skipped.
// - A user line's typed text (a string, or "text" items; never tool results) goes through the correction detector in
//   memory and only its markers are kept. Subagent prompts (isSidechain), meta and compact-summary lines, and
//   slash-command or shell echoes are not the user's turns. "[Request interrupted by user…" is an interruption.
// - Every tool_result item is one tool call's result, an is_error one marked tool.error and ok false; tool calls are
//   counted by their results (one event per call instead of two). The result carries the tool's name, taken from the
//   tool_use item of the same id earlier in the file; no argument or output is read.
// - An API error's text is classified (ErrorClassifier: category and fingerprint) in memory and dropped.
using ZosTelemetry.Detection;
using System.Runtime.CompilerServices;

namespace ZosTelemetry.Import;

internal static class ClaudeCodeParser
{
    private const int MaxTextChars = CorrectionDetector.MaxAnalysedChars;

    // latest: the latest time a record may carry (now plus the store's tolerance). A record dated later is refused and
    // counted in FutureRecords, so that it neither reaches the store nor keeps its session "active" for ever.
    public static LogFileParse Parse(string path, long offset, DateTimeOffset activeSince, DateTimeOffset latest, int detectorVersion, CancellationToken cancel)
    {
        var piece = ParsePiece(path, offset, long.MaxValue, first: true, latest, new SessionTurns(detectorVersion), cancel);
        return Join([piece], activeSince, prepare: null);
    }

    /// <summary>
    /// Parses the lines from <paramref name="offset"/> (a line start) to <paramref name="limit"/> (the next piece's first
    /// line, or the end of the file). The parse of a piece is only half done: its records may be copies of responses
    /// an earlier piece also holds, its tool results may answer calls made in an earlier piece, and its first user turn
    /// of a session may repeat that session's last turn in an earlier piece; Join settles all three, in file order.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static LogFileParse ParsePiece(string path, long offset, long limit, bool first, DateTimeOffset latest, SessionTurns turns, CancellationToken cancel)
    {
        // The repeat signal compares each user turn with the previous one of its session, in memory, within this file.
        var result = new LogFileParse { ResumeOffset = offset };
        var piece = new PieceState(first, turns);
        result.Piece = piece;
        var line = new ClaudeLine();
        using (var reader = new LogLineReader(path, offset, limit))
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

                if (ts > latest)
                {
                    result.FutureRecords++;
                    result.FirstFutureOffset ??= reader.LineStart;
                    continue;
                }

                if (ts > piece.LastTimestamp)
                {
                    piece.LastTimestamp = ts;
                }

                if (line.Type == "assistant")
                {
                    foreach (var (id, name) in line.ToolUses)
                    {
                        piece.ToolNames[id] = name;
                    }

                    AddAssistant(line, ts, reader.LineStart, result, piece);
                }
                else if (line.Type == "user")
                {
                    AddUser(line, ts, reader.LineStart, result, piece);
                }
            }

            result.BytesRead = reader.BytesRead;
        }

        return result;
    }

    /// <summary>
    /// The parse of a whole file from the parses of its pieces, in file order: copies of a response in different pieces
    /// counted once (the most complete copy at the first copy's place, as one pass keeps it), tool results named from
    /// calls in earlier pieces, turns detected again where an earlier piece held their session's previous turn, then
    /// the held-back last response and sidechain replays dropped. The pieces' events (Prepared) follow their records;
    /// <paramref name="prepare"/> prepares again the records whose tool name or markers changed. Equal to one pass
    /// over the file, record by record (ImportWorkersTests).
    /// </summary>
    public static LogFileParse Join(IReadOnlyList<LogFileParse> pieces, DateTimeOffset activeSince, Func<LogRecord, PreparedEvent>? prepare)
    {
        var result = new LogFileParse { ResumeOffset = pieces[^1].ResumeOffset };
        bool prepared = prepare is not null;
        long lastGroupStart = -1;
        var lastTimestamp = DateTimeOffset.MinValue;
        List<LogRecord> records;
        PreparedEvent[] events;
        if (pieces.Count == 1)
        {
            // A file read whole (nearly all of them): its lists are kept as they are, never copied.
            var part = pieces[0];
            var piece = part.Piece!;
            Count(result, part);
            lastTimestamp = piece.LastTimestamp;
            lastGroupStart = piece.LastGroup is ulong last ? piece.GroupStarts[last] : -1;
            records = part.Records;
            events = prepared ? part.Prepared : [];
        }
        else
        {
            records = JoinPieces(pieces, result, prepare, out events, ref lastGroupStart, ref lastTimestamp);
        }

        result.Records = records;
        // A session still being written may have the last response half-written (its final usage comes in a later
        // copy): leave that response and what follows it for the next import.
        bool cut = lastTimestamp >= activeSince && lastGroupStart >= 0 && lastGroupStart < result.ResumeOffset;
        if (cut)
        {
            result.ResumeOffset = lastGroupStart;
        }

        // Subagent (sidechain) copies of a response that the main thread of the same file also has.
        HashSet<ulong>? main = null;
        foreach (var r in records)
        {
            if (r.Kind == LogRecordKind.Assistant && !r.Sidechain && r.ReplayKey is ImportKey k && !(cut && r.LineOffset >= lastGroupStart))
            {
                (main ??= new HashSet<ulong>()).Add(k.Value);
            }
        }

        int kept = 0;
        for (int i = 0; i < records.Count; i++)
        {
            var r = records[i];
            if (cut && r.LineOffset >= lastGroupStart)
            {
                continue;
            }

            if (main is not null && r.Kind == LogRecordKind.Assistant && r.Sidechain && r.ReplayKey is ImportKey k && main.Contains(k.Value))
            {
                result.Duplicates++;
                continue;
            }

            records[kept] = r;
            if (prepared)
            {
                events[kept] = events[i];
            }

            kept++;
        }

        records.RemoveRange(kept, records.Count - kept);
        if (prepared)
        {
            result.Prepared = kept == events.Length ? events : events.AsSpan(0, kept).ToArray();
        }

        return result;
    }

    private static void Count(LogFileParse result, LogFileParse part)
    {
        result.BytesRead += part.BytesRead;
        result.Lines += part.Lines;
        result.MalformedLines += part.MalformedLines;
        result.Duplicates += part.Duplicates;
        result.FutureRecords += part.FutureRecords;
        result.FirstFutureOffset ??= part.FirstFutureOffset;
    }

    /// <summary>The records of several pieces in one list, each response once, with the pieces' events beside them.</summary>
    private static List<LogRecord> JoinPieces(IReadOnlyList<LogFileParse> pieces, LogFileParse result, Func<LogRecord, PreparedEvent>? prepare,
        out PreparedEvent[] events, ref long lastGroupStart, ref DateTimeOffset lastTimestamp)
    {
        bool prepared = prepare is not null;
        int total = 0;
        foreach (var p in pieces)
        {
            total += p.Records.Count;
        }

        var records = new List<LogRecord>(total);
        events = prepared ? new PreparedEvent[total] : [];
        var groups = new Dictionary<ulong, int>();
        var groupStarts = new Dictionary<ulong, long>();
        SessionTurns? turns = null;
        for (int k = 0; k < pieces.Count; k++)
        {
            var part = pieces[k];
            var piece = part.Piece!;
            Count(result, part);
            lastTimestamp = piece.LastTimestamp > lastTimestamp ? piece.LastTimestamp : lastTimestamp;
            if (k > 0)
            {
                Settle(pieces, k, turns!, prepare);
                turns!.Continue(piece.Turns);
            }

            turns ??= piece.Turns;
            for (int i = 0; i < part.Records.Count; i++)
            {
                var r = part.Records[i];
                var e = prepared ? part.Prepared[i] : default;
                if (r.Kind is LogRecordKind.Assistant or LogRecordKind.ApiError)
                {
                    ulong key = r.Key.Value;
                    if (groups.TryGetValue(key, out int at))
                    {
                        result.Duplicates++;
                        if (Replaces(r, records[at]))
                        {
                            records[at] = r with { LineOffset = records[at].LineOffset };
                            if (prepared)
                            {
                                events[at] = e;
                            }
                        }

                        continue;
                    }

                    groups[key] = records.Count;
                    groupStarts[key] = piece.GroupStarts[key];
                }

                if (prepared)
                {
                    events[records.Count] = e;
                }

                records.Add(r);
            }

            if (piece.LastGroup is ulong last)
            {
                lastGroupStart = groupStarts[last];
            }

            part.Records.Clear();
            part.Prepared = [];
        }

        return records;
    }

    /// <summary>
    /// What piece <paramref name="k"/> could not know alone: the tool names of results whose calls are in earlier
    /// pieces (the latest call of that id before it), and the markers of the turns read before the piece had seen a
    /// turn of their session (detected again after that session's last turn in the earlier pieces).
    /// </summary>
    private static void Settle(IReadOnlyList<LogFileParse> pieces, int k, SessionTurns turns, Func<LogRecord, PreparedEvent>? prepare)
    {
        var part = pieces[k];
        var piece = part.Piece!;
        foreach (var (index, toolId) in piece.UnnamedTools)
        {
            for (int j = k - 1; j >= 0; j--)
            {
                if (pieces[j].Piece!.ToolNames.TryGetValue(toolId, out string? tool))
                {
                    part.Records[index] = part.Records[index] with { Tool = tool };
                    if (prepare is not null)
                    {
                        part.Prepared[index] = prepare(part.Records[index]);
                    }

                    break;
                }
            }
        }

        foreach (var (index, session, text) in piece.FirstTurns)
        {
            var markers = CorrectionDetector.MarkersToStore(turns.Detect(session, text));
            var r = part.Records[index];
            if (!markers.SequenceEqual(r.Markers))
            {
                part.Records[index] = r with { Markers = markers };
                if (prepare is not null)
                {
                    part.Prepared[index] = prepare(part.Records[index]);
                }
            }
        }
    }

    /// <summary>What a piece's parse keeps for Join beyond its records; dropped by Join.</summary>
    internal sealed class PieceState(bool first, SessionTurns turns)
    {
        public bool First { get; } = first;

        public SessionTurns Turns { get; } = turns;

        /// <summary>Each response's first line in the piece, by key (the records' index is kept by AddAssistant).</summary>
        public Dictionary<ulong, int> Groups { get; } = new();

        public Dictionary<ulong, long> GroupStarts { get; } = new();

        /// <summary>The key of the piece's last response line, copies included.</summary>
        public ulong? LastGroup { get; set; }

        public DateTimeOffset LastTimestamp { get; set; } = DateTimeOffset.MinValue;

        /// <summary>Tool names by call id, the latest call of each id in the piece.</summary>
        public Dictionary<string, string> ToolNames { get; } = new(StringComparer.Ordinal);

        /// <summary>Tool results whose call was not in the piece before them.</summary>
        public List<(int Index, string ToolId)> UnnamedTools { get; } = new();

        /// <summary>
        /// Turns read while the piece had no earlier turn of their session (never in the first piece): their text, held in
        /// memory until Join detects them again; never written.
        /// </summary>
        public List<(int Index, string Session, string Text)> FirstTurns { get; } = new();
    }

    private static void AddAssistant(ClaudeLine line, DateTimeOffset ts, long lineOffset, LogFileParse result, PieceState piece)
    {
        string session = line.SessionId!;
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
        if (apiError)
        {
            var error = Events.ErrorClassifier.Classify(line.ApiErrorText);
            record = record with { ErrorCategory = error.Category, ErrorFingerprint = error.Fingerprint };
        }

        if (piece.Groups.TryGetValue(eventKey.Value, out int at))
        {
            result.Duplicates++;
            if (Replaces(record, result.Records[at]))
            {
                result.Records[at] = record with { LineOffset = result.Records[at].LineOffset };
            }
        }
        else
        {
            piece.Groups[eventKey.Value] = result.Records.Count;
            piece.GroupStarts[eventKey.Value] = lineOffset;
            result.Records.Add(record);
        }

        piece.LastGroup = eventKey.Value;
    }

    /// <summary>
    /// ccusage's rule: a main-thread copy beats a sidechain one; otherwise the copy with more tokens, and on a tie the
    /// later one (Claude Code writes the final usage last; ccusage 20.0.24 keeps the later copy too).
    /// </summary>
    internal static bool Replaces(LogRecord candidate, LogRecord existing)
    {
        if (candidate.Sidechain != existing.Sidechain)
        {
            return existing.Sidechain;
        }

        return candidate.TotalTokens >= existing.TotalTokens;
    }

    private static void AddUser(ClaudeLine line, DateTimeOffset ts, long lineOffset, LogFileParse result, PieceState piece)
    {
        string session = line.SessionId!;
        for (int i = 0; i < line.ToolResults.Count; i++)
        {
            var (toolId, isError) = line.ToolResults[i];
            var (id, key) = toolId is null
                ? ImportKeys.Make("cc:r:", session, Offset(lineOffset), Offset(i))
                : ImportKeys.Make("cc:r:", toolId);
            string? tool = null;
            if (toolId is not null && !piece.ToolNames.TryGetValue(toolId, out tool) && !piece.First)
            {
                piece.UnnamedTools.Add((result.Records.Count, toolId));
            }

            result.Records.Add(new LogRecord
            {
                Kind = LogRecordKind.ToolResult, LineOffset = lineOffset, Timestamp = ts, SessionId = session,
                Sidechain = line.Sidechain, EventId = id, Key = key, IsError = isError, Tool = tool,
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
        if (!interrupt && !piece.First && piece.Turns.LacksPrevious(session))
        {
            piece.FirstTurns.Add((result.Records.Count, session, text));
        }

        result.Records.Add(new LogRecord
        {
            Kind = interrupt ? LogRecordKind.Interrupt : LogRecordKind.UserTurn,
            LineOffset = lineOffset,
            Timestamp = ts,
            SessionId = session,
            EventId = eventId,
            Key = eventKey,
            Markers = interrupt ? Array.Empty<string>() : CorrectionDetector.MarkersToStore(piece.Turns.Detect(session, text)),
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
        public readonly List<(string? Id, bool IsError)> ToolResults = new();
        public readonly List<(string Id, string Name)> ToolUses = new();

        /// <summary>An API error line's message, decoded only for such a line, to be classified and dropped.</summary>
        public string? ApiErrorText;
        private int assistantTextAt;
        private int textChars;
        private (byte[] Raw, string Value)? lastSession;
        private (byte[] Raw, string Value)? lastModel;

        public void Reset()
        {
            Type = SessionId = RequestId = Uuid = MessageId = Model = Role = null;
            Timestamp = null;
            Sidechain = Meta = CompactSummary = ApiError = HasUsage = false;
            CostUsd = null;
            InputTokens = OutputTokens = CacheWriteTokens = CacheReadTokens = 0;
            CacheWrite1hTokens = null;
            Texts.Clear();
            ToolResults.Clear();
            ToolUses.Clear();
            ApiErrorText = null;
            assistantTextAt = -1;
            textChars = 0;
        }

        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public bool TryParse(ReadOnlySpan<byte> s)
        {
            int i = 0;
            if (!JsonScan.Enter(s, ref i, (byte)'{'))
            {
                return false;
            }

            bool ok;
            while (JsonScan.NextMember(s, ref i, out var name, out ok))
            {
                bool walked = name switch
                {
                    _ when name.SequenceEqual("type"u8) => Known(s, ref i, out Type),
                    _ when name.SequenceEqual("sessionId"u8) => Repeated(s, ref i, ref lastSession, out SessionId),
                    _ when name.SequenceEqual("timestamp"u8) => JsonScan.Timestamp(s, ref i, out Timestamp),
                    _ when name.SequenceEqual("requestId"u8) => JsonScan.String(s, ref i, out RequestId),
                    _ when name.SequenceEqual("uuid"u8) => JsonScan.String(s, ref i, out Uuid),
                    _ when name.SequenceEqual("isSidechain"u8) => JsonScan.Bool(s, ref i, out Sidechain),
                    _ when name.SequenceEqual("isMeta"u8) => JsonScan.Bool(s, ref i, out Meta),
                    _ when name.SequenceEqual("isCompactSummary"u8) => JsonScan.Bool(s, ref i, out CompactSummary),
                    _ when name.SequenceEqual("isApiErrorMessage"u8) => JsonScan.Bool(s, ref i, out ApiError),
                    _ when name.SequenceEqual("costUSD"u8) => JsonScan.Number(s, ref i, out CostUsd),
                    _ when name.SequenceEqual("message"u8) && s[i] == (byte)'{' => ParseMessage(s, ref i),
                    _ => JsonScan.SkipValue(s, ref i),
                };
                if (!walked)
                {
                    return false;
                }
            }

            RequestId = NullIfEmpty(RequestId);
            Uuid = NullIfEmpty(Uuid);
            if (ok && ApiError && assistantTextAt >= 0)
            {
                int at = assistantTextAt;
                JsonScan.String(s, ref at, out ApiErrorText, MaxTextChars);
            }

            return ok;
        }

        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        private bool ParseMessage(ReadOnlySpan<byte> s, ref int i)
        {
            i++;
            bool ok;
            while (JsonScan.NextMember(s, ref i, out var name, out ok))
            {
                bool walked;
                if (name.SequenceEqual("id"u8))
                {
                    walked = JsonScan.String(s, ref i, out MessageId);
                    MessageId = NullIfEmpty(MessageId);
                }
                else if (name.SequenceEqual("model"u8))
                {
                    walked = Repeated(s, ref i, ref lastModel, out Model);
                    Model = NullIfEmpty(Model);
                }
                else if (name.SequenceEqual("role"u8))
                {
                    walked = Known(s, ref i, out Role);
                }
                else if (name.SequenceEqual("usage"u8) && s[i] == (byte)'{')
                {
                    HasUsage = true;
                    walked = ParseUsage(s, ref i);
                }
                else if (name.SequenceEqual("content"u8) && s[i] == (byte)'"' && Role != "assistant")
                {
                    walked = JsonScan.String(s, ref i, out string? text, MaxTextChars * 4);
                    AddText(text);
                }
                else if (name.SequenceEqual("content"u8) && s[i] == (byte)'[')
                {
                    walked = ParseContent(s, ref i);
                }
                else
                {
                    walked = JsonScan.SkipValue(s, ref i);
                }

                if (!walked)
                {
                    return false;
                }
            }

            return ok;
        }

        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        private bool ParseUsage(ReadOnlySpan<byte> s, ref int i)
        {
            i++;
            bool ok;
            while (JsonScan.NextMember(s, ref i, out var name, out ok))
            {
                bool walked;
                if (name.SequenceEqual("input_tokens"u8)) { walked = JsonScan.Count(s, ref i, out InputTokens); }
                else if (name.SequenceEqual("output_tokens"u8)) { walked = JsonScan.Count(s, ref i, out OutputTokens); }
                else if (name.SequenceEqual("cache_creation_input_tokens"u8)) { walked = JsonScan.Count(s, ref i, out CacheWriteTokens); }
                else if (name.SequenceEqual("cache_read_input_tokens"u8)) { walked = JsonScan.Count(s, ref i, out CacheReadTokens); }
                else if (name.SequenceEqual("cache_creation"u8) && s[i] == (byte)'{')
                {
                    i++;
                    bool inner;
                    while (JsonScan.NextMember(s, ref i, out var n, out inner))
                    {
                        bool w;
                        if (n.SequenceEqual("ephemeral_1h_input_tokens"u8))
                        {
                            w = JsonScan.Count(s, ref i, out long h);
                            CacheWrite1hTokens = h;
                        }
                        else
                        {
                            w = JsonScan.SkipValue(s, ref i);
                        }

                        if (!w)
                        {
                            return false;
                        }
                    }

                    walked = inner;
                }
                else
                {
                    walked = JsonScan.SkipValue(s, ref i);
                }

                if (!walked)
                {
                    return false;
                }
            }

            return ok;
        }

        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        private bool ParseContent(ReadOnlySpan<byte> s, ref int i)
        {
            i++;
            bool ok;
            while (JsonScan.NextElement(s, ref i, out ok))
            {
                if (s[i] != (byte)'{')
                {
                    if (!JsonScan.SkipValue(s, ref i))
                    {
                        return false;
                    }

                    continue;
                }

                i++;
                string? type = null, toolUseId = null, text = null, id = null, toolName = null;
                bool isError = false, inner;
                while (JsonScan.NextMember(s, ref i, out var name, out inner))
                {
                    bool walked;
                    if (name.SequenceEqual("type"u8)) { walked = JsonScan.String(s, ref i, out type); }
                    else if (name.SequenceEqual("tool_use_id"u8)) { walked = JsonScan.String(s, ref i, out toolUseId); }
                    else if (name.SequenceEqual("is_error"u8)) { walked = JsonScan.Bool(s, ref i, out isError); }
                    else if (name.SequenceEqual("text"u8) && Role != "assistant") { walked = JsonScan.String(s, ref i, out text, MaxTextChars * 4); }
                    else if (name.SequenceEqual("text"u8))
                    {
                        // An assistant's text is only ever read back for an API error line (see TryParse): remember where.
                        assistantTextAt = assistantTextAt < 0 && s[i] == (byte)'"' ? i : assistantTextAt;
                        walked = JsonScan.SkipValue(s, ref i);
                    }
                    else if (name.SequenceEqual("id"u8)) { walked = JsonScan.String(s, ref i, out id); }
                    else if (name.SequenceEqual("name"u8)) { walked = JsonScan.String(s, ref i, out toolName); }
                    else { walked = JsonScan.SkipValue(s, ref i); }

                    if (!walked)
                    {
                        return false;
                    }
                }

                if (!inner)
                {
                    return false;
                }

                switch (type)
                {
                    case "tool_result":
                        ToolResults.Add((NullIfEmpty(toolUseId), isError));
                        break;
                    case "tool_use" when !string.IsNullOrEmpty(id) && !string.IsNullOrEmpty(toolName):
                        ToolUses.Add((id, toolName));
                        break;
                    case "text":
                        AddText(text);
                        break;
                }
            }

            return ok;
        }

        /// <summary>"user" and "assistant" as shared strings: the type and role of every line, never allocated.</summary>
        private static bool Known(ReadOnlySpan<byte> s, ref int i, out string? value)
        {
            bool walked = JsonScan.Raw(s, ref i, out var raw);
            value = raw.SequenceEqual("assistant"u8) ? "assistant" : raw.SequenceEqual("user"u8) ? "user" : raw.IsEmpty ? null : "other";
            return walked;
        }

        /// <summary>A value that repeats line after line (the session, the model): decoded once while it stays the same.</summary>
        private static bool Repeated(ReadOnlySpan<byte> s, ref int i, ref (byte[] Raw, string Value)? last, out string? value)
        {
            int start = i;
            if (!JsonScan.Raw(s, ref i, out var raw))
            {
                value = null;
                return false;
            }

            if (last is { } l && raw.SequenceEqual(l.Raw))
            {
                value = l.Value;
                return true;
            }

            i = start;
            bool walked = JsonScan.String(s, ref i, out value);
            if (value is not null)
            {
                last = (raw.ToArray(), value);
            }

            return walked;
        }

        private void AddText(string? text)
        {
            if (text is not null && textChars < MaxTextChars)
            {
                Texts.Add(text);
                textChars += text.Length;
            }
        }

        private static string? NullIfEmpty(string? s) => string.IsNullOrEmpty(s) ? null : s;
    }
}
