// What a close is told beside the events: the outcome and attempts where no session_end carried them, and the
// thresholds its alerts are found under.
using ZosTelemetry.Alerts;
using ZosTelemetry.Events;

namespace ZosTelemetry.Sessions;

public sealed record SessionCloseOptions
{
    public static SessionCloseOptions None { get; } = new();

    /// <summary>success, failure or abandoned; used only when no session_end event carried an outcome.</summary>
    public string? Outcome { get; init; }

    /// <summary>Used only when no session_start or session_end event carried an attempt.</summary>
    public long? Attempts { get; init; }

    public AlertOptions AlertOptions { get; init; } = AlertOptions.Default;

    /// <summary>Refuses an outcome outside the fixed list or attempts outside 1..10000, as append refuses them.</summary>
    public SessionCloseOptions Checked()
    {
        if (Outcome is not null && !Outcomes.IsKnown(Outcome))
        {
            throw new TelemetryValidationException("outcome", $"outcome {Events.EventValidator.Show(Outcome)} is refused: use success, failure or abandoned.");
        }

        if (Attempts is long a && (a < 1 || a > EventValidator.MaxAttempt))
        {
            throw new TelemetryValidationException("attempts", $"attempts must be a whole number from 1 to {EventValidator.MaxAttempt}; got {a}.");
        }

        AlertOptions.Checked();
        return this;
    }
}
