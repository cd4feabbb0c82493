// Renders a savings report as one JSON object with snake_case keys, for scripts (zos-telemetry savings --json).
using System.Text;
using System.Text.Json;

namespace ZosTelemetry.Savings;

public static class SavingsJson
{
    public static string Render(SavingsReport r, bool indented = true)
    {
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = indented }))
        {
            w.WriteStartObject();
            WriteNullable(w, "system", r.System);
            WriteNullable(w, "since", r.Since is DateTimeOffset s ? Store.Iso8601.Format(s) : null);
            WriteNullable(w, "until", r.Until is DateTimeOffset u ? Store.Iso8601.Format(u) : null);
            if (r.Days is int d)
            {
                w.WriteNumber("days", d);
            }
            else
            {
                w.WriteNull("days");
            }

            w.WriteString("generated_at", Store.Iso8601.Format(r.GeneratedAt));
            w.WriteStartObject("baseline");
            w.WriteString("model", r.BaselineModel);
            w.WriteString("tier", r.BaselineTier);
            w.WriteString("reason", r.BaselineReason);
            w.WriteEndObject();
            w.WriteNumber("calls", r.Calls);
            w.WriteNumber("priced_calls", r.PricedCalls);
            w.WriteNumber("unknown_price_calls", r.UnknownPriceCalls);
            w.WriteNumber("no_token_calls", r.NoTokenCalls);
            w.WriteNumber("actual_cost_usd", r.ActualCostUsd);
            w.WriteNumber("baseline_cost_usd", r.BaselineCostUsd);
            w.WriteNumber("savings_usd", Math.Round(r.SavingsUsd, 10));
            if (r.SavingsPercent is double p)
            {
                w.WriteNumber("savings_percent", Math.Round(p, 4));
            }
            else
            {
                w.WriteNull("savings_percent");
            }

            w.WriteNumber("cache_read_tokens", r.CacheReadTokens);
            w.WriteNumber("cache_savings_usd", r.CacheSavingsUsd);
            Mix(w, "by_tier", r.ByTier);
            Mix(w, "by_model", r.ByModel);
            w.WriteStartArray("unknown_models");
            foreach (var m in r.UnknownModels)
            {
                w.WriteStartObject();
                w.WriteString("model", m.Model);
                w.WriteNumber("calls", m.Calls);
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteStartObject("prices");
            WriteNullable(w, "taken", r.PricesTaken);
            w.WriteStartArray("files");
            foreach (string f in r.PriceFiles)
            {
                w.WriteStringValue(f);
            }

            w.WriteEndArray();
            w.WriteEndObject();
            w.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }

    private static void Mix(Utf8JsonWriter w, string name, IReadOnlyList<UsageMixRow> rows)
    {
        w.WriteStartArray(name);
        foreach (var row in rows)
        {
            w.WriteStartObject();
            w.WriteString("name", row.Name);
            w.WriteString("tier", row.Tier);
            w.WriteNumber("calls", row.Calls);
            w.WriteNumber("call_share", Math.Round(row.CallShare, 6));
            w.WriteNumber("tokens", row.Tokens);
            w.WriteNumber("cost_usd", row.CostUsd);
            w.WriteNumber("cost_share", Math.Round(row.CostShare, 6));
            w.WriteNumber("unknown_price_calls", row.UnknownPriceCalls);
            w.WriteEndObject();
        }

        w.WriteEndArray();
    }

    private static void WriteNullable(Utf8JsonWriter w, string name, string? value)
    {
        if (value is null)
        {
            w.WriteNull(name);
        }
        else
        {
            w.WriteString(name, value);
        }
    }
}
