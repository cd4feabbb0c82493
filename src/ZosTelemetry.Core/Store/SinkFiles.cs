// The month-bucketed sink files: events-YYYY-MM.jsonl, sessions-YYYY-MM.jsonl, snapshots-YYYY-MM.jsonl and
// alerts-YYYY-MM.jsonl.
using System.Globalization;

namespace ZosTelemetry.Store;

public enum SinkKind
{
    Events,
    Sessions,
    Snapshots,

    /// <summary>alerts-YYYY-MM.jsonl, bucketed by the alert's ts.</summary>
    Alerts,
}

public sealed record SinkFile(string Path, SinkKind Kind, int Year, int Month)
{
    public DateTimeOffset MonthStart => new(Year, Month, 1, 0, 0, 0, TimeSpan.Zero);

    public DateTimeOffset MonthEnd => MonthStart.AddMonths(1);
}

public static class SinkFiles
{
    public static string Prefix(SinkKind kind) => kind switch
    {
        SinkKind.Events => "events-",
        SinkKind.Sessions => "sessions-",
        SinkKind.Snapshots => "snapshots-",
        _ => "alerts-",
    };

    /// <summary>Every kind, in the order maintenance walks them.</summary>
    public static IReadOnlyList<SinkKind> AllKinds { get; } = [SinkKind.Events, SinkKind.Sessions, SinkKind.Snapshots, SinkKind.Alerts];

    public static string FileName(SinkKind kind, DateTimeOffset ts)
    {
        var utc = ts.UtcDateTime;
        return string.Create(CultureInfo.InvariantCulture, $"{Prefix(kind)}{utc.Year:D4}-{utc.Month:D2}.jsonl");
    }

    /// <summary>The sink files of one kind under the root, oldest month first. A missing root has none.</summary>
    public static IReadOnlyList<SinkFile> List(string root, SinkKind kind)
    {
        if (!Directory.Exists(root))
        {
            return Array.Empty<SinkFile>();
        }

        string prefix = Prefix(kind);
        var files = new List<SinkFile>();
        foreach (string path in Directory.EnumerateFiles(root, prefix + "*.jsonl"))
        {
            string name = System.IO.Path.GetFileName(path);
            // events-YYYY-MM.jsonl: anything else that happens to match the wildcard is not ours.
            if (name.Length == prefix.Length + 13
                && int.TryParse(name.AsSpan(prefix.Length, 4), NumberStyles.None, CultureInfo.InvariantCulture, out int year)
                && name[prefix.Length + 4] == '-'
                && int.TryParse(name.AsSpan(prefix.Length + 5, 2), NumberStyles.None, CultureInfo.InvariantCulture, out int month)
                && month is >= 1 and <= 12 && year >= 1)
            {
                files.Add(new SinkFile(path, kind, year, month));
            }
        }

        files.Sort((a, b) => (a.Year, a.Month).CompareTo((b.Year, b.Month)));
        return files;
    }
}
