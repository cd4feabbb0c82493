// The figures of the reliability tests' last run (rows written, writers, kills survived, bad inputs tried, rows lost),
// appended to reliability-figures.log beside the test assembly, which docs/reliability.md quotes.
using System.Globalization;

namespace ZosTelemetry.Tests;

internal static class ReliabilityFigures
{
    private static readonly object Gate = new();

    public static string LogPath => Path.Combine(AppContext.BaseDirectory, "reliability-figures.log");

    public static void Record(string test, string figures)
    {
        lock (Gate)
        {
            File.AppendAllText(LogPath, string.Create(CultureInfo.InvariantCulture, $"{DateTimeOffset.UtcNow:yyyy-MM-ddTHH:mm:ssZ} {test}: {figures}{Environment.NewLine}"));
        }
    }
}
