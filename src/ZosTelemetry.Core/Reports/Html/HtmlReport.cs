// Renders the store as one self-contained HTML page: inline CSS and SVG drawn here, no script, no font, no request
// (a Content-Security-Policy of default-src 'none' makes the browser refuse any that slipped in). Light and dark
// follow prefers-color-scheme; print drops the navigation and keeps figures whole.
using System.Text;
using ZosTelemetry.Store;

namespace ZosTelemetry.Reports.Html;

public static class HtmlReport
{
    /// <summary>The sections in page order. A new section is one class and one entry here.</summary>
    public static IReadOnlyList<IHtmlReportSection> DefaultSections { get; } =
    [
        new HeadToHeadSection(),
        new TrendsSection(),
        new CostSection(),
        new AlertsSection(),
        new ScoresSection(),
        new SnapshotDriftSection(),
    ];

    public static HtmlReportResult Render(TelemetryStore store, HtmlReportOptions? options = null, IReadOnlyList<IHtmlReportSection>? sections = null)
    {
        ArgumentNullException.ThrowIfNull(store);
        options ??= new HtmlReportOptions();
        options.Check();
        sections ??= DefaultSections;
        var context = new HtmlReportContext(store, options);

        var body = new StringBuilder(256 * 1024);
        var charts = new List<string>();
        try
        {
            foreach (var section in sections)
            {
                var page = new HtmlPage();
                section.Write(page, context);
                charts.AddRange(page.Charts.Select(c => c.Id));
                body.Append($"<section id=\"{Html.Escape(section.Id)}\">\n<h2>{Html.Escape(section.Title)}</h2>\n").Append(page).Append("</section>\n");
            }
        }
        finally
        {
            context.Finish();
        }

        string html = Page(context, sections, body.ToString());
        return new HtmlReportResult
        {
            Html = html,
            Bytes = Encoding.UTF8.GetByteCount(html),
            Systems = context.Systems,
            WindowDays = options.WindowDays,
            GeneratedAt = options.Now,
            Sessions = context.Overview.Sessions,
            FirstActivity = context.Overview.FirstActivity,
            LastActivity = context.Overview.LastActivity,
            DetectorVersions = context.Overview.DetectorVersions,
            Sections = sections.Select(s => s.Id).ToList(),
            Charts = charts,
        };
    }

    private static string Page(HtmlReportContext context, IReadOnlyList<IHtmlReportSection> sections, string body)
    {
        var o = context.Overview;
        string title = context.HeadToHead is (string a, string b) ? $"{a} vs {b}" : string.Join(", ", context.Systems.DefaultIfEmpty("no systems"));
        var sb = new StringBuilder(body.Length + 8192);
        sb.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
        sb.Append("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; img-src data:\">\n");
        sb.Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<meta name=\"color-scheme\" content=\"light dark\">\n");
        sb.Append("<meta name=\"generator\" content=\"zos-telemetry ").Append(Html.Escape(typeof(HtmlReport).Assembly.GetName().Version?.ToString(3))).Append("\">\n");
        sb.Append("<title>ZosTelemetry report: ").Append(Html.Escape(title)).Append("</title>\n<style>").Append(Style).Append("</style>\n</head>\n<body>\n");
        sb.Append("<header>\n<h1>ZosTelemetry report <span class=\"subtitle\">").Append(Html.Escape(title)).Append("</span></h1>\n");
        sb.Append("<p class=\"held\" id=\"store-note\">").Append(Html.Escape(
            $"The store held {o.Describe()} in {context.WindowText} ({Html.Int(o.StoredSessions)} in all). Generated {Iso8601.Format(context.Options.Now)}. " +
            "Content-free: only counts, costs, tokens and detector markers are stored, never what anyone typed.")).Append("</p>\n");
        sb.Append("<nav>");
        foreach (var s in sections)
        {
            sb.Append("<a href=\"#").Append(Html.Escape(s.Id)).Append("\">").Append(Html.Escape(s.Title)).Append("</a>");
        }

