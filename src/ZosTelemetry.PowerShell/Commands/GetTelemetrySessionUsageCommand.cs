// Get-TelemetrySessionUsage: per session, tokens and cost with the friction its events show (user turns,
// corrections, tool calls and failures, API errors, interruptions); with -Breakdown, one row per model instead.
using System.Management.Automation;
using ZosTelemetry.Reports;
using ZosTelemetry.Store;

namespace ZosTelemetry.PowerShell.Commands;

[Cmdlet(VerbsCommon.Get, "TelemetrySessionUsage", HelpUri = HelpLinks.Root + "Get-TelemetrySessionUsage.md")]
[OutputType(typeof(SessionUsage), typeof(ModelUsage))]
public sealed class GetTelemetrySessionUsageCommand : UsageCommandBase
{
    protected override IEnumerable<object> Report(TelemetryStore store, UsageQuery query) => Rows(UsageReport.BySession(store, query));

    /// <summary>Over a team database each session's counts and sums come from SQL, never its events' lines.</summary>
    protected override IEnumerable<object> Report(Sync.ITeamDatabase database, UsageQuery query)
    {
        using var rows = UsageReport.StreamBySession(database, query);
        return Rows(rows.ToList());
    }

    private IEnumerable<object> Rows(IReadOnlyList<SessionUsage> rows) => Breakdown ? rows.SelectMany(r => r.Breakdown).Select(AsSessionRow) : rows;

    // A model row of a session holds the session id in Period: its own view labels that column SessionId.
    private static PSObject AsSessionRow(ModelUsage row)
    {
        var o = new PSObject(row);
        o.TypeNames.Insert(0, "ZosTelemetry.Reports.ModelUsage#Session");
        return o;
    }
}
