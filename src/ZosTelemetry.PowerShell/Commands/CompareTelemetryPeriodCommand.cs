// Compare-TelemetryPeriod: the last -Days days against the last -Against days (calls, cost, cost per call, tokens,
// cache hit rate, sessions, corrections per session), each with its change. Warnings also go to the warning stream.
using System.Management.Automation;
using ZosTelemetry.Comparison;
using ZosTelemetry.PowerShell.Binding;
using ZosTelemetry.PowerShell.Completion;
using ZosTelemetry.Store;

namespace ZosTelemetry.PowerShell.Commands;

[Cmdlet(VerbsData.Compare, "TelemetryPeriod", HelpUri = HelpLinks.Root + "Compare-TelemetryPeriod.md")]
[OutputType(typeof(PeriodComparison))]
public sealed class CompareTelemetryPeriodCommand : TelemetryCommandBase
{
    [Parameter(Position = 0), ValidateRange(1, PeriodComparer.MaxDays)]
    public int Days { get; set; } = 7;

    [Parameter(Position = 1), ValidateRange(1, PeriodComparer.MaxDays)]
    public int Against { get; set; } = 30;

    [Parameter, ArgumentCompleter(typeof(SystemNameCompleter))]
    public string? System { get; set; }

    [Parameter]
    public string? PriceFile { get; set; }

    protected override void ProcessRecord()
    {
        if (!PriceFileOption.TryLoad(PriceFile is null ? null : GetUnresolvedProviderPathFromPSPath(PriceFile), out var costs, out var error))
        {
            ThrowTerminatingError(error!);
        }

        PeriodComparison report;
        try
        {
            var store = OpenStore();
            var options = new PeriodOptions { Days = Days, Against = Against, System = ResolveSystem(store, System) };
            report = PeriodComparer.Compare(store.ReadEvents(new EventQuery { System = options.System, Since = options.EarliestSince }), costs, options);
        }
        catch (Exception ex) when (IsTelemetryError(ex) || ex is ArgumentException)
        {
            ThrowTerminatingError(ToErrorRecord(ex, ex is ArgumentException ? Against : Root));
            return;
        }

        foreach (string warning in report.Warnings)
        {
            WriteWarning(warning);
        }

        WriteObject(report);
    }
}
