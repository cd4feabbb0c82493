// import claude-code|codex: reads the assistant's own logs into the store (content-free, idempotent, incremental),
// prints one summary line (or --json), shows a progress line on stderr when stderr is a terminal, and stops cleanly on
// Ctrl+C (exit 130: what was imported is kept, the next import continues from there).
using System.Buffers;
using System.Globalization;
using System.Text.Json;
using ZosTelemetry.Import;

namespace ZosTelemetry.Cli.Commands;

public static class ImportCommand
{
    public const int Interrupted = 130;

    private static readonly string[] Options = ["detector", "root", "path", "cost-mode", "idle-minutes"];

    private static readonly string[] Flags = ["json"];

    public static int Run(string[] args, CliContext cli)
    {
        var a = Arguments.Parse(args, "import", Options, Flags, positionals: 1);
        if (!LogSources.TryParse(a.Positionals[0], out var source))
        {
            throw new UsageException($"import: the source is not claude-code or codex{KnownNames.Suggestion(a.Positionals[0], ["claude-code", "codex"])}");
        }

        var mode = CostMode.Auto;
        if (a.Single("cost-mode") is string m && !CostModes.TryParse(m, out mode))
        {
            throw new UsageException($"import: --cost-mode must be auto, calculate or display{KnownNames.Suggestion(m, ["auto", "calculate", "display"])}");
        }

        int idle = a.Int("idle-minutes") ?? (int)ImportOptions.DefaultIdleGap.TotalMinutes;
        if (idle < 1)
        {
            throw new UsageException("import: --idle-minutes must be at least 1.");
        }

        var store = cli.OpenStore(a.Single("root"));
        using var cancel = new CancellationTokenSource();
        ConsoleCancelEventHandler onCancel = (_, e) =>
        {
            e.Cancel = true; // finish the group in flight, save, and stop
            cancel.Cancel();
        };
        Console.CancelKeyPress += onCancel;
        var progress = new ProgressLine(cli.Err, enabled: !Console.IsErrorRedirected);
        ImportResult result;
        try
        {
            result = LogImporter.Import(store, new ImportOptions
            {
                Source = source,
                Paths = a.All("path"),
                CostMode = mode,
                DetectorVersion = UsageOptions.Detector(a),
                IdleGap = TimeSpan.FromMinutes(idle),
                Progress = progress.Show,
                Warning = w => cli.Err.WriteLine($"{CliApp.Name}: warning: {w}"),
            }, cancel.Token);
        }
        catch (LogsNotFoundException ex)
        {
            progress.Clear();
            cli.Err.WriteLine($"{CliApp.Name}: {ex.Message}");
            return ExitCodes.NotFound;
        }
        finally
        {
            Console.CancelKeyPress -= onCancel;
            progress.Clear();
        }

        foreach (var (model, events) in result.UnpricedModels)
        {
            cli.Err.WriteLine($"{CliApp.Name}: warning: no price for model '{model}' ({events} events): their cost is unknown.");
        }

        if (a.Flag("json"))
        {
            cli.Out.Flush();
            cli.Out.BaseStream.Write(Json(result));
        }
        else
        {
            cli.Out.WriteLine(Summary(result));
        }

        if (result.Cancelled)
        {
            cli.Err.WriteLine($"{CliApp.Name}: import interrupted; what was imported is kept, run it again to continue.");
            return Interrupted;
        }

        return ExitCodes.Ok;
    }

    public static string Summary(ImportResult r) => string.Create(CultureInfo.InvariantCulture,
        $"{r.System}: {r.Files} files ({r.FilesRead} read, {r.BytesRead / 1048576.0:0.0} MiB), {r.EventsAdded} events added, "
        + $"{r.Duplicates} duplicates skipped, {r.UserTurns} user turns ({r.Corrections} corrections), {r.ToolCalls} tool calls "
        + $"({r.ToolFailures} failed), {r.ApiErrors} API errors, {r.SessionsClosed} sessions closed, {r.SessionsOpen} open, "
        + $"{r.LinesSkipped} lines skipped, {r.Elapsed.TotalSeconds:0.00} s");

    private static byte[] Json(ImportResult r)
    {
        var buffer = new ArrayBufferWriter<byte>(1024);
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            w.WriteString("system", r.System);
            w.WriteNumber("files", r.Files);
            w.WriteNumber("files_read", r.FilesRead);
            w.WriteNumber("files_rewritten", r.FilesRewritten);
            w.WriteNumber("bytes_read", r.BytesRead);
            w.WriteNumber("lines", r.Lines);
            w.WriteNumber("lines_skipped", r.LinesSkipped);
            w.WriteNumber("events_added", r.EventsAdded);
            w.WriteNumber("duplicates", r.Duplicates);
            w.WriteNumber("user_turns", r.UserTurns);
            w.WriteNumber("corrections", r.Corrections);
            w.WriteNumber("tool_calls", r.ToolCalls);
            w.WriteNumber("tool_failures", r.ToolFailures);
            w.WriteNumber("api_errors", r.ApiErrors);
            w.WriteNumber("sessions_closed", r.SessionsClosed);
            w.WriteNumber("sessions_open", r.SessionsOpen);
            w.WriteStartObject("unpriced_models");
            foreach (var (model, events) in r.UnpricedModels)
            {
                w.WriteNumber(model, events);
            }

            w.WriteEndObject();
            w.WriteBoolean("cancelled", r.Cancelled);
            w.WriteNumber("elapsed_s", Math.Round(r.Elapsed.TotalSeconds, 3));
            w.WriteEndObject();
        }

        buffer.Write("\n"u8);
        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>One self-overwriting line on stderr, only on a terminal: a redirected stderr (a hook's log) stays clean.</summary>
    private sealed class ProgressLine(StreamWriter err, bool enabled)
    {
        private bool shown;

        public void Show(ImportProgress p)
        {
            if (!enabled)
            {
                return;
            }

            err.Write(string.Create(CultureInfo.InvariantCulture,
                $"\rimporting {p.System}: {p.FilesDone}/{p.FilesTotal} files, {p.BytesDone / 1048576.0:0} of {p.BytesTotal / 1048576.0:0} MiB ({p.Percent}%)  "));
            shown = true;
        }

        public void Clear()
        {
            if (shown)
            {
                err.Write("\r\u001b[K");
                shown = false;
            }
        }
    }
}
