// Test-TelemetryStore: checks the store file by file and emits one report per file: usable rows, skipped lines and
// why, sessions without a summary, summaries without events, superseded summaries, permissions, the file's
// sensitivity class and the rows that break the contract (.ContractViolations). Reads only.
using System.Management.Automation;
using ZosTelemetry.Store;

namespace ZosTelemetry.PowerShell.Commands;

[Cmdlet(VerbsDiagnostic.Test, "TelemetryStore", HelpUri = HelpLinks.Root + "Test-TelemetryStore.md")]
[OutputType(typeof(StoreFileReport))]
public sealed class TestTelemetryStoreCommand : TelemetryCommandBase
{
    protected override void EndProcessing()
    {
        try
        {
            var report = new StoreDoctor(OpenStore()).Examine();
            foreach (string problem in report.RootProblems)
            {
                WriteWarning($"{report.Root}: {problem}");
            }

            if (report.PermissionsOnlyNote is string note)
            {
                WriteWarning($"{report.Root}: {note}");
            }

            WriteObject(report.Files, enumerateCollection: true);
        }
        catch (Exception ex) when (IsTelemetryError(ex))
        {
            ThrowTerminatingError(ToErrorRecord(ex, Root));
        }
    }
}
