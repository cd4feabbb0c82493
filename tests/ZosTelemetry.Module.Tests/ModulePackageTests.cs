// The Gallery layout made without pwsh (the same code build.ps1 -Task Package runs through the PackageModule
// target): out/ZosTelemetry/<version>/ with everything flat beside a manifest that is pure data, stamped with the
// version of Directory.Build.props, and whose FileList is exactly the files that are there.
using ZosTelemetry.Build.Packaging;

namespace ZosTelemetry.Module.Tests;

public sealed class ModulePackageTests : IDisposable
{
    private readonly string outRoot = Directory.CreateTempSubdirectory("zos-package-").FullName;
    private readonly PackageLayout layout;
    private readonly Dictionary<string, object?> manifest;

    public ModulePackageTests()
    {
        layout = ModulePackager.Layout(RepositoryPaths.Root, RepositoryPaths.Version, outRoot);
        manifest = PowerShellDataFile.Load(layout.Manifest);
    }

    public void Dispose() => Directory.Delete(outRoot, recursive: true);

    private IReadOnlyList<string> List(string key) => PowerShellDataFile.Strings(manifest, key);

    [Fact]
    public void Layout_IsModuleNameThenVersion_WithAManifestOfTheModuleName()
    {
        Assert.Equal(Path.Combine(outRoot, "ZosTelemetry", RepositoryPaths.Version), layout.Directory);
        Assert.Equal(Path.Combine(layout.Directory, "ZosTelemetry.psd1"), layout.Manifest);
    }

    [Fact]
    public void Layout_ShipsAssembliesFormatsHelpLicenseAndDocuments()
    {
        string[] expected =
        [
            "CHANGELOG.md", "LICENSE", "README.md", "ZosTelemetry.Core.dll", "ZosTelemetry.format.ps1xml", "ZosTelemetry.Loader.dll", "ZosTelemetry.PowerShell.dll", "ZosTelemetry.psd1",
            "en-US/ZosTelemetry.PowerShell.dll-Help.xml", "en-US/about_ZosTelemetry.help.txt", "en-US/about_ZosTelemetry_Privacy.help.txt", "en-US/about_ZosTelemetry_Store.help.txt",
        ];

        Assert.Empty(expected.Except(FilesOnDisk(), StringComparer.OrdinalIgnoreCase));
    }

    [Fact]
    public void Manifest_FileList_IsExactlyTheFilesInThePackage()
    {
        Assert.Equal(FilesOnDisk().Order(StringComparer.OrdinalIgnoreCase), List("FileList").Order(StringComparer.OrdinalIgnoreCase));
    }

    [Fact]
    public void Manifest_LoadedFiles_ExistBesideIt()
    {
        var loaded = List("RootModule").Concat(List("NestedModules")).Concat(List("RequiredAssemblies")).Concat(List("FormatsToProcess")).Concat(List("TypesToProcess")).ToList();

        Assert.Contains("ZosTelemetry.PowerShell.dll", loaded);
        Assert.Contains("ZosTelemetry.Loader.dll", loaded);
        Assert.All(loaded, f => Assert.True(File.Exists(Path.Combine(layout.Directory, f)), f));
        Assert.All(loaded, f => Assert.DoesNotContain('/', f));
    }

    [Fact]
    public void Manifest_ModuleVersion_IsTheVersionOfDirectoryBuildProps()
    {
        Assert.Equal(RepositoryPaths.Version, Assert.Single(List("ModuleVersion")));
    }

    [Fact]
    public void Manifest_ExportsAndMetadata_AreTheRepositoryManifests()
    {
        var source = PowerShellDataFile.Load(RepositoryPaths.Manifest);

        foreach (string key in new[] { "GUID", "CmdletsToExport", "FunctionsToExport", "AliasesToExport", "PowerShellVersion", "CompatiblePSEditions", "Description" })
        {
            Assert.Equal(PowerShellDataFile.Strings(source, key), List(key));
        }
    }

