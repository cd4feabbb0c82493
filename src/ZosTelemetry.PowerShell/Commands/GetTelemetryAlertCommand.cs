// Get-TelemetryAlert: the alerts of closed sessions, one object per alert: those each close wrote (loop, stall,
// error_burst) and the cost spikes known only across sessions. The thresholds are parameters with the CLI's defaults;
// each alert carries the threshold it crossed, and -Verbose prints them all.
using System.Management.Automation;
using ZosTelemetry.Alerts;
using ZosTelemetry.PowerShell.Binding;
using ZosTelemetry.PowerShell.Completion;
using ZosTelemetry.Store;

namespace ZosTelemetry.PowerShell.Commands;

[Cmdlet(VerbsCommon.Get, "TelemetryAlert", HelpUri = HelpLinks.Root + "Get-TelemetryAlert.md")]
[OutputType(typeof(TelemetryAlert))]
public sealed class GetTelemetryAlertCommand : TelemetryCommandBase, ITeamReader
{
    /// <summary>Read a team database (a postgres:// URI or keyword connection string) instead of the local store.</summary>
    [Parameter]
    public string? Database { get; set; }

    [Parameter(Position = 0), ArgumentCompleter(typeof(SystemNameCompleter))]
    public string? System { get; set; }

    /// <summary>Sessions whose last activity is at or after this instant.</summary>
    [Parameter, TimestampTransformation]
    public DateTimeOffset? Since { get; set; }

    /// <summary>Sessions whose last activity is before this instant.</summary>
    [Parameter, TimestampTransformation]
    public DateTimeOffset? Until { get; set; }

    [Parameter] public int LoopCalls { get; set; } = AlertOptions.Default.LoopCalls;
    [Parameter] public double StallFactor { get; set; } = AlertOptions.Default.StallFactor;
    [Parameter] public double StallMinutes { get; set; } = AlertOptions.Default.StallMinSeconds / 60;
    [Parameter] public double CostZ { get; set; } = AlertOptions.Default.CostZ;
    [Parameter] public int CostMinSessions { get; set; } = AlertOptions.Default.CostMinSessions;
    [Parameter] public int BurstErrors { get; set; } = AlertOptions.Default.BurstErrors;
    [Parameter] public double BurstSeconds { get; set; } = AlertOptions.Default.BurstSeconds;

    protected override void EndProcessing()
    {
        var options = new AlertOptions
        {
            LoopCalls = LoopCalls, StallFactor = StallFactor, StallMinSeconds = StallMinutes * 60, CostZ = CostZ,
            CostMinSessions = CostMinSessions, BurstErrors = BurstErrors, BurstSeconds = BurstSeconds,
        };
        try
        {
            var query = new SessionQuery { System = System, Since = Since, Until = Until };
            var report = OpenTeamDatabase() is { } database
                ? AlertReport.Find(database, query, options, w => WriteWarning(w.ToString()))
                : AlertReport.Find(OpenStore(), query, options);
            WriteVerbose("Thresholds: " + report.Options.Describe());
            WriteObject(report.Alerts, enumerateCollection: true);
        }
        catch (Exception ex) when (IsTelemetryError(ex) || ex is ArgumentException)
        {
            ThrowTerminatingError(ToErrorRecord(ex, Root));
        }
    }
}
