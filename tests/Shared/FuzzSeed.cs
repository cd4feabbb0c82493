// The seed of every randomised test: fixed in CI, so a run is reproducible; ZOS_FUZZ_SEED=random (or a number)
// explores new cases locally. Every failure message names the seed, so any failing case can be replayed.
using System.Globalization;

namespace ZosTelemetry.Tests;

internal static class FuzzSeed
{
    public const string Variable = "ZOS_FUZZ_SEED";
    public const int Fixed = 20260610;

    public static int Value { get; } = Resolve();

    /// <summary>How many cases a randomised test runs: ZOS_FUZZ_CASES to run more locally, else the default given.</summary>
    public static int Cases(int defaultCases) =>
        int.TryParse(Environment.GetEnvironmentVariable("ZOS_FUZZ_CASES"), NumberStyles.None, CultureInfo.InvariantCulture, out int n) && n > 0 ? n : defaultCases;

    public static string Describe => $"seed {Value} (replay with {Variable}={Value})";

    private static int Resolve()
    {
        string? text = Environment.GetEnvironmentVariable(Variable);
        if (string.Equals(text, "random", StringComparison.OrdinalIgnoreCase))
        {
            return Random.Shared.Next();
        }

        return int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out int seed) ? seed : Fixed;
    }
}
