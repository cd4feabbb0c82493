// Get-TelemetryDailyUsage: tokens and cost per day and system from the store, in a time zone (default local); with
// -Breakdown, one row per model of each day instead.
using System.Management.Automation;
using ZosTelemetry.Reports;
using ZosTelemetry.Store;

namespace ZosTelemetry.PowerShell.Commands;

[Cmdlet(VerbsCommon.Get, "TelemetryDailyUsage", HelpUri = HelpLinks.Root + "Get-TelemetryDailyUsage.md")]
[OutputType(typeof(PeriodUsage), typeof(ModelUsage))]
public sealed class GetTelemetryDailyUsageCommand : UsageCommandBase
{
    protected override IEnumerable<object> Report(TelemetryStore store, UsageQuery query) => Rows(UsageReport.ByPeriod(store, UsagePeriod.Day, query));

    protected override IEnumerable<object> Report(Sync.ITeamDatabase database, UsageQuery query) => Rows(UsageReport.ByPeriod(database, UsagePeriod.Day, query));
}
