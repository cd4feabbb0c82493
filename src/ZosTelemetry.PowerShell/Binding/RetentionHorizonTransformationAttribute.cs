// -OlderThan takes a number of days (90), 'default' (90 days), an ISO-8601 date as text, or a [datetime]/[DateTimeOffset];
// each becomes a RetentionHorizon here, with the core's message when it is not one.
using System.Management.Automation;
using ZosTelemetry.Store;

namespace ZosTelemetry.PowerShell.Binding;

[AttributeUsage(AttributeTargets.Property | AttributeTargets.Field)]
public sealed class RetentionHorizonTransformationAttribute : ArgumentTransformationAttribute
{
    /// <inheritdoc/>
    public override object? Transform(EngineIntrinsics engineIntrinsics, object? inputData)
    {
        try
        {
            return (inputData is PSObject wrapped ? wrapped.BaseObject : inputData) switch
            {
                RetentionHorizon h => h,
                int days => RetentionHorizon.FromDays(days),
                long days => RetentionHorizon.FromDays(days > int.MaxValue ? int.MaxValue : (int)days),
                DateTime dt => RetentionHorizon.FromDate(new DateTimeOffset(dt)),
                DateTimeOffset dto => RetentionHorizon.FromDate(dto),
                string s => RetentionHorizon.Parse(s),
                var other => throw new ArgumentException($"-OlderThan takes a number of days, 'default' or a date; got a {other?.GetType().Name ?? "null"}."),
            };
        }
        catch (ArgumentException ex)
        {
            throw new ArgumentTransformationMetadataException(ex.Message, ex);
        }
    }
}
