// How a model id in a log is matched to a price: lower case, without a provider prefix ("anthropic/",
// "models/", "openrouter/openai/"), a version after "@", or a date suffix ("-20250514", "-2025-05-14").
using System.Text.RegularExpressions;

namespace ZosTelemetry.Pricing;

public static partial class ModelIds
{
    public static string Normalise(string model)
    {
        string m = model.Trim().ToLowerInvariant();
        int slash = m.LastIndexOf('/');
        if (slash >= 0)
        {
            m = m[(slash + 1)..];
        }

        int at = m.IndexOf('@');
        if (at > 0)
        {
            m = m[..at];
        }

        return DateSuffix().Replace(m, "");
    }

    [GeneratedRegex(@"-(\d{8}|\d{4}-\d{2}-\d{2})$", RegexOptions.CultureInvariant)]
    private static partial Regex DateSuffix();
}
