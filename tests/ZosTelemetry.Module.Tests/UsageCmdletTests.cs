// The usage-accounting cmdlets (issue 3): the ones that delete ask first, every object they emit has a view, and the
// views call core renderers that exist. Read as metadata, like the other module tests: pwsh is not on every build.
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using System.Xml.Linq;

namespace ZosTelemetry.Module.Tests;

public sealed class UsageCmdletTests
{
    private const int ConfirmImpactHigh = 3; // System.Management.Automation.ConfirmImpact.High

    private readonly XDocument format = XDocument.Load(RepositoryPaths.FormatFile);

    /// <summary>The named arguments of a cmdlet class's [Cmdlet] attribute (SupportsShouldProcess, ConfirmImpact, ...).</summary>
    private static Dictionary<string, object?> CmdletNamedArguments(string className)
    {
        using var stream = File.OpenRead(RepositoryPaths.ModuleAssembly);
        using var pe = new PEReader(stream);
        var reader = pe.GetMetadataReader();
        var type = reader.TypeDefinitions.Select(reader.GetTypeDefinition).Single(t => reader.GetString(t.Name) == className);
        foreach (var handle in type.GetCustomAttributes())
        {
            var attribute = reader.GetCustomAttribute(handle);
            var ctor = reader.GetMemberReference((MemberReferenceHandle)attribute.Constructor);
            if (TypeNameProvider.NameOf(reader, ctor.Parent) == "System.Management.Automation.CmdletAttribute")
            {
                return attribute.DecodeValue(TypeNameProvider.Instance).NamedArguments.ToDictionary(a => a.Name!, a => a.Value);
            }
        }

        throw new InvalidOperationException($"{className} has no [Cmdlet].");
    }

    /// <summary>The public static methods of a core type, by name.</summary>
    private static HashSet<string> CoreStaticMethods(string ns, string typeName)
    {
        using var stream = File.OpenRead(RepositoryPaths.CoreAssembly);
        using var pe = new PEReader(stream);
        var reader = pe.GetMetadataReader();
        var type = reader.TypeDefinitions.Select(reader.GetTypeDefinition).Single(t => reader.GetString(t.Name) == typeName && reader.GetString(t.Namespace) == ns);
        return type.GetMethods().Select(reader.GetMethodDefinition)
            .Where(m => (m.Attributes & System.Reflection.MethodAttributes.Static) != 0 && (m.Attributes & System.Reflection.MethodAttributes.MemberAccessMask) == System.Reflection.MethodAttributes.Public)
            .Select(m => reader.GetString(m.Name)).ToHashSet(StringComparer.Ordinal);
    }

    private string ViewScript(string typeName) => format.Descendants("View")
        .Single(v => v.Element("ViewSelectedBy")!.Element("TypeName")!.Value.Trim() == typeName)
        .Descendants("ScriptBlock").Single().Value;

    [Theory]
    [InlineData("RemoveTelemetryDataCommand")]
    [InlineData("ClearTelemetryStoreCommand")]
    public void DeletingCmdlets_SupportShouldProcessWithHighImpact(string className)
    {
        var named = CmdletNamedArguments(className);

        Assert.Equal(true, named["SupportsShouldProcess"]);
        Assert.Equal(ConfirmImpactHigh, named["ConfirmImpact"]);
    }

    [Theory]
    [InlineData("ZosTelemetry.Savings.SavingsReport")]
    [InlineData("ZosTelemetry.Savings.UsageMixRow")]
    [InlineData("ZosTelemetry.Comparison.PeriodComparison")]
    [InlineData("ZosTelemetry.Comparison.PeriodMetric")]
    [InlineData("ZosTelemetry.Store.PruneResult")]
    [InlineData("ZosTelemetry.Store.ResetResult")]
    public void UsageTypes_HaveAView(string typeName)
    {
        Assert.Contains(format.Descendants("TypeName"), t => t.Value.Trim() == typeName);
    }

    [Fact]
    public void SavingsReportView_RendersTheTierMixAndTotalsWithTheCoreRenderer()
    {
        Assert.Contains("[ZosTelemetry.Savings.SavingsText]::RenderAtAGlance($_)", ViewScript("ZosTelemetry.Savings.SavingsReport"), StringComparison.Ordinal);
        Assert.Contains("RenderAtAGlance", CoreStaticMethods("ZosTelemetry.Savings", "SavingsText"));
    }

    [Fact]
    public void PeriodComparisonView_RendersWithTheCoreRenderer()
    {
        Assert.Contains("[ZosTelemetry.Comparison.PeriodComparisonText]::Render($_)", ViewScript("ZosTelemetry.Comparison.PeriodComparison"), StringComparison.Ordinal);
        Assert.Contains("Render", CoreStaticMethods("ZosTelemetry.Comparison", "PeriodComparisonText"));
    }

    [Theory]
    [InlineData("Get-TelemetrySavings", "PriceFile")]
    [InlineData("Compare-TelemetryPeriod", "PriceFile")]
    [InlineData("Close-TelemetrySession", "PriceFile")]
    [InlineData("Get-TelemetryDailySummary", "PriceFile")]
    [InlineData("Add-TelemetryEvent", "CacheReadTokens")]
    [InlineData("Add-TelemetryEvent", "User")]
    [InlineData("Add-TelemetryEvent", "UserName")]
    [InlineData("Clear-TelemetryStore", "Force")]
    [InlineData("Remove-TelemetryData", "OlderThan")]
    public void UsageParameters_AreDeclared(string cmdlet, string parameter)
    {
        Assert.Contains(parameter, CmdletMetadata.ReadAll(RepositoryPaths.ModuleAssembly).Single(c => c.Name == cmdlet).Parameters);
    }
}
