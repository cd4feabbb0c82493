// Get-TelemetryDailySummary: one row per UTC day and system, rolled up from the events by the core's parallel scan.
using System.Management.Automation;
using ZosTelemetry.PowerShell.Binding;
using ZosTelemetry.PowerShell.Completion;
using ZosTelemetry.Sessions;
using ZosTelemetry.Store;

namespace ZosTelemetry.PowerShell.Commands;

[Cmdlet(VerbsCommon.Get, "TelemetryDailySummary", HelpUri = HelpLinks.Root + "Get-TelemetryDailySummary.md")]
[OutputType(typeof(DailySummary))]
public sealed class GetTelemetryDailySummaryCommand : TelemetryCommandBase
{
    [Parameter(Position = 0), ArgumentCompleter(typeof(SystemNameCompleter))]
    public string? System { get; set; }

    /// <summary>Events at or after this instant.</summary>
    [Parameter, TimestampTransformation]
    public DateTimeOffset? Since { get; set; }

    /// <summary>Events before this instant.</summary>
    [Parameter, TimestampTransformation]
    public DateTimeOffset? Until { get; set; }

    /// <summary>A price file that overrides $ZOS_HOME/prices.json and the shipped prices for events without a cost.</summary>
    [Parameter]
    public string? PriceFile { get; set; }

    protected override void ProcessRecord()
    {
        CheckWindow(Since, Until);
        if (!PriceFileOption.TryLoad(PriceFile is null ? null : GetUnresolvedProviderPathFromPSPath(PriceFile), out var costs, out var error))
        {
            ThrowTerminatingError(error!);
        }

        try
        {
            var store = OpenStore();
            var query = new EventQuery { System = ResolveSystem(store, System), Since = Since, Until = Until };
            foreach (var day in store.ReadDailySummaries(query, costs))
            {
                WriteObject(day);
            }
        }
        catch (Exception ex) when (IsTelemetryError(ex))
        {
            ThrowTerminatingError(ToErrorRecord(ex, Root));
        }
    }
}
