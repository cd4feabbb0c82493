// The thresholds of the four alerts, with the defaults the README documents. Printed beside every result, so a
// reader knows what "a loop" meant for the figures in front of them.
using System.Globalization;

namespace ZosTelemetry.Alerts;

public sealed record AlertOptions
{
    public static AlertOptions Default { get; } = new();

    /// <summary>loop: the same tool called this many times in a row or more.</summary>
    public int LoopCalls { get; init; } = 8;

    /// <summary>stall: a gap longer than this many times the session's median gap ...</summary>
    public double StallFactor { get; init; } = 10;

    /// <summary>... and at least this long.</summary>
    public double StallMinSeconds { get; init; } = 600;

    /// <summary>cost_spike: robust z (MAD-based) above this ...</summary>
    public double CostZ { get; init; } = 5;

    /// <summary>... over at least this many closed sessions of the system.</summary>
    public int CostMinSessions { get; init; } = 20;

    /// <summary>error_burst: this many errors or more ...</summary>
    public int BurstErrors { get; init; } = 5;

    /// <summary>... within this many seconds.</summary>
    public double BurstSeconds { get; init; } = 120;

    /// <summary>Refuses thresholds that would alert on everything or nothing.</summary>
    public AlertOptions Checked()
    {
        if (LoopCalls < 2 || BurstErrors < 2 || CostMinSessions < 3)
        {
            throw new ArgumentException("loop calls and burst errors must be at least 2, cost-spike sessions at least 3.");
        }

        if (!(StallFactor > 1) || !(StallMinSeconds >= 0) || !(CostZ > 0) || !(BurstSeconds > 0)
            || !double.IsFinite(StallFactor) || !double.IsFinite(StallMinSeconds) || !double.IsFinite(CostZ) || !double.IsFinite(BurstSeconds))
        {
            throw new ArgumentException("the stall factor must be above 1, the stall minimum 0 or more, the cost z and burst window above 0.");
        }

        return this;
    }

    /// <summary>One line naming every threshold, as text and JSON renderings print it.</summary>
    public string Describe() => string.Create(CultureInfo.InvariantCulture,
        $"loop >= {LoopCalls} calls of one tool in a row; stall: gap > {StallFactor:0.##} x median gap and >= {StallMinSeconds:0.##} s; cost_spike: z > {CostZ:0.##} (MAD) over >= {CostMinSessions} sessions; error_burst >= {BurstErrors} errors in {BurstSeconds:0.##} s");
}
