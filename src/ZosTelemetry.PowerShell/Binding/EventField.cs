// The core names a refused field (snake_case, as stored) but not its value. An ErrorRecord's target is the value
// when it is a number or a time, so `$Error[0].TargetObject` shows what was refused; for a text field it is the
// field's name, since the refused text may be what the store keeps out, and error views print their target.
using ZosTelemetry.Events;

namespace ZosTelemetry.PowerShell.Binding;

internal static class EventField
{
    public static object? ValueOf(TelemetryEvent e, string field) => field switch
    {
        "session_id" => "session_id",
        "system" => "system",
        "context" => "context",
        "role" => "role",
        "kind" => "kind",
        "model" => "model",
        "tokens_in" => e.TokensIn,
        "tokens_out" => e.TokensOut,
        "cost_usd" => e.CostUsd,
        "ts" => e.Timestamp,
        "markers" => "markers",
        "cache_read_tokens" => e.CacheReadTokens,
        "cache_write_tokens" => e.CacheWriteTokens,
        "provider" => "provider",
        "tier" => "tier",
        "duration_ms" => e.DurationMs,
        "user" => "user",
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
