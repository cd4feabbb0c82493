// Cost: the savings report (actual cost against every call priced at one baseline model, the mix of tiers, what
// prompt caching saved) and the cost by model, per named system or over all systems. The figures are
// SavingsCalculator's on the store's daily facts: the same as `savings` prints for the same window, to the cent.
using ZosTelemetry.Savings;
using ZosTelemetry.Store;

namespace ZosTelemetry.Reports.Html;

public sealed class CostSection : IHtmlReportSection
{
    /// <summary>Models beyond this many per system are in the table only.</summary>
    public const int MaxModelBars = 12;

    private const double Width = 760, Left = 230, Right = 720, Bar = 18, Gap = 6, GroupGap = 16, AxisSpace = 50;

    public string Id => "cost";

    public string Title => "Cost";

    public void Write(HtmlPage page, HtmlReportContext context)
    {
        // Named systems get a savings report each; otherwise one covers every system in the store.
        var scopes = context.SystemsChosen ? [null] : context.Options.Systems.Select(s => (string?)s).ToList();
        var reports = new List<(string Name, SavingsReport Report)>();
        foreach (string? system in scopes)
        {
            var options = new SavingsOptions { System = system, Since = context.Since, Now = context.Options.Now };
            reports.Add((system ?? "all systems", SavingsCalculator.Compute(context.Facts, context.Costs.Prices, options)));
        }

        if (reports.All(r => r.Report.Calls == 0))
        {
            page.Note($"No model calls in {context.WindowText}: no cost to show.");
            return;
        }

        foreach (var (name, r) in reports)
        {
            page.Heading(reports.Count == 1 && context.SystemsChosen ? "All systems" : name);
            page.Tiles(
            [
                ("Actual cost", Html.Usd(r.ActualCostUsd)),
                ($"Baseline ({r.BaselineModel})", Html.Usd(r.BaselineCostUsd)),
                ("Saved by routing", Html.Usd(r.SavingsUsd) + (r.SavingsPercent is double p ? $" ({p:0.0}%)" : "")),
                ("Saved by caching", Html.Usd(r.CacheSavingsUsd)),
                ("Calls", Html.Int(r.Calls)),
            ]);
            page.Note($"Baseline: {r.BaselineModel}, {r.BaselineReason}.");
            foreach (string note in SavingsText.Notes(r))
            {
                if (note.StartsWith("Unknown price", StringComparison.Ordinal))
                {
                    page.Warning(note);
                }
                else
                {
                    page.Note(note);
                }
            }
        }

        string source = $"From {Html.Int(reports.Sum(r => r.Report.Calls))} model calls in {context.WindowText}; store: {context.Overview.Describe()}.";
        page.Figure(BaselineChart(reports, context, source));
        page.Figure(TierChart(reports, source));
        page.Figure(ModelChart(reports, context, source));
    }

    private static Chart BaselineChart(List<(string Name, SavingsReport Report)> reports, HtmlReportContext context, string source)
    {
        var bars = reports.Select(x => (x.Name, Rows: new (string Label, double Usd, string Cls)[]
        {
            ($"Baseline: {x.Report.BaselineModel}", x.Report.BaselineCostUsd, "baseline"),
            ("Actual", x.Report.ActualCostUsd, "actual " + ColourOf(context, x.Name)),
            ("Saved by caching", x.Report.CacheSavingsUsd, "cache"),
        })).ToList();
        var chart = Bars("cost-baseline", "Cost against the baseline model", "Cost (USD)", bars, Html.Usd, source);
        return chart;
    }

    private static Chart TierChart(List<(string Name, SavingsReport Report)> reports, string source)
    {
        double height = 30 + (reports.Count * ((2 * (Bar + Gap)) + GroupGap)) + AxisSpace + 24;
        var svg = new Svg(Width, height, "Tier mix: share of calls and of cost by tier");
        var axis = new Axis(0, 1, Left, Right);
        double y = 20;
        var tiers = new SortedSet<string>(StringComparer.Ordinal);
        var rows = new List<IReadOnlyList<string>>();
        foreach (var (name, r) in reports)
        {
            svg.Text(Left - 10, y + 2, name, "label", "end");
            y += 8;
            foreach (var (what, share) in new (string, Func<UsageMixRow, double>)[] { ("calls", t => t.CallShare), ("cost", t => t.CostShare) })
            {
                svg.Text(Left - 10, y + Bar - 5, "share of " + what, "sub", "end");
                double x = Left;
                foreach (var t in r.ByTier)
                {
                    double w = axis[share(t)] - Left;
                    if (w > 0)
                    {
                        svg.MarkRect(x, y, w, Bar, "tier " + TierClass(t.Name), $"{name}: {t.Name}, {Html.Percent(share(t))} of {what}");
                        x += w;
                        tiers.Add(t.Name);
                    }
                }

                y += Bar + Gap;
            }

            y += GroupGap;
            rows.AddRange(r.ByTier.Select(t => (IReadOnlyList<string>)[name, t.Name, Html.Int(t.Calls), Html.Percent(t.CallShare), Html.Int(t.Tokens), Html.Usd(t.CostUsd), Html.Percent(t.CostShare), Html.Int(t.UnknownPriceCalls)]));
        }

        svg.XAxis(axis, y, "Share (%)", v => (100 * v).ToString("0", System.Globalization.CultureInfo.InvariantCulture) + "%");
        TrendsSection.Legend(svg, tiers.Select(t => (t, "tier " + TierClass(t))), y + 52);
        return new Chart
        {
            Id = "cost-tiers",
            Title = "Tier mix: share of calls and of cost by tier",
            Marks = svg.Marks,
            Svg = svg.ToString(),
            Source = source,
            TableHeaders = ["Scope", "Tier", "Calls", "Share of calls", "Tokens", "Cost", "Share of cost", "Calls of unknown price"],
            TableRows = rows,
        };
    }

