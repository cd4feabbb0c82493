// One countable thing found in a log line, before it becomes a TelemetryEvent: an assistant response with its usage,
// an API error, a tool call or result, a user turn (as detector markers only) or an interruption. Holds no text.
namespace ZosTelemetry.Import;

internal enum LogRecordKind
{
    Assistant,
    ApiError,
    ToolResult,
    UserTurn,
    Interrupt,
}

internal sealed record LogRecord
{
    public LogRecordKind Kind { get; init; }

    /// <summary>File offset of the line the record came from.</summary>
    public long LineOffset { get; init; }

    public DateTimeOffset Timestamp { get; init; }

    public string SessionId { get; init; } = "";

    /// <summary>A subagent's line (Claude Code's isSidechain): counted for tokens and tools, never as the user's turn.</summary>
    public bool Sidechain { get; init; }

    public string EventId { get; init; } = "";

    public ImportKey Key { get; init; }

    /// <summary>Claude Code: the (session, message id) of an assistant response, shared by its sidechain replays.</summary>
    public ImportKey? ReplayKey { get; init; }

    public string? Model { get; init; }

    public bool HasUsage { get; init; }

    public long TokensIn { get; init; }

    public long TokensOut { get; init; }

    public long CacheRead { get; init; }

    public long CacheWrite { get; init; }

    public long? CacheWrite1h { get; init; }

    /// <summary>The cost the log itself recorded (Claude Code's costUSD), if any.</summary>
    public double? LogCost { get; init; }

    public bool IsError { get; init; }

    /// <summary>A tool result's tool name, from the call it answers (never its arguments or output).</summary>
    public string? Tool { get; init; }

    /// <summary>An API error's category and fingerprint (ErrorClassifier), its message dropped after classifying.</summary>
    public string? ErrorCategory { get; init; }

    public string? ErrorFingerprint { get; init; }

    public IReadOnlyList<string> Markers { get; init; } = Array.Empty<string>();

    /// <summary>All tokens of the response, -1 without usage: the most complete copy of a response wins.</summary>
    public long TotalTokens => HasUsage ? TokensIn + TokensOut + CacheRead + CacheWrite : -1;
}

/// <summary>What one pass over one log file found, and where the next pass should start.</summary>
internal sealed class LogFileParse
{
    public List<LogRecord> Records { get; set; } = new();

    /// <summary>The offset the next import reads from: end of the last line consumed.</summary>
    public long ResumeOffset { get; set; }

    public long BytesRead { get; set; }

    public long Lines { get; set; }

    public long MalformedLines { get; set; }

    /// <summary>Records dropped inside the file because a more complete copy of the same response was there.</summary>
    public long Duplicates { get; set; }

    /// <summary>Records dated later than now plus the store's tolerance: refused, never stored, never holding anything back.</summary>
    public long FutureRecords { get; set; }

    /// <summary>The byte offset of the first such record's line, for the warning.</summary>
    public long? FirstFutureOffset { get; set; }

    /// <summary>Codex only: the parser's state at ResumeOffset, to continue from there next time.</summary>
    public CodexCursor? Cursor { get; set; }

    /// <summary>
    /// Filled by the parse worker after parsing: for each record (same index), its event as the store takes it and
    /// its row, so the committing thread only de-duplicates and copies bytes.
    /// </summary>
    /// (An array rather than a List: List's code over a struct of ours is not precompiled, and would be compiled at
    /// run time.)
    public PreparedEvent[] Prepared { get; set; } = [];

    /// <summary>A piece of a Claude Code log parsed apart from the rest of its file: what Join needs, until it has run.</summary>
    public ClaudeCodeParser.PieceState? Piece { get; set; }
}

/// <summary>
/// A record's event, validated (null when the store would refuse it) and written as its row, newline included (a slice
/// of a buffer the worker shares among its file's records); Unpriced names the model of an event with tokens but no
/// price. Counted only if the record is kept.
/// </summary>
internal readonly record struct PreparedEvent(Events.TelemetryEvent? Event, string? Unpriced, ReadOnlyMemory<byte> Row);
