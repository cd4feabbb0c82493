// Compare-TelemetrySnapshot: drift per system, the last -Last days against the -Baseline days before them: mean
// confidence, reject rate, entropy and the class mix (total variation distance), each with its change and a flag past
// its threshold. One row per system and metric; -AsMarkdown returns the report as Markdown. Warnings also go to the
// warning stream.
using System.Management.Automation;
using ZosTelemetry.PowerShell.Completion;
using ZosTelemetry.Snapshots;
using ZosTelemetry.Store;

namespace ZosTelemetry.PowerShell.Commands;

[Cmdlet(VerbsData.Compare, "TelemetrySnapshot", HelpUri = HelpLinks.Root + "Compare-TelemetrySnapshot.md")]
[OutputType(typeof(SnapshotDrift), typeof(string))]
public sealed class CompareTelemetrySnapshotCommand : TelemetryCommandBase, ITeamReader
{
    /// <summary>Read a team database (a postgres:// URI or keyword connection string) instead of the local store.</summary>
    [Parameter]
    public string? Database { get; set; }

    [Parameter(Position = 0), ValidateRange(1, SnapshotDriftAnalyzer.MaxDays)]
    public int Last { get; set; } = 7;

    [Parameter(Position = 1), ValidateRange(1, SnapshotDriftAnalyzer.MaxDays)]
    public int Baseline { get; set; } = 30;

    [Parameter, ArgumentCompleter(typeof(SystemNameCompleter))]
    public string? System { get; set; }

    [Parameter]
    public SwitchParameter AsMarkdown { get; set; }

    protected override void ProcessRecord()
    {
        var options = new DriftOptions { Last = Last, Baseline = Baseline, System = System };
        SnapshotDriftReport report;
        try
        {
            var query = new SnapshotQuery { System = System, Since = options.BaselineSince };
            var snapshots = OpenTeamDatabase() is { } database
                ? Sync.TeamRows.ReadSnapshots(database, query, w => WriteWarning(w.ToString()))
                : OpenStore().ReadSnapshots(query);
            report = SnapshotDriftAnalyzer.Compare(snapshots, options);
        }
        catch (Exception ex) when (IsTelemetryError(ex))
        {
            ThrowTerminatingError(ToErrorRecord(ex, Root));
            return;
        }

        foreach (string warning in report.Warnings)
        {
            WriteWarning(warning);
        }

        if (AsMarkdown)
        {
            WriteObject(SnapshotText.RenderDriftMarkdown(report));
            return;
        }

        WriteObject(report.Rows, enumerateCollection: true);
    }
}
