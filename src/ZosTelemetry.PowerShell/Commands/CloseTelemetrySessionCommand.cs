// Close-TelemetrySession: summarises each named session from its events and appends the summary row.
// Closing is repeatable (a later close writes a newer row that supersedes the old), so it asks no confirmation.
// Events without a recorded cost are priced as of the close, with -PriceFile over $ZOS_HOME/prices.json and the shipped table.
// -DetectorVersion counts corrections by that version where the markers allow it (only the version that read the turns).
// -Outcome and -Attempts say how an agent run ended where no session_end event did.
using System.Management.Automation;
using ZosTelemetry.Events;
using ZosTelemetry.PowerShell.Binding;
using ZosTelemetry.Sessions;
using ZosTelemetry.Store;

namespace ZosTelemetry.PowerShell.Commands;

[Cmdlet(VerbsCommon.Close, "TelemetrySession", HelpUri = HelpLinks.Root + "Close-TelemetrySession.md")]
[OutputType(typeof(SessionSummary))]
public sealed class CloseTelemetrySessionCommand : TelemetryCommandBase
{
    private readonly HashSet<string> closed = new(StringComparer.Ordinal);
    private TelemetryStore store = null!;
    private Pricing.CostResolver costs = null!;

    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true), ArgumentCompleter(typeof(Completion.SessionIdCompleter))]
    public string[] SessionId { get; set; } = [];

    protected override ErrorCategory StoreErrorCategory => ErrorCategory.WriteError;

    /// <summary>A price file that overrides $ZOS_HOME/prices.json and the shipped prices for events without a cost.</summary>
    [Parameter]
    public string? PriceFile { get; set; }

    /// <summary>Count corrections by this detector version; refused (DetectorRecountImpossible) when another version read the turns.</summary>
    [Parameter, ValidateRange(Detection.CorrectionDetector.MinVersion, Detection.CorrectionDetector.Version)]
    public int? DetectorVersion { get; set; }

    /// <summary>success, failure or abandoned, where no session_end event carried an outcome.</summary>
    [Parameter]
    public string? Outcome { get; set; }

    [Parameter]
    public long? Attempts { get; set; }

    protected override void BeginProcessing()
    {
        store = OpenStore();
        if (!PriceFileOption.TryLoad(PriceFile is null ? null : GetUnresolvedProviderPathFromPSPath(PriceFile), out costs, out var error))
        {
            ThrowTerminatingError(error!);
        }
    }

    protected override void ProcessRecord()
    {
        foreach (string id in SessionId)
        {
            // Piping events in names a session once per event; it is summarised once per call.
            if (!closed.Add(id))
            {
                continue;
            }

            try
            {
                WriteObject(store.Close(id, costs, DetectorVersion, new SessionCloseOptions { Outcome = Outcome, Attempts = Attempts }));
            }
            catch (Exception ex) when (IsTelemetryError(ex))
            {
                // A refused id may be text the store keeps out: the error names the field, not the value.
                WriteError(ToErrorRecord(ex, ex is TelemetryValidationException ? "session_id" : id));
            }
        }
    }
}
