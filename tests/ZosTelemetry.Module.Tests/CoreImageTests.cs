// The module's loader (src/ZosTelemetry.Loader): which precompiled image of Core a process gets, in the names the
// package is built with (Directory.Build.props), and that it never loads a second Core. The import itself, in pwsh,
// is proven by tests/pester/Module.Tests.ps1 and by the install test on the real package.
using System.Runtime.InteropServices;
using System.Xml.Linq;
using ZosTelemetry.Loader;

namespace ZosTelemetry.Module.Tests;

public sealed class CoreImageTests
{
    private static IReadOnlyList<string> BuildList(string property) =>
        XDocument.Load(Path.Combine(RepositoryPaths.Root, "Directory.Build.props")).Descendants(property).Single().Value
            .Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    [Theory]
    [InlineData("linux", Architecture.X64, 10, "precompiled/linux-x64/net10.0/ZosTelemetry.Core.dll")]
    [InlineData("linux", Architecture.Arm64, 8, "precompiled/linux-arm64/net8.0/ZosTelemetry.Core.dll")]
    [InlineData("osx", Architecture.Arm64, 10, "precompiled/osx-arm64/net10.0/ZosTelemetry.Core.dll")]
    [InlineData("win", Architecture.X64, 8, "precompiled/win-x64/net8.0/ZosTelemetry.Core.dll")]
    [InlineData("win", Architecture.X64, 9, "precompiled/win-x64/net9.0/ZosTelemetry.Core.dll")] // not shipped: IL then
    public void RelativePath_NamesThePlatformAndRuntimeFolder(string os, Architecture architecture, int major, string expected)
    {
        Assert.Equal(expected, CoreImage.RelativePath(os, architecture, major));
    }

    [Theory]
    [InlineData(null, Architecture.X64)]
    [InlineData("linux", Architecture.X86)]
    [InlineData("win", Architecture.Arm)]
    public void RelativePath_NoImageBuilt_IsNull(string? os, Architecture architecture)
    {
        Assert.Null(CoreImage.RelativePath(os, architecture, 10));
    }

    [Fact]
    public void EveryImageThePackageShips_IsTheOneSomeProcessAsksFor()
    {
        var platforms = BuildList("ZosPrecompiledPlatforms");
        var runtimes = BuildList("ZosPrecompiledRuntimes");
        Assert.Equal(6, platforms.Count);
        Assert.Equal(["net8.0", "net10.0"], runtimes);

        foreach (string platform in platforms)
        {
            string[] parts = platform.Split('-');
            var architecture = Enum.Parse<Architecture>(parts[1], ignoreCase: true);
            foreach (string runtime in runtimes)
            {
                int major = int.Parse(runtime["net".Length..runtime.IndexOf('.')], System.Globalization.CultureInfo.InvariantCulture);
                Assert.Equal($"precompiled/{platform}/{runtime}/ZosTelemetry.Core.dll", CoreImage.RelativePath(parts[0], architecture, major));
            }
        }
    }

    [Fact]
    public void CurrentOs_IsThisMachinesPlatformName()
    {
        string expected = OperatingSystem.IsWindows() ? "win" : OperatingSystem.IsMacOS() ? "osx" : "linux";
        Assert.Equal(expected, CoreImage.CurrentOs());
    }

    [Fact]
    public void Load_CoreLoadedAlready_LoadsNothing()
    {
        // A second import (Import-Module -Force, another runspace): the Core in the process stays the only one.
        string folder = Directory.CreateTempSubdirectory("zos-loader-").FullName;
        try
        {
            _ = typeof(ZosTelemetry.Store.TelemetryStore).Assembly;
            string relative = CoreImage.RelativePath(CoreImage.CurrentOs(), RuntimeInformation.ProcessArchitecture, Environment.Version.Major)!;
            Directory.CreateDirectory(Path.GetDirectoryName(Path.Combine(folder, relative))!);
            File.Copy(RepositoryPaths.CoreAssembly, Path.Combine(folder, relative));

            Assert.Null(CoreImage.Load(folder));
            Assert.Single(AppDomain.CurrentDomain.GetAssemblies(), a => a.GetName().Name == "ZosTelemetry.Core");
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
