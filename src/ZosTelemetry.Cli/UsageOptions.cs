// Parsing shared by the usage-accounting commands (append's usage fields, savings, compare-periods, prune, export):
// each refusal is a UsageException, so it reaches the user as one stderr line and exit code 2.
using ZosTelemetry.Events;
using ZosTelemetry.Pricing;
using ZosTelemetry.Store;

namespace ZosTelemetry.Cli;

internal static class UsageOptions
{
    public static bool? Bool(Arguments a, string name) => a.Single(name) switch
    {
        null => null,
        "true" => true,
        "false" => false,
        string other => throw new UsageException($"--{name} must be true or false; got {EventValidator.Show(other)}."),
    };

    /// <summary>--user NAME, stored only as its keyed hash with the store's user.key (TelemetryStore.HashUser).</summary>
    public static string? HashedUser(Arguments a, TelemetryStore store) => a.Single("user") switch
    {
        null => null,
        "" => throw new UsageException("--user needs a non-empty name (it is stored only as a keyed hash)."),
        string name => store.HashUser(name),
    };

    /// <summary>--user NAME for a reader: the hash to look the name up by, creating no key (TelemetryStore.LookupUserHash).</summary>
    public static string? LookupUser(Arguments a, TelemetryStore store) => a.Single("user") switch
    {
        null => null,
        "" => throw new UsageException("--user needs a non-empty name (it is looked up by its keyed hash)."),
        string name => store.LookupUserHash(name),
    };

    /// <summary>--detector N: the correction detector version to run (default: the current one).</summary>
    public static int Detector(Arguments a)
    {
        string? text = a.Single("detector");
        if (text is null)
        {
            return Detection.CorrectionDetector.Version;
        }

        return int.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out int v)
            && v >= Detection.CorrectionDetector.MinVersion && v <= Detection.CorrectionDetector.Version
            ? v
            : throw new UsageException($"--detector must be one of {string.Join(", ", Detection.CorrectionDetector.Versions)}; got {EventValidator.Show(text)}.");
    }

    public static DateTimeOffset? Timestamp(Arguments a, string name)
    {
        string? text = a.Single(name);
        if (text is null)
        {
            return null;
        }

        try
        {
            return EventValidator.ParseTimestamp(text);
        }
        catch (TelemetryValidationException)
        {
            throw new UsageException($"--{name} must be an ISO-8601 date or timestamp such as 2026-06-10 or 2026-06-10T18:00:00Z.");
        }
    }

    /// <summary>The shipped prices, overridden by $ZOS_HOME/prices.json when present and by --prices FILE when given.</summary>
    public static CostResolver Prices(Arguments a) => PriceFiles.Resolver(a.Single("prices"));

    public static void WriteText(CliContext cli, string text)
    {
        cli.Out.Write(text);
        if (!text.EndsWith('\n'))
        {
            cli.Out.WriteLine();
        }
    }
}
