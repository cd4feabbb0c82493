// How a model id in a log is matched to a price when it is not in the table as it is. The steps, in order:
//   1. trim and lower-case;
//   2. drop a provider or path prefix up to the last '/' ("anthropic/", "models/", "openrouter/openai/");
//   3. drop a version after '@' (Vertex AI: "claude-sonnet-4-5@20250929");
//   4. drop dotted region/provider prefixes and a "-vN:M" suffix (Bedrock: "us.anthropic.claude-sonnet-4-5-20250929-v1:0";
//      "deepseek-v3", without the colon, is a name and stays);
//   5. drop a "-latest" alias suffix;
//   6. drop a date suffix ("-20250514", "-2025-05-14").
// Four-digit suffixes ("mistral-large-2411", "grok-4-0709") are kept: they name versions that may be priced differently.
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

        m = DottedPrefix().Replace(m, "");
        m = BedrockVersion().Replace(m, "");
        if (m.EndsWith("-latest", StringComparison.Ordinal))
        {
            m = m[..^"-latest".Length];
        }

        return DateSuffix().Replace(m, "");
    }

    // Letters-only labels ending in '.', as in "us.anthropic." or "mistral."; "gpt-4.1" does not match (its first label has a digit).
    [GeneratedRegex(@"^(?:[a-z]+\.)+(?=[a-z])", RegexOptions.CultureInvariant)]
    private static partial Regex DottedPrefix();

    [GeneratedRegex(@"-v\d+:\d+$", RegexOptions.CultureInvariant)]
    private static partial Regex BedrockVersion();

    [GeneratedRegex(@"-(\d{8}|\d{4}-\d{2}-\d{2})$", RegexOptions.CultureInvariant)]
    private static partial Regex DateSuffix();
}
