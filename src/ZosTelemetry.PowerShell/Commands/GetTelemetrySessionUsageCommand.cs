// Get-TelemetrySessionUsage: per session, tokens and cost with the friction its events show (user turns,
// corrections, tool calls and failures, API errors, interruptions); with -Breakdown, one row per model instead.
using System.Management.Automation;
using ZosTelemetry.PowerShell.Binding;
using ZosTelemetry.PowerShell.Completion;
using ZosTelemetry.Reports;

namespace ZosTelemetry.PowerShell.Commands;

[Cmdlet(VerbsCommon.Get, "TelemetrySessionUsage", HelpUri = HelpLinks.Root + "Get-TelemetrySessionUsage.md")]
[OutputType(typeof(SessionUsage), typeof(ModelUsage))]
public sealed class GetTelemetrySessionUsageCommand : TelemetryCommandBase
{
    [Parameter(Position = 0), ArgumentCompleter(typeof(SystemNameCompleter))]
    public string? System { get; set; }

    /// <summary>Counts the events of days from this one (inclusive), in -TimeZone.</summary>
    [Parameter]
    public DateTime? Since { get; set; }

    /// <summary>Counts the events of days up to this one (inclusive), in -TimeZone.</summary>
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
            var rows = UsageReport.BySession(OpenStore(), UsageQueryBinding.Query(System, Since, Until, TimeZone));
            WriteObject(Breakdown ? rows.SelectMany(r => r.Breakdown) : rows, enumerateCollection: true);
        }
        catch (Exception ex) when (IsTelemetryError(ex) || ex is ArgumentException)
        {
            ThrowTerminatingError(ToErrorRecord(ex, Root));
        }
    }
}
