// Shared fixtures of the core tests: a real temporary directory per test class instance, an event builder with
// valid defaults, a Unix-only fact, and the collection that serialises tests touching process-global state.
using System.Runtime.InteropServices;
using ZosTelemetry.Events;

namespace ZosTelemetry.Tests;

/// <summary>A fresh directory under the system temp folder, deleted with everything in it on Dispose.</summary>
public sealed class TempRoot : IDisposable
{
    public TempRoot()
    {
        Path = Directory.CreateTempSubdirectory("zos-core-tests-").FullName;
    }

    public string Path { get; }

    public string Combine(params string[] parts) => System.IO.Path.Combine([Path, .. parts]);

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp directory is not worth failing a test over.
        }
    }
}

/// <summary>A fact that only means something where Unix file modes exist.</summary>
public sealed class UnixFactAttribute : FactAttribute
{
    public UnixFactAttribute()
    {
        if (RuntimeInformation.IsOSPlatform(OSPlatform.Windows))
        {
            Skip = "Unix file modes do not exist on Windows.";
        }
    }
}

/// <summary>Tests that change environment variables or the local time zone: run alone, never beside other tests.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ProcessStateCollection
{
    public const string Name = "process-global state";
}

/// <summary>Sets an environment variable for the life of the object and restores the previous value after.</summary>
public sealed class EnvironmentVariableScope : IDisposable
{
    private readonly string name;
    private readonly string? previous;

    public EnvironmentVariableScope(string name, string? value)
    {
        this.name = name;
        previous = Environment.GetEnvironmentVariable(name);
        Environment.SetEnvironmentVariable(name, value);
    }

    public void Dispose() => Environment.SetEnvironmentVariable(name, previous);
}

internal static class Make
{
    /// <summary>The fixed "now" of the tests: every event lies before it, so the future check never interferes.</summary>
    public static readonly DateTimeOffset Now = new(2026, 6, 10, 18, 0, 0, TimeSpan.Zero);

    public static DateTimeOffset Utc(int year, int month, int day, int hour = 12, int minute = 0, int second = 0) =>
        new(year, month, day, hour, minute, second, TimeSpan.Zero);

    /// <summary>The markers an event of this kind may carry (its family's marker families), in their order.</summary>
    public static string[] MarkersAllowed(string kind, IEnumerable<string> markers)
    {
        var registry = Contracts.ContractRegistry.Embedded;
        var family = registry.FamilyOfKind(kind);
        return markers.Where(m => registry.MarkerFamilyOf(m) is { } f && family.Markers.Contains(f.Name)).ToArray();
    }

    public static TelemetryEvent Event(
        string sessionId = "s1",
        string system = "claude-code",
        string kind = EventKinds.UserMessage,
        DateTimeOffset? ts = null,
        string? context = null,
        string? role = null,
        string? model = null,
        long tokensIn = 0,
        long tokensOut = 0,
        double costUsd = 0,
        params string[] markers) => new()
        {
            Timestamp = ts ?? Now.AddHours(-1),
            SessionId = sessionId,
            System = system,
            Kind = kind,
            Context = context,
            Role = role,
            Model = model,
            TokensIn = tokensIn,
            TokensOut = tokensOut,
            CostUsd = costUsd,
            Markers = markers,
        };
}
