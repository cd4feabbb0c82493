// snapshot: reads prediction records as JSONL on stdin and appends one quality snapshot of them. Every record is
// checked before anything is written: a refused record (naming its stdin line, never echoing its values) means
// nothing is written. --user is stored only as a hash. Prints the snapshot (a table, or --json: the row as stored).
using System.Globalization;
using ZosTelemetry.Events;
using ZosTelemetry.Snapshots;

namespace ZosTelemetry.Cli.Commands;

public static class SnapshotCommand
{
    /// <summary>A record is numbers and names; a longer line is refused unread, so memory stays bounded whatever is piped in.</summary>
    public const int MaxLineBytes = 1024 * 1024;

    public static int Run(string[] args, CliContext cli)
    {
        var a = Arguments.Parse(args, "snapshot", ["root", "system", "user", "reject-label", "schema-version", WriterStore.LockTimeoutOption], ["json"], positionals: 0);
        var store = WriterStore.Open(cli, a);
        var builder = new SnapshotBuilder(
            new SnapshotOptions
            {
                System = a.Required("system", "snapshot"), User = UsageOptions.HashedUser(a, store),
                RejectLabel = a.Single("reject-label") ?? SnapshotRules.DefaultRejectLabel, SchemaVersion = a.Single("schema-version"),
            },
            DateTimeOffset.UtcNow);
        var reader = new BoundedLineReader(cli.Stdin, MaxLineBytes);
        long lineNumber = 0;
        while (reader.TryReadLine(out var line))
        {
            lineNumber++;
            if (reader.Overlong)
            {
                throw new TelemetryValidationException("record", string.Create(CultureInfo.InvariantCulture, $"stdin line {lineNumber}: longer than {MaxLineBytes / (1024 * 1024)} MiB; a prediction record is a few numbers and names."));
            }

            if (line.Trim(" \t"u8).IsEmpty)
            {
                continue;
            }

            try
            {
                builder.Add(PredictionRecordJson.Parse(line));
            }
            catch (TelemetryValidationException ex)
            {
                throw new TelemetryValidationException(ex.Field, string.Create(CultureInfo.InvariantCulture, $"stdin line {lineNumber}: {ex.Message}"));
            }
        }

        var snapshot = store.AppendSnapshot(builder);
        UsageOptions.WriteText(cli, a.Flag("json") ? SnapshotText.RenderJsonLines([snapshot]) : SnapshotText.RenderTable([snapshot]));
        return ExitCodes.Ok;
    }
}
