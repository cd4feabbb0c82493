// Turns the -Features a pipeline object carries (a hashtable, a dictionary or a [pscustomobject]) into feature names
// and numbers for the core. A value is a number or null; anything else (text above all) is refused, never stored.
using System.Collections;
using System.Globalization;
using System.Management.Automation;
using ZosTelemetry.Events;

namespace ZosTelemetry.PowerShell.Binding;

internal static class FeatureValues
{
    public static IReadOnlyDictionary<string, double?>? From(object? features)
    {
        object? bare = features is PSObject ps ? ps.BaseObject : features;
        if (bare is null)
        {
            return null;
        }

        var result = new SortedDictionary<string, double?>(StringComparer.Ordinal);
        if (bare is IDictionary dictionary)
        {
            foreach (DictionaryEntry entry in dictionary)
            {
                Add(result, entry.Key?.ToString() ?? "", entry.Value);
            }
        }
        else if (features is PSObject custom && bare is PSCustomObject)
        {
            foreach (var property in custom.Properties)
            {
                Add(result, property.Name, property.Value);
            }
        }
        else
        {
            throw new TelemetryValidationException("features", "features must be a hashtable or an object of feature names to numbers or $null.");
        }

        return result;
    }

    private static void Add(SortedDictionary<string, double?> result, string name, object? value)
    {
        object? bare = value is PSObject ps ? ps.BaseObject : value;
        result[name] = bare switch
        {
            null => null,
            double or float or decimal or int or long or short or byte or sbyte or uint or ulong or ushort => Convert.ToDouble(bare, CultureInfo.InvariantCulture),
            _ => throw new TelemetryValidationException("features", $"feature {name} must be a number or $null."),
        };
    }
}
