// The model quality score: the Wilson interval, the formula with its weights, ranking, and small groups flagged.
using ZosTelemetry.Scores;
using ZosTelemetry.Sessions;

namespace ZosTelemetry.Tests;

public sealed class ModelScoreTests
{
    private static SessionSummary Run(string variant, string? outcome, double cost = 0.5, long errors = 1, long attempts = 1, string model = "m1") => new()
    {
        SessionId = Guid.NewGuid().ToString("N"), System = "ci-agent", Model = model, Variant = variant, Outcome = outcome, CostUsd = cost,
        ErrorsByCategory = new Dictionary<string, long> { ["timeout"] = errors }, ToolCalls = 10, ToolFailures = 2, Attempts = attempts,
        FirstShotSuccess = outcome is null ? null : outcome == "success" && attempts == 1,
    };

    [Fact]
    public void Wilson_EightOfTen_IsTheTextbookInterval()
    {
        var (low, high) = ModelScorer.Wilson(8, 10);
        Assert.Equal(0.4902, low, 4);
        Assert.Equal(0.9433, high, 4);
    }

    [Fact]
    public void Wilson_AllOrNothing_StaysInsideZeroToOne()
    {
        Assert.Equal(0, ModelScorer.Wilson(0, 5).Low);
        Assert.Equal(1, ModelScorer.Wilson(5, 5).High, 12);
        Assert.True(ModelScorer.Wilson(5, 5).Low > 0.5);
    }

    [Fact]
    public void Score_ByVariant_AppliesTheFormulaAndRanks()
    {
        var sessions = new[] { Run("v1", "success"), Run("v1", "success"), Run("v1", "success", attempts: 2), Run("v1", "failure"),
            Run("v2", "success"), Run("v2", "failure"), Run("v2", "failure"), Run("v2", "abandoned"), Run("v2", null) };

        var report = ModelScorer.Score(sessions, new ScoreOptions { By = ScoreGrouping.Variant, CostWeight = 0.2, ErrorWeight = 0.1 });

        var v1 = report.Rows[0];
        Assert.Equal(("v1", 1, 4), (v1.Group, v1.Rank, v1.Sessions));
        Assert.Equal(0.75, v1.SuccessRate);
        Assert.Equal(0.5, v1.FirstShotRate);
        Assert.Equal(0.75 - (0.2 * 0.5) - (0.1 * 1), v1.Score!.Value, 12);
        Assert.Equal(0.2, v1.ToolFailureRate);
        var v2 = report.Rows[1];
        Assert.Equal((5, 4, 0.25), (v2.Sessions, v2.SessionsWithOutcome, v2.SuccessRate!.Value));
        Assert.True(v1.SmallSample && v2.SmallSample);
        Assert.Contains("score = success_rate - 0.2 x cost_per_session - 0.1 x errors_per_session", report.RenderText());
        Assert.Contains("small sample", report.RenderText());
    }

    [Fact]
    public void Score_NoOutcomeKnown_HasNoScoreAndRanksLast()
    {
        var report = ModelScorer.Score([Run("v1", null, model: "a"), Run("v1", "failure", model: "b")]);
        Assert.Equal(("b", "a"), (report.Rows[0].Group, report.Rows[1].Group));
        Assert.Null(report.Rows[1].Score);
        Assert.Null(report.Rows[1].SuccessLow);
    }

    [Fact]
    public void Score_TwentySessions_IsNotASmallSample() =>
        Assert.False(ModelScorer.Score(Enumerable.Range(0, 20).Select(_ => Run("v1", "success"))).Rows.Single().SmallSample);

    [Fact]
    public void Score_NegativeWeight_IsRefused() =>
        Assert.Throws<ArgumentException>(() => ModelScorer.Score([Run("v1", "success")], new ScoreOptions { CostWeight = -1 }));
}
