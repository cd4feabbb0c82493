// The suggestion guardrail: a loaded model must surface at least one suggestion on every day it is active, or its
// reject threshold is probably too high. Suggestions are the `suggestion` events of a system (appended directly, or
// written by `snapshot` for records marked suggested), counted per UTC day; a system is active on a day when it has
// events or snapshots then. Checking a day also fills suggestions_per_day of that day's snapshots with the count, in
// place: the month file is rewritten atomically under the store's lock, unreadable lines kept as they were.
using System.Globalization;
using ZosTelemetry.Events;
using ZosTelemetry.Store;

namespace ZosTelemetry.Snapshots;

public static class SuggestionGuardrail
{
    public static IReadOnlyList<SuggestionCheck> Check(TelemetryStore store, DateOnly date, bool modelLoaded, string? system = null)
    {
        if (system is not null)
        {
            EventValidator.ValidateName("system", system, required: true);
        }

        var day = new DateTimeOffset(date.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        var active = new SortedSet<string>(StringComparer.Ordinal);
        var suggestions = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var e in store.ReadEvents(new EventQuery { System = system, Since = day, Until = day.AddDays(1) }))
        {
            active.Add(e.System);
            if (e.Kind == EventKinds.Suggestion)
            {
                suggestions[e.System] = suggestions.GetValueOrDefault(e.System) + 1;
            }
        }

        var snapshots = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var s in store.ReadSnapshots(new SnapshotQuery { System = system, Since = day, Until = day.AddDays(1) }))
        {
            active.Add(s.System);
            snapshots[s.System] = snapshots.GetValueOrDefault(s.System) + 1;
        }

        var filled = Fill(store, day, active.ToDictionary(name => name, name => suggestions.GetValueOrDefault(name), StringComparer.Ordinal));
        var checks = new List<SuggestionCheck>();
        var systems = system is null ? active : new SortedSet<string>(StringComparer.Ordinal) { system };
        foreach (string name in systems)
        {
            bool isActive = active.Contains(name);
            long count = suggestions.GetValueOrDefault(name);
            bool warning = modelLoaded && isActive && count == 0;
            string when = date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            checks.Add(new SuggestionCheck
            {
                Date = day, System = name, ModelLoaded = modelLoaded, Active = isActive, Suggestions = count,
                Snapshots = snapshots.GetValueOrDefault(name), SnapshotsFilled = filled.GetValueOrDefault(name), Warning = warning,
                Message = warning
                    ? $"{name} surfaced no suggestion on {when} with a loaded model: its reject threshold may be too high."
                    : !isActive ? $"{name} was not active on {when}: nothing to check."
                    : string.Create(CultureInfo.InvariantCulture, $"{name} surfaced {count} suggestion(s) on {when}{(modelLoaded ? "" : " (no model loaded)")}."),
            });
        }

        return checks;
    }

    /// <summary>Sets suggestions_per_day of the day's snapshots of each system to its count; returns how many changed per system.</summary>
    private static Dictionary<string, int> Fill(TelemetryStore store, DateTimeOffset day, Dictionary<string, long> counts)
    {
        var changed = new Dictionary<string, int>(StringComparer.Ordinal);
        string path = Path.Combine(store.Root, SinkFiles.FileName(SinkKind.Snapshots, day));
        if (counts.Count == 0 || !File.Exists(path) || !NeedsFill(path, day, counts))
        {
            return changed;
        }

        using var @lock = StoreLock.Acquire(store.Root, store.LockTimeout);
        AtomicFile.Write(
            path,
            output =>
            {
                using var reader = new JsonlReader(path);
                while (reader.TryReadLine(out var line))
                {
                    if (SnapshotRowCodec.TryParse(line, out var s, out _) && Due(s!, day, counts) is long count)
                    {
                        output.Write(SnapshotRowCodec.Line(s!.WithSuggestionsPerDay(count)));
                        changed[s.System] = changed.GetValueOrDefault(s.System) + 1;
                        continue;
                    }

                    output.Write(line);
                    output.WriteByte((byte)'\n');
                }
            },
            PrivateFiles.FileMode);
        return changed;
    }

    private static bool NeedsFill(string path, DateTimeOffset day, Dictionary<string, long> counts)
    {
        using var reader = new JsonlReader(path);
        while (reader.TryReadLine(out var line))
        {
            if (SnapshotRowCodec.TryParse(line, out var s, out _) && Due(s!, day, counts) is not null)
            {
                return true;
            }
        }

        return false;
    }

    // The count a snapshot of the day should carry, when it carries another one.
    private static long? Due(QualitySnapshot s, DateTimeOffset day, Dictionary<string, long> counts) =>
        s.Timestamp >= day && s.Timestamp < day.AddDays(1) && counts.TryGetValue(s.System, out long count) && s.SuggestionsPerDay != count ? count : null;
}
