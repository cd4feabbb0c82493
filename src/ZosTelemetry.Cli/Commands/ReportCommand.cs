// report daily: one row per UTC day and system (sessions, events, turns, corrections, tokens, cost), rolled up from
// the events by the core's parallel scan; a text table, or --json for one JSON array.
using System.Globalization;
using System.Text.Json;
using ZosTelemetry.Events;
using ZosTelemetry.Sessions;
using ZosTelemetry.Store;

namespace ZosTelemetry.Cli.Commands;

public static class ReportCommand
{
    public static int Run(string[] args, CliContext cli)
    {
        var a = Arguments.Parse(args, "report", ["root", "system", "since", "until"], ["json"], positionals: 1);
        if (a.Positionals[0] != "daily")
        {
            throw new UsageException($"report: unknown report '{a.Positionals[0]}'; the report is daily.");
        }

        var query = new EventQuery { System = a.Single("system"), Since = Timestamp(a, "since"), Until = Timestamp(a, "until") };
        var days = cli.OpenStore(a.Single("root")).ReadDailySummaries(query);
        if (a.Flag("json"))
        {
            WriteJson(cli.Out, days);
        }
        else
        {
            WriteTable(cli.Out, days);
        }

        return ExitCodes.Ok;
    }

    private static DateTimeOffset? Timestamp(Arguments a, string name)
    {
        string? text = a.Single(name);
        try
        {
            return text is null ? null : EventValidator.ParseTimestamp(text);
        }
        catch (TelemetryValidationException)
        {
            throw new UsageException($"report: --{name} must be an ISO-8601 time such as 2026-06-10 or 2026-06-10T18:00:00Z.");
        }
    }

    private static void WriteTable(StreamWriter output, IReadOnlyList<DailySummary> days)
    {
        output.WriteLine($"{"Date",-10}  {"System",-20} {"Sessions",9} {"Events",10} {"Turns",9} {"UserTurns",9} {"Corrections",11} {"TokensIn",14} {"TokensOut",12} {"CostUSD",12}");
        foreach (var d in days)
        {
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{d.Date:yyyy-MM-dd}  {d.System,-20} {d.Sessions,9} {d.Events,10} {d.Turns,9} {d.UserTurns,9} {d.Corrections,11} {d.TokensIn,14} {d.TokensOut,12} {d.CostUsd,12:0.0000}"));
        }
    }

    private static void WriteJson(StreamWriter output, IReadOnlyList<DailySummary> days)
    {
        output.Flush();
        using var w = new Utf8JsonWriter(output.BaseStream);
        w.WriteStartArray();
        foreach (var d in days)
        {
            w.WriteStartObject();
            w.WriteString("date", d.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
            w.WriteString("system", d.System);
            w.WriteNumber("sessions", d.Sessions);
            w.WriteNumber("events", d.Events);
            w.WriteNumber("turns", d.Turns);
            w.WriteNumber("user_turns", d.UserTurns);
            w.WriteNumber("corrections", d.Corrections);
            w.WriteNumber("tokens_in", d.TokensIn);
            w.WriteNumber("tokens_out", d.TokensOut);
            w.WriteNumber("cost_usd", d.CostUsd);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.Flush();
        output.BaseStream.Write("\n"u8);
    }
}
