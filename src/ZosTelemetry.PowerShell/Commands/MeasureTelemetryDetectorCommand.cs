// Measure-TelemetryDetector: scores a detector version on a labelled JSONL file ({"text", "label", "lang", "reason"})
// and emits one DetectorScore per language and one for all: precision, recall and F1 with 95% Wilson intervals.
// The file's text stays in memory for the run; nothing of it is written or emitted.
using System.Management.Automation;
using ZosTelemetry.Detection;

namespace ZosTelemetry.PowerShell.Commands;

[Cmdlet(VerbsDiagnostic.Measure, "TelemetryDetector", HelpUri = HelpLinks.Root + "Measure-TelemetryDetector.md")]
[OutputType(typeof(DetectorScore))]
public sealed class MeasureTelemetryDetectorCommand : TelemetryCommandBase
{
    public const string BadEvaluationFileErrorId = "BadEvaluationFile";

    /// <summary>The labelled file to score.</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true), Alias("FullName")]
    public string Path { get; set; } = "";

    /// <summary>The detector version to score.</summary>
    [Parameter, ValidateRange(CorrectionDetector.MinVersion, CorrectionDetector.Version)]
    public int DetectorVersion { get; set; } = CorrectionDetector.Version;

    protected override void ProcessRecord()
    {
        string file = GetUnresolvedProviderPathFromPSPath(Path);
        try
        {
            WriteObject(DetectorEvaluation.Evaluate(file, DetectorVersion), enumerateCollection: true);
        }
        catch (Exception ex) when (ex is InvalidDataException or IOException or UnauthorizedAccessException)
        {
            WriteError(new ErrorRecord(ex, BadEvaluationFileErrorId, ErrorCategory.InvalidData, Path));
        }
    }
}
