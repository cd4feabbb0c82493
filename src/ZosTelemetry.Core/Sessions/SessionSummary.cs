// One closed session: the row written to sessions-YYYY-MM.jsonl and the object the module emits.
namespace ZosTelemetry.Sessions;

public sealed class SessionSummary
{
    public int Schema { get; init; } = 1;
    public string SessionId { get; init; } = "";
    public string System { get; init; } = "";
    public string? Context { get; init; }
    public string? Model { get; init; }
    public int DetectorVersion { get; init; }
    public long Turns { get; init; }
    public long UserTurns { get; init; }
    public long Corrections { get; init; }
    public long Events { get; init; }
    public long TokensIn { get; init; }
    public long TokensOut { get; init; }
    public double CostUsd { get; init; }

    /// <summary>Events that used tokens but had no recorded cost and no known price: CostUsd leaves them out.</summary>
    public long UnpricedEvents { get; init; }
    public DateTimeOffset FirstTimestamp { get; init; }
    public DateTimeOffset LastTimestamp { get; init; }
    public double DurationSeconds { get; init; }
    public DateTimeOffset ClosedAt { get; init; }

    // Agent-run figures. Rows written before they existed lack them: null there, never 0, so averages leave them out.

    /// <summary>Tool calls: the session's tool_call events, or its tool_result events where there are more (an import stores a call once, as its result).</summary>
    public long? ToolCalls { get; init; }

    /// <summary>Failed tool results (ok false, or the importer's tool.error marker).</summary>
    public long? ToolFailures { get; init; }

    /// <summary>Errors by category (error and api_error events); only categories that occurred. Stored as the row's errors object.</summary>
    internal IReadOnlyDictionary<string, long>? ErrorsByCategory { get; init; }

    /// <summary>
    /// Errors by category as one scalar ("rate_limit=2 other=1"; empty when none), so that Export-Csv and tables show it
    /// as it is; null on rows without the errors field. Get-TelemetryErrorSummary breaks errors down by category.
    /// </summary>
    public string? Errors => ErrorsByCategory is null ? null
        : string.Join(' ', ErrorsByCategory.Select(kv => kv.Key + "=" + kv.Value.ToString(global::System.Globalization.CultureInfo.InvariantCulture)));

    /// <summary>success, failure or abandoned; null when nothing said how the run ended (never guessed).</summary>
    public string? Outcome { get; init; }

    /// <summary>Succeeded on the first attempt; null while the outcome is unknown.</summary>
    public bool? FirstShotSuccess { get; init; }

    public long? Attempts { get; init; }

    /// <summary>Alerts raised for this session at close (loop, stall, error_burst).</summary>
    public long? Alerts { get; init; }

    /// <summary>The executor variant most of the session's events named.</summary>
    public string? Variant { get; init; }

    /// <summary>A session that shows an agent run: a tool call, an error, an outcome or an alert.</summary>
    public bool IsAgentRun => ToolCalls > 0 || ErrorCount > 0 || Outcome is not null || Alerts > 0;

    /// <summary>All errors, whatever their category; null on rows without the errors field.</summary>
    public long? ErrorCount => ErrorsByCategory is null ? null : ErrorsByCategory.Count == 0 ? 0 : ErrorsByCategory.Values.Sum(); // most maps are empty: no enumerator

    public long Tokens => checked(TokensIn + TokensOut);

    /// <summary>Corrections per user turn; null when the session had no user turn.</summary>
    public double? CorrectionRate => UserTurns == 0 ? null : (double)Corrections / UserTurns;
}
