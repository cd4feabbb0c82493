// Add-TelemetryEvent: appends one event per input record. -MarkText runs the correction detector and keeps only
// its markers (version -DetectorVersion; a user_message is compared with the session's previous one through the
// per-session fingerprint of TurnStateFiles); the text itself is never stored, written to any stream or used as an error target. -UserName is
// stored only as its keyed hash with the store's user.key (TelemetryStore.HashUser); -User takes such a hash (as Get-TelemetryEvent emits it, so events
// copy through the pipeline) and refuses anything else, so a name bound to it is never stored. -ErrorText is classified
// into -ErrorCategory and a fingerprint (ErrorClassifier) in memory and dropped, as -MarkText is. Rows bind by property
// name from objects, Export-Csv/Import-Csv of Get-TelemetryEvent's output and the CLI export's snake_case columns.
using System.Management.Automation;
using ZosTelemetry.Detection;
using ZosTelemetry.Events;
using ZosTelemetry.Export;
using ZosTelemetry.PowerShell.Binding;
using ZosTelemetry.PowerShell.Completion;
using ZosTelemetry.Store;

namespace ZosTelemetry.PowerShell.Commands;

[Cmdlet(VerbsCommon.Add, "TelemetryEvent", HelpUri = HelpLinks.Root + "Add-TelemetryEvent.md")]
[OutputType(typeof(TelemetryEvent))]
public sealed class AddTelemetryEventCommand : TelemetryCommandBase
{
    private TelemetryStore store = null!;

    // Empty strings are let through to the core so that a blank cell gets the validator's message, like any other refused value.
    [Parameter(Mandatory = true, ValueFromPipelineByPropertyName = true), AllowEmptyString, Alias("session_id"), ArgumentCompleter(typeof(SessionIdCompleter))] public string SessionId { get; set; } = "";
    [Parameter(Mandatory = true, ValueFromPipelineByPropertyName = true), AllowEmptyString, ArgumentCompleter(typeof(SystemNameCompleter))] public string System { get; set; } = "";
    [Parameter(Mandatory = true, ValueFromPipelineByPropertyName = true), AllowEmptyString, ArgumentCompleter(typeof(KindCompleter))] public string Kind { get; set; } = "";
    [Parameter(ValueFromPipelineByPropertyName = true)] public string? Role { get; set; }
    [Parameter(ValueFromPipelineByPropertyName = true), ArgumentCompleter(typeof(ContextCompleter))] public string? Context { get; set; }
    [Parameter(ValueFromPipelineByPropertyName = true), ArgumentCompleter(typeof(ModelCompleter))] public string? Model { get; set; }
    [Parameter(ValueFromPipelineByPropertyName = true), BlankAsNull, Alias("tokens_in")] public long? TokensIn { get; set; }
    [Parameter(ValueFromPipelineByPropertyName = true), BlankAsNull, Alias("tokens_out")] public long? TokensOut { get; set; }
    [Parameter(ValueFromPipelineByPropertyName = true), BlankAsNull, Alias("cost_usd")] public double? CostUsd { get; set; }

