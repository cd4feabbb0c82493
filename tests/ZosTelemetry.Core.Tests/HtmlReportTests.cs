// The HTML report as a specification: sections and charts from the core's own computations (the comparison, the daily
// rollup, the savings report), marks as many as the data, every name escaped, nothing that reaches the network, and
// no content. What a browser makes of the page is tested by tests/html-report (headless Chromium).
using System.Runtime.InteropServices;
using System.Text.RegularExpressions;
using ZosTelemetry.Comparison;
using ZosTelemetry.Detection;
using ZosTelemetry.Events;
using ZosTelemetry.Pricing;
using ZosTelemetry.Reports.Html;
using ZosTelemetry.Savings;
using ZosTelemetry.Statistics;
using ZosTelemetry.Store;

namespace ZosTelemetry.Tests;

public sealed partial class HtmlReportTests : IDisposable
{
    private readonly TempRoot temp = new();

    public void Dispose() => temp.Dispose();

    /// <summary>n closed sessions of a system over the days before Make.Now: user turns (every third a correction) and priced assistant turns.</summary>
    private static void AddSessions(TelemetryStore store, string system, int n, string model = "claude-sonnet-4-5", int dayOffset = 0, int spreadDays = 20)
    {
        var events = new List<TelemetryEvent>();
        for (int i = 0; i < n; i++)
        {
            var start = Make.Now.AddDays(-(dayOffset + (i % spreadDays)) - 1).AddMinutes(i);
            // Session ids allow fewer characters than system names: the system's name is hashed into the id.
            string session = $"{Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(system)))[..12]}-{i}";
            for (int t = 0; t < 2 + (i % 3); t++)
            {
                events.Add(Make.Event(session, system, EventKinds.UserMessage, start.AddMinutes(2 * t), markers: (i + t) % 3 == 0 ? ["corr.strong.1"] : []));
                events.Add(Make.Event(session, system, EventKinds.AssistantMessage, start.AddMinutes((2 * t) + 1), model: model, tokensIn: 1000 + (37 * i), tokensOut: 200 + (11 * t)));
            }
        }

        store.Append(events);
        foreach (string session in events.Select(e => e.SessionId).Distinct())
        {
            store.Close(session);
        }
    }

    private TelemetryStore Store(params (string System, int Sessions)[] systems)
    {
        var store = new TelemetryStore(temp.Combine("store"), clock: () => Make.Now);
        foreach (var (system, n) in systems)
        {
            AddSessions(store, system, n, system.StartsWith("codex", StringComparison.Ordinal) ? "gpt-5-codex" : "claude-sonnet-4-5");
        }

        return store;
    }

    private static HtmlReportResult Render(TelemetryStore store, params string[] systems) =>
        HtmlReport.Render(store, new HtmlReportOptions { Systems = systems, Now = Make.Now });

    /// <summary>Each figure's id, declared marks and the marks its SVG holds.</summary>
    private static List<(string Id, int Declared, int Drawn)> Figures(string html) =>
        FigureRegex().Matches(html).Select(m => (m.Groups[1].Value, int.Parse(m.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture), Regex.Matches(m.Groups[3].Value, "class=\"mark ").Count)).ToList();

    [GeneratedRegex("<figure class=\"chart\" id=\"[^\"]*\" data-chart=\"([^\"]*)\" data-marks=\"(\\d+)\">(.*?)</figure>", RegexOptions.Singleline)]
    private static partial Regex FigureRegex();

    [Fact]
    public void Render_TwoSystems_SectionsChartsAndMarksAsTheDataImplies()
    {
        var store = Store(("claude-code", 24), ("codex", 12));

        var report = Render(store);

        Assert.Equal(["head-to-head", "trends", "cost", "alerts", "scores", "snapshot-drift"], report.Sections);
        Assert.Equal(13, report.Charts.Count);
        var figures = Figures(report.Html);
        Assert.Equal(report.Charts, figures.Select(f => f.Id));
        Assert.All(figures, f => Assert.True(f.Drawn > 0 && f.Drawn == f.Declared, $"{f.Id}: declared {f.Declared}, drawn {f.Drawn}"));

        // Head to head: a dot per session (small samples), a box and a mean a side, the interval and the difference.
        Assert.Equal(24 + 12 + 2 + 2 + 2, figures.Single(f => f.Id == "h2h-corrections_per_session").Drawn);
        // Trends: a daily line and a 7-day line per system.
        Assert.Equal(4, figures.Single(f => f.Id == "trend-cost").Drawn);
        Assert.Equal(2, figures.Single(f => f.Id == "cost-models").Drawn);
        Assert.Equal(36, report.Sessions);
        Assert.Equal(["claude-code", "codex"], report.Systems);
    }

