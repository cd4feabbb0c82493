// doctor: checks the store file by file (rows, skipped lines and why, sessions without a summary, summaries without
// events, superseded summaries, permissions, each file's sensitivity class and rows that break the contract) and,
// with --repair, rewrites the files readers have to skip lines of,
// atomically and after confirmation (a y on stdin, or --yes). Exit 0 when nothing needs repair, 1 when something does.
using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;
using ZosTelemetry.Store;

namespace ZosTelemetry.Cli.Commands;

public static class DoctorCommand
{
    private const int MaxLinesShown = 10;

    public static int Run(string[] args, CliContext cli)
    {
        var a = Arguments.Parse(args, "doctor", ["root", WriterStore.LockTimeoutOption], ["repair", "yes", "json"], positionals: 0);
        if (a.Flag("yes") && !a.Flag("repair"))
        {
            throw new UsageException("doctor: --yes only confirms --repair.");
        }

        // Only a repair takes the lock, so only a repair reads the lock wait (a bad $ZOS_LOCK_TIMEOUT does not stop a report).
        var doctor = new StoreDoctor(a.Flag("repair") ? WriterStore.Open(cli, a) : cli.OpenStore(a.Single("root")));
        var report = doctor.Examine();
        if (a.Flag("json"))
        {
            WriteJson(cli, report);
        }
        else
        {
            WriteText(cli, report);
        }

        if (!a.Flag("repair") || !report.NeedsRepair)
        {
            if (a.Flag("repair") && !a.Flag("json"))
            {
                cli.Out.WriteLine("nothing to repair.");
            }

            return report.NeedsRepair || report.RootProblems.Count > 0 || report.ContractViolations > 0 ? ExitCodes.NotFound : ExitCodes.Ok;
        }

        if (!a.Flag("yes") && !Confirm(cli, report))
        {
            cli.Err.WriteLine($"{CliApp.Name}: repair not confirmed; nothing was changed.");
            return ExitCodes.NotFound;
        }

        foreach (var r in doctor.Repair())
        {
            cli.Err.WriteLine(r.Deleted
                ? $"{CliApp.Name}: removed leftover {r.Name}"
                : $"{CliApp.Name}: repaired {r.Name}: kept {r.KeptRows} rows, removed {r.RemovedLines} unusable lines{(r.ModeFixed ? ", permissions set to 0600" : "")}");
        }

        var after = doctor.Examine();
        return after.NeedsRepair || after.RootProblems.Count > 0 ? ExitCodes.NotFound : ExitCodes.Ok;
    }

    private static bool Confirm(CliContext cli, StoreHealthReport report)
    {
        var files = report.Files.Where(f => f.NeedsRepair).ToList();
        int lines = files.Sum(f => f.RemovableLines);
        cli.Err.Write($"Rewrite {files.Count} file(s) of {report.Root} without their {lines} unusable line(s), set private permissions and remove leftovers? [y/N] ");
        cli.Err.Flush();
        string answer = ReadLine(cli.Stdin).Trim();
        cli.Err.WriteLine();
        return answer.Equals("y", StringComparison.OrdinalIgnoreCase) || answer.Equals("yes", StringComparison.OrdinalIgnoreCase);
    }

    // One line, byte by byte, so nothing past it is consumed; an answer longer than a word is not a yes anyway.
    private static string ReadLine(Stream stdin)
    {
        var bytes = new List<byte>();
        int b;
        while (bytes.Count < 16 && (b = stdin.ReadByte()) >= 0 && b != '\n')
        {
            bytes.Add((byte)b);
        }

        return Encoding.UTF8.GetString(bytes.ToArray());
    }

