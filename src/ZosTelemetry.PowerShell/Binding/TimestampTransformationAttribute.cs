// Timestamps given as text are read the way the CLI reads them (ISO-8601, no offset means UTC), not by the
// binder's DateTimeOffset.Parse, which would take an offset-less value as local time. Blank means "not given".
using System.Management.Automation;
using ZosTelemetry.Events;

namespace ZosTelemetry.PowerShell.Binding;

[AttributeUsage(AttributeTargets.Property | AttributeTargets.Field)]
public sealed class TimestampTransformationAttribute : ArgumentTransformationAttribute
{
    /// <inheritdoc/>
    public override object? Transform(EngineIntrinsics engineIntrinsics, object? inputData)
    {
        object? value = inputData is PSObject wrapped ? wrapped.BaseObject : inputData;
        switch (value)
        {
            case string s when string.IsNullOrWhiteSpace(s):
                return null;
            case string s:
                try
                {
                    return EventValidator.ParseTimestamp(s.Trim());
                }
                catch (TelemetryValidationException ex)
                {
                    throw new ArgumentTransformationMetadataException(ex.Message, ex);
                }

            case DateTime dt:
                return new DateTimeOffset(dt);
            default:
                return inputData;
        }
    }
}