    [Fact]
    public void Render_DailyFactsReadInTheBackground_TellWarningsAndVerboseLinesOnTheRenderingThread()
    {
        var store = Store(("alpha", 12), ("beta", 9));
        string events = Directory.GetFiles(store.Root, "events-*.jsonl").Order().Last();
        File.AppendAllText(events, "{\"not\": \"a row\"}\n"); // the facts read warns about it (and keeps no sidecar)
        int thread = Environment.CurrentManagedThreadId;
        var warnings = new List<(StoreWarning Warning, int Thread)>();
        var observer = new ThreadObserver();
        var watched = new TelemetryStore(store.Root, w => warnings.Add((w, Environment.CurrentManagedThreadId)), () => Make.Now) { Observer = observer };

        HtmlReport.Render(watched, new HtmlReportOptions { Now = Make.Now });

        Assert.Contains(warnings, w => w.Warning.Path == events);
        Assert.All(warnings, w => Assert.Equal(thread, w.Thread));
        Assert.Contains(observer.Lines, l => l.Line.StartsWith("Folding the daily facts of", StringComparison.Ordinal));
        Assert.All(observer.Lines, l => Assert.Equal(thread, l.Thread));
    }

    private sealed class ThreadObserver : IStoreObserver
    {
        public List<(string Line, int Thread)> Lines { get; } = new();

        public void Verbose(string message) => Lines.Add((message, Environment.CurrentManagedThreadId));

        public void Progress(string activity, long done, long total) => Lines.Add((activity, Environment.CurrentManagedThreadId));
    }

