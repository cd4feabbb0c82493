// The three renderings of a comparison: JSON a machine can rely on, Markdown for CI summaries, text for terminals.
using System.Text.Json;
using ZosTelemetry.Comparison;

namespace ZosTelemetry.Tests;

public sealed class ComparisonRendererTests
{
    private static readonly ComparisonOptions Options = new() { Now = Make.Now };

    private static ComparisonReport SmallReport() => SystemComparer.Compare(SystemComparerTests.HandBuilt(), "alpha", "beta", Options);

    private static ComparisonReport LargeReport() => SystemComparer.Compare(
        Enumerable.Range(0, 40).Select(i => SystemComparerTests.Session($"s{i}", i % 2 == 0 ? "alpha" : "beta", corrections: i % 3, userTurns: 4, turns: 8, cost: 0.01 * (i % 5))),
        "alpha",
        "beta",
        Options);

    private static ComparisonReport OneSidedReport() => SystemComparer.Compare(SystemComparerTests.HandBuilt(), "alpha", "nobody", Options);

    [Fact]
    public void ComparisonJson_Render_ParsesAsOneObject()
    {
        using var doc = JsonDocument.Parse(ComparisonJson.Render(SmallReport()));

        Assert.Equal(JsonValueKind.Object, doc.RootElement.ValueKind);
        Assert.Equal("alpha", doc.RootElement.GetProperty("system_a").GetString());
        Assert.Equal("beta", doc.RootElement.GetProperty("system_b").GetString());
    }

    [Fact]
    public void ComparisonJson_Render_SystemsCarrySessionsAndSmallSample()
    {
        using var doc = JsonDocument.Parse(ComparisonJson.Render(SmallReport()));
        var systems = doc.RootElement.GetProperty("systems");

        Assert.Equal(3, systems.GetProperty("alpha").GetProperty("sessions").GetInt32());
        Assert.Equal(2, systems.GetProperty("beta").GetProperty("sessions").GetInt32());
        Assert.True(systems.GetProperty("alpha").GetProperty("small_sample").GetBoolean());
        Assert.True(systems.GetProperty("beta").GetProperty("small_sample").GetBoolean());
    }

    [Fact]
    public void ComparisonJson_Render_SystemsCarryPerMetricMeanAndMedian()
    {
        // Hand values as in SystemComparerTests: corrections alpha mean 2/3 median 0; cost alpha mean 0.20; turns beta mean 10.
        using var doc = JsonDocument.Parse(ComparisonJson.Render(SmallReport()));
        var alpha = doc.RootElement.GetProperty("systems").GetProperty("alpha");
        var beta = doc.RootElement.GetProperty("systems").GetProperty("beta");

        Assert.Equal(2.0 / 3.0, alpha.GetProperty("corrections_per_session").GetProperty("mean").GetDouble(), 12);
        Assert.Equal(0.0, alpha.GetProperty("corrections_per_session").GetProperty("median").GetDouble());
        Assert.Equal(0.20, alpha.GetProperty("cost_usd_per_session").GetProperty("mean").GetDouble(), 12);
        Assert.Equal(10.0, beta.GetProperty("turns_per_session").GetProperty("mean").GetDouble());
        Assert.Equal(3, alpha.GetProperty("cost_usd_per_session").GetProperty("n").GetInt32());
    }

    [Fact]
    public void ComparisonJson_Render_DeltasCarryMetricMeansDiffAndInterval()
    {
        using var doc = JsonDocument.Parse(ComparisonJson.Render(SmallReport()));
        var deltas = doc.RootElement.GetProperty("deltas");

        Assert.Equal(JsonValueKind.Array, deltas.ValueKind);
        Assert.Equal(ComparisonMetric.All.Count, deltas.GetArrayLength());
        var turns = Assert.Single(deltas.EnumerateArray(), d => d.GetProperty("metric").GetString() == "turns_per_session");
        Assert.Equal(4.0, turns.GetProperty("a").GetDouble());
        Assert.Equal(10.0, turns.GetProperty("b").GetDouble());
        Assert.Equal(-6.0, turns.GetProperty("diff").GetDouble());
        var ci = turns.GetProperty("ci95");
        Assert.Equal(2, ci.GetArrayLength());
        Assert.True(ci[0].GetDouble() <= ci[1].GetDouble());
        Assert.Equal("bootstrap", turns.GetProperty("method").GetString());
    }

