// Where the store lives. Environment variables are process-global, so these tests run alone and restore them.
using ZosTelemetry.Store;

namespace ZosTelemetry.Tests;

[Collection(ProcessStateCollection.Name)]
public sealed class StoreRootTests : IDisposable
{
    private readonly TempRoot temp = new();

    public void Dispose() => temp.Dispose();

    [Fact]
    public void Resolve_RootIsAFile_RefusedWithAStoreException()
    {
        string file = temp.Combine("not-a-store.txt");
        File.WriteAllText(file, "x");

        var ex = Assert.Throws<StoreException>(() => StoreRoot.Resolve(file));
        Assert.Contains("is a file", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Resolve_ExplicitRootAndZosHomeSet_ExplicitRootWins()
    {
        string explicitRoot = temp.Combine("explicit");
        using var zosHome = new EnvironmentVariableScope(StoreRoot.HomeVariable, temp.Combine("zos-home"));

        Assert.Equal(explicitRoot, StoreRoot.Resolve(explicitRoot));
    }

    [Fact]
    public void Resolve_RelativeExplicitRoot_ReturnsFullPath()
    {
        string resolved = StoreRoot.Resolve(Path.Combine("some", "relative"));

        Assert.True(Path.IsPathFullyQualified(resolved));
        Assert.Equal(Path.GetFullPath(Path.Combine("some", "relative")), resolved);
    }

    [Fact]
    public void Resolve_NoExplicitRootAndZosHomeSet_ReturnsTelemetryUnderZosHome()
    {
        string zosHome = temp.Combine("zos-home");
        using var scope = new EnvironmentVariableScope(StoreRoot.HomeVariable, zosHome);

        Assert.Equal(Path.Combine(zosHome, "telemetry"), StoreRoot.Resolve());
    }

    [Fact]
    public void Resolve_BlankExplicitRoot_FallsBackToZosHome()
    {
        string zosHome = temp.Combine("zos-home");
        using var scope = new EnvironmentVariableScope(StoreRoot.HomeVariable, zosHome);

        Assert.Equal(Path.Combine(zosHome, "telemetry"), StoreRoot.Resolve("   "));
    }

    [Fact]
    public void Resolve_NoExplicitRootAndNoZosHome_ReturnsDotZosTelemetryUnderHome()
    {
        // HOME is what .NET reads for the user profile on Unix; pointing it at the temp root keeps the real home untouched.
        using var home = new EnvironmentVariableScope("HOME", Directory.CreateDirectory(temp.Combine("home")).FullName);
        using var zosHome = new EnvironmentVariableScope(StoreRoot.HomeVariable, null);
        string expected = Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".zos", "telemetry");

        Assert.Equal(expected, StoreRoot.Resolve());
    }

    [Fact]
    public void Resolve_BlankZosHome_FallsBackToHome()
    {
        using var home = new EnvironmentVariableScope("HOME", Directory.CreateDirectory(temp.Combine("home")).FullName);
        using var zosHome = new EnvironmentVariableScope(StoreRoot.HomeVariable, " ");
        string expected = Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".zos", "telemetry");

        Assert.Equal(expected, StoreRoot.Resolve());
    }

    [Fact]
    public void Resolve_FromZosHome_DoesNotCreateTheDirectory()
    {
        string zosHome = temp.Combine("zos-home");
        using var scope = new EnvironmentVariableScope(StoreRoot.HomeVariable, zosHome);

        string resolved = StoreRoot.Resolve();

        Assert.False(Directory.Exists(resolved));
        Assert.False(Directory.Exists(zosHome));
    }

    [Fact]
    public void Resolve_ExplicitRoot_DoesNotCreateTheDirectory()
    {
        string resolved = StoreRoot.Resolve(temp.Combine("explicit"));

        Assert.False(Directory.Exists(resolved));
    }

    [Fact]
    public void Resolve_FromHome_DoesNotCreateTheDirectory()
    {
        string home = Directory.CreateDirectory(temp.Combine("home")).FullName;
        using var homeScope = new EnvironmentVariableScope("HOME", home);
        using var zosHome = new EnvironmentVariableScope(StoreRoot.HomeVariable, null);

        string resolved = StoreRoot.Resolve();

        Assert.False(Directory.Exists(resolved));
        Assert.False(Directory.Exists(Path.Combine(home, ".zos")));
    }

    [UnixFact]
    public void Resolve_HomeMissingAndNoZosHome_ThrowsStoreException()
    {
        // .NET reports no user profile when $HOME names a directory that does not exist.
        using var home = new EnvironmentVariableScope("HOME", temp.Combine("no-such-home"));
        using var zosHome = new EnvironmentVariableScope(StoreRoot.HomeVariable, null);

        var ex = Assert.Throws<StoreException>(() => StoreRoot.Resolve());

        Assert.Contains("no home directory", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Open_NoExplicitRoot_UsesTheResolvedRoot()
    {
        string zosHome = temp.Combine("zos-home");
        using var scope = new EnvironmentVariableScope(StoreRoot.HomeVariable, zosHome);

        var store = TelemetryStore.Open();

        Assert.Equal(Path.Combine(zosHome, "telemetry"), store.Root);
        Assert.False(Directory.Exists(store.Root));
    }

    [WindowsFact]
    public void Resolve_OnWindows_DefaultsToUserProfileDotZosTelemetry()
    {
        // %USERPROFILE% with a space and non-ASCII letters, as a Windows user name often has.
        string profile = Directory.CreateDirectory(temp.Combine("Zoë Ångström")).FullName;
        using var scope = new EnvironmentVariableScope("USERPROFILE", profile);
        using var zosHome = new EnvironmentVariableScope(StoreRoot.HomeVariable, null);

        Assert.Equal(Path.Combine(profile, ".zos", "telemetry"), StoreRoot.Resolve());
    }
}
