// Trends: corrections per session, cost per day and tokens per day over the window, one line per system with its
// 7-day rolling mean. The days are the daily rollup (Get-TelemetryDailySummary) made from the store's daily facts:
// UTC days, costs recorded or priced by the same resolver as sessions and savings, tokens in + out as in the comparison.
using ZosTelemetry.Sessions;
using ZosTelemetry.Statistics;
using ZosTelemetry.Store;

namespace ZosTelemetry.Reports.Html;

public sealed class TrendsSection : IHtmlReportSection
{
    public const int RollingDays = 7;

    private const double Width = 760, Height = 330, Left = 78, Right = 720, Top = 16, Bottom = 226;

    public string Id => "trends";

    public string Title => "Trends";

    public void Write(HtmlPage page, HtmlReportContext context)
    {
        var systems = context.Systems;
        var rows = DailyRollup.FromFacts(context.Facts, null, context.Since, null, context.Costs);
        var others = rows.Where(r => !systems.Contains(r.System)).Select(r => r.System).Distinct().Count();
        rows = rows.Where(r => systems.Contains(r.System)).ToList();
        if (rows.Count == 0)
        {
            page.Note($"No events of {string.Join(", ", systems)} in {context.WindowText}: no trend to draw.");
            return;
        }

        var first = rows.Min(r => r.Date);
        var last = rows.Max(r => r.Date);
        int days = last.DayNumber - first.DayNumber + 1;
        var series = systems.Select(s => Series.Of(s, rows.Where(r => r.System == s), first, days)).Where(s => s.Events > 0).ToList();

        page.Paragraph($"Per UTC day, {context.WindowText}; the thin line is each day, the thick one the mean of the {RollingDays} days up to it.");
        if (others > 0)
        {
            page.Note($"{others} more system{(others == 1 ? " is" : "s are")} in the store but not charted here (name systems with --system or -System).");
        }

        long unpriced = rows.Sum(r => r.UnpricedEvents);
        long events = rows.Sum(r => r.Events);
        string source = $"From {Html.Int(events)} events, {Html.Date(first)} to {Html.Date(last)} (UTC days); store: {context.Overview.Describe()}.";

        page.Figure(Chart("trend-corrections", "Corrections per session, per day", "Corrections / session", series, context, first,
            s => s.Corrections.Select((c, i) => s.Sessions[i] > 0 ? c / s.Sessions[i] : (double?)null).ToArray(),
            s => RollingMean.TrailingRatio(s.Corrections, s.Sessions, RollingDays),
            v => v.ToString("0.00", System.Globalization.CultureInfo.InvariantCulture), [], source));

        var costWarnings = unpriced > 0
            ? new[] { $"{Html.Int(unpriced)} event{(unpriced == 1 ? " has" : "s have")} no recorded cost and no known price: left out of the cost per day." }
            : [];
        page.Figure(Chart("trend-cost", "Cost per day", "Cost per day (USD)", series, context, first,
            s => s.Cost.Select(c => (double?)c).ToArray(),
            s => RollingMean.Trailing(s.Cost, RollingDays).Select(c => (double?)c).ToArray(),
            Html.Usd, costWarnings, source));

        page.Figure(Chart("trend-tokens", "Tokens per day", "Tokens per day (input + output)", series, context, first,
            s => s.Tokens.Select(t => (double?)t).ToArray(),
            s => RollingMean.Trailing(s.Tokens, RollingDays).Select(t => (double?)t).ToArray(),
            v => Html.Int((long)Math.Round(v)), [], source));
    }