    private static Chart ModelChart(List<(string Name, SavingsReport Report)> reports, HtmlReportContext context, string source)
    {
        var bars = reports.Select(x => (x.Name, Rows: x.Report.ByModel.Take(MaxModelBars)
            .Select(m => (m.Name, m.CostUsd, "model " + ColourOf(context, x.Name))).ToArray())).ToList();
        var chart = Bars("cost-models", "Cost by model", "Cost (USD)", bars, Html.Usd, source);
        int hidden = reports.Sum(x => Math.Max(0, x.Report.ByModel.Count - MaxModelBars));
        return new Chart
        {
            Id = chart.Id,
            Title = chart.Title,
            Marks = chart.Marks,
            Svg = chart.Svg,
            Source = chart.Source,
            Warnings = hidden > 0 ? [$"{hidden} model{(hidden == 1 ? "" : "s")} with the smallest costs are in the table only."] : [],
            TableHeaders = ["Scope", "Model", "Tier", "Calls", "Share of calls", "Tokens", "Cost", "Share of cost", "Calls of unknown price"],
            TableRows = reports.SelectMany(x => x.Report.ByModel.Select(m => (IReadOnlyList<string>)[x.Name, m.Name, m.Tier, Html.Int(m.Calls), Html.Percent(m.CallShare), Html.Int(m.Tokens), Html.Usd(m.CostUsd), Html.Percent(m.CostShare), Html.Int(m.UnknownPriceCalls)])).ToList(),
        };
    }

    /// <summary>Horizontal bars in groups (one per scope), on one USD axis, with the value written after each bar.</summary>
    private static Chart Bars(string id, string title, string axisTitle, List<(string Name, (string Label, double Usd, string Cls)[] Rows)> groups, Func<double, string> format, string source)
    {
        int bars = groups.Sum(g => g.Rows.Length);
        double height = 20 + (groups.Count * (GroupGap + 10)) + (bars * (Bar + Gap)) + AxisSpace;
        var svg = new Svg(Width, height, title);
        var axis = new Axis(0, groups.SelectMany(g => g.Rows).Select(r => r.Usd).DefaultIfEmpty(1).Max(), Left, Right - 60);
        double y = 20;
        var rows = new List<IReadOnlyList<string>>();
        foreach (var (name, group) in groups)
        {
            if (groups.Count > 1)
            {
                svg.Text(Left - 10, y + 2, name, "label", "end");
                y += 10;
            }

            foreach (var (label, usd, cls) in group)
            {
                svg.Text(Left - 10, y + Bar - 5, label.Length > 32 ? label[..31] + "…" : label, "sub", "end");
                svg.MarkRect(Left, y, axis[usd] - Left, Bar, "bar " + cls, $"{label}: {format(usd)}");
                svg.Text(axis[usd] + 6, y + Bar - 5, format(usd), "value");
                rows.Add([name, label, format(usd)]);
                y += Bar + Gap;
            }

            y += GroupGap;
        }

        svg.XAxis(axis, y, axisTitle, Html.Compact);
        return new Chart { Id = id, Title = title, Marks = svg.Marks, Svg = svg.ToString(), Source = source, TableHeaders = ["Scope", "", "USD"], TableRows = rows };
    }

    private static string ColourOf(HtmlReportContext context, string scope) => context.SystemsChosen ? "s-all" : context.ColourOf(scope);

    private static string TierClass(string tier) => tier switch
    {
        Pricing.Tiers.Cheap => "t-cheap",
        Pricing.Tiers.Capable => "t-capable",
        Pricing.Tiers.Premium => "t-premium",
        SavingsCalculator.UnknownTier => "t-unknown",
        _ => "t-other",
    };
}
