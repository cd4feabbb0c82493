// The core names a refused field (snake_case, as stored) but not its value; an ErrorRecord's target should be
// the value itself, so that `$Error[0].TargetObject` shows what was refused.
using ZosTelemetry.Events;

namespace ZosTelemetry.PowerShell.Binding;

internal static class EventField
{
    public static object? ValueOf(TelemetryEvent e, string field) => field switch
    {
        "session_id" => e.SessionId,
        "system" => e.System,
        "context" => e.Context,
        "role" => e.Role,
        "kind" => e.Kind,
        "model" => e.Model,
        "tokens_in" => e.TokensIn,
        "tokens_out" => e.TokensOut,
        "cost_usd" => e.CostUsd,
        "ts" => e.Timestamp,
        "markers" => e.Markers.ToArray(),
        "cache_read_tokens" => e.CacheReadTokens,
        "cache_write_tokens" => e.CacheWriteTokens,
        "provider" => e.Provider,
        "tier" => e.Tier,
        "duration_ms" => e.DurationMs,
        "user" => e.User,
        "tool" => e.Tool,
        "ok" => e.Ok,
        "error_category" => e.ErrorCategory,
        "error_fingerprint" => e.ErrorFingerprint,
        "outcome" => e.Outcome,
        "attempt" => e.Attempt,
        "task_id" => e.TaskId,
        "attempt_id" => e.AttemptId,
        "variant" => e.Variant,
        _ => e,
    };
}
