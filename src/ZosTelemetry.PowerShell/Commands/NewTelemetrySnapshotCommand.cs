// New-TelemetrySnapshot: computes one quality snapshot of the prediction records piped in (objects with Label,
// Confidence, Probabilities, Features, Timestamp and Suggested) and appends it. Records are checked as they come; a
// refused one stops the command before anything is written. Only the snapshot's numbers are stored; -UserName only
// as its keyed hash (TelemetryStore.HashUser).
using System.Globalization;
using System.Management.Automation;
using ZosTelemetry.Events;
using ZosTelemetry.PowerShell.Binding;
using ZosTelemetry.PowerShell.Completion;
using ZosTelemetry.Snapshots;
using ZosTelemetry.Store;

namespace ZosTelemetry.PowerShell.Commands;

[Cmdlet(VerbsCommon.New, "TelemetrySnapshot", HelpUri = HelpLinks.Root + "New-TelemetrySnapshot.md")]
[OutputType(typeof(QualitySnapshot))]
public sealed class NewTelemetrySnapshotCommand : TelemetryCommandBase
{
    private TelemetryStore store = null!;
    private SnapshotBuilder builder = null!;
    private long records;

    [Parameter(Mandatory = true), ArgumentCompleter(typeof(SystemNameCompleter))] public string System { get; set; } = "";
    [Parameter(ValueFromPipelineByPropertyName = true)] public string? Label { get; set; }
    [Parameter(ValueFromPipelineByPropertyName = true), BlankAsNull] public double? Confidence { get; set; }
    [Parameter(ValueFromPipelineByPropertyName = true)] public double[]? Probabilities { get; set; }
    [Parameter(ValueFromPipelineByPropertyName = true)] public object? Features { get; set; }
    [Parameter(ValueFromPipelineByPropertyName = true), TimestampTransformation] public DateTimeOffset? Timestamp { get; set; }
    [Parameter(ValueFromPipelineByPropertyName = true), BooleanText] public bool? Suggested { get; set; }
    [Parameter] public string? UserName { get; set; }
    [Parameter] public string RejectLabel { get; set; } = SnapshotRules.DefaultRejectLabel;
    [Parameter] public string? SchemaVersion { get; set; }

    protected override ErrorCategory StoreErrorCategory => ErrorCategory.WriteError;

    protected override void BeginProcessing()
    {
        store = OpenStore();
        try
        {
            var options = new SnapshotOptions { System = System, User = string.IsNullOrEmpty(UserName) ? null : store.HashUser(UserName), RejectLabel = RejectLabel, SchemaVersion = SchemaVersion };
            builder = new SnapshotBuilder(options, DateTimeOffset.UtcNow);
        }
        catch (TelemetryValidationException ex)
        {
            ThrowTerminatingError(ToErrorRecord(ex, ex.Field));
        }
    }

    // Without pipeline input and without -Label there is no record: the snapshot of nothing (total_windows 0).
    protected override void ProcessRecord()
    {
        if (Label is null && !MyInvocation.ExpectingInput)
        {
            return;
        }

        records++;
        try
        {
            builder.Add(new PredictionRecord
            {
                Label = Label ?? "", Confidence = Confidence, Probabilities = Probabilities, Features = FeatureValues.From(Features),
                Timestamp = Timestamp, Suggested = Suggested ?? false,
            });
        }
        catch (TelemetryValidationException ex)
        {
            var refused = new TelemetryValidationException(ex.Field, string.Create(CultureInfo.InvariantCulture, $"record {records}: {ex.Message} Nothing was written."));
            ThrowTerminatingError(ToErrorRecord(refused, ex.Field));
        }
    }

    protected override void EndProcessing()
    {
        try
        {
            WriteObject(store.AppendSnapshot(builder));
        }
        catch (Exception ex) when (IsTelemetryError(ex))
        {
            ThrowTerminatingError(ToErrorRecord(ex, Root));
        }
    }
}
