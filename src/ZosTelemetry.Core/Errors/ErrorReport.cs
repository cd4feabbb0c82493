// The provider heatmap and guardrail gaps of the reference's analytics: errors (error and api_error events) by
// category per group (system or model) per UTC day, and the fingerprints that recur most, so the same failure is seen
// across runs. Holds categories, counts and fingerprints only; error messages were never stored.
using System.Globalization;
using System.Text;
using System.Text.Json;
using ZosTelemetry.Events;
using ZosTelemetry.Reporting;
using ZosTelemetry.Store;

namespace ZosTelemetry.Errors;

public enum ErrorGrouping
{
    System,
    Model,
}

/// <summary>One cell of the heatmap: a day, a group and a category.</summary>
public sealed class ErrorDayRow
{
    public DateOnly Day { get; init; }
    public string Group { get; init; } = "";
    public string Category { get; init; } = "";
    public long Errors { get; init; }
    public int Sessions { get; init; }
}

/// <summary>One recurring failure: its fingerprint, how often and where it occurred.</summary>
public sealed class ErrorFingerprintRow
{
    public string Fingerprint { get; init; } = "";
    public string Category { get; init; } = "";
    public long Count { get; init; }
    public int Sessions { get; init; }

    /// <summary>The systems or models it occurred in, comma-separated.</summary>
    public string Groups { get; init; } = "";
    public DateTimeOffset FirstSeen { get; init; }
    public DateTimeOffset LastSeen { get; init; }
}

public sealed class ErrorReport
{
    public const string NoModel = "(no model)";
    public const int DefaultTop = 10;

    public ErrorGrouping By { get; init; }

    public IReadOnlyList<ErrorDayRow> Days { get; init; } = [];

    /// <summary>Fingerprints seen at least twice, most frequent first.</summary>
    public IReadOnlyList<ErrorFingerprintRow> Fingerprints { get; init; } = [];

    public static ErrorGrouping ParseGrouping(string text) => text.ToLowerInvariant() switch
    {
        "system" => ErrorGrouping.System,
        "model" => ErrorGrouping.Model,
        _ => throw new ArgumentException($"Unknown grouping {Events.EventValidator.Show(text)}; use system or model."),
    };

    /// <summary>
    /// The errors of the events that match. By model, an error without a model of its own (an imported API error) counts
    /// under its session's model, else under "(no model)".
    /// </summary>
    public static ErrorReport Build(TelemetryStore store, EventQuery? query = null, ErrorGrouping by = ErrorGrouping.System, int top = DefaultTop)
    {
        ArgumentNullException.ThrowIfNull(store);
        if (top < 1)
        {
            throw new ArgumentException("--top must be 1 or more.");
        }

        Dictionary<string, string?>? sessionModels = by == ErrorGrouping.Model
            ? store.ReadSessions().ToDictionary(s => s.SessionId, s => s.Model, StringComparer.Ordinal)
            : null;
        var cells = new Dictionary<(DateOnly Day, string Group, string Category), (long Count, HashSet<string> Sessions)>();
        var prints = new Dictionary<string, (string Category, long Count, HashSet<string> Sessions, SortedSet<string> Groups, DateTimeOffset First, DateTimeOffset Last)>(StringComparer.Ordinal);
        foreach (var e in store.ReadEvents(query ?? new EventQuery()))
        {
            if (!AgentRules.IsError(e))
            {
                continue;
            }

            string group = by == ErrorGrouping.System ? e.System : e.Model ?? sessionModels!.GetValueOrDefault(e.SessionId) ?? NoModel;
            string category = AgentRules.CategoryOf(e);
            var key = (DateOnly.FromDateTime(e.Timestamp.UtcDateTime), group, category);
            if (!cells.TryGetValue(key, out var cell))
            {
                cells[key] = cell = (0, new HashSet<string>(StringComparer.Ordinal));
            }

            cell.Sessions.Add(e.SessionId);
            cells[key] = (cell.Count + 1, cell.Sessions);
            if (e.ErrorFingerprint is string fp)
            {
                if (!prints.TryGetValue(fp, out var p))
                {
                    p = (category, 0, new HashSet<string>(StringComparer.Ordinal), new SortedSet<string>(StringComparer.Ordinal), e.Timestamp, e.Timestamp);
                }

                p.Sessions.Add(e.SessionId);
                p.Groups.Add(group);
                prints[fp] = (p.Category, p.Count + 1, p.Sessions, p.Groups, e.Timestamp < p.First ? e.Timestamp : p.First, e.Timestamp > p.Last ? e.Timestamp : p.Last);
            }
        }

        return new ErrorReport
        {
            By = by,
            Days = cells.OrderBy(c => c.Key.Day).ThenBy(c => c.Key.Group, StringComparer.Ordinal).ThenBy(c => CategoryOrder(c.Key.Category))
                .Select(c => new ErrorDayRow { Day = c.Key.Day, Group = c.Key.Group, Category = c.Key.Category, Errors = c.Value.Count, Sessions = c.Value.Sessions.Count })
                .ToList(),
            Fingerprints = prints.Where(p => p.Value.Count >= 2)
                .OrderByDescending(p => p.Value.Count).ThenByDescending(p => p.Value.Sessions.Count).ThenBy(p => p.Key, StringComparer.Ordinal)
                .Take(top)
                .Select(p => new ErrorFingerprintRow
                {
                    Fingerprint = p.Key, Category = p.Value.Category, Count = p.Value.Count, Sessions = p.Value.Sessions.Count,
                    Groups = string.Join(", ", p.Value.Groups), FirstSeen = p.Value.First, LastSeen = p.Value.Last,
                })
                .ToList(),
        };
    }

