// Remove-TelemetryData: removes every row older than -OlderThan (days, 'default' = 90 days, or a date). Whole old
// months are deleted and the month straddling the horizon is rewritten atomically. It says what it will remove
// before asking (ConfirmImpact High), and -WhatIf changes nothing.
using System.Globalization;
using System.Management.Automation;
using ZosTelemetry.PowerShell.Binding;
using ZosTelemetry.Store;

namespace ZosTelemetry.PowerShell.Commands;

[Cmdlet(VerbsCommon.Remove, "TelemetryData", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High, HelpUri = HelpLinks.Root + "Remove-TelemetryData.md")]
[OutputType(typeof(PruneResult))]
public sealed class RemoveTelemetryDataCommand : TelemetryCommandBase
{
    [Parameter(Mandatory = true, Position = 0), RetentionHorizonTransformation]
    public RetentionHorizon OlderThan { get; set; } = RetentionHorizon.Default;

    protected override ErrorCategory StoreErrorCategory => ErrorCategory.WriteError;

    protected override void ProcessRecord()
    {
        var store = OpenStore();
        try
        {
            var horizon = OlderThan.Resolve(DateTimeOffset.UtcNow);
            var plan = StoreRetention.Prune(store, horizon, dryRun: true);
            if (plan.RowsRemoved == 0)
            {
                WriteVerbose($"Nothing older than {Iso8601.Format(horizon)} in {store.Root}.");
                WhatIfNothing(store.Root, $"Remove nothing: no row is older than {Iso8601.Format(horizon)}");
                WriteObject(new PruneResult { Root = store.Root, Horizon = horizon, DryRun = WhatIfRequested });
                return;
            }

            string action = string.Create(CultureInfo.InvariantCulture, $"Remove {plan.EventsRemoved} event(s), {plan.SessionRowsRemoved} session row(s), {plan.SnapshotRowsRemoved} snapshot row(s) and {plan.AlertRowsRemoved} alert row(s) older than {Iso8601.Format(horizon)} (delete {plan.FilesDeleted.Count} file(s), rewrite {plan.FilesRewritten.Count})");
            if (ShouldProcess(store.Root, action))
            {
                WriteObject(StoreRetention.Prune(store, horizon));
            }
            else if (WhatIfRequested)
            {
                WriteObject(plan); // the dry run's figures (DryRun True): what would have been removed
            }
        }
        catch (Exception ex) when (IsTelemetryError(ex) || ex is ArgumentException)
        {
            ThrowTerminatingError(ToErrorRecord(ex, ex is ArgumentException ? OlderThan : Root));
        }
    }
}
