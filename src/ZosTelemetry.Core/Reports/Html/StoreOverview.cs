// What the store held for the report: closed sessions per system (latest summary each), their date range and the
// detector versions that scored them. The page's note and every chart's source line are made from this.
using ZosTelemetry.Sessions;
using ZosTelemetry.Store;

namespace ZosTelemetry.Reports.Html;

public sealed class StoreOverview
{
    /// <summary>Closed sessions in the window.</summary>
    public long Sessions { get; init; }

    /// <summary>Closed sessions in the store, in or out of the window.</summary>
    public long StoredSessions { get; init; }

    public DateTimeOffset? FirstActivity { get; init; }
    public DateTimeOffset? LastActivity { get; init; }
    public IReadOnlyList<int> DetectorVersions { get; init; } = Array.Empty<int>();

    /// <summary>Sessions in the window per system, most first (then by name).</summary>
    public IReadOnlyList<(string System, long Sessions)> Systems { get; init; } = Array.Empty<(string, long)>();

    public long SessionsOf(string system) => Systems.FirstOrDefault(s => s.System == system).Sessions;

    /// <summary>The overview of the latest summary of every session (StreamSessions or ReadSessions, unfiltered).</summary>
    public static StoreOverview Of(IEnumerable<SessionSummary> latest, DateTimeOffset? since)
    {
        long stored = 0, inWindow = 0;
        DateTimeOffset? first = null, last = null;
        var versions = new SortedSet<int>();
        var perSystem = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (SessionSummary s in latest)
        {
            stored++;
            if (since is not null && s.LastTimestamp < since)
            {
                continue;
            }

            inWindow++;
            first = first is null || s.FirstTimestamp < first ? s.FirstTimestamp : first;
            last = last is null || s.LastTimestamp > last ? s.LastTimestamp : last;
            versions.Add(s.DetectorVersion);
            perSystem[s.System] = perSystem.GetValueOrDefault(s.System) + 1;
        }

        return new StoreOverview
        {
            Sessions = inWindow,
            StoredSessions = stored,
            FirstActivity = first,
            LastActivity = last,
            DetectorVersions = versions.ToList(),
            Systems = MostFirst(perSystem),
        };
    }

    // The names are unique, so List.Sort with one comparison gives what a stable OrderByDescending.ThenBy gives, without
    // LINQ's sorting code over KeyValuePair<string, long>, which the runtime compiles on first use (about 30 methods).
    private static List<(string System, long Sessions)> MostFirst(Dictionary<string, long> perSystem)
    {
        var names = new List<string>(perSystem.Keys);
        names.Sort((a, b) => perSystem[b].CompareTo(perSystem[a]) is var c && c != 0 ? c : string.CompareOrdinal(a, b));
        var systems = new List<(string System, long Sessions)>(names.Count);
        foreach (string name in names)
        {
            systems.Add((name, perSystem[name]));
        }

        return systems;
    }

    /// <summary>"60 closed sessions, 2026-10-02 to 2026-11-29 (UTC), detector version 2".</summary>
    public string Describe(long? sessions = null)
    {
        long n = sessions ?? Sessions;
        string range = FirstActivity is DateTimeOffset f && LastActivity is DateTimeOffset l
            ? $", {Html.Date(DateOnly.FromDateTime(f.UtcDateTime))} to {Html.Date(DateOnly.FromDateTime(l.UtcDateTime))} (UTC)"
            : "";
        string detector = DetectorVersions.Count switch
        {
            0 => "",
            1 => $", detector version {DetectorVersions[0]}",
            _ => $", detector versions {string.Join(", ", DetectorVersions)}",
        };
        return $"{Html.Int(n)} closed session{(n == 1 ? "" : "s")}{range}{detector}";
    }
}
