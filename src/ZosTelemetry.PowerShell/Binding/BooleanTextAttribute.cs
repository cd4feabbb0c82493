// PowerShell binds only booleans and numbers to a [bool] parameter, so an Import-Csv cell "true" or "False" would be
// refused. This transformation reads true/false/1/0 text (any case); a blank cell means "not given".
using System.Management.Automation;

namespace ZosTelemetry.PowerShell.Binding;

[AttributeUsage(AttributeTargets.Property | AttributeTargets.Field)]
public sealed class BooleanTextAttribute : ArgumentTransformationAttribute
{
    /// <inheritdoc/>
    public override object? Transform(EngineIntrinsics engineIntrinsics, object? inputData) =>
        (inputData is PSObject wrapped ? wrapped.BaseObject : inputData) switch
        {
            string s when string.IsNullOrWhiteSpace(s) => null,
            string s when s.Trim().Equals("true", StringComparison.OrdinalIgnoreCase) || s.Trim() == "1" => true,
            string s when s.Trim().Equals("false", StringComparison.OrdinalIgnoreCase) || s.Trim() == "0" => false,
            string s => throw new ArgumentTransformationMetadataException($"'{(s.Length > 20 ? s[..20] + "…" : s)}' is not true or false."),
            _ => inputData,
        };
}