    [Fact]
    public void Manifest_HasNoPrereleaseForAReleaseVersion()
    {
        var psData = (Dictionary<string, object?>)((Dictionary<string, object?>)manifest["PrivateData"]!)["PSData"]!;

        Assert.False(psData.ContainsKey("Prerelease"));
        Assert.StartsWith("https://", (string)psData["LicenseUri"]!, StringComparison.Ordinal);
    }

    [Fact]
    public void RewriteManifest_PrereleaseVersion_StampsModuleVersionAndPrerelease()
    {
        var (version, pre) = ModulePackager.SplitVersion("0.2.0-beta.1");
        string text = ModulePackager.RewriteManifest(File.ReadAllText(RepositoryPaths.Manifest), version, pre, ["ZosTelemetry.psd1"]);

        var rewritten = PowerShellDataFile.Parse(text);
        var psData = (Dictionary<string, object?>)((Dictionary<string, object?>)rewritten["PrivateData"]!)["PSData"]!;
        Assert.Equal(("0.2.0", "beta1"), ((string)rewritten["ModuleVersion"]!, (string)psData["Prerelease"]!));
    }

    [Fact]
    public void Layout_Again_ReplacesThePreviousLayout()
    {
        File.WriteAllText(Path.Combine(layout.Directory, "stale.txt"), "left over");

        var again = ModulePackager.Layout(RepositoryPaths.Root, RepositoryPaths.Version, outRoot);

        Assert.False(File.Exists(Path.Combine(again.Directory, "stale.txt")));
    }

    [Fact]
    public void Layout_WithPrecompiledImages_ShipsOneCorePerPlatformAndRuntime_InTheFileList()
    {
        string images = Directory.CreateTempSubdirectory("zos-images-").FullName;
        try
        {
            var platforms = new[] { "linux-x64", "win-arm64" };
            var runtimes = new[] { "net8.0", "net10.0" };
            foreach (string platform in platforms)
            {
                foreach (string runtime in runtimes)
                {
                    Directory.CreateDirectory(Path.Combine(images, platform, runtime));
                    File.WriteAllText(Path.Combine(images, platform, runtime, "ZosTelemetry.Core.dll"), platform + runtime);
                }
            }

            var packaged = ModulePackager.Layout(RepositoryPaths.Root, RepositoryPaths.Version, outRoot, new PrecompiledImages(images, platforms, runtimes));

            string[] expected = ["precompiled/linux-x64/net10.0/ZosTelemetry.Core.dll", "precompiled/linux-x64/net8.0/ZosTelemetry.Core.dll", "precompiled/win-arm64/net10.0/ZosTelemetry.Core.dll", "precompiled/win-arm64/net8.0/ZosTelemetry.Core.dll"];
            Assert.Equal(expected, packaged.Files.Where(f => f.StartsWith("precompiled/", StringComparison.Ordinal)));
            Assert.Equal("win-arm64net8.0", File.ReadAllText(Path.Combine(packaged.Directory, "precompiled", "win-arm64", "net8.0", "ZosTelemetry.Core.dll")));
            var fileList = PowerShellDataFile.Strings(PowerShellDataFile.Load(packaged.Manifest), "FileList");
            Assert.Empty(expected.Except(fileList));
        }
        finally
        {
            Directory.Delete(images, recursive: true);
        }
    }

    [Fact]
    public void Layout_MissingAPrecompiledImage_FailsAndNamesIt()
    {
        string images = Directory.CreateTempSubdirectory("zos-images-").FullName;
        try
        {
            Directory.CreateDirectory(Path.Combine(images, "linux-x64", "net8.0"));
            File.WriteAllText(Path.Combine(images, "linux-x64", "net8.0", "ZosTelemetry.Core.dll"), "image");

            var ex = Assert.Throws<FileNotFoundException>(() => ModulePackager.Layout(RepositoryPaths.Root, RepositoryPaths.Version, outRoot, new PrecompiledImages(images, ["linux-x64"], ["net8.0", "net10.0"])));

            Assert.Contains("precompiled/linux-x64/net10.0/ZosTelemetry.Core.dll", ex.Message, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(images, recursive: true);
        }
    }

    private List<string> FilesOnDisk() =>
        Directory.GetFiles(layout.Directory, "*", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(layout.Directory, f).Replace('\\', '/'))
            .ToList();
}
