// ConvertTo-TelemetryReport -Html: the store as one self-contained HTML page with charts (head to head, trends,
// cost, alerts, scores, snapshot drift). Emits the report object; its Html property (and its string form) is the page, for Set-Content or
// Out-TelemetryReport.
using System.Management.Automation;
using ZosTelemetry.PowerShell.Binding;
using ZosTelemetry.PowerShell.Completion;
using ZosTelemetry.Reports.Html;

namespace ZosTelemetry.PowerShell.Commands;

[Cmdlet(VerbsData.ConvertTo, "TelemetryReport", HelpUri = HelpLinks.Root + "ConvertTo-TelemetryReport.md")]
[OutputType(typeof(HtmlReportResult))]
public sealed class ConvertToTelemetryReportCommand : TelemetryCommandBase
{
    /// <summary>The format; HTML is the one there is, named so that others can join it.</summary>
    [Parameter(Mandatory = true)]
    public SwitchParameter Html { get; set; }

    /// <summary>One or two systems; none: the two with the most sessions go head to head and every system is charted.</summary>
    [Parameter(Position = 0), ArgumentCompleter(typeof(SystemNameCompleter)), ValidateCount(1, 2)]
    public string[]? System { get; set; }

    /// <summary>Only the last N days; all time when omitted.</summary>
    [Parameter, ValidateRange(1, 36500)]
    public int? WindowDays { get; set; }

    [Parameter]
    public string? PriceFile { get; set; }

    protected override void ProcessRecord()
    {
        if (!PriceFileOption.TryLoad(PriceFile is null ? null : GetUnresolvedProviderPathFromPSPath(PriceFile), out var costs, out var error))
        {
            ThrowTerminatingError(error!);
        }

        try
        {
            var options = new HtmlReportOptions { Systems = System ?? [], WindowDays = WindowDays, Costs = costs };
            WriteObject(HtmlReport.Render(OpenStore(), options));
        }
        catch (Exception ex) when (IsTelemetryError(ex) || ex is ArgumentException)
        {
            ThrowTerminatingError(ToErrorRecord(ex, ex is ArgumentException ? System : Root));
        }
    }
}
