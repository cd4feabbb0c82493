// Get-TelemetryMonthlyUsage: tokens and cost per month and system from the store, in a time zone (default local); with
// -Breakdown, one row per model of each month instead.
using System.Management.Automation;
using ZosTelemetry.PowerShell.Binding;
using ZosTelemetry.PowerShell.Completion;
using ZosTelemetry.Reports;

namespace ZosTelemetry.PowerShell.Commands;

[Cmdlet(VerbsCommon.Get, "TelemetryMonthlyUsage", HelpUri = HelpLinks.Root + "Get-TelemetryMonthlyUsage.md")]
[OutputType(typeof(PeriodUsage), typeof(ModelUsage))]
public sealed class GetTelemetryMonthlyUsageCommand : TelemetryCommandBase
{
    [Parameter(Position = 0), ArgumentCompleter(typeof(SystemNameCompleter))]
    public string? System { get; set; }

    /// <summary>The first month to include (inclusive), in -TimeZone.</summary>
    [Parameter]
    public DateTime? Since { get; set; }

    /// <summary>The last month to include (inclusive), in -TimeZone.</summary>
    [Parameter]
    public DateTime? Until { get; set; }

    /// <summary>An IANA time zone such as Europe/Berlin, UTC, or local (the default).</summary>
    [Parameter]
    public string? TimeZone { get; set; }

    [Parameter]
    public SwitchParameter Breakdown { get; set; }

    protected override void ProcessRecord()
    {
        try
        {
            var rows = UsageReport.ByPeriod(OpenStore(), UsagePeriod.Month, UsageQueryBinding.Query(System, Since, Until, TimeZone));
            WriteObject(Breakdown ? rows.SelectMany(r => r.Breakdown) : rows, enumerateCollection: true);
        }
        catch (Exception ex) when (IsTelemetryError(ex) || ex is ArgumentException)
        {
            ThrowTerminatingError(ToErrorRecord(ex, Root));
        }
    }
}
