// The one rule for every instant a cmdlet takes (-Timestamp, -Since, -Until): ISO-8601 text read the way the CLI
// reads it (no offset means UTC, not the binder's local time), or a [datetime]/[DateTimeOffset] value. One more text
// form is read back: the one PowerShell itself writes for a [DateTimeOffset] (Export-Csv, "$e"), which is the
// current culture's date and time followed by the offset; it is taken only with that offset, so it names one
// instant. Blank means "not given".
using System.Globalization;
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
                    return PowerShellText(s.Trim()) ?? throw new ArgumentTransformationMetadataException(ex.Message, ex);
                }

            case DateTime dt:
                return new DateTimeOffset(dt);
            default:
                return inputData;
        }
    }

    /// <summary>DateTimeOffset.ToString() of the current (or the invariant) culture: "G" then " zzz", e.g. "03/01/2024 10:00:00 +00:00".</summary>
    private static DateTimeOffset? PowerShellText(string s)
    {
        foreach (var culture in new[] { CultureInfo.CurrentCulture, CultureInfo.InvariantCulture })
        {
            string pattern = culture.DateTimeFormat.ShortDatePattern + " " + culture.DateTimeFormat.LongTimePattern + " zzz";
            if (DateTimeOffset.TryParseExact(s, pattern, culture, DateTimeStyles.None, out var ts))
            {
                return ts.ToUniversalTime();
            }
        }

        return null;
    }
}
