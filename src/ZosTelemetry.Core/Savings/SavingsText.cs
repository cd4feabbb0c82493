// Renders a savings report for a terminal, the PowerShell default view and (with markdown: true) Markdown:
// a header, the mix by tier, the mix by model, then the totals a reader can check against the tables.
using System.Globalization;
using System.Text;
using ZosTelemetry.Reporting;

namespace ZosTelemetry.Savings;

public static class SavingsText
{
    public static string Render(SavingsReport r) => Render(r, markdown: false);

    public static string Render(SavingsReport r, bool markdown) => Render(r, markdown, byModel: true);

    /// <summary>The PowerShell default view: the mix by tier, then the totals ($report.ByModel has the mix by model).</summary>
    public static string RenderAtAGlance(SavingsReport r) => Render(r, markdown: false, byModel: false);

    private static string Render(SavingsReport r, bool markdown, bool byModel)
    {
        var sb = new StringBuilder();
        string title = $"Savings · {r.System ?? "all systems"} · {Window(r)} · {TextTable.Count(r.Calls)} call{(r.Calls == 1 ? "" : "s")}";
        sb.Append(markdown ? "## " + TextTable.Escape(title) : title).Append("\n\n");
        sb.Append(CultureInfo.InvariantCulture, $"Baseline: every call priced at {Code(r.BaselineModel, markdown)} ({r.BaselineTier}; {r.BaselineReason}).\n\n");

        if (r.Calls == 0)
        {
            sb.Append("No calls in the window: nothing to compare.\n");
            return sb.ToString();
        }

        Table(sb, "Mix by tier", "Tier", r.ByTier, markdown);
        if (byModel)
        {
            Table(sb, "Mix by model", "Model", r.ByModel, markdown);
        }


        var totals = new List<string[]>
        {
            new[] { "Total", "USD", "" },
            new[] { "Actual cost", TextTable.Usd(r.ActualCostUsd), $"{TextTable.Count(r.PricedCalls)} priced calls" },
            new[] { "Baseline cost", TextTable.Usd(r.BaselineCostUsd), $"the same tokens at {r.BaselineModel}" },
            new[] { "Savings", TextTable.Usd(r.SavingsUsd), r.SavingsPercent is double p ? p.ToString("0.0", CultureInfo.InvariantCulture) + "% of the baseline" : "–" },
            new[] { "Cache savings", TextTable.Usd(r.CacheSavingsUsd), $"{TextTable.Count(r.CacheReadTokens)} cache-read tokens at the cache price, not the input price" },
        };
        if (markdown)
        {
            sb.Append("**Totals**\n\n");
            TextTable.AppendMarkdown(sb, totals, "lrl");
        }
        else
        {
            foreach (var row in totals.Skip(1))
            {
                sb.Append(row[0].PadRight(14)).Append(row[1].PadLeft(14)).Append("   ").Append(row[2]).Append('\n');
            }
        }

        sb.Append('\n');
        foreach (string note in Notes(r))
        {
            sb.Append(markdown ? "- " + TextTable.Escape(note) : note).Append('\n');
        }

        return sb.ToString();
    }

    /// <summary>The lines under the totals: unknown prices, unpriceable calls, where the prices come from.</summary>
    public static IReadOnlyList<string> Notes(SavingsReport r)
    {
        var notes = new List<string>();
        if (r.UnknownPriceCalls > 0)
        {
            string models = string.Join(", ", r.UnknownModels.Select(m => $"{m.Model} ({TextTable.Count(m.Calls)})"));
            notes.Add($"Unknown price: {TextTable.Count(r.UnknownPriceCalls)} of {TextTable.Count(r.Calls)} calls have no recorded cost and no price, and are left out of both costs: {models}. Add these models to a prices.json.");
        }

        if (r.NoTokenCalls > 0)
        {
            notes.Add($"{TextTable.Count(r.NoTokenCalls)} call{(r.NoTokenCalls == 1 ? "" : "s")} recorded a cost without token counts; {(r.NoTokenCalls == 1 ? "it counts" : "they count")} at that cost on both sides.");
        }

        string files = r.PriceFiles.Count == 0 ? "the shipped table" : string.Join(" + ", r.PriceFiles);
        notes.Add($"Prices: list prices as of {r.PricesTaken ?? "an unknown date"} ({files}); a recorded cost_usd always wins over them.");
        return notes;
    }

    internal static string Window(SavingsReport r) => r.Days is int d
        ? string.Create(CultureInfo.InvariantCulture, $"last {d} day{(d == 1 ? "" : "s")}")
        : (r.Since, r.Until) switch
        {
            (null, null) => "all time",
            (DateTimeOffset s, null) => $"since {Store.Iso8601.Format(s)}",
            (null, DateTimeOffset u) => $"until {Store.Iso8601.Format(u)}",
            (DateTimeOffset s, DateTimeOffset u) => $"{Store.Iso8601.Format(s)} to {Store.Iso8601.Format(u)}",
        };

    private static void Table(StringBuilder sb, string title, string first, IReadOnlyList<UsageMixRow> rows, bool markdown)
    {
        bool showTier = first == "Model";
        bool showUnknown = rows.Any(r => r.UnknownPriceCalls > 0);
        string[] header = ["Calls", "Share", "Tokens", "Cost USD", "Cost share", .. showUnknown ? new[] { "Unknown price" } : []];
        var cells = new List<string[]> { showTier ? [first, "Tier", .. header] : [first, .. header] };
        foreach (var row in rows)
        {
            string[] tail =
            [
                TextTable.Count(row.Calls), TextTable.Percent(row.CallShare), TextTable.Count(row.Tokens), TextTable.Usd(row.CostUsd)[1..], TextTable.Percent(row.CostShare),
                .. showUnknown ? new[] { row.UnknownPriceCalls == 0 ? "" : TextTable.Count(row.UnknownPriceCalls) } : [],
            ];
            cells.Add(showTier ? [row.Name, row.Tier, .. tail] : [row.Name, .. tail]);
        }

        string align = (showTier ? "ll" : "l") + new string('r', header.Length);
        if (markdown)
        {
            sb.Append("**").Append(title).Append("**\n\n");
            TextTable.AppendMarkdown(sb, cells, align);
        }
        else
        {
            TextTable.Append(sb, cells, align);
        }

        sb.Append('\n');
    }

    private static string Code(string s, bool markdown) => markdown ? "`" + s + "`" : s;
}