    /// <summary>The cost_source column of `zos-telemetry export`: a cost that was not recorded (priced, none) is not stored.</summary>
    [Parameter(ValueFromPipelineByPropertyName = true), Alias("cost_source")] public string? CostSource { get; set; }
    [Parameter(ValueFromPipelineByPropertyName = true), TimestampTransformation, Alias("ts")] public DateTimeOffset? Timestamp { get; set; }
    [Parameter(ValueFromPipelineByPropertyName = true), MarkerText, Alias("Markers")] public string[]? Marker { get; set; }
    [Parameter(ValueFromPipelineByPropertyName = true), Alias("Text")] public string? MarkText { get; set; }
    [Parameter(ValueFromPipelineByPropertyName = true), BlankAsNull, Alias("cache_read_tokens")] public long? CacheReadTokens { get; set; }
    [Parameter(ValueFromPipelineByPropertyName = true), BlankAsNull, Alias("cache_write_tokens")] public long? CacheWriteTokens { get; set; }
    [Parameter(ValueFromPipelineByPropertyName = true)] public string? Provider { get; set; }
    [Parameter(ValueFromPipelineByPropertyName = true)] public string? Tier { get; set; }
    [Parameter(ValueFromPipelineByPropertyName = true), BlankAsNull, Alias("duration_ms")] public long? DurationMs { get; set; }
    [Parameter(ValueFromPipelineByPropertyName = true), BooleanText, Alias("cache_hit")] public bool? CacheHit { get; set; }
    [Parameter(ValueFromPipelineByPropertyName = true), BlankAsNull] public string? UserName { get; set; }
    [Parameter(ValueFromPipelineByPropertyName = true), BlankAsNull] public string? User { get; set; }
    [Parameter, ValidateRange(CorrectionDetector.MinVersion, CorrectionDetector.Version)] public int DetectorVersion { get; set; } = CorrectionDetector.Version;
    [Parameter(ValueFromPipelineByPropertyName = true)] public string? Tool { get; set; }
    [Parameter(ValueFromPipelineByPropertyName = true), BooleanText] public bool? Ok { get; set; }
    [Parameter(ValueFromPipelineByPropertyName = true)] public string? ErrorCategory { get; set; }
    [Parameter(ValueFromPipelineByPropertyName = true)] public string? ErrorFingerprint { get; set; }
    [Parameter] public string? ErrorText { get; set; }
    [Parameter(ValueFromPipelineByPropertyName = true)] public string? Outcome { get; set; }
    [Parameter(ValueFromPipelineByPropertyName = true), BlankAsNull] public long? Attempt { get; set; }
    [Parameter(ValueFromPipelineByPropertyName = true)] public string? TaskId { get; set; }
    [Parameter(ValueFromPipelineByPropertyName = true)] public string? AttemptId { get; set; }
    [Parameter(ValueFromPipelineByPropertyName = true)] public string? Variant { get; set; }
    [Parameter] public SwitchParameter PassThru { get; set; }

    protected override global::System.Management.Automation.ErrorCategory StoreErrorCategory => global::System.Management.Automation.ErrorCategory.WriteError;

    protected override void BeginProcessing()
    {
        store = OpenStore();
        if (PassThru)
        {
            TypeMembers.EventTimestamp.Register(this);
        }
    }

    // One append per record, not a batch in EndProcessing: the core's batch append is all-or-nothing, so one refused row
    // would sink its neighbours; per record, -PassThru streams and written rows survive a stop. Cost: one lock per row.
    protected override void ProcessRecord()
    {
        TelemetryEvent? e = null;
        try
        {
            var error = ErrorText is null ? null : ErrorClassifier.Classify(ErrorText, ErrorCategory);
            e = new TelemetryEvent
            {
                Timestamp = Timestamp ?? DateTimeOffset.UtcNow, SessionId = SessionId, System = System, Kind = Kind,
                Role = Role, Context = Context, Model = Model, TokensIn = TokensIn ?? 0, TokensOut = TokensOut ?? 0,
                CostUsd = ExportedCost.ToStore(CostUsd, CostSource), Markers = [.. Marker ?? [], .. Detect()],
                CacheReadTokens = CacheReadTokens, CacheWriteTokens = CacheWriteTokens, Provider = Provider, Tier = Tier,
                DurationMs = DurationMs, CacheHit = CacheHit, User = string.IsNullOrEmpty(UserName) ? User : store.HashUser(UserName),
                Tool = Tool, Ok = Ok, ErrorCategory = error?.Category ?? ErrorCategory, ErrorFingerprint = error?.Fingerprint ?? ErrorFingerprint,
                Outcome = Outcome, Attempt = Attempt, TaskId = TaskId, AttemptId = AttemptId, Variant = Variant,
            };
            var stored = store.Append(e);
            if (PassThru)
            {
                WriteObject(stored);
            }
        }
        catch (Exception ex) when (IsTelemetryError(ex))
        {
            WriteError(ToErrorRecord(ex, e is null ? "user" : ex is TelemetryValidationException v ? EventField.ValueOf(e, v.Field) : e.SessionId));
        }
    }

    private IReadOnlyList<string> Detect() =>
        string.IsNullOrEmpty(MarkText) ? []
        : CorrectionDetector.MarkersToStore(Kind == EventKinds.UserMessage
            ? TurnStateFiles.Detect(store.Root, SessionId, MarkText, DetectorVersion)
            : CorrectionDetector.Detect(MarkText, DetectorVersion));
}
