// detect: the correction detector as a filter. stdin JSONL {"text": "...", "session_id"?: "..."}; stdout JSONL
// {"is_correction": bool, "markers": [...]}, one line out per line in, same order. A line that is not such an
// object, or is longer than 1 MiB, gets {"error": "..."} in its place, a warning on stderr, and the exit code becomes 1.
// Lines with a session_id get the repeat signal (version 2): each session's last turn is kept as a fingerprint, in
// memory only. --detector N picks the version; --evaluate FILE scores it on a labelled file instead (DetectorEvaluation).
// --snapshot also appends a quality snapshot of the detector's own decisions over the texts it read (labels correction
// and none; each known marker a feature, 1 when it fired and missing when not; schema detector-vN), so its drift shows
// like any classifier's; the texts themselves go nowhere.
using System.Buffers;
using System.Text.Json;
using ZosTelemetry.Detection;
using ZosTelemetry.Snapshots;

namespace ZosTelemetry.Cli.Commands;

public static class DetectCommand
{
    /// <summary>Longer lines are not read: the detector looks at 2,000 characters, and memory stays bounded whatever is piped in.</summary>
    public const int MaxLineBytes = 1024 * 1024;

    public static int Run(string[] args, CliContext cli)
    {
        var a = Arguments.Parse(args, "detect", ["root", "detector", "evaluate", "system", WriterStore.LockTimeoutOption], ["json", "snapshot"], positionals: 0);
        int version = UsageOptions.Detector(a);
        if (!a.Flag("snapshot") && a.Single("system") is not null)
        {
            throw new UsageException("detect: --system names the snapshot's system; it goes with --snapshot.");
        }

        if (a.Single("evaluate") is string file)
        {
            if (a.Flag("snapshot"))
            {
                throw new UsageException("detect: --evaluate scores a labelled file and writes nothing; --snapshot goes without it.");
            }

            return Evaluate(file, version, a.Flag("json"), cli);
        }

        var turns = new SessionTurns(version);
        var store = a.Flag("snapshot") ? WriterStore.Open(cli, a) : null;
        var snapshot = store is null ? null : new SnapshotBuilder(
            new SnapshotOptions { System = a.Single("system") ?? DetectorSnapshot.DefaultSystem, SchemaVersion = DetectorSnapshot.SchemaVersionOf(version) }, DateTimeOffset.UtcNow);
        int bad = 0;
        long lineNumber = 0;
        var buffer = new ArrayBufferWriter<byte>(64 * 1024);
        // Straight from the stdin stream: the messages never touch the disk.
        var reader = new BoundedLineReader(cli.Stdin, MaxLineBytes);
        cli.Out.Flush();
        while (reader.TryReadLine(out var line))
        {
            lineNumber++;
            if (line.IsEmpty && !reader.Overlong)
            {
                continue;
            }

            using (var w = new Utf8JsonWriter(buffer))
            {
                w.WriteStartObject();
                string? text = null, session = null, error = null;
                if (reader.Overlong)
                {
                    error = $"line longer than {MaxLineBytes / (1024 * 1024)} MiB; not read";
                }

                if (error is null && TryReadText(line, out text, out session, out error))
                {
                    var result = session is null ? CorrectionDetector.Detect(text, version) : turns.Detect(session, text);
                    snapshot?.Add(DetectorSnapshot.Decision(result));
                    w.WriteBoolean("is_correction", result.IsCorrection);
                    w.WriteStartArray("markers");
                    foreach (string m in result.Markers)
                    {
                        w.WriteStringValue(m);
                    }

                    w.WriteEndArray();
                }
                else
                {
                    bad++;
                    w.WriteString("error", error);
                    cli.Err.WriteLine($"{CliApp.Name}: warning: stdin line {lineNumber}: {error}");
                }

                w.WriteEndObject();
            }

            buffer.Write("\n"u8);
            if (buffer.WrittenCount > 60 * 1024)
            {
                cli.Out.BaseStream.Write(buffer.WrittenSpan);
                buffer.ResetWrittenCount();
            }
        }

        cli.Out.BaseStream.Write(buffer.WrittenSpan);
        if (store is not null)
        {
            var written = store.AppendSnapshot(snapshot!);
            cli.Err.WriteLine($"{CliApp.Name}: detect: snapshot of {written.TotalWindows} text(s) appended to {store.Root} as system {written.System}.");
        }

        return bad == 0 ? ExitCodes.Ok : ExitCodes.NotFound;
    }

