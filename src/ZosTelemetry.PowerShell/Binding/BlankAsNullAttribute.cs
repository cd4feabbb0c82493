// Import-Csv turns an empty cell into "", which no numeric type can take and which the validator would refuse
// as a marker. This transformation makes a blank cell mean "not given" before the binder converts the value.
using System.Management.Automation;

namespace ZosTelemetry.PowerShell.Binding;

[AttributeUsage(AttributeTargets.Property | AttributeTargets.Field)]
public sealed class BlankAsNullAttribute : ArgumentTransformationAttribute
{
    /// <inheritdoc/>
    public override object? Transform(EngineIntrinsics engineIntrinsics, object? inputData) =>
        IsBlank(inputData) ? null : inputData;

    internal static bool IsBlank(object? value) =>
        (value is PSObject wrapped ? wrapped.BaseObject : value) is string s && string.IsNullOrWhiteSpace(s);
}
