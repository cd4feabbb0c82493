// The model quality score of the reference's analytics: per model, variant or system, score = success_rate −
// W_cost × cost_per_session − W_err × errors_per_session, ranked, with the success rate's 95% Wilson interval and
// groups under 20 sessions flagged as compare flags them. Renders as a text table or JSON with the formula beside it.
using System.Globalization;
using System.Text;
using System.Text.Json;
using ZosTelemetry.Comparison;
using ZosTelemetry.Events;
using ZosTelemetry.Reporting;
using ZosTelemetry.Sessions;
using ZosTelemetry.Store;

namespace ZosTelemetry.Scores;

public enum ScoreGrouping
{
    Model,
    Variant,
    System,
}

public sealed record ScoreOptions
{
    public const double DefaultCostWeight = 0.1;
    public const double DefaultErrorWeight = 0.05;

    public ScoreGrouping By { get; init; } = ScoreGrouping.Model;

    /// <summary>Score points per USD of mean session cost.</summary>
    public double CostWeight { get; init; } = DefaultCostWeight;

    /// <summary>Score points per mean error per session.</summary>
    public double ErrorWeight { get; init; } = DefaultErrorWeight;

    public static ScoreGrouping ParseGrouping(string text) => text.ToLowerInvariant() switch
    {
        "model" => ScoreGrouping.Model,
        "variant" => ScoreGrouping.Variant,
        "system" => ScoreGrouping.System,
        _ => throw new ArgumentException($"Unknown grouping {Events.EventValidator.Show(text)}; use model, variant or system."),
    };
}

public sealed class ScoreReport
{
    public ScoreOptions Options { get; init; } = new();

    public IReadOnlyList<ModelScore> Rows { get; init; } = [];

    public string Formula => string.Create(CultureInfo.InvariantCulture,
        $"score = success_rate - {Options.CostWeight:0.####} x cost_per_session - {Options.ErrorWeight:0.####} x errors_per_session");

    public string RenderText()
    {
        var sb = new StringBuilder();
        string by = Options.By.ToString().ToLowerInvariant();
        if (Rows.Count == 0)
        {
            sb.Append("No closed sessions to score.\n");
        }
        else
        {
            var rows = new List<string[]> { new[] { "Rank", by, "Sessions", "Success", "95% interval", "First shot", "Cost/session", "Errors/session", "Tool fail", "Score", "" } };
            rows.AddRange(Rows.Select(r => new[]
            {
                r.Rank.ToString(CultureInfo.InvariantCulture), r.Group, r.Sessions.ToString(CultureInfo.InvariantCulture), Rate(r.SuccessRate),
                r.SuccessLow is double lo && r.SuccessHigh is double hi ? $"{Rate(lo)}–{Rate(hi)}" : "–", Rate(r.FirstShotRate),
                r.CostPerSession is double c ? TextTable.Usd(c) : "–", Number(r.ErrorsPerSession, "0.00"), Rate(r.ToolFailureRate),
                Number(r.Score, "0.000"), r.SmallSample ? "small sample" : "",
            }));
            TextTable.Append(sb, rows, "rlrrrrrrrrl");
        }

        sb.Append(Formula).Append(" (weights: --cost-weight, --error-weight)\n");
        sb.Append(CultureInfo.InvariantCulture, $"Success and first shot count sessions with a known outcome; groups under {SystemComparer.SmallSampleN} sessions are indicative only.\n");
        return sb.ToString();
    }

    public string RenderJson()
    {
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            w.WriteStartObject();
            w.WriteString("by", Options.By.ToString().ToLowerInvariant());
            w.WriteString("formula", Formula);
            w.WriteNumber("cost_weight", Options.CostWeight);
            w.WriteNumber("error_weight", Options.ErrorWeight);
            w.WriteNumber("small_sample_n", SystemComparer.SmallSampleN);
            w.WriteStartArray("groups");
            foreach (var r in Rows)
            {
                w.WriteStartObject();
                w.WriteNumber("rank", r.Rank);
                w.WriteString("group", r.Group);
                w.WriteNumber("sessions", r.Sessions);
                w.WriteNumber("sessions_with_outcome", r.SessionsWithOutcome);
                Nullable(w, "success_rate", r.SuccessRate);
                w.WriteStartArray("success_rate_ci95");
                if (r.SuccessLow is double lo && r.SuccessHigh is double hi)
                {
                    w.WriteNumberValue(lo);
                    w.WriteNumberValue(hi);
                }

                w.WriteEndArray();
                Nullable(w, "first_shot_rate", r.FirstShotRate);
                Nullable(w, "cost_per_session", r.CostPerSession);
                Nullable(w, "errors_per_session", r.ErrorsPerSession);
                Nullable(w, "tool_failure_rate", r.ToolFailureRate);
                Nullable(w, "score", r.Score);
                w.WriteBoolean("small_sample", r.SmallSample);
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray()) + "\n";
    }

    private static string Rate(double? v) => v is double d ? TextTable.Percent(d) : "–";

    private static string Number(double? v, string format) => v is double d ? d.ToString(format, CultureInfo.InvariantCulture) : "–";

    private static void Nullable(Utf8JsonWriter w, string name, double? value)
    {
        if (value is double v)
        {
            w.WriteNumber(name, Math.Round(v, 6));
        }
        else
        {
            w.WriteNull(name);
        }
    }
}

