// Snapshot drift: per system with quality snapshots, the recent window against the baseline window as
// SnapshotDriftAnalyzer computes them for `snapshots --compare` and Compare-TelemetrySnapshot (the same default
// windows and thresholds), every change past its threshold flagged; a chart of recent against baseline and one of
// each snapshot's mean confidence and reject rate over time. Without snapshots the section says so and draws nothing.
using System.Globalization;
using ZosTelemetry.Snapshots;
using ZosTelemetry.Store;

namespace ZosTelemetry.Reports.Html;

public sealed class SnapshotDriftSection : IHtmlReportSection
{
    /// <summary>A system with more snapshots than this in the chart gets its lines without a dot per snapshot.</summary>
    public const int MaxDotsPerSystem = 120;

    private const double Width = 760, Left = 230, Right = 700, Bar = 16, Gap = 4, GroupGap = 14, AxisSpace = 50;
    private const double TimeLeft = 78, TimeRight = 720, TimeTop = 16, TimeBottom = 226, TimeHeight = 330;

    public string Id => "snapshot-drift";

    public string Title => "Snapshot drift";

    public void Write(HtmlPage page, HtmlReportContext context)
    {
        var options = new DriftOptions { Now = context.Options.Now };
        var named = context.SystemsChosen ? null : context.Options.Systems;
        // One read covers the drift windows and the report's window; the drift analyzer keeps its own windows.
        DateTimeOffset? since = context.Since is DateTimeOffset s && s > options.BaselineSince ? options.BaselineSince : context.Since;
        var snapshots = context.Store.ReadSnapshots(new SnapshotQuery { Since = since, Until = options.Now })
            .Where(x => named is null || named.Contains(x.System))
            .OrderBy(x => x.Timestamp)
            .ToList();
        if (snapshots.Count == 0)
        {
            string whose = named is null ? "" : " of " + string.Join(" or ", named);
            string when = since is null ? "" : $" since {Day(since.Value)}";
            page.Note($"The store holds no quality snapshots{whose}{when}: no drift to show. " +
                "A snapshot is stored by zos-telemetry snapshot or New-TelemetrySnapshot.");
            return;
        }

        var report = SnapshotDriftAnalyzer.Compare(snapshots, options);
        var inWindow = snapshots.Where(x => context.Since is null || x.Timestamp >= context.Since).ToList();
        var systems = snapshots.Select(x => x.System).Distinct().Order(StringComparer.Ordinal).ToList();
        var colours = Colours(systems, context);

        page.Paragraph($"Per system, the snapshots of the last {report.Last} days ({Day(report.RecentSince)} to {Day(report.GeneratedAt)}) against those of the " +
            $"{report.Baseline} days before ({Day(report.BaselineSince)} to {Day(report.RecentSince)}), pooled by record count as zos-telemetry snapshots --compare " +
            "and Compare-TelemetrySnapshot compute them. A change at or past its threshold is flagged ⚠.");
        foreach (string warning in report.Warnings)
        {
            page.Warning(warning);
        }

        foreach (var group in report.Rows.GroupBy(r => r.System))
        {
            page.Heading(group.Key);
            page.Tiles(group.Select(r => (r.Label, Figure(r))));
            foreach (var r in group.Where(r => r.Drifted))
            {
                page.Warning(r.Metric == SnapshotDriftAnalyzer.ClassMix
                    ? $"{r.System}: the class mix moved {r.FormatChange} (total variation distance), past the threshold of {r.FormatThreshold}."
                    : $"{r.System}: {r.Label.ToLowerInvariant()} changed {r.FormatChange} ({r.FormatBaseline} → {r.FormatRecent}), past the threshold of {r.FormatThreshold}.");
            }
        }

        string source = $"From {Html.Int(report.Rows.Where(r => r.Metric == SnapshotDriftAnalyzer.RejectRate).Sum(r => r.RecentSnapshots + r.BaselineSnapshots))} snapshots " +
            $"in the two windows ({Day(report.BaselineSince)} to {Day(report.GeneratedAt)}); store: {context.Overview.Describe()}.";
        if (report.Rows.Count > 0)
        {
            page.Figure(RecentAgainstBaseline(report, colours, source));
        }
        else
        {
            page.Note($"No snapshot in the last {report.Last + report.Baseline} days: no recent or baseline figures to compare.");
        }

        if (inWindow.Count > 0)
        {
            page.Figure(OverTime(inWindow, report, colours, context));
        }
        else
        {
            page.Note($"No snapshot in {context.WindowText}: no chart over time.");
        }
    }

    /// <summary>"0.7800 → 0.7100 (-0.0700) ⚠": baseline, recent and change as the drift report formats them.</summary>
    internal static string Figure(SnapshotDrift r) =>
        (r.Metric == SnapshotDriftAnalyzer.ClassMix ? r.FormatChange : $"{r.FormatBaseline} → {r.FormatRecent} ({r.FormatChange})") + (r.Drifted ? " ⚠" : "");

