// Merge-TelemetryStore: adds the rows of other stores (downloaded CI artifacts, say) to the store named by -Root.
// Idempotent, so merging the same store twice adds nothing; -WhatIf shows what would be merged. Paths may be
// wildcards and may come from Get-ChildItem; all are merged in one pass under one lock, in EndProcessing. Only rows
// whose family may be exported are merged (each result names the classes carried); -WithUserKey copies a source's
// user.key to a target that has none.
using System.Management.Automation;
using ZosTelemetry.Store;

namespace ZosTelemetry.PowerShell.Commands;

[Cmdlet(VerbsData.Merge, "TelemetryStore", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium, HelpUri = HelpLinks.Root + "Merge-TelemetryStore.md")]
[OutputType(typeof(MergeResult))]
public sealed class MergeTelemetryStoreCommand : TelemetryCommandBase
{
    private const string StoreNotFoundErrorId = "StoreNotFound";

    private readonly List<string> sources = [];

    /// <summary>The stores to merge from; wildcards are expanded.</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true), Alias("FullName")]
    public string[] Path { get; set; } = [];

    /// <summary>Adopt a source's user.key when this store has none, so both hash user names alike.</summary>
    [Parameter]
    public SwitchParameter WithUserKey { get; set; }

    protected override ErrorCategory StoreErrorCategory => ErrorCategory.WriteError;

    protected override void ProcessRecord()
    {
        foreach (string path in Path)
        {
            try
            {
                foreach (string resolved in GetResolvedProviderPathFromPSPath(path, out _))
                {
                    if (ShouldProcess(resolved, "Merge into the telemetry store"))
                    {
                        sources.Add(resolved);
                    }
                }
            }
            catch (Exception ex) when (ex is ItemNotFoundException or ProviderNotFoundException or System.Management.Automation.DriveNotFoundException)
            {
                WriteError(new ErrorRecord(ex, StoreNotFoundErrorId, ErrorCategory.ObjectNotFound, path));
            }
        }
    }

    protected override void EndProcessing()
    {
        if (sources.Count == 0)
        {
            return;
        }

        try
        {
            var store = OpenStore();
            foreach (var result in new StoreMerger(store, w => WriteWarning(w.ToString())) { WithUserKey = WithUserKey }.Merge(sources))
            {
                WriteObject(result);
            }
        }
        catch (Exception ex) when (IsTelemetryError(ex) || ex is ArgumentException)
        {
            ThrowTerminatingError(ToErrorRecord(ex, ex is StoreNotFoundException missing ? missing.StorePath : Root));
        }
    }
}
