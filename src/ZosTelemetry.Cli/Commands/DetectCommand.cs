// detect: the correction detector as a filter. stdin JSONL {"text": "..."}; stdout JSONL
// {"is_correction": bool, "markers": [...]}, one line out per line in, same order. A line that is not such an
// object, or is longer than 1 MiB, gets {"error": "..."} in its place, a warning on stderr, and the exit code becomes 1.
// --snapshot also appends a quality snapshot of the detector's own decisions over the texts it read (labels correction
// and none; each known marker a feature, 1 when it fired and missing when not), so its drift shows like any
// classifier's; the texts themselves go nowhere.
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
        var a = Arguments.Parse(args, "detect", ["root", "system", WriterStore.LockTimeoutOption], ["snapshot"], positionals: 0);
        if (!a.Flag("snapshot") && a.Single("system") is not null)
        {
            throw new UsageException("detect: --system names the snapshot's system; it goes with --snapshot.");
        }

        var store = a.Flag("snapshot") ? WriterStore.Open(cli, a) : null;
        var snapshot = store is null ? null : new SnapshotBuilder(
            new SnapshotOptions { System = a.Single("system") ?? DetectorSnapshot.DefaultSystem, SchemaVersion = DetectorSnapshot.SchemaVersion }, DateTimeOffset.UtcNow);
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
                string? text = null, error = null;
                if (reader.Overlong)
                {
                    error = $"line longer than {MaxLineBytes / (1024 * 1024)} MiB; not read";
                }

                if (error is null && TryReadText(line, out text, out error))
                {
                    var result = CorrectionDetector.Detect(text);
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

    private static bool TryReadText(ReadOnlySpan<byte> line, out string? text, out string? error)
    {
        text = null;
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
                bool isText = r.ValueTextEquals("text"u8);
                r.Read();
                if (isText && r.TokenType == JsonTokenType.String)
                {
                    text = r.GetString();
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
