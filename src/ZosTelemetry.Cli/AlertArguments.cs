// The alert thresholds as options, shared by `alerts` (which prints them with the result) and `close` (which finds a
// session's alerts under them). Unset options keep AlertOptions' defaults.
using ZosTelemetry.Alerts;

namespace ZosTelemetry.Cli;

public static class AlertArguments
{
    public static readonly string[] Names = ["loop-calls", "stall-factor", "stall-minutes", "cost-z", "cost-min-sessions", "burst-errors", "burst-seconds"];

    public static AlertOptions Options(Arguments a)
    {
        var d = AlertOptions.Default;
        return new AlertOptions
        {
            LoopCalls = a.Int("loop-calls") ?? d.LoopCalls,
            StallFactor = a.Double("stall-factor") ?? d.StallFactor,
            StallMinSeconds = a.Double("stall-minutes") is double m ? m * 60 : d.StallMinSeconds,
            CostZ = a.Double("cost-z") ?? d.CostZ,
            CostMinSessions = a.Int("cost-min-sessions") ?? d.CostMinSessions,
            BurstErrors = a.Int("burst-errors") ?? d.BurstErrors,
            BurstSeconds = a.Double("burst-seconds") ?? d.BurstSeconds,
        }.Checked();
    }
}