    private static Chart Chart(string id, string title, string yTitle, IReadOnlyList<Series> series, HtmlReportContext context, DateOnly first,
        Func<Series, double?[]> daily, Func<Series, double?[]> rolling, Func<double, string> format, IReadOnlyList<string> warnings, string source)
    {
        var values = series.Select(s => (Series: s, Daily: daily(s), Rolling: rolling(s))).ToList();
        int days = series[0].Sessions.Length;
        var all = values.SelectMany(v => v.Daily.Concat(v.Rolling)).OfType<double>().ToList();
        var y = new Axis(Math.Min(0, all.DefaultIfEmpty(0).Min()), all.DefaultIfEmpty(1).Max(), Bottom, Top);
        double X(int day) => days == 1 ? (Left + Right) / 2 : Left + (day * (Right - Left) / (days - 1));

        var svg = new Svg(Width, Height, title);
        svg.YAxis(y, Left, Right, yTitle, Html.Compact);
        svg.Line(Left, Bottom, Right, Bottom, "axis");
        // Within one year the ticks leave the year to the axis title.
        bool oneYear = first.Year == first.AddDays(days - 1).Year;
        foreach (int day in DateTicks(days))
        {
            var date = first.AddDays(day);
            svg.Line(X(day), Bottom, X(day), Bottom + 4, "axis");
            svg.Text(X(day), Bottom + 16, oneYear ? date.ToString("MMM d", System.Globalization.CultureInfo.InvariantCulture) : Html.Date(date), "tick", "middle");
        }

        svg.Text((Left + Right) / 2, Bottom + 34, oneYear ? $"Day (UTC), {first.Year}" : "Day (UTC)", "axis-title", "middle");
        foreach (var (s, d, r) in values)
        {
            string colour = context.ColourOf(s.System);
            Line(svg, d, X, y, "daily " + colour, $"{s.System}, each day");
            Line(svg, r, X, y, "rolling " + colour, $"{s.System}, {RollingDays}-day mean");
        }

        Legend(svg, series.Select(s => (s.System, context.ColourOf(s.System))), Bottom + 58);

        var headers = new List<string> { "Day (UTC)" };
        foreach (var s in series)
        {
            headers.Add($"{s.System}: {yTitle}");
            headers.Add($"{s.System}: {RollingDays}-day mean");
        }

        var rows = new List<IReadOnlyList<string>>();
        for (int i = 0; i < days; i++)
        {
            var row = new List<string> { Html.Date(first.AddDays(i)) };
            foreach (var (_, d, r) in values)
            {
                row.Add(d[i] is double v ? format(v) : "–");
                row.Add(r[i] is double m ? format(m) : "–");
            }

            rows.Add(row);
        }

        return new Chart { Id = id, Title = title, Marks = svg.Marks, Svg = svg.ToString(), Warnings = warnings, Source = source, TableHeaders = headers, TableRows = rows };
    }

    // A series with one point would be an invisible path: it is drawn as a dot.
    private static void Line(Svg svg, double?[] values, Func<int, double> x, Axis y, string cls, string tip)
    {
        var points = values.Select((v, i) => v is double d ? (x(i), y[d]) : ((double, double)?)null).ToList();
        if (points.Count(p => p is not null) == 1)
        {
            var (px, py) = points.First(p => p is not null)!.Value;
            svg.MarkCircle(px, py, 3.5, cls, tip);
        }
        else if (points.Any(p => p is not null))
        {
            svg.MarkPath(Svg.Polyline(points), cls, tip);
        }
    }

    internal static void Legend(Svg svg, IEnumerable<(string Name, string Colour)> entries, double y)
    {
        double x = Left;
        foreach (var (name, colour) in entries)
        {
            string label = name.Length > 22 ? name[..21] + "…" : name;
            double width = 19 + (label.Length * 7.2) + 22;
            if (x > Left && x + width > Width)
            {
                // The next entry would run off the figure: a new line of the legend.
                x = Left;
                y += 18;
            }

            svg.Rect(x, y - 9, 14, 10, "swatch " + colour);
            svg.Text(x + 19, y, label, "legend");
            x += width;
        }
    }

    /// <summary>Up to seven evenly spaced day indexes, always the first and the last.</summary>
    internal static IEnumerable<int> DateTicks(int days)
    {
        int step = Math.Max(1, (int)Math.Ceiling((days - 1) / 6.0));
        for (int d = 0; d < days - 1; d += step)
        {
            // A regular tick too close to the last one would print over it.
            if (d == 0 || days - 1 - d >= (step + 1) / 2)
            {
                yield return d;
            }
        }

        yield return days - 1;
    }

    /// <summary>One system's daily figures over every day of the range, zero where it had no events.</summary>
    private sealed class Series
    {
        public string System { get; private init; } = "";
        public double[] Sessions { get; private init; } = [];
        public double[] Corrections { get; private init; } = [];
        public double[] Cost { get; private init; } = [];
        public double[] Tokens { get; private init; } = [];
        public long Events { get; private init; }

        public static Series Of(string system, IEnumerable<DailySummary> rows, DateOnly first, int days)
        {
            var s = new Series { System = system, Sessions = new double[days], Corrections = new double[days], Cost = new double[days], Tokens = new double[days] };
            long events = 0;
            foreach (var r in rows)
            {
                int i = r.Date.DayNumber - first.DayNumber;
                s.Sessions[i] = r.Sessions;
                s.Corrections[i] = r.Corrections;
                s.Cost[i] = r.CostUsd;
                s.Tokens[i] = r.TokensIn + r.TokensOut;
                events += r.Events;
            }

            return new Series { System = s.System, Sessions = s.Sessions, Corrections = s.Corrections, Cost = s.Cost, Tokens = s.Tokens, Events = events };
        }
    }
}
