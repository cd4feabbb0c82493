// Get-TelemetrySavings: what routing between models and prompt caching saved over a window, against one baseline
// model (default: the most expensive premium model seen in the window). -AsMarkdown returns the report as Markdown.
using System.Management.Automation;
using ZosTelemetry.PowerShell.Binding;
using ZosTelemetry.PowerShell.Completion;
using ZosTelemetry.Savings;
using ZosTelemetry.Store;

namespace ZosTelemetry.PowerShell.Commands;

[Cmdlet(VerbsCommon.Get, "TelemetrySavings", DefaultParameterSetName = ReportSet, HelpUri = HelpLinks.Root + "Get-TelemetrySavings.md")]
[OutputType(typeof(SavingsReport), ParameterSetName = [ReportSet])]
[OutputType(typeof(string), ParameterSetName = [MarkdownSet])]
public sealed class GetTelemetrySavingsCommand : TelemetryCommandBase, ITeamReader
{
    /// <summary>Read a team database (a postgres:// URI or keyword connection string) instead of the local store.</summary>
    [Parameter]
    public string? Database { get; set; }

    private const string ReportSet = "Report";
    private const string MarkdownSet = "Markdown";

    [Parameter(Position = 0), ArgumentCompleter(typeof(SystemNameCompleter))]
    public string? System { get; set; }

    /// <summary>The last N days; all time when neither -Days nor -Since/-Until is given.</summary>
    [Parameter, ValidateRange(1, 36500)]
    public int? Days { get; set; }

    [Parameter, TimestampTransformation]
    public DateTimeOffset? Since { get; set; }

    [Parameter, TimestampTransformation]
    public DateTimeOffset? Until { get; set; }

    /// <summary>Price every call at this model instead of the default baseline.</summary>
    [Parameter, ArgumentCompleter(typeof(BaselineModelCompleter))]
    public string? BaselineModel { get; set; }

    /// <summary>Price every call at the most expensive model of this tier seen in the window (default premium).</summary>
    [Parameter, ValidateSet("cheap", "capable", "premium")]
    public string? BaselineTier { get; set; }

    [Parameter]
    public string? PriceFile { get; set; }

    [Parameter(Mandatory = true, ParameterSetName = MarkdownSet)]
    public SwitchParameter AsMarkdown { get; set; }

    protected override void ProcessRecord()
    {
        if (!PriceFileOption.TryLoad(PriceFile is null ? null : GetUnresolvedProviderPathFromPSPath(PriceFile), out var costs, out var error))
        {
            ThrowTerminatingError(error!);
        }

        SavingsReport report;
        try
        {
            var database = OpenTeamDatabase();
            var store = database is null ? OpenStore() : null;
            string? system = database is null ? ResolveSystem(store!, System) : ResolveSystem(database, System);
            var options = new SavingsOptions { System = system, Days = Days, Since = Since, Until = Until, BaselineModel = BaselineModel, BaselineTier = BaselineTier };
            var (since, until) = options.Window();
            report = database is not null
                ? SavingsCalculator.Compute(database, costs.Prices, options)
                : SavingsCalculator.Compute(store!.ReadEvents(new EventQuery { System = system, Since = since, Until = until }), costs.Prices, options);
        }
        catch (Exception ex) when (IsTelemetryError(ex) || ex is ArgumentException)
        {
            ThrowTerminatingError(ToErrorRecord(ex, ex is ArgumentException ? (object?)BaselineModel ?? BaselineTier : Root));
            return;
        }

        if (report.UnknownPriceCalls > 0)
        {
            WriteWarning(SavingsText.Notes(report)[0]);
        }

        WriteObject(ParameterSetName == MarkdownSet ? SavingsText.Render(report, markdown: true) : report);
    }
}
