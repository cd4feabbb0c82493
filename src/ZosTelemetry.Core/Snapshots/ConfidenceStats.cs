// Aggregate statistics of the confidences of one snapshot, each rounded to 4 decimals.
namespace ZosTelemetry.Snapshots;

public sealed class ConfidenceStats
{
    public double Mean { get; init; }

    public double Median { get; init; }

    /// <summary>5th percentile, by linear interpolation between the closest ranks.</summary>
    public double P5 { get; init; }

    /// <summary>95th percentile, by linear interpolation between the closest ranks.</summary>
    public double P95 { get; init; }

    /// <summary>Population standard deviation.</summary>
    public double Std { get; init; }
}