        sb.Append("</nav>\n</header>\n<main>\n").Append(body).Append("</main>\n<footer>Made by zos-telemetry from the store alone; this file needs nothing else to open.</footer>\n</body>\n</html>\n");
        return sb.ToString();
    }

    // Colours: eight series colours readable on white and on near-black (the dark set is lighter), tiers warm to cool.
    private static readonly string Style = """
:root{--bg:#fff;--fg:#1d2330;--muted:#5b6475;--line:#d5d9e2;--band:#f4f6fa;--warn-bg:#fff5d6;--warn-fg:#6b4a00;--accent:#2251c7;
--s0:#2f6fde;--s1:#e0702a;--s2:#1f9e6e;--s3:#b03cc1;--s4:#c9303c;--s5:#7a6a12;--s6:#148a9c;--s7:#6b5bd6;--sall:#2f6fde;
--base:#9aa3b5;--cache:#1f9e6e;--sig:#c9303c;--t-cheap:#8cc7a5;--t-capable:#5b9bd5;--t-premium:#d9822b;--t-other:#a58bd1;--t-unknown:#b5b5b5}
@media (prefers-color-scheme:dark){:root{--bg:#14171d;--fg:#e3e7ef;--muted:#9aa3b5;--line:#394050;--band:#1c2029;--warn-bg:#3a3015;--warn-fg:#f3d27a;--accent:#8fb2ff;
--s0:#6ea0ff;--s1:#ffa05e;--s2:#4fd1a0;--s3:#dd7cec;--s4:#ff6d78;--s5:#d9c553;--s6:#4fc9dc;--s7:#a99cff;--sall:#6ea0ff;
--base:#6c7587;--cache:#4fd1a0;--sig:#ff6d78;--t-cheap:#5fae82;--t-capable:#4f8cc9;--t-premium:#e0924a;--t-other:#9a80cf;--t-unknown:#7d7d7d}}
*{box-sizing:border-box}
body{margin:0;background:var(--bg);color:var(--fg);font:15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif}
header,main,footer{max-width:820px;margin:0 auto;padding:0 20px}
header{padding-top:28px}
h1{font-size:26px;margin:0 0 6px}h1 .subtitle{color:var(--muted);font-weight:500}
h2{font-size:21px;margin:36px 0 8px;padding-bottom:4px;border-bottom:2px solid var(--line)}
h3{font-size:16px;margin:22px 0 6px}
nav{display:flex;gap:16px;margin:10px 0 0;font-size:14px}nav a{color:var(--accent);text-decoration:none}nav a:hover{text-decoration:underline}
.held,.note,.source{color:var(--muted);font-size:13px;margin:6px 0}
.warning{background:var(--warn-bg);color:var(--warn-fg);border-radius:6px;padding:6px 10px;font-size:13px;margin:6px 0}
.tiles{display:flex;flex-wrap:wrap;gap:10px;margin:10px 0}
.tile{border:1px solid var(--line);border-radius:8px;padding:8px 12px;min-width:130px}
.tile-label{display:block;color:var(--muted);font-size:12px;overflow-wrap:anywhere}.tile-value{display:block;font-size:18px;font-weight:600}
figure.chart{margin:18px 0 26px;padding:12px 12px 8px;border:1px solid var(--line);border-radius:10px;break-inside:avoid;page-break-inside:avoid}
figcaption{font-weight:600;margin-bottom:4px;overflow-wrap:anywhere}
svg{display:block;max-width:100%;height:auto;font-size:12px}
svg text{fill:var(--fg)}svg .tick,svg .sub,svg .legend{fill:var(--muted)}svg .axis-title{font-weight:600}svg .label{font-weight:600}svg .value{fill:var(--muted);font-size:11px}
svg .axis{stroke:var(--muted);stroke-width:1}svg .grid{stroke:var(--line);stroke-width:1}svg .band{fill:var(--band)}
svg .whisker{stroke:var(--muted);stroke-width:1.5}svg .median{stroke:var(--fg);stroke-width:2.5}
svg .box{fill-opacity:.28;stroke-width:1.5}svg .dot{fill-opacity:.55;stroke:none}
svg .mean{fill:var(--fg);stroke:var(--bg);stroke-width:1.5}
svg .zero{stroke:var(--muted);stroke-dasharray:4 3}
svg .ci{stroke:var(--fg);stroke-width:2.5;fill:none}svg .ci.significant{stroke:var(--sig)}svg .diff{fill:var(--fg);stroke:none}svg .diff.significant{fill:var(--sig)}
svg .daily{fill:none;stroke-width:1.2;stroke-opacity:.45}svg .rolling{fill:none;stroke-width:2.8}
svg circle.daily,svg circle.rolling{stroke:none;fill-opacity:1}
svg .bar.baseline,svg .swatch.baseline{fill:var(--base)}svg .bar.cache{fill:var(--cache)}
svg path.snapline{fill:none;stroke-width:2.2}svg path.snapline.reject{stroke-dasharray:6 4}svg .snapdot{stroke:var(--bg);stroke-width:1}
svg .window-baseline{fill:var(--band)}svg .window-recent{fill:var(--warn-bg);fill-opacity:.6}svg text.flag{fill:var(--sig);font-weight:600}
svg .sev-critical{fill:var(--sig)}svg .sev-warning{fill:var(--s1)}svg .sev-info{fill:var(--s6)}svg .alert{stroke:var(--bg);stroke-width:1}
"""
        + SeriesStyle() + """
details{margin-top:6px;font-size:13px}summary{cursor:pointer;color:var(--accent)}
.table-wrap{overflow-x:auto;max-height:420px;overflow-y:auto}
table{border-collapse:collapse;margin:6px 0;font-variant-numeric:tabular-nums}
th,td{padding:3px 10px;border-bottom:1px solid var(--line);text-align:right;white-space:nowrap}
thead th{position:sticky;top:0;background:var(--bg)}th[scope=row],thead th:first-child{text-align:left}
footer{color:var(--muted);font-size:12px;padding:30px 20px 40px}
@media print{:root{--bg:#fff;--fg:#000;--muted:#444;--line:#bbb;--band:#f2f2f2}body{font-size:11pt}nav,details,footer{display:none}
figure.chart{border:none;padding:0}h2{break-after:avoid}.list .table-wrap{max-height:none;overflow:visible}}
""";

    // s0 … s7 and s-all colour boxes, dots, lines, bars and legend swatches alike.
    private static string SeriesStyle() => string.Concat(Enumerable.Range(0, HtmlReportContext.MaxChartedSystems).Select(i =>
        $"svg .s{i}{{stroke:var(--s{i});fill:var(--s{i})}}svg .daily.s{i},svg .rolling.s{i}{{fill:none}}svg circle.s{i}{{fill:var(--s{i})}}\n"))
        + "svg .s-all{stroke:var(--sall);fill:var(--sall)}svg .s-other{stroke:var(--muted);fill:var(--muted)}\n"
        + string.Concat(new[] { "cheap", "capable", "premium", "other", "unknown" }.Select(t => $"svg .t-{t}{{fill:var(--t-{t})}}\n"));
}
