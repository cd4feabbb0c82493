// Out-TelemetryReport: writes an HTML report to a file (whole, or not at all) and, with -Open (alias -Show), opens it
// in the default browser. The report is piped from ConvertTo-TelemetryReport, or rendered here from -Root with the
// same -System and -WindowDays, so `Out-TelemetryReport -Open` alone turns the store into the page. Without -Path the
// page goes to a new file in the temp directory and its FileInfo is emitted, as it is with -PassThru.
using System.Management.Automation;
using ZosTelemetry.PowerShell.Binding;
using ZosTelemetry.PowerShell.Completion;
using ZosTelemetry.Reports.Html;

namespace ZosTelemetry.PowerShell.Commands;

[Cmdlet(VerbsData.Out, "TelemetryReport", DefaultParameterSetName = StoreSet, SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Low, HelpUri = HelpLinks.Root + "Out-TelemetryReport.md")]
[OutputType(typeof(FileInfo))]
public sealed class OutTelemetryReportCommand : TelemetryCommandBase
{
    public const string WriteFailedErrorId = "ReportNotWritten";
    public const string OpenFailedErrorId = "ReportNotOpened";
    private const string StoreSet = "Store";
    private const string ReportSet = "Report";

    [Parameter(Mandatory = true, ValueFromPipeline = true, ParameterSetName = ReportSet)]
    public HtmlReportResult InputObject { get; set; } = null!;

    [Parameter(Position = 0)]
    public string? Path { get; set; }

    [Parameter(ParameterSetName = StoreSet), ArgumentCompleter(typeof(SystemNameCompleter)), ValidateCount(1, 2)]
    public string[]? System { get; set; }

    [Parameter(ParameterSetName = StoreSet), ValidateRange(1, 36500)]
    public int? WindowDays { get; set; }

    [Parameter(ParameterSetName = StoreSet)]
    public string? PriceFile { get; set; }

    [Parameter, Alias("Show")]
    public SwitchParameter Open { get; set; }

    [Parameter]
    public SwitchParameter PassThru { get; set; }

    protected override void ProcessRecord()
    {
        var report = ParameterSetName == ReportSet ? InputObject : Render();
        string path = Path is null ? HtmlReportFile.TemporaryPath(DateTimeOffset.UtcNow) : GetUnresolvedProviderPathFromPSPath(Path);
        if (!ShouldProcess(path, "Write the HTML report"))
        {
            return;
        }

        try
        {
            HtmlReportFile.Write(path, report.Html);
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

    // As ConvertTo-TelemetryReport -Html does.
    private HtmlReportResult Render()
    {
        if (!PriceFileOption.TryLoad(PriceFile is null ? null : GetUnresolvedProviderPathFromPSPath(PriceFile), out var costs, out var error))
        {
            ThrowTerminatingError(error!);
        }

        try
        {
            return HtmlReport.Render(OpenStore(), new HtmlReportOptions { Systems = System ?? [], WindowDays = WindowDays, Costs = costs });
        }
        catch (Exception ex) when (IsTelemetryError(ex) || ex is ArgumentException)
        {
            ThrowTerminatingError(ToErrorRecord(ex, ex is ArgumentException ? System : Root));
            throw; // not reached: ThrowTerminatingError always throws
        }
    }
}
