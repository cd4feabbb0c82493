// The manifest is the module's contract with PowerShell: what it exports, where it loads from, what it runs on.
using System.Xml.Linq;

namespace ZosTelemetry.Module.Tests;

public sealed class ModuleManifestTests
{
    private static readonly string[] ExportKeys = ["CmdletsToExport", "FunctionsToExport", "AliasesToExport", "VariablesToExport"];

    private readonly ModuleManifest manifest = ModuleManifest.Load(RepositoryPaths.Manifest);

    [Fact]
    public void CmdletsToExport_ComparedWithAssembly_ListsEveryCmdlet()
    {
        var inAssembly = CmdletMetadata.ReadAll(RepositoryPaths.ModuleAssembly).Select(c => c.Name);

        Assert.Empty(inAssembly.Except(manifest.List("CmdletsToExport"), StringComparer.OrdinalIgnoreCase));
    }

    [Fact]
    public void CmdletsToExport_ComparedWithAssembly_ListsNoOtherName()
    {
        var inAssembly = CmdletMetadata.ReadAll(RepositoryPaths.ModuleAssembly).Select(c => c.Name);

        Assert.Empty(manifest.List("CmdletsToExport").Except(inAssembly, StringComparer.OrdinalIgnoreCase));
    }

    [Fact]
    public void CmdletsToExport_ListsEachNameOnce()
    {
        var names = manifest.List("CmdletsToExport");

        Assert.Equal(names.Count, names.Distinct(StringComparer.OrdinalIgnoreCase).Count());
    }

    [Fact]
    public void ExportKeys_AllPresent_BecauseAMissingKeyExportsEverything()
    {
        Assert.All(ExportKeys, key => Assert.True(manifest.Has(key), $"{key} is missing"));
    }

    [Fact]
    public void ExportKeys_HaveNoWildcards()
    {
        Assert.All(ExportKeys, key => Assert.DoesNotContain('*', manifest.Raw(key)));
    }

    [Fact]
    public void FunctionsAliasesVariables_AreExportedAsEmptyLists()
    {
        Assert.All(ExportKeys.Skip(1), key => Assert.Empty(manifest.List(key)));
    }

    [Fact]
    public void PowerShellVersion_Is74()
    {
        Assert.Equal("7.4", manifest.String("PowerShellVersion"));
    }

    [Fact]
    public void CompatiblePSEditions_IsCoreOnly()
    {
        Assert.Equal(["Core"], manifest.List("CompatiblePSEditions"));
    }

    [Fact]
    public void RootModule_AfterBuild_Exists()
    {
        Assert.Equal("module/bin/ZosTelemetry.PowerShell.dll", manifest.String("RootModule"));
        Assert.True(File.Exists(RepositoryPaths.FromManifest(manifest.String("RootModule"))), "the root module is not built");
    }

    [Fact]
    public void NestedModules_AreTheLoaderAlone_AfterBuild_Built()
    {
        // Imported before the root module, so that it can load a precompiled Core before the cmdlets ask for Core.
        Assert.Equal(["module/bin/ZosTelemetry.Loader.dll"], manifest.List("NestedModules"));
        Assert.True(File.Exists(RepositoryPaths.FromManifest(manifest.List("NestedModules")[0])), "the loader is not built");
    }

    [Fact]
    public void RequiredAssemblies_AreNone_SoThatNothingLoadsCoreBeforeTheLoader()
    {
        // PowerShell loads RequiredAssemblies before it imports NestedModules: naming Core there would always load its IL.
        Assert.False(manifest.Has("RequiredAssemblies"));
        Assert.True(File.Exists(RepositoryPaths.CoreAssembly), "Core is not built beside the root module");
    }

    [Fact]
    public void FormatsToProcess_FilesExist()
    {
        Assert.NotEmpty(manifest.List("FormatsToProcess"));
        Assert.All(manifest.List("FormatsToProcess"), path => Assert.True(File.Exists(RepositoryPaths.FromManifest(path)), path));
    }

    [Fact]
    public void Guid_IsAValidGuid()
    {
        Assert.True(Guid.TryParse(manifest.String("GUID"), out var guid) && guid != Guid.Empty);
    }

    [Fact]
    public void ModuleVersion_EqualsTheVersionInDirectoryBuildProps()
    {
        var props = XDocument.Load(Path.Combine(RepositoryPaths.Root, "Directory.Build.props"));
        string version = props.Descendants("Version").Single().Value;

        Assert.Equal(version, manifest.String("ModuleVersion"));
    }

    [Fact]
    public void PSData_NamesProjectAndLicenseOnTheSameRepository()
    {
        string project = manifest.String("ProjectUri");

        Assert.StartsWith("https://", project, StringComparison.Ordinal);
        Assert.StartsWith(project + "/", manifest.String("LicenseUri"), StringComparison.Ordinal);
        Assert.NotEmpty(manifest.List("Tags"));
    }

    [Theory]
    [InlineData("Author")]
    [InlineData("CompanyName")]
    [InlineData("Copyright")]
    [InlineData("Description")]
    public void DescriptiveKey_IsFilledIn(string key)
    {
        Assert.False(string.IsNullOrWhiteSpace(manifest.String(key)));
    }
}