    private static void WriteText(CliContext cli, StoreHealthReport report)
    {
        var o = cli.Out;
        if (!report.Exists)
        {
            o.WriteLine($"store: {report.Root} does not exist yet; nothing to check.");
            return;
        }

        o.WriteLine($"store: {report.Root}{(report.Mode is null ? "" : $" (mode {report.Mode})")}");
        foreach (string problem in report.RootProblems)
        {
            o.WriteLine($"  problem: {problem}");
        }

        if (report.Files.Count == 0)
        {
            o.WriteLine("no event or session files yet.");
            return;
        }

        int width = Math.Max(4, report.Files.Max(f => f.Name.Length));
        o.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{"file".PadRight(width)}  {"kind",-9}  {"rows",9}  {"skipped",7}  {"no summary",10}  {"no events",9}  {"superseded",10}  {"class",5}  {"mode",4}  status"));
        foreach (var f in report.Files)
        {
            o.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{f.Name.PadRight(width)}  {Kind(f.Kind),-9}  {f.Rows,9}  {f.SkippedRows,7}  {Count(f.Kind == StoreFileKind.Events, f.SessionsWithoutSummary),10}  {Count(f.Kind == StoreFileKind.Sessions, f.SummariesWithoutEvents),9}  {Count(f.Kind == StoreFileKind.Sessions, f.DuplicateSummaries),10}  {f.SensitivityClass,5}  {f.Mode ?? "-",4}  {f.Status}"));
            if (f.Problem is not null)
            {
                o.WriteLine($"  {f.Problem}");
            }

            foreach (var s in f.Skipped.Take(MaxLinesShown))
            {
                o.WriteLine($"  {s}");
            }

            if (f.Skipped.Count > MaxLinesShown)
            {
                o.WriteLine($"  … and {f.Skipped.Count - MaxLinesShown} more skipped lines");
            }

            foreach (var v in f.ContractViolations.Take(MaxLinesShown))
            {
                o.WriteLine($"  line {v.Line} breaks the contract: {v.Reason}");
            }

            if (f.ContractViolations.Count > MaxLinesShown)
            {
                o.WriteLine($"  … and {f.ContractViolations.Count - MaxLinesShown} more rows that break the contract");
            }
        }

        foreach (string facts in report.GrownFacts)
        {
            o.WriteLine($"{Path.GetFileName(facts)}: daily facts of an events file that grew by appends since; healthy, brought up to date on the next read.");
        }

        o.WriteLine("classes (schemas/index.json): " + string.Join(", ", report.FileClasses.Select(c => $"{c.Name} {c.SensitivityClass} {c.TransmissionClass}")));

        var repairable = report.Files.Where(f => f.NeedsRepair).ToList();
        o.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"total: {report.Rows} rows in {report.Files.Count} files, {report.SkippedRows} skipped lines, {repairable.Count} files to repair."));
        if (repairable.Count > 0 || report.RootNeedsRepair)
        {
            o.WriteLine($"run '{CliApp.Name} doctor --repair' to rewrite them without their unusable lines (rows of a newer schema are kept).");
        }
    }

    private static void WriteJson(CliContext cli, StoreHealthReport report)
    {
        foreach (string problem in report.RootProblems)
        {
            cli.Err.WriteLine($"{CliApp.Name}: warning: store root {report.Root}: {problem}");
        }

        var buffer = new ArrayBufferWriter<byte>(4096);
        foreach (var f in report.Files)
        {
            using (var w = new Utf8JsonWriter(buffer))
            {
                w.WriteStartObject();
                w.WriteString("file", f.Name);
                w.WriteString("kind", Kind(f.Kind));
                w.WriteNumber("rows", f.Rows);
                w.WriteNumber("skipped_rows", f.SkippedRows);
                w.WriteStartArray("skipped");
                foreach (var s in f.Skipped)
                {
                    w.WriteStartObject();
                    w.WriteNumber("line", s.Line);
                    w.WriteString("reason", s.Reason);
                    w.WriteBoolean("kept_by_repair", s.KeptByRepair);
                    w.WriteEndObject();
                }

                w.WriteEndArray();
                w.WriteNumber("sessions_without_summary", f.SessionsWithoutSummary);
                w.WriteNumber("summaries_without_events", f.SummariesWithoutEvents);
                w.WriteNumber("duplicate_summaries", f.DuplicateSummaries);
                if (f.Mode is null)
                {
                    w.WriteNull("mode");
                }
                else
                {
                    w.WriteString("mode", f.Mode);
                }

                w.WriteBoolean("private", f.IsPrivate);
                w.WriteString("sensitivity_class", f.SensitivityClass);
                w.WriteString("transmission_class", f.TransmissionClass);
                w.WriteStartArray("contract_violations");
                foreach (var v in f.ContractViolations)
                {
                    w.WriteStartObject();
                    w.WriteNumber("line", v.Line);
                    w.WriteString("rule", v.Reason);
                    w.WriteEndObject();
                }

                w.WriteEndArray();
                if (f.Problem is not null)
                {
                    w.WriteString("problem", f.Problem);
                }

                w.WriteString("status", f.Status);
                w.WriteEndObject();
            }

            buffer.Write("\n"u8);
        }

        cli.Out.Flush();
        cli.Out.BaseStream.Write(buffer.WrittenSpan);
    }

    private static string Kind(StoreFileKind kind) => kind.ToString().ToLowerInvariant();

    private static string Count(bool applies, long value) => applies ? value.ToString(CultureInfo.InvariantCulture) : "-";
}
