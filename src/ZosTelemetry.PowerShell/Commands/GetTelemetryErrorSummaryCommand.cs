// Get-TelemetryErrorSummary: errors by category per system or model per UTC day (one object per cell of the heatmap);
// with -Fingerprint, the recurring failures instead: fingerprints seen at least twice, most frequent first.
using System.Management.Automation;
using ZosTelemetry.Errors;
using ZosTelemetry.PowerShell.Binding;
using ZosTelemetry.PowerShell.Completion;
using ZosTelemetry.Store;

namespace ZosTelemetry.PowerShell.Commands;

[Cmdlet(VerbsCommon.Get, "TelemetryErrorSummary", HelpUri = HelpLinks.Root + "Get-TelemetryErrorSummary.md")]
[OutputType(typeof(ErrorDayRow), typeof(ErrorFingerprintRow))]
public sealed class GetTelemetryErrorSummaryCommand : TelemetryCommandBase, ITeamReader
{
    /// <summary>Read a team database (a postgres:// URI or keyword connection string) instead of the local store.</summary>
    [Parameter]
    public string? Database { get; set; }

    [Parameter(Position = 0)]
    public ErrorGrouping By { get; set; } = ErrorGrouping.System;

    [Parameter, ArgumentCompleter(typeof(SystemNameCompleter))]
    public string? System { get; set; }

    /// <summary>Errors at or after this instant.</summary>
    [Parameter, TimestampTransformation]
    public DateTimeOffset? Since { get; set; }

    /// <summary>Errors before this instant.</summary>
    [Parameter, TimestampTransformation]
    public DateTimeOffset? Until { get; set; }

    /// <summary>The recurring fingerprints instead of the daily cells.</summary>
    [Parameter]
    public SwitchParameter Fingerprint { get; set; }

    [Parameter]
    public int Top { get; set; } = ErrorReport.DefaultTop;

    protected override void EndProcessing()
    {
        try
        {
            var query = new EventQuery { System = System, Since = Since, Until = Until };
            var report = OpenTeamDatabase() is { } database ? ErrorReport.Build(database, query, By, Top) : ErrorReport.Build(OpenStore(), query, By, Top);
            WriteObject(Fingerprint ? report.Fingerprints : report.Days, enumerateCollection: true);
        }
        catch (Exception ex) when (IsTelemetryError(ex) || ex is ArgumentException)
        {
            ThrowTerminatingError(ToErrorRecord(ex, Root));
        }
    }
}
