// Add-TelemetryEvent: appends one event per input record. -MarkText runs the correction detector and keeps only
// its markers; the text itself is never stored, written to any stream or used as an error target.
using System.Management.Automation;
using ZosTelemetry.Detection;
using ZosTelemetry.Events;
using ZosTelemetry.PowerShell.Binding;
using ZosTelemetry.PowerShell.Completion;
using ZosTelemetry.Store;

namespace ZosTelemetry.PowerShell.Commands;

[Cmdlet(VerbsCommon.Add, "TelemetryEvent")]
[OutputType(typeof(TelemetryEvent))]
public sealed class AddTelemetryEventCommand : TelemetryCommandBase
{
    private TelemetryStore store = null!;

    // Empty strings are let through to the core so that a blank cell gets the validator's message, like any other refused value.
    [Parameter(Mandatory = true, ValueFromPipelineByPropertyName = true), AllowEmptyString] public string SessionId { get; set; } = "";
    [Parameter(Mandatory = true, ValueFromPipelineByPropertyName = true), AllowEmptyString, ArgumentCompleter(typeof(SystemNameCompleter))] public string System { get; set; } = "";
    [Parameter(Mandatory = true, ValueFromPipelineByPropertyName = true), AllowEmptyString] public string Kind { get; set; } = "";
    [Parameter(ValueFromPipelineByPropertyName = true)] public string? Role { get; set; }
    [Parameter(ValueFromPipelineByPropertyName = true)] public string? Context { get; set; }
    [Parameter(ValueFromPipelineByPropertyName = true)] public string? Model { get; set; }
    [Parameter(ValueFromPipelineByPropertyName = true), BlankAsNull] public long? TokensIn { get; set; }
    [Parameter(ValueFromPipelineByPropertyName = true), BlankAsNull] public long? TokensOut { get; set; }
    [Parameter(ValueFromPipelineByPropertyName = true), BlankAsNull] public double? CostUsd { get; set; }
    [Parameter(ValueFromPipelineByPropertyName = true), TimestampTransformation] public DateTimeOffset? Timestamp { get; set; }
    [Parameter(ValueFromPipelineByPropertyName = true), BlankAsNull, Alias("Markers")] public string[]? Marker { get; set; }
    [Parameter(ValueFromPipelineByPropertyName = true), Alias("Text")] public string? MarkText { get; set; }
    [Parameter] public SwitchParameter PassThru { get; set; }

    protected override ErrorCategory StoreErrorCategory => ErrorCategory.WriteError;

    protected override void BeginProcessing() => store = OpenStore();

    // One append per record rather than one batch in EndProcessing: the core's batch append is all-or-nothing, so a
    // batch would let one refused row sink its neighbours; per record, -PassThru streams and rows already written
    // survive a stopped pipeline. The price is one lock per row, microseconds next to the pipeline's own cost.
    protected override void ProcessRecord()
    {
        var detected = MarkText is null ? [] : CorrectionDetector.Detect(MarkText).Markers;
        var e = new TelemetryEvent
        {
            Timestamp = Timestamp ?? DateTimeOffset.UtcNow, SessionId = SessionId, System = System, Kind = Kind,
            Role = Role, Context = Context, Model = Model, TokensIn = TokensIn ?? 0, TokensOut = TokensOut ?? 0,
            CostUsd = CostUsd ?? 0, Markers = [.. Marker ?? [], .. detected],
        };
        try
        {
            var stored = store.Append(e);
            if (PassThru)
            {
                WriteObject(stored);
            }
        }
        catch (Exception ex) when (IsTelemetryError(ex))
        {
            WriteError(ToErrorRecord(ex, ex is TelemetryValidationException v ? EventField.ValueOf(e, v.Field) : e.SessionId));
        }
    }
}
