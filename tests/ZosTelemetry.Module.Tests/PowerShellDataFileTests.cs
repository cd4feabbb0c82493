// The strict data-file reader: what Import-PowerShellDataFile accepts as data is read, anything that would run
// code is refused with the line, so a packaged manifest that passes here loads as data.
using ZosTelemetry.Build.Packaging;

namespace ZosTelemetry.Module.Tests;

public sealed class PowerShellDataFileTests
{
    [Fact]
    public void Parse_RepositoryManifest_ReadsItsKeys()
    {
        var manifest = PowerShellDataFile.Load(RepositoryPaths.Manifest);

        Assert.Equal("module/bin/ZosTelemetry.PowerShell.dll", manifest["RootModule"]);
        Assert.Contains("Add-TelemetryEvent", PowerShellDataFile.Strings(manifest, "CmdletsToExport"));
        Assert.Empty(PowerShellDataFile.Strings(manifest, "FunctionsToExport"));
    }

    [Fact]
    public void Parse_DataShapes_ReadsEach()
    {
        var t = PowerShellDataFile.Parse("""
            # comment
            <# block
               comment #>
            @{
                S = 'it''s'; D = "plain `"quoted`""
                N = 42
                F = 1.5
                B = $true
                Z = $null
                L = 'a', 'b'
                A = @(
                    'x'   # trailing comment
                    'y', 'z'
                )
                H = @{ Inner = @() }
                Here = @'
            line one
            line two
            '@
            }
            """);

        Assert.Equal(("it's", "plain \"quoted\"", 42L, 1.5, true), ((string)t["S"]!, (string)t["D"]!, (long)t["N"]!, (double)t["F"]!, (bool)t["B"]!));
        Assert.Null(t["Z"]);
        Assert.Equal(["a", "b"], PowerShellDataFile.Strings(t, "L"));
        Assert.Equal(["x", "y", "z"], PowerShellDataFile.Strings(t, "A"));
        Assert.Empty((List<object?>)((Dictionary<string, object?>)t["H"]!)["Inner"]!);
        Assert.Equal("line one\nline two", t["Here"]);
    }

    [Theory]
    [InlineData("@{ A = (Get-Date) }", "not data")]
    [InlineData("@{ A = Get-Date }", "not data")]
    [InlineData("@{ A = $env:USERNAME }", "variables are code")]
    [InlineData("@{ A = \"x$(whoami)\" }", "use single quotes")]
    [InlineData("@{ A = { 1 } }", "not data")]
    [InlineData("@{ A = [datetime]::Now }", "not data")]
    [InlineData("@{ A = 1 }; Remove-Item x", "nothing may follow")]
    [InlineData("Invoke-Expression 'x'", "one hashtable literal")]
    [InlineData("@{ A = 1\n  A = 2 }", "appears twice")]
    public void Parse_Code_IsRefusedWithTheReason(string text, string reason)
    {
        var ex = Assert.Throws<PowerShellDataFileException>(() => PowerShellDataFile.Parse(text));

        Assert.Contains(reason, ex.Message, StringComparison.Ordinal);
        Assert.StartsWith("line ", ex.Message, StringComparison.Ordinal);
    }
}