    private static int Evaluate(string file, int version, bool json, CliContext cli)
    {
        IReadOnlyList<DetectorScore> rows;
        try
        {
            rows = DetectorEvaluation.Evaluate(file, version);
        }
        catch (InvalidDataException ex)
        {
            throw new UsageException($"detect --evaluate: {ex.Message}");
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new UsageException($"detect --evaluate: no file '{file}'.");
        }

        if (json)
        {
            var buffer = new ArrayBufferWriter<byte>(4096);
            using (var w = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
            {
                w.WriteStartObject();
                w.WriteNumber("detector_version", version);
                w.WriteStartArray("languages");
                foreach (var r in rows)
                {
                    w.WriteStartObject();
                    w.WriteString("language", r.Language);
                    w.WriteNumber("messages", r.Messages);
                    w.WriteNumber("true_positives", r.TruePositives);
                    w.WriteNumber("false_positives", r.FalsePositives);
                    w.WriteNumber("false_negatives", r.FalseNegatives);
                    w.WriteNumber("true_negatives", r.TrueNegatives);
                    Interval(w, "precision", r.Precision, r.PrecisionLow, r.PrecisionHigh);
                    Interval(w, "recall", r.Recall, r.RecallLow, r.RecallHigh);
                    Interval(w, "f1", r.F1, r.F1Low, r.F1High);
                    w.WriteEndObject();
                }

                w.WriteEndArray();
                w.WriteEndObject();
            }

            cli.Out.Flush();
            cli.Out.BaseStream.Write(buffer.WrittenSpan);
            cli.Out.BaseStream.Write("\n"u8);
            return ExitCodes.Ok;
        }

        cli.Out.WriteLine($"detector v{version} on {file} (95% Wilson intervals)");
        cli.Out.WriteLine("lang       n   tp   fp   fn   tn  precision            recall               f1");
        foreach (var r in rows)
        {
            cli.Out.WriteLine(string.Create(System.Globalization.CultureInfo.InvariantCulture,
                $"{r.Language,-5}{r.Messages,6}{r.TruePositives,5}{r.FalsePositives,5}{r.FalseNegatives,5}{r.TrueNegatives,5}  {r.Precision:0.000} [{r.PrecisionLow:0.00}-{r.PrecisionHigh:0.00}]  {r.Recall:0.000} [{r.RecallLow:0.00}-{r.RecallHigh:0.00}]  {r.F1:0.000} [{r.F1Low:0.00}-{r.F1High:0.00}]"));
        }

        return ExitCodes.Ok;
    }

    private static void Interval(Utf8JsonWriter w, string name, double value, double low, double high)
    {
        w.WriteStartObject(name);
        w.WriteNumber("value", Math.Round(value, 4));
        w.WriteNumber("low", Math.Round(low, 4));
        w.WriteNumber("high", Math.Round(high, 4));
        w.WriteEndObject();
    }

    private static bool TryReadText(ReadOnlySpan<byte> line, out string? text, out string? session, out string? error)
    {
        text = null;
        session = null;
        error = null;
        try
        {
            var r = new Utf8JsonReader(line);
            if (!r.Read() || r.TokenType != JsonTokenType.StartObject)
            {
                error = "not a JSON object";
                return false;
            }

            while (r.Read() && r.TokenType == JsonTokenType.PropertyName)
            {
                bool isText = r.ValueTextEquals("text"u8), isSession = r.ValueTextEquals("session_id"u8);
                r.Read();
                if (isText && r.TokenType == JsonTokenType.String)
                {
                    text = r.GetString();
                }
                else if (isSession && r.TokenType == JsonTokenType.String)
                {
                    session = r.GetString();
                }
                else
                {
                    r.Skip();
                }
            }
        }
        catch (JsonException)
        {
            error = "malformed JSON";
            return false;
        }
        catch (InvalidOperationException)
        {
            error = "text is not valid UTF-8";
            return false;
        }

        if (text is null)
        {
            error = "no string field \"text\"";
            return false;
        }

        return true;
    }
}