    /// <summary>Baseline and recent as bars on one 0 to 100% axis: mean confidence (a probability) and reject rate (a share).</summary>
    private static Chart RecentAgainstBaseline(SnapshotDriftReport report, IReadOnlyDictionary<string, string> colours, string source)
    {
        string title = $"Mean confidence and reject rate: last {report.Last} days against the {report.Baseline} before";
        var shown = report.Rows.Where(r => r.Metric is SnapshotDriftAnalyzer.MeanConfidence or SnapshotDriftAnalyzer.RejectRate).ToList();
        var groups = shown.GroupBy(r => r.System).ToList();
        double height = 20 + (groups.Count * (GroupGap + 12)) + (shown.Count * ((2 * (Bar + Gap)) + 8)) + AxisSpace + 24;
        var svg = new Svg(Width, height, title);
        var axis = new Axis(0, 1, Left, Right - 50);
        double y = 20;
        foreach (var group in groups)
        {
            svg.Text(Left - 10, y + 2, group.Key, "label", "end");
            y += 12;
            foreach (var r in group)
            {
                svg.Text(Left - 10, y + Bar - 3, r.Label + (r.Drifted ? " ⚠" : ""), r.Drifted ? "sub flag" : "sub", "end");
                foreach (var (window, value, cls) in new[] { ("baseline", r.Baseline, "baseline"), ("recent", r.Recent, colours[r.System]) })
                {
                    if (value is double v)
                    {
                        svg.MarkRect(Left, y, axis[v] - Left, Bar, "bar " + cls, $"{r.System}, {r.Label}, {window}: {Show(r, v)}");
                        svg.Text(axis[v] + 6, y + Bar - 4, $"{window} {Show(r, v)}", "value");
                    }
                    else
                    {
                        svg.Text(Left + 4, y + Bar - 4, $"{window}: no snapshot", "value");
                    }

                    y += Bar + Gap;
                }

                y += 8;
            }

            y += GroupGap;
        }

        svg.XAxis(axis, y, "Percent (mean confidence as a probability, reject rate as a share of records)", v => (100 * v).ToString("0", CultureInfo.InvariantCulture) + "%");
        TrendsSection.Legend(svg, new[] { ("baseline window", "baseline") }.Concat(groups.Select(g => ($"{g.Key}, recent", colours[g.Key]))), y + 52);
        return new Chart
        {
            Id = "drift-recent",
            Title = title,
            Marks = svg.Marks,
            Svg = svg.ToString(),
            Source = source,
            TableHeaders = ["System", "Metric", "Baseline", "Recent", "Change", "Threshold", "Drifted", "Baseline snapshots", "Recent snapshots"],
            TableRows = report.Rows.Select(r => (IReadOnlyList<string>)[r.System, r.Label, r.FormatBaseline, r.FormatRecent, r.FormatChange, r.FormatThreshold,
                r.Drifted ? "yes ⚠" : "no", Html.Int(r.BaselineSnapshots), Html.Int(r.RecentSnapshots)]).ToList(),
        };
    }