    [Fact]
    public void ComparisonJson_Render_WarningsIsAnArrayOfStrings()
    {
        using var doc = JsonDocument.Parse(ComparisonJson.Render(SmallReport()));
        var warnings = doc.RootElement.GetProperty("warnings");

        Assert.Equal(2, warnings.GetArrayLength());
        Assert.All(warnings.EnumerateArray(), w => Assert.StartsWith("Small sample", w.GetString(), StringComparison.Ordinal));
    }

    [Fact]
    public void ComparisonJson_Render_EmptySideGivesNullsNotNaN()
    {
        using var doc = JsonDocument.Parse(ComparisonJson.Render(OneSidedReport()));
        var delta = doc.RootElement.GetProperty("deltas")[0];

        Assert.Equal(JsonValueKind.Null, delta.GetProperty("b").ValueKind);
        Assert.Equal(JsonValueKind.Null, delta.GetProperty("diff").ValueKind);
        Assert.Equal(JsonValueKind.Null, delta.GetProperty("ci95").ValueKind);
        Assert.Equal(JsonValueKind.Null, doc.RootElement.GetProperty("systems").GetProperty("nobody").GetProperty("corrections_per_session").GetProperty("mean").ValueKind);
    }

    [Fact]
    public void ComparisonJson_RenderLargeSample_SmallSampleIsFalse()
    {
        using var doc = JsonDocument.Parse(ComparisonJson.Render(LargeReport()));

        Assert.False(doc.RootElement.GetProperty("systems").GetProperty("alpha").GetProperty("small_sample").GetBoolean());
        Assert.Equal(0, doc.RootElement.GetProperty("warnings").GetArrayLength());
    }

    [Fact]
    public void ComparisonMarkdown_Render_ContainsTableHeaderRow()
    {
        string md = ComparisonMarkdown.Render(SmallReport());

        Assert.Contains("| Metric | alpha mean | alpha median | beta mean | beta median | Δ (A − B) | 95% CI | |\n", md, StringComparison.Ordinal);
        Assert.Contains("|---|", md, StringComparison.Ordinal);
    }

    [Fact]
    public void ComparisonMarkdown_Render_HasOneRowPerMetric()
    {
        string md = ComparisonMarkdown.Render(LargeReport());

        // Chat sessions know no agent-run figure: those rows are left out (AgentCompareTests covers them).
        foreach (var metric in ComparisonMetric.All.Where(m => !m.IsAgentRun))
        {
            Assert.Contains($"\n| {metric.Label} |", md, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void ComparisonMarkdown_RenderSmallSample_ContainsTheSmallSampleNote()
    {
        Assert.Contains("**Small sample**", ComparisonMarkdown.Render(SmallReport()), StringComparison.Ordinal);
    }

    [Fact]
    public void ComparisonMarkdown_RenderLargeSample_HasNoSmallSampleNote()
    {
        Assert.DoesNotContain("Small sample", ComparisonMarkdown.Render(LargeReport()), StringComparison.Ordinal);
    }

    [Fact]
    public void ComparisonText_RenderSmallSample_MentionsSmallSample()
    {
        Assert.Contains("SMALL SAMPLE", ComparisonText.Render(SmallReport()), StringComparison.Ordinal);
    }

    [Fact]
    public void ComparisonText_RenderLargeSample_DoesNotMentionSmallSample()
    {
        Assert.DoesNotContain("SMALL SAMPLE", ComparisonText.Render(LargeReport()), StringComparison.Ordinal);
    }

    [Fact]
    public void ComparisonText_Render_ListsWarnings()
    {
        string text = ComparisonText.Render(OneSidedReport());

        Assert.Contains("warning: No closed sessions for system 'nobody'", text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("duration_s_per_session", 0.253, "0.25")]
    [InlineData("duration_s_per_session", 0.342, "0.34")]
    [InlineData("duration_s_per_session", 42.4, "42")]
    [InlineData("duration_s_per_session", 5.26, "5.3")]
    [InlineData("duration_s_per_session", 0, "0")]
    [InlineData("cost_usd_per_session", 0.0123, "0.0123")]
    [InlineData("cost_usd_per_session", 0.0000123, "0.000012")]
    [InlineData("corrections_per_session", 1.5, "1.50")]
    [InlineData("tokens_per_session", -0.004, "-0.0040")]
    public void FormatValue_SmallValues_KeepTwoSignificantDigits(string metric, double value, string expected)
    {
        Assert.Equal(expected, ComparisonMetric.Get(metric).FormatValue(value));
    }
}