    [Fact]
    public void Render_SystemsNamedLikeMarkup_RenderAsEscapedText()
    {
        // Append refuses such names, but a store edited by hand or merged from elsewhere can hold them, and --system
        // takes any text: both paths reach the page.
        const string Script = "<script>alert(1)</script>";
        const string Quoted = "a\"b'c&d<img src=x onerror=alert(2)>";
        var store = Store(("hostile-one", 6), ("hostile-two", 5));
        foreach (string file in Directory.GetFiles(store.Root, "*.jsonl"))
        {
            File.WriteAllText(file, File.ReadAllText(file)
                .Replace("hostile-one", System.Text.Json.JsonEncodedText.Encode(Script).ToString(), StringComparison.Ordinal)
                .Replace("hostile-two", System.Text.Json.JsonEncodedText.Encode(Quoted).ToString(), StringComparison.Ordinal));
        }

        foreach (var report in new[] { Render(store), Render(store, Script, Quoted), Render(store, "<b>named</b>", Script) })
        {
            Assert.Contains(Script, report.Systems);
            Assert.DoesNotContain("<script", report.Html, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("<img", report.Html, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("<b>", report.Html, StringComparison.OrdinalIgnoreCase);
            Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt;", report.Html, StringComparison.Ordinal);
            Assert.All(Figures(report.Html), f => Assert.True(f.Drawn > 0, f.Id));
        }

        Assert.Contains("a&quot;b&#39;c&amp;d&lt;img src=x onerror=alert(2)&gt;", Render(store).Html, StringComparison.Ordinal);
    }

    [Fact]
    public void Escape_AllFiveSpecialCharacters_AreEntities()
    {
        Assert.Equal("&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt;", Html.Escape("<a href=\"x\" title='y'>&</a>"));
        Assert.Equal("plain", Html.Escape("plain"));
        Assert.Equal("", Html.Escape(null));
    }

    [Fact]
    public void Render_Page_IsSelfContainedAndForbidsRequests()
    {
        var report = Render(Store(("claude-code", 8), ("codex", 8)));
        string html = report.Html;

        Assert.Contains("Content-Security-Policy\" content=\"default-src 'none'", html, StringComparison.Ordinal);
        foreach (string forbidden in new[] { "<script", "<link", "<img", "<iframe", "@import", "url(", " src=", "https://" })
        {
            Assert.DoesNotContain(forbidden, html, StringComparison.OrdinalIgnoreCase);
        }

        // The only address on the page is the SVG namespace, which is a name, not a request.
        Assert.Equal(Regex.Matches(html, "<svg ").Count, Regex.Matches(html, "http://").Count);
        Assert.Contains("@media (prefers-color-scheme:dark)", html, StringComparison.Ordinal);
        Assert.Contains("@media print", html, StringComparison.Ordinal);
        Assert.Equal(System.Text.Encoding.UTF8.GetByteCount(html), report.Bytes);
    }

    [Fact]
    public void Render_HeadToHead_ShowsTheComparisonsOwnFigures()
    {
        var store = Store(("claude-code", 24), ("codex", 22));
        var comparison = SystemComparer.Compare(store, "claude-code", "codex", new ComparisonOptions { Now = Make.Now });

        string html = Render(store).Html;

        foreach (var m in ComparisonRows.Shown(comparison))
        {
            var metric = ComparisonMetric.Get(m.Metric);
            string ci = $"[{metric.FormatValue(m.CiLow)}, {metric.FormatValue(m.CiHigh)}]";
            Assert.Contains(Html.Escape(ci), html, StringComparison.Ordinal);
            Assert.Contains($"<td>{metric.FormatValue(m.MeanA)}</td>", html, StringComparison.Ordinal);
            Assert.Contains($"<td>{metric.FormatValue(m.MeanB)}</td>", html, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Render_Cost_ShowsTheSavingsReportsOwnFigures()
    {
        var store = Store(("claude-code", 10), ("codex", 10));
        var savings = SavingsCalculator.Compute(store.ReadEvents(), CostResolver.Shipped.Prices, new SavingsOptions { Now = Make.Now });

        string html = Render(store).Html;

        Assert.Contains($"<span class=\"tile-value\">{Html.Usd(savings.ActualCostUsd)}</span>", html, StringComparison.Ordinal);
        Assert.Contains($"<span class=\"tile-value\">{Html.Usd(savings.BaselineCostUsd)}</span>", html, StringComparison.Ordinal);
        Assert.Contains(Html.Escape(savings.BaselineModel), html, StringComparison.Ordinal);
        Assert.All(savings.ByModel, m => Assert.Contains($"<td>{Html.Usd(m.CostUsd)}</td>", html, StringComparison.Ordinal));
    }

    [Fact]
    public void Render_TwoNamedSystems_OneSavingsReportEach()
    {
        var store = Store(("claude-code", 6), ("codex", 6), ("aider", 6));

        var report = Render(store, "codex", "aider");

        Assert.Equal(["codex", "aider"], report.Systems);
        Assert.Contains("<h3>codex</h3>", report.Html, StringComparison.Ordinal);
        Assert.Contains("<h3>aider</h3>", report.Html, StringComparison.Ordinal);
        Assert.Contains("1 more system is in the store but not charted here", report.Html, StringComparison.Ordinal);
        Assert.Equal(6, Figures(report.Html).Single(f => f.Id == "cost-baseline").Drawn);
    }

    [Fact]
    public void Render_SmallSample_WarnsOnEveryHeadToHeadChart()
    {
        var small = Render(Store(("claude-code", 25), ("codex", 5)));
        Assert.Equal(7, Regex.Matches(small.Html, "Small sample: codex has 5 sessions with this metric").Count);
        Assert.DoesNotContain("Small sample: claude-code", small.Html, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_LargeSamples_NoSmallSampleWarning()
    {
        var large = Render(Store(("claude-code", 21), ("codex", 20)));
        Assert.DoesNotContain("Small sample", large.Html, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_OneSystemNamed_NoHeadToHeadButTrendsAndCost()
    {
        var report = Render(Store(("claude-code", 5), ("codex", 5)), "codex");

        Assert.Contains("name a second system", report.Html, StringComparison.Ordinal);
        Assert.DoesNotContain(report.Charts, c => c.StartsWith("h2h-", StringComparison.Ordinal));
        Assert.Contains("trend-tokens", report.Charts);
        Assert.Equal(2, Figures(report.Html).Single(f => f.Id == "trend-tokens").Drawn);
    }

    [Fact]
    public void Render_EmptyStore_SaysSoInEverySection()
    {
        var report = Render(new TelemetryStore(temp.Combine("empty"), clock: () => Make.Now));

        Assert.Empty(report.Charts);
        Assert.Contains("fewer than two systems", report.Html, StringComparison.Ordinal);
        Assert.Contains("no trend to draw", report.Html, StringComparison.Ordinal);
        Assert.Contains("no cost to show", report.Html, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_Window_CountsOnlySessionsInIt()
    {
        var store = Store(("claude-code", 20), ("codex", 20)); // one session a day, 1 to 20 days ago

        var report = HtmlReport.Render(store, new HtmlReportOptions { WindowDays = 10, Now = Make.Now });

        Assert.Equal(2 * 10, report.Sessions);
        Assert.Contains("the last 10 days", report.Html, StringComparison.Ordinal);
        Assert.Equal(10 + 10 + 6, Figures(report.Html).Single(f => f.Id == "h2h-turns_per_session").Drawn);
    }

    [Theory]
    [InlineData(new[] { "a", "b", "c" }, "at most two")]
    [InlineData(new[] { "a", "a" }, "two different systems")]
    [InlineData(new[] { " " }, "must not be empty")]
    public void Render_BadSystems_Refused(string[] systems, string message)
    {
        var ex = Assert.Throws<ArgumentException>(() => Render(Store(("a", 2)), systems));
        Assert.Contains(message, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_ZeroDayWindow_Refused() =>
        Assert.Throws<ArgumentException>(() => HtmlReport.Render(Store(("a", 2)), new HtmlReportOptions { WindowDays = 0 }));

    [Fact]
    public void Render_StoreNote_SaysSessionsRangeAndDetectorVersion()
    {
        string html = Render(Store(("claude-code", 3), ("codex", 3))).Html;

        // The sessions' markers were given by hand, without the det.v2 stamp of detector version 2: closed as version 1.
        Assert.Matches("The store held 6 closed sessions, \\d{4}-\\d\\d-\\d\\d to \\d{4}-\\d\\d-\\d\\d \\(UTC\\), detector version 1", html);
        Assert.Equal(13, Regex.Matches(html, "<p class=\"source\">From ").Count);
        Assert.Equal(13, Regex.Matches(html, "<details><summary>Data: ").Count);
    }

    [Fact]
    public void Render_MessagesWithCanaries_NoCanaryOnThePage()
    {
        // The capture path of Add-TelemetryEvent -MarkText: only markers reach the store, so none can reach the page.
        var messages = CanaryMessages.Generate(300, FuzzSeed.Value).ToList();
        var store = new TelemetryStore(temp.Combine("canary"), clock: () => Make.Now);
        store.Append(messages.Select((m, i) => new TelemetryEvent
        {
            Timestamp = Make.Now.AddMinutes(-messages.Count + i), SessionId = $"canary-{i % 30}", System = i % 2 == 0 ? "claude-code" : "codex",
            Kind = EventKinds.UserMessage, Markers = [.. CorrectionDetector.Markers(m.Text)],
        }).ToList());
        foreach (int s in Enumerable.Range(0, 30))
        {
            store.Close($"canary-{s}");
        }

        var report = Render(store);

        Assert.NotEmpty(report.Charts);
        Assert.Empty(CanaryMessages.FoundIn(System.Text.Encoding.UTF8.GetBytes(report.Html), messages));
    }

    [Fact]
    public void Distribution_Sample_QuartilesWhiskersAndValues()
    {
        var d = Distribution.Of([1, 2, 3, 4, 5, 6, 7, 8, 100])!;

        Assert.Equal((1, 3, 5, 7, 100), (d.Min, d.Q1, d.Median, d.Q3, d.Max));
        Assert.Equal(1, d.WhiskerLow);
        Assert.Equal(8, d.WhiskerHigh); // 100 lies beyond Q3 + 1.5 × IQR = 13
        Assert.Equal(9, d.Values.Count);
        Assert.Empty(Distribution.Of([1, 2, 3], keepValuesUpTo: 2)!.Values);
        Assert.Null(Distribution.Of([]));
    }

    [Fact]
    public void Distribution_Median_IsTheComparisonsMedian()
    {
        double[] values = [5, 1, 4, 2, 8, 7];
        Assert.Equal(Descriptive.Median(values), Distribution.Of(values)!.Median);
    }

    [Fact]
    public void RollingMean_Trailing_AveragesUpToSevenDays()
    {
        double[] days = [7, 0, 0, 0, 0, 0, 0, 7, 14];
        var mean = RollingMean.Trailing(days, 7);

        Assert.Equal(7, mean[0]);
        Assert.Equal(3.5, mean[1]);
        Assert.Equal(1, mean[6]);
        Assert.Equal(1, mean[7]); // the first 7 left the window as the second came in
        Assert.Equal(3, mean[8]);
    }

    [Fact]
    public void RollingMean_TrailingRatio_WeightsDaysBySessions()
    {
        // Day 1: 10 corrections in 10 sessions; day 2: 3 in 1; day 3: none. Over two days: 13 / 11, not (1 + 3) / 2.
        var ratio = RollingMean.TrailingRatio([10, 3, 0], [10, 1, 0], 2);

        Assert.Equal(1, ratio[0]);
        Assert.Equal(13.0 / 11, ratio[1]);
        Assert.Equal(3, ratio[2]);
        Assert.Null(RollingMean.TrailingRatio([0], [0], 7)[0]);
    }

    [Theory]
    [InlineData(0.7, 1)]
    [InlineData(0.13, 0.2)]
    [InlineData(2.2, 2.5)]
    [InlineData(3, 5)]
    [InlineData(4200, 5000)]
    public void Axis_NiceStep_RoundsUpToOneTwoTwoAndAHalfOrFive(double raw, double nice) =>
        Assert.Equal(nice, Axis.NiceStep(raw), 9);

    [Fact]
    public void Axis_Ticks_CoverTheDataOnNiceValues()
    {
        var axis = new Axis(0.03, 0.97, 0, 100);

        Assert.Equal([0, 0.2, 0.4, 0.6, 0.8, 1.0], axis.Ticks());
        Assert.Equal(0, axis[0]);
        Assert.Equal(100, axis[1]);
        Assert.Equal([0, 1], new Axis(0, 0, 0, 10, tickCount: 1).Ticks()); // a flat series still gets an axis
    }

    [Theory]
    [InlineData(1, new[] { 0 })]
    [InlineData(2, new[] { 0, 1 })]
    [InlineData(35, new[] { 0, 6, 12, 18, 24, 30, 34 })]
    [InlineData(33, new[] { 0, 6, 12, 18, 24, 32 })]
    [InlineData(7, new[] { 0, 1, 2, 3, 4, 5, 6 })]
    public void DateTicks_FirstAndLastDay_AlwaysAndNeverCrowded(int days, int[] ticks) =>
        Assert.Equal(ticks, TrendsSection.DateTicks(days));

    [Fact]
    public void BrowserLauncher_PerPlatform_TheSystemsOpener()
    {
        var linux = BrowserLauncher.StartInfo("/tmp/r.html", null, OSPlatform.Linux);
        Assert.Equal(("xdg-open", false, "/tmp/r.html"), (linux.FileName, linux.UseShellExecute, linux.ArgumentList.Single()));
        var mac = BrowserLauncher.StartInfo("/tmp/r.html", null, OSPlatform.OSX);
        Assert.Equal(("open", "/tmp/r.html"), (mac.FileName, mac.ArgumentList.Single()));
        var windows = BrowserLauncher.StartInfo(@"C:\r.html", null, OSPlatform.Windows);
        Assert.Equal((@"C:\r.html", true), (windows.FileName, windows.UseShellExecute));
        var custom = BrowserLauncher.StartInfo("/tmp/r.html", "/usr/bin/firefox", OSPlatform.Windows);
        Assert.Equal(("/usr/bin/firefox", false, "/tmp/r.html"), (custom.FileName, custom.UseShellExecute, custom.ArgumentList.Single()));
    }

    [Fact]
    public void HtmlReportFile_Write_ReplacesWholeAndRefusesADirectory()
    {
        string path = temp.Combine("report.html");
        File.WriteAllText(path, "old");

        HtmlReportFile.Write(path, "<!DOCTYPE html>new");

        Assert.Equal("<!DOCTYPE html>new", File.ReadAllText(path));
        Assert.Single(Directory.GetFiles(temp.Path)); // no temporary file left beside it
        Assert.Throws<ArgumentException>(() => HtmlReportFile.Write(temp.Path, "x"));
        Assert.Throws<ArgumentException>(() => HtmlReportFile.Write(temp.Combine("no-such-dir", "r.html"), "x"));
    }
}
