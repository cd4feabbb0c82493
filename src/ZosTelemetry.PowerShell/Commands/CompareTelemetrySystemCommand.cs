// Compare-TelemetrySystem: compares two systems over their closed sessions, metric by metric, with 95% intervals.
// The report's warnings (small samples, mixed detector versions) also go to the warning stream so they are not missed.
using System.Management.Automation;
using ZosTelemetry.Comparison;
using ZosTelemetry.PowerShell.Completion;

namespace ZosTelemetry.PowerShell.Commands;

[Cmdlet(VerbsData.Compare, "TelemetrySystem", DefaultParameterSetName = ReportSet, HelpUri = HelpLinks.Root + "Compare-TelemetrySystem.md")]
[OutputType(typeof(ComparisonReport), ParameterSetName = [ReportSet])]
[OutputType(typeof(string), ParameterSetName = [MarkdownSet])]
public sealed class CompareTelemetrySystemCommand : TelemetryCommandBase, ITeamReader
{
    /// <summary>Read a team database (a postgres:// URI or keyword connection string) instead of the local store.</summary>
    [Parameter]
    public string? Database { get; set; }

    private const string ReportSet = "Report";
    private const string MarkdownSet = "Markdown";

    [Parameter(Mandatory = true, Position = 0), ArgumentCompleter(typeof(SystemNameCompleter))]
    public string SystemA { get; set; } = "";

    [Parameter(Mandatory = true, Position = 1), ArgumentCompleter(typeof(SystemNameCompleter))]
    public string SystemB { get; set; } = "";

    /// <summary>Only sessions whose last activity lies within this many days; all time when omitted.</summary>
    [Parameter, ValidateRange(1, 36500)]
    public int? WindowDays { get; set; }

    [Parameter(Mandatory = true, ParameterSetName = MarkdownSet)]
    public SwitchParameter AsMarkdown { get; set; }

    protected override void ProcessRecord()
    {
        ComparisonReport report;
        try
        {
            var options = new ComparisonOptions { WindowDays = WindowDays };
            if (OpenTeamDatabase() is { } database)
            {
                report = SystemComparer.Compare(database, ResolveSystem(database, SystemA)!, ResolveSystem(database, SystemB)!, options);
            }
            else
            {
                var store = OpenStore();
                report = SystemComparer.Compare(store, ResolveSystem(store, SystemA)!, ResolveSystem(store, SystemB)!, options);
            }
        }
        catch (Exception ex) when (IsTelemetryError(ex) || ex is ArgumentException)
        {
            ThrowTerminatingError(ToErrorRecord(ex, ex is ArgumentException ? SystemB : Root));
            return;
        }

        foreach (string warning in report.Warnings)
        {
            WriteWarning(warning);
        }

        switch (ParameterSetName)
        {
            case MarkdownSet:
                WriteObject(ComparisonMarkdown.Render(report));
                break;
            default:
                WriteObject(report);
                break;
        }
    }
}
