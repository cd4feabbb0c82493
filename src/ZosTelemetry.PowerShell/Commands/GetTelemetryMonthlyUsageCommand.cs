// Get-TelemetryMonthlyUsage: tokens and cost per month and system from the store, in a time zone (default local); with
// -Breakdown, one row per model of each month instead.
using System.Management.Automation;
using ZosTelemetry.Reports;
using ZosTelemetry.Store;

namespace ZosTelemetry.PowerShell.Commands;

[Cmdlet(VerbsCommon.Get, "TelemetryMonthlyUsage", HelpUri = HelpLinks.Root + "Get-TelemetryMonthlyUsage.md")]
[OutputType(typeof(PeriodUsage), typeof(ModelUsage))]
public sealed class GetTelemetryMonthlyUsageCommand : UsageCommandBase
{
    protected override IEnumerable<object> Report(TelemetryStore store, UsageQuery query) => Rows(UsageReport.ByPeriod(store, UsagePeriod.Month, query));

    protected override IEnumerable<object> Report(Sync.ITeamDatabase database, UsageQuery query) => Rows(UsageReport.ByPeriod(database, UsagePeriod.Month, query));
}
