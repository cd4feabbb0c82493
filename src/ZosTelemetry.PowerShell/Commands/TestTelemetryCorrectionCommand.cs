// Test-TelemetryCorrection: asks the correction detector whether a message reads as the user correcting the
// assistant. Emits only the verdict and the rule markers, never the text; nothing is read from or written to the store.
using System.Management.Automation;
using ZosTelemetry.Detection;

namespace ZosTelemetry.PowerShell.Commands;

[Cmdlet(VerbsDiagnostic.Test, "TelemetryCorrection", HelpUri = HelpLinks.Root + "Test-TelemetryCorrection.md")]
[OutputType(typeof(CorrectionResult))]
public sealed class TestTelemetryCorrectionCommand : TelemetryCommandBase
{
    // -Root (from the base class) is accepted for a uniform surface across the module but not used: the detector is pure.

    /// <summary>The message to classify; empty lines (from Get-Content) are accepted and are never corrections.</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [AllowEmptyString, AllowNull]
    public string? Text { get; set; }

    protected override void ProcessRecord()
    {
        var result = CorrectionDetector.Detect(Text);
        WriteVerbose($"Detector version {result.DetectorVersion}: {result.Markers.Count} marker(s); the text itself is not kept.");
        WriteObject(result);
    }
}
