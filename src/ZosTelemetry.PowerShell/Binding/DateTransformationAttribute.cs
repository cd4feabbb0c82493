// The one rule for calendar dates (-Since/-Until of the usage cmdlets), as the CLI's report takes them: text is
// YYYY-MM-DD or YYYYMMDD, never read in the current culture; a [datetime] or [DateTimeOffset] gives its calendar date
// as written. Blank means "not given".
using System.Management.Automation;
using ZosTelemetry.Reports;

namespace ZosTelemetry.PowerShell.Binding;

[AttributeUsage(AttributeTargets.Property | AttributeTargets.Field)]
public sealed class DateTransformationAttribute : ArgumentTransformationAttribute
{
    /// <inheritdoc/>
    public override object? Transform(EngineIntrinsics engineIntrinsics, object? inputData)
    {
        try
        {
            return (inputData is PSObject wrapped ? wrapped.BaseObject : inputData) switch
            {
                string s when string.IsNullOrWhiteSpace(s) => null,
                string s => ReportArguments.ParseDate("The value", s.Trim()),
                DateTime dt => DateOnly.FromDateTime(dt),
                DateTimeOffset dto => DateOnly.FromDateTime(dto.DateTime),
                _ => inputData,
            };
        }
        catch (ArgumentException ex)
        {
            throw new ArgumentTransformationMetadataException(ex.Message, ex);
        }
    }
}
