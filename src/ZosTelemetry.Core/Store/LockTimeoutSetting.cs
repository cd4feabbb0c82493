// How long a writer waits for the store's lock before it gives up: an explicit value (--lock-timeout), else
// $ZOS_LOCK_TIMEOUT, else 2 s. Hooks run inside an assistant's turn, so the wait is always bounded; 0 means
// "try once and give up at once", for hooks that would rather drop an event than add any latency.
using System.Globalization;

namespace ZosTelemetry.Store;

public static class LockTimeoutSetting
{
    public const string EnvironmentVariable = "ZOS_LOCK_TIMEOUT";
    public const double MaxSeconds = 600;

    /// <summary>The wait from an explicit number of seconds, else from the environment, else the 2 s default.</summary>
    public static TimeSpan Resolve(string? explicitSeconds)
    {
        if (explicitSeconds is not null)
        {
            return Parse(explicitSeconds, "--lock-timeout");
        }

        string? fromEnvironment = Environment.GetEnvironmentVariable(EnvironmentVariable);
        return string.IsNullOrWhiteSpace(fromEnvironment)
            ? TelemetryStore.DefaultLockTimeout
            : Parse(fromEnvironment, "$" + EnvironmentVariable);
    }

    /// <summary>Seconds, fractions allowed, from 0 to 600. Throws ArgumentException naming where the value came from.</summary>
    public static TimeSpan Parse(string text, string source)
    {
        if (double.TryParse(text.Trim(), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out double seconds)
            && seconds <= MaxSeconds)
        {
            return TimeSpan.FromSeconds(seconds);
        }

        throw new ArgumentException($"{source} must be a number of seconds from 0 to {MaxSeconds.ToString(CultureInfo.InvariantCulture)}; got {Events.EventValidator.Show(text)}.");
    }
}