    /// <summary>Each snapshot's mean confidence (solid line, dots) and reject rate (dashed line, diamonds), the two windows shaded.</summary>
    private static Chart OverTime(List<QualitySnapshot> snapshots, SnapshotDriftReport report, IReadOnlyDictionary<string, string> colours, HtmlReportContext context)
    {
        const string title = "Mean confidence and reject rate per snapshot";
        var first = DateOnly.FromDateTime(snapshots[0].Timestamp.UtcDateTime);
        var last = DateOnly.FromDateTime(report.GeneratedAt.UtcDateTime);
        int days = Math.Max(1, last.DayNumber - first.DayNumber + 1);
        var start = new DateTimeOffset(first.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        double X(DateTimeOffset t) => TimeLeft + (Math.Clamp((t - start).TotalDays / days, 0, 1) * (TimeRight - TimeLeft));
        var y = new Axis(0, 1, TimeBottom, TimeTop);

        var svg = new Svg(Width, TimeHeight, title);
        // The drift windows as bands behind the data, so a reader sees which snapshots each figure pooled.
        foreach (var (from, to, label) in new[] { (report.BaselineSince, report.RecentSince, "baseline"), (report.RecentSince, report.GeneratedAt, "recent") })
        {
            double x1 = X(from), x2 = X(to);
            if (x2 - x1 >= 1)
            {
                svg.Rect(x1, TimeTop, x2 - x1, TimeBottom - TimeTop, "band window-" + label);
                svg.Text((x1 + x2) / 2, TimeTop + 12, label + " window", "sub", "middle");
            }
        }

        svg.YAxis(y, TimeLeft, TimeRight, "Percent", v => (100 * v).ToString("0", CultureInfo.InvariantCulture) + "%");
        svg.Line(TimeLeft, TimeBottom, TimeRight, TimeBottom, "axis");
        bool oneYear = first.Year == last.Year;
        foreach (int day in TrendsSection.DateTicks(days + 1))
        {
            var date = first.AddDays(day);
            double x = TimeLeft + ((double)day / days * (TimeRight - TimeLeft));
            svg.Line(x, TimeBottom, x, TimeBottom + 4, "axis");
            svg.Text(x, TimeBottom + 16, oneYear ? date.ToString("MMM d", CultureInfo.InvariantCulture) : Html.Date(date), "tick", "middle");
        }

        svg.Text((TimeLeft + TimeRight) / 2, TimeBottom + 34, oneYear ? $"Snapshot time (UTC), {first.Year}" : "Snapshot time (UTC)", "axis-title", "middle");
        foreach (var group in snapshots.GroupBy(x => x.System))
        {
            string colour = colours[group.Key];
            var withConfidence = group.Where(x => x.MeanConfidence is not null).ToList();
            var all = group.ToList();
            bool dots = all.Count <= MaxDotsPerSystem;
            if (withConfidence.Count >= 2)
            {
                svg.MarkPath(Svg.Polyline(withConfidence.Select(x => ((double, double)?)(X(x.Timestamp), y[x.MeanConfidence!.Value]))), "snapline " + colour, $"{group.Key}, mean confidence");
            }

            if (all.Count >= 2)
            {
                svg.MarkPath(Svg.Polyline(all.Select(x => ((double, double)?)(X(x.Timestamp), y[x.RejectRate]))), "snapline reject " + colour, $"{group.Key}, reject rate");
            }

            // A single snapshot would be an invisible line: it always gets its dot.
            foreach (var x in withConfidence.Where(_ => dots || withConfidence.Count == 1))
            {
                svg.MarkCircle(X(x.Timestamp), y[x.MeanConfidence!.Value], 3.2, "snapdot " + colour, $"{group.Key}, {Iso8601.Format(x.Timestamp)}: mean confidence {x.MeanConfidence.Value.ToString("0.0000", CultureInfo.InvariantCulture)}");
            }

            foreach (var x in all.Where(_ => dots || all.Count == 1))
            {
                svg.MarkPath(Svg.Diamond(X(x.Timestamp), y[x.RejectRate], 4), "snapdot reject " + colour, $"{group.Key}, {Iso8601.Format(x.Timestamp)}: reject rate {Html.Percent(x.RejectRate)}");
            }
        }

        TrendsSection.Legend(svg, snapshots.Select(x => x.System).Distinct().Order(StringComparer.Ordinal).Select(s => (s, colours[s])), TimeBottom + 58);
        svg.Text(TimeLeft, TimeBottom + 80, "Solid line and dots: mean confidence. Dashed line and diamonds: reject rate.", "legend");
        bool thinned = snapshots.GroupBy(x => x.System).Any(g => g.Count() > MaxDotsPerSystem);
        return new Chart
        {
            Id = "drift-over-time",
            Title = title,
            Marks = svg.Marks,
            Svg = svg.ToString(),
            Warnings = thinned ? [$"A system with more than {MaxDotsPerSystem} snapshots is drawn as lines only; every snapshot is in the table."] : [],
            Source = $"From {Html.Int(snapshots.Count)} snapshots in {context.WindowText}, {Day(snapshots[0].Timestamp)} to {Day(snapshots[^1].Timestamp)}; the shaded bands are the drift windows.",
            TableHeaders = ["Snapshot time (UTC)", "System", "Records", "Mean confidence", "Reject rate", "Mean entropy (nats)", "Classes"],
            TableRows = snapshots.Select(x => (IReadOnlyList<string>)[Iso8601.Format(x.Timestamp), x.System, Html.Int(x.TotalWindows),
                x.MeanConfidence is double c ? c.ToString("0.0000", CultureInfo.InvariantCulture) : "–", Html.Percent(x.RejectRate),
                x.MeanEntropy.ToString("0.0000", CultureInfo.InvariantCulture), Html.Int(x.Classes)]).ToList(),
        };
    }

    /// <summary>A system's colour: its colour elsewhere in the report when it is charted there, else the next free one.</summary>
    private static Dictionary<string, string> Colours(IReadOnlyList<string> systems, HtmlReportContext context)
    {
        var colours = new Dictionary<string, string>(StringComparer.Ordinal);
        var used = new HashSet<string>(context.Systems.Select(context.ColourOf), StringComparer.Ordinal);
        int next = 0;
        foreach (string system in systems)
        {
            string colour = context.ColourOf(system);
            if (colour == "s-other")
            {
                while (next < HtmlReportContext.MaxChartedSystems && used.Contains("s" + next.ToString(CultureInfo.InvariantCulture)))
                {
                    next++;
                }

                colour = next < HtmlReportContext.MaxChartedSystems ? "s" + next.ToString(CultureInfo.InvariantCulture) : "s-other";
                used.Add(colour);
            }

            colours[system] = colour;
        }

        return colours;
    }

    private static string Show(SnapshotDrift r, double v) =>
        r.Metric == SnapshotDriftAnalyzer.RejectRate ? Html.Percent(v) : v.ToString("0.0000", CultureInfo.InvariantCulture);

    private static string Day(DateTimeOffset t) => Html.Date(DateOnly.FromDateTime(t.UtcDateTime));
}
