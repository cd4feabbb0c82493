// What every section of one report shares: the store, the options, the window's start, what the store held and which
// systems the report is about (with one colour each). Sections compute their own figures from these.
using ZosTelemetry.Pricing;
using ZosTelemetry.Store;

namespace ZosTelemetry.Reports.Html;

public sealed class HtmlReportContext
{
    /// <summary>At most this many systems get a series of their own in the trends (the palette has as many colours).</summary>
    public const int MaxChartedSystems = 8;

    internal HtmlReportContext(TelemetryStore store, HtmlReportOptions options)
    {
        Store = store;
        Options = options;
        // The window starts on a 15-minute UTC slot, so the trends and costs come whole from the stored daily facts.
        Since = options.WindowDays is int days ? ZosTelemetry.Facts.DailyFacts.SlotFloor(options.Now.AddDays(-days)) : null;
        // Read on the other core while this one decodes the session summaries (about 0.1 s of wall at 100,000 sessions).
        var since = Since;
        facts = new BackgroundRead<ZosTelemetry.Facts.DailyFacts>(store, s => s.ReadDailyFacts(new EventQuery { Since = since }));
        Costs = options.Costs ?? CostResolver.Shipped;
        // The latest summary of every session, read once: the note, the head to head, the alerts and the scores are all
        // made from it. From the stored summaries (Facts/SessionSummarySidecar) when every row is usable; else from the
        // rows, which warn about the others, and the head to head reads them as compare does.
        LatestInStoreOrder = options.ReadStoredSummaries ? ZosTelemetry.Facts.SessionSummarySidecar.Load(store) : null;
        Sessions = LatestInStoreOrder is { } latest ? ByFirstActivity(latest) : store.ReadSessions();
        Overview = StoreOverview.Of(Sessions, Since);

        var named = options.Systems;
        Systems = named.Count > 0
            ? named.ToList()
            : Overview.Systems.Take(MaxChartedSystems).Select(s => s.System).ToList();
        HeadToHead = named.Count == 2 ? (named[0], named[1])
            : named.Count == 0 && Overview.Systems.Count >= 2 ? (Overview.Systems[0].System, Overview.Systems[1].System)
            : null;
    }

    private readonly BackgroundRead<ZosTelemetry.Facts.DailyFacts> facts;

    // ReadSessions' order: first activity, then id. The ids are unique, so List.Sort (unstable, one comparison, no key
    // arrays) gives what a stable OrderBy.ThenBy gives, with 0.8 MB allocated instead of 4.4 MB at 100,000 sessions.
    private static List<Sessions.SessionSummary> ByFirstActivity(IReadOnlyList<Sessions.SessionSummary> latest)
    {
        var sorted = new List<Sessions.SessionSummary>(latest);
        sorted.Sort(static (a, b) => a.FirstTimestamp.CompareTo(b.FirstTimestamp) is var c && c != 0 ? c : string.CompareOrdinal(a.SessionId, b.SessionId));
        return sorted;
    }

    public TelemetryStore Store { get; }

    /// <summary>The daily facts of the window's event files, read once for the trends and the costs.</summary>
    internal ZosTelemetry.Facts.DailyFacts Facts => facts.Result;

    /// <summary>Ends the reads still running in the background (the daily facts of a page without trends or costs).</summary>
    internal void Finish() => facts.Finish();

    public HtmlReportOptions Options { get; }

    /// <summary>The window's first instant (the start of the 15-minute UTC slot WindowDays before Now); null for all time.</summary>
    public DateTimeOffset? Since { get; }

    public CostResolver Costs { get; }

    public StoreOverview Overview { get; }

    /// <summary>The latest summary of every session in the store, by first activity then id (TelemetryStore.ReadSessions).</summary>
    public IReadOnlyList<Sessions.SessionSummary> Sessions { get; }

    /// <summary>The same sessions in the order their ids first appear in the store; null when read from the rows.</summary>
    internal IReadOnlyList<Sessions.SessionSummary>? LatestInStoreOrder { get; }

    /// <summary>The sessions of the window (last activity at or after Since), of one system or all, as ReadSessions would filter them.</summary>
    public IReadOnlyList<Sessions.SessionSummary> SessionsInWindow(string? system)
    {
        if (system is null && Since is null)
        {
            return Sessions; // nothing to filter: no copy of 100,000 references
        }

        var query = new SessionQuery { System = system, Since = Since };
        return Sessions.Where(query.Matches).ToList();
    }

    /// <summary>The systems the report charts: the ones named, else the store's busiest (up to MaxChartedSystems).</summary>
    public IReadOnlyList<string> Systems { get; }

    /// <summary>The two systems compared head to head; null when fewer than two are named or stored.</summary>
    public (string A, string B)? HeadToHead { get; }

    /// <summary>True when the user named no system and the report chose them.</summary>
    public bool SystemsChosen => Options.Systems.Count == 0;

    /// <summary>The CSS class of a system's colour (s0 … s7), the same in every chart.</summary>
    public string ColourOf(string system)
    {
        int i = 0;
        foreach (string s in Systems)
        {
            if (s == system)
            {
                return "s" + i.ToString(System.Globalization.CultureInfo.InvariantCulture);
            }

            i++;
        }

        return "s-other";
    }

    public string WindowText => Options.WindowDays is int d ? $"the last {d} day{(d == 1 ? "" : "s")}" : "all time";
}
