// guardrail: the suggestion guardrail for one UTC day. Counts the suggestion events of each system active that day,
// fills suggestions_per_day of the day's snapshots, and with --model-loaded exits 1 when a system surfaced none.
// One line per system (or --json: one object per line).
using System.Globalization;
using System.Text.Json;
using ZosTelemetry.Snapshots;

namespace ZosTelemetry.Cli.Commands;

public static class GuardrailCommand
{
    public static int Run(string[] args, CliContext cli)
    {
        var a = Arguments.Parse(args, "guardrail", ["root", "date", "system", WriterStore.LockTimeoutOption], ["model-loaded", "json"], positionals: 0);
        string text = a.Required("date", "guardrail");
        if (!DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            throw new UsageException("guardrail: --date must be a UTC day such as 2026-12-05.");
        }

        var checks = SuggestionGuardrail.Check(WriterStore.Open(cli, a), date, a.Flag("model-loaded"), a.Single("system"));
        if (a.Flag("json"))
        {
            cli.Out.Flush();
            using var json = new Utf8JsonWriter(cli.Out.BaseStream);
            foreach (var c in checks)
            {
                json.WriteStartObject();
                json.WriteString("date", text);
                json.WriteString("system", c.System);
                json.WriteBoolean("model_loaded", c.ModelLoaded);
                json.WriteBoolean("active", c.Active);
                json.WriteNumber("suggestions", c.Suggestions);
                json.WriteNumber("snapshots", c.Snapshots);
                json.WriteNumber("snapshots_filled", c.SnapshotsFilled);
                json.WriteBoolean("warning", c.Warning);
                json.WriteString("message", c.Message);
                json.WriteEndObject();
                json.Flush();
                cli.Out.BaseStream.Write("\n"u8);
                json.Reset();
            }
        }
        else if (checks.Count == 0)
        {
            cli.Out.WriteLine($"guardrail: no system was active on {text}.");
        }
        else
        {
            foreach (var c in checks)
            {
                cli.Out.WriteLine((c.Warning ? "warning: " : "ok: ") + c.Message + (c.SnapshotsFilled > 0 ? string.Create(CultureInfo.InvariantCulture, $" ({c.SnapshotsFilled} snapshot(s) filled)") : ""));
            }
        }

        return checks.Any(c => c.Warning) ? ExitCodes.NotFound : ExitCodes.Ok;
    }
}