public static class ModelScorer
{
    public const string NoGroup = "(none)";

    public static ScoreReport Score(TelemetryStore store, SessionQuery? query = null, ScoreOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(store);
        return Score(store.ReadSessions(query ?? new SessionQuery()), options);
    }

    public static ScoreReport Score(IEnumerable<SessionSummary> sessions, ScoreOptions? options = null)
    {
        options ??= new ScoreOptions();
        if (!double.IsFinite(options.CostWeight) || !double.IsFinite(options.ErrorWeight) || options.CostWeight < 0 || options.ErrorWeight < 0)
        {
            throw new ArgumentException("the cost and error weights must be finite numbers of 0 or more.");
        }

        var rows = sessions
            .GroupBy(s => GroupOf(s, options.By) ?? NoGroup, StringComparer.Ordinal)
            .Select(g => Row(g.Key, g.ToList(), options))
            .OrderByDescending(r => r.Score.HasValue)
            .ThenByDescending(r => r.Score ?? 0)
            .ThenByDescending(r => r.Sessions)
            .ThenBy(r => r.Group, StringComparer.Ordinal)
            .Select((r, i) => WithRank(r, i + 1))
            .ToList();
        return new ScoreReport { Options = options, Rows = rows };
    }

    /// <summary>
    /// The 95% Wilson score interval of a proportion: (p + z²/2n ± z·√(p(1−p)/n + z²/4n²)) / (1 + z²/n). Unlike p ± z·SE
    /// it stays within 0..1 and is honest for small n and rates near 0 or 1.
    /// </summary>
    public static (double Low, double High) Wilson(int successes, int n, double z = 1.959963984540054)
    {
        if (n <= 0)
        {
            return (double.NaN, double.NaN);
        }

        double p = (double)successes / n, z2 = z * z;
        double centre = p + (z2 / (2 * n));
        double margin = z * Math.Sqrt((p * (1 - p) / n) + (z2 / (4.0 * n * n)));
        double denominator = 1 + (z2 / n);
        return (Math.Max(0, (centre - margin) / denominator), Math.Min(1, (centre + margin) / denominator));
    }

    private static string? GroupOf(SessionSummary s, ScoreGrouping by) => by switch
    {
        ScoreGrouping.Model => s.Model,
        ScoreGrouping.Variant => s.Variant,
        _ => s.System,
    };

    private static ModelScore Row(string group, List<SessionSummary> sessions, ScoreOptions options)
    {
        // One pass (the HTML report scores 100,000 sessions: six LINQ passes over them took about 35 ms more). The
        // averages add in session order and divide once, as Enumerable.Average does, so the figures keep their bits.
        int withOutcome = 0, successes = 0, firstShots = 0, pricedCount = 0, errorCount = 0;
        double pricedSum = 0, errorSum = 0;
        long calls = 0, failures = 0;
        foreach (var s in sessions)
        {
            if (s.Outcome is not null)
            {
                withOutcome++;
                successes += s.Outcome == Outcomes.Success ? 1 : 0;
                firstShots += s.FirstShotSuccess == true ? 1 : 0;
            }

            if (s.UnpricedEvents == 0)
            {
                pricedCount++;
                pricedSum += s.CostUsd;
            }

            if (s.ErrorCount is long errors)
            {
                errorCount++;
                errorSum += errors;
            }

            calls = checked(calls + (s.ToolCalls ?? 0));
            failures = checked(failures + (s.ToolFailures ?? 0));
        }

        double? success = withOutcome == 0 ? null : (double)successes / withOutcome;
        var (low, high) = Wilson(successes, withOutcome);
        double? cost = pricedCount == 0 ? null : pricedSum / pricedCount;
        double? errorsPerSession = errorCount == 0 ? null : errorSum / errorCount;
        return new ModelScore
        {
            By = options.By.ToString().ToLowerInvariant(),
            Group = group,
            Sessions = sessions.Count,
            SessionsWithOutcome = withOutcome,
            SuccessRate = success,
            SuccessLow = success is null ? null : low,
            SuccessHigh = success is null ? null : high,
            FirstShotRate = withOutcome == 0 ? null : (double)firstShots / withOutcome,
            CostPerSession = cost,
            ErrorsPerSession = errorsPerSession,
            ToolFailureRate = calls == 0 ? null : (double)failures / calls,
            Score = success is double sr && cost is double c && errorsPerSession is double e ? sr - (options.CostWeight * c) - (options.ErrorWeight * e) : null,
            CostWeight = options.CostWeight,
            ErrorWeight = options.ErrorWeight,
            SmallSample = sessions.Count < SystemComparer.SmallSampleN,
        };
    }

    private static ModelScore WithRank(ModelScore r, int rank) => new()
    {
        Rank = rank, By = r.By, Group = r.Group, Sessions = r.Sessions, SessionsWithOutcome = r.SessionsWithOutcome, SuccessRate = r.SuccessRate,
        SuccessLow = r.SuccessLow, SuccessHigh = r.SuccessHigh, FirstShotRate = r.FirstShotRate, CostPerSession = r.CostPerSession,
        ErrorsPerSession = r.ErrorsPerSession, ToolFailureRate = r.ToolFailureRate, Score = r.Score, CostWeight = r.CostWeight,
        ErrorWeight = r.ErrorWeight, SmallSample = r.SmallSample,
    };
}
