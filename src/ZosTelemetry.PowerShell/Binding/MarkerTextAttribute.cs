// Markers arrive as a list (parameters, ConvertFrom-Json, the pipeline) or as one text cell (Import-Csv of what
// Export-Csv or `zos-telemetry export --format csv` wrote: "corr.strong.1 tool.edit"). Text is split as MarkerList
// joins it (only when every piece is a namespaced marker), so a CSV round trip gives back the same markers; a blank
// cell or an empty list means "not given".
using System.Management.Automation;
using ZosTelemetry.Events;

namespace ZosTelemetry.PowerShell.Binding;

[AttributeUsage(AttributeTargets.Property | AttributeTargets.Field)]
public sealed class MarkerTextAttribute : ArgumentTransformationAttribute
{
    /// <inheritdoc/>
    public override object? Transform(EngineIntrinsics engineIntrinsics, object? inputData) =>
        (inputData is PSObject wrapped ? wrapped.BaseObject : inputData) switch
        {
            string s when string.IsNullOrWhiteSpace(s) => null,
            string s => MarkerList.Split(s.Trim()),

            // Get-TelemetryEvent's Markers (a MarkerList): the binder would otherwise take it as one value via ToString.
            IEnumerable<string> list => list.Any() ? list.ToArray() : null,
            _ => inputData,
        };
}
