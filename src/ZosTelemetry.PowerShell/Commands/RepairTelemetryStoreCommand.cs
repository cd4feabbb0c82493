// Repair-TelemetryStore: rewrites, atomically and under the store's lock, each file that has lines readers must skip,
// without those lines (rows of a newer schema are kept); tightens loose permissions; removes leftovers of killed
// repairs. Removed lines are gone for good, so every file is confirmed first (ConfirmImpact High; -WhatIf previews).
using System.Management.Automation;
using ZosTelemetry.Store;

namespace ZosTelemetry.PowerShell.Commands;

[Cmdlet(VerbsDiagnostic.Repair, "TelemetryStore", HelpUri = HelpLinks.Root + "Repair-TelemetryStore.md", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
[OutputType(typeof(StoreRepairResult))]
public sealed class RepairTelemetryStoreCommand : TelemetryCommandBase
{
    public const string StoreFileNotFoundErrorId = "StoreFileNotFound";

    private readonly HashSet<string> named = new(StringComparer.Ordinal);

    /// <summary>Only these files (names as Test-TelemetryStore reports them); every file that needs it when omitted.</summary>
    [Parameter(Position = 0, ValueFromPipelineByPropertyName = true), Alias("Name")]
    public string[]? FileName { get; set; }

    protected override ErrorCategory StoreErrorCategory => ErrorCategory.WriteError;

    protected override void ProcessRecord() => named.UnionWith(FileName ?? []);

    protected override void EndProcessing()
    {
        try
        {
            var doctor = new StoreDoctor(OpenStore());
            var report = doctor.Examine();
            foreach (string name in named.Where(n => !report.Files.Any(f => f.Name == n)))
            {
                var missing = new ItemNotFoundException($"'{name}' is not a file of the store {report.Root}; Test-TelemetryStore lists its files.");
                WriteError(new ErrorRecord(missing, StoreFileNotFoundErrorId, ErrorCategory.ObjectNotFound, name));
            }

            var approved = report.Files
                .Where(f => f.NeedsRepair && (named.Count == 0 || named.Contains(f.Name)))
                .Where(f => ShouldProcess(f.Path, f.Kind == StoreFileKind.Leftover ? "Delete the leftover of a killed repair" : $"Rewrite without {f.RemovableLines} unusable lines, permissions 0600"))
                .Select(f => f.Name)
                .ToList();
            bool fixRoot = report.RootNeedsRepair && named.Count == 0 && ShouldProcess(report.Root, "Set the store directory's permissions to 0700");
            if (approved.Count > 0 || fixRoot)
            {
                WriteObject(doctor.Repair(approved, fixRoot), enumerateCollection: true);
            }
            else if (!report.Files.Any(f => f.NeedsRepair && (named.Count == 0 || named.Contains(f.Name))) && !(report.RootNeedsRepair && named.Count == 0))
            {
                WriteVerbose($"Nothing to repair in {report.Root}.");
                WhatIfNothing(report.Root, "Repair nothing: every file is usable");
            }
        }
        catch (Exception ex) when (IsTelemetryError(ex))
        {
            ThrowTerminatingError(ToErrorRecord(ex, Root));
        }
    }
}
