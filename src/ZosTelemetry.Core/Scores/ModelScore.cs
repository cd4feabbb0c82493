// One group's row of the model quality score: a model, an executor variant or a system, with the figures the score
// is made of, the score itself and the group's rank.
namespace ZosTelemetry.Scores;

public sealed class ModelScore
{
    public int Rank { get; init; }

    /// <summary>model, variant or system.</summary>
    public string By { get; init; } = "";

    /// <summary>The model, variant or system; "(none)" for sessions that named none.</summary>
    public string Group { get; init; } = "";

    public int Sessions { get; init; }

    /// <summary>Sessions whose outcome is known: the denominator of SuccessRate and FirstShotRate.</summary>
    public int SessionsWithOutcome { get; init; }

    public double? SuccessRate { get; init; }

    /// <summary>The 95% Wilson interval of SuccessRate.</summary>
    public double? SuccessLow { get; init; }

    public double? SuccessHigh { get; init; }

    public double? FirstShotRate { get; init; }

    /// <summary>Mean cost of the group's sessions of known cost.</summary>
    public double? CostPerSession { get; init; }

    /// <summary>Mean errors per session, over sessions that record errors.</summary>
    public double? ErrorsPerSession { get; init; }

    /// <summary>Failed tool results over tool calls.</summary>
    public double? ToolFailureRate { get; init; }

    /// <summary>success_rate − CostWeight × cost_per_session − ErrorWeight × errors_per_session; null while a term is unknown.</summary>
    public double? Score { get; init; }

    public double CostWeight { get; init; }

    public double ErrorWeight { get; init; }

    /// <summary>Fewer than 20 sessions: the figures are indicative only, as in compare.</summary>
    public bool SmallSample { get; init; }
}
