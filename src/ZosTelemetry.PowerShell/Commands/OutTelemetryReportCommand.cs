// Out-TelemetryReport: writes a report from ConvertTo-TelemetryReport to a file (whole, or not at all) and, with -Open
// (alias -Show), opens it in the default browser. Without -Path the page goes to a new file in the temp directory and
// its FileInfo is emitted, as it is with -PassThru.
using System.Management.Automation;
using ZosTelemetry.Reports.Html;

namespace ZosTelemetry.PowerShell.Commands;

[Cmdlet(VerbsData.Out, "TelemetryReport", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Low, HelpUri = HelpLinks.Root + "Out-TelemetryReport.md")]
[OutputType(typeof(FileInfo))]
public sealed class OutTelemetryReportCommand : PSCmdlet
{
    public const string WriteFailedErrorId = "ReportNotWritten";
    public const string OpenFailedErrorId = "ReportNotOpened";

    [Parameter(Mandatory = true, ValueFromPipeline = true)]
    public HtmlReportResult InputObject { get; set; } = null!;

    [Parameter(Position = 0)]
    public string? Path { get; set; }

    [Parameter, Alias("Show")]
    public SwitchParameter Open { get; set; }

    [Parameter]
    public SwitchParameter PassThru { get; set; }

    protected override void ProcessRecord()
    {
        string path = Path is null ? HtmlReportFile.TemporaryPath(DateTimeOffset.UtcNow) : GetUnresolvedProviderPathFromPSPath(Path);
        if (!ShouldProcess(path, "Write the HTML report"))
        {
            return;
        }

        try
        {
            HtmlReportFile.Write(path, InputObject.Html);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException)
        {
            WriteError(new ErrorRecord(ex, WriteFailedErrorId, ErrorCategory.WriteError, path));
            return;
        }

        if (Open)
        {
            try
            {
                BrowserLauncher.Open(path);
            }
            catch (IOException ex)
            {
                WriteError(new ErrorRecord(ex, OpenFailedErrorId, ErrorCategory.ResourceUnavailable, path));
            }
        }

        if (PassThru || Path is null)
        {
            WriteObject(new FileInfo(path));
        }
    }
}
