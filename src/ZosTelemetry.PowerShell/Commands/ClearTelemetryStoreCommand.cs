// Clear-TelemetryStore: deletes every event and session file and the import bookkeeping of the store after confirmation (ConfirmImpact High;
// -Force skips the question, -WhatIf and -Confirm still apply) and says how many rows it removed. Declined, it
// removes nothing and says so.
using System.Globalization;
using System.Management.Automation;
using ZosTelemetry.Store;

namespace ZosTelemetry.PowerShell.Commands;

[Cmdlet(VerbsCommon.Clear, "TelemetryStore", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High, HelpUri = HelpLinks.Root + "Clear-TelemetryStore.md")]
[OutputType(typeof(ResetResult))]
public sealed class ClearTelemetryStoreCommand : TelemetryCommandBase
{
    [Parameter]
    public SwitchParameter Force { get; set; }

    protected override ErrorCategory StoreErrorCategory => ErrorCategory.WriteError;

    protected override void ProcessRecord()
    {
        var store = OpenStore();
        try
        {
            var plan = StoreReset.Plan(store);
            string action = string.Create(CultureInfo.InvariantCulture, $"Remove every event, session, snapshot and alert row: {plan.Rows} row(s) ({plan.EventRows} event(s), {plan.SessionRows} session row(s), {plan.SnapshotRows} snapshot row(s), {plan.AlertRows} alert row(s)) in {plan.Files} file(s){plan.ImportNote}");
            bool skipQuestion = Force && !WhatIfRequested && !MyInvocation.BoundParameters.ContainsKey("Confirm");
            if (skipQuestion || ShouldProcess(store.Root, action))
            {
                WriteObject(StoreReset.Reset(store));
            }
            else if (!WhatIfRequested)
            {
                WriteWarning($"Nothing was removed from {store.Root}.");
            }
        }
        catch (Exception ex) when (IsTelemetryError(ex))
        {
            ThrowTerminatingError(ToErrorRecord(ex, Root));
        }
    }
}