    /// <summary>
    /// The same over a team database: the cells and the recurring fingerprints are counted in SQL (from the events'
    /// kind, model and their stored error category and fingerprint columns, never their lines), then ordered here by
    /// the local report's rule.
    /// </summary>
    public static ErrorReport Build(Sync.ITeamDatabase database, EventQuery? query = null, ErrorGrouping by = ErrorGrouping.System, int top = DefaultTop)
    {
        ArgumentNullException.ThrowIfNull(database);
        if (top < 1)
        {
            throw new ArgumentException("--top must be 1 or more.");
        }

        query ??= new EventQuery();
        if (query.Kind is not null)
        {
            throw new ArgumentException("The error report reads the error and api_error events: a kind filter does not apply.");
        }

        bool byModel = by == ErrorGrouping.Model;
        return new ErrorReport
        {
            By = by,
            Days = database.CountErrors(query, byModel, NoModel)
                .OrderBy(c => c.Day).ThenBy(c => c.Group, StringComparer.Ordinal).ThenBy(c => CategoryOrder(c.Category))
                .ToList(),
            Fingerprints = database.RecurringErrors(query, byModel, NoModel, top),
        };
    }

    public string RenderText()
    {
        var sb = new StringBuilder();
        string by = By.ToString().ToLowerInvariant();
        if (Days.Count == 0)
        {
            sb.Append("No errors recorded.\n");
            return sb.ToString();
        }

        var rows = new List<string[]> { new[] { "Day (UTC)", by, "Category", "Errors", "Sessions" } };
        rows.AddRange(Days.Select(d => new[] { d.Day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), d.Group, d.Category, TextTable.Count(d.Errors), TextTable.Count(d.Sessions) }));
        TextTable.Append(sb, rows, "lllrr");
        sb.Append('\n');
        if (Fingerprints.Count == 0)
        {
            sb.Append("No recurring error fingerprints.\n");
        }
        else
        {
            sb.Append("Recurring errors (same category and normalised message):\n");
            var prints = new List<string[]> { new[] { "Fingerprint", "Category", "Count", "Sessions", by, "First seen", "Last seen" } };
            prints.AddRange(Fingerprints.Select(f => new[]
            {
                f.Fingerprint, f.Category, TextTable.Count(f.Count), TextTable.Count(f.Sessions), f.Groups,
                f.FirstSeen.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture), f.LastSeen.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture),
            }));
            TextTable.Append(sb, prints, "llrrlll");
        }

        return sb.ToString();
    }

    public string RenderJson()
    {
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            w.WriteStartObject();
            w.WriteString("by", By.ToString().ToLowerInvariant());
            w.WriteStartArray("days");
            foreach (var d in Days)
            {
                w.WriteStartObject();
                w.WriteString("day", d.Day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
                w.WriteString("group", d.Group);
                w.WriteString("category", d.Category);
                w.WriteNumber("errors", d.Errors);
                w.WriteNumber("sessions", d.Sessions);
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteStartArray("fingerprints");
            foreach (var f in Fingerprints)
            {
                w.WriteStartObject();
                w.WriteString("fingerprint", f.Fingerprint);
                w.WriteString("category", f.Category);
                w.WriteNumber("count", f.Count);
                w.WriteNumber("sessions", f.Sessions);
                w.WriteString("groups", f.Groups);
                w.WriteString("first_seen", Iso8601.Format(f.FirstSeen));
                w.WriteString("last_seen", Iso8601.Format(f.LastSeen));
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray()) + "\n";
    }

    private static int CategoryOrder(string category)
    {
        int i = 0;
        foreach (string c in ErrorCategories.All)
        {
            if (c == category)
            {
                return i;
            }

            i++;
        }

        return i;
    }
}
