// Every cmdlet follows the house rules PowerShell users rely on: an approved verb, a declared output type, a sealed
// class named <Verb><Noun>Command under Commands/, and -Root from the shared base class.
namespace ZosTelemetry.Module.Tests;

public sealed class CmdletConformanceTests
{
    private const string CommandsNamespace = "ZosTelemetry.PowerShell.Commands";

    // The output of `Get-Verb` in PowerShell 7.4 (100 verbs; System.Management.Automation.Verbs* classes).
    private static readonly HashSet<string> ApprovedVerbs = new(StringComparer.Ordinal)
    {
        // Common
        "Add", "Clear", "Close", "Copy", "Enter", "Exit", "Find", "Format", "Get", "Hide", "Join", "Lock", "Move", "New",
        "Open", "Optimize", "Pop", "Push", "Redo", "Remove", "Rename", "Reset", "Resize", "Search", "Select", "Set",
        "Show", "Skip", "Split", "Step", "Switch", "Undo", "Unlock", "Watch",

        // Communications
        "Connect", "Disconnect", "Read", "Receive", "Send", "Write",

        // Data
        "Backup", "Checkpoint", "Compare", "Compress", "Convert", "ConvertFrom", "ConvertTo", "Dismount", "Edit",
        "Expand", "Export", "Group", "Import", "Initialize", "Limit", "Merge", "Mount", "Out", "Publish", "Restore",
        "Save", "Sync", "Unpublish", "Update",

        // Diagnostic
        "Debug", "Measure", "Ping", "Repair", "Resolve", "Test", "Trace",

        // Lifecycle
        "Approve", "Assert", "Build", "Complete", "Confirm", "Deny", "Deploy", "Disable", "Enable", "Install", "Invoke",
        "Register", "Request", "Restart", "Resume", "Start", "Stop", "Submit", "Suspend", "Uninstall", "Unregister", "Wait",

        // Security
        "Block", "Grant", "Protect", "Revoke", "Unblock", "Unprotect",

        // Other
        "Use",
    };

    private readonly IReadOnlyList<CmdletMetadata> cmdlets = CmdletMetadata.ReadAll(RepositoryPaths.ModuleAssembly);

    [Fact]
    public void ApprovedVerbs_ListIsComplete()
    {
        Assert.Equal(100, ApprovedVerbs.Count);
    }

    [Fact]
    public void Assembly_DefinesCmdlets()
    {
        Assert.NotEmpty(cmdlets);
    }

    [Fact]
    public void Verbs_AreApproved()
    {
        Assert.DoesNotContain(cmdlets, c => !ApprovedVerbs.Contains(c.Verb));
    }

    [Fact]
    public void Nouns_StartWithTelemetry()
    {
        Assert.DoesNotContain(cmdlets, c => !c.Noun.StartsWith("Telemetry", StringComparison.Ordinal));
    }

    [Fact]
    public void Cmdlets_DeclareOutputType()
    {
        Assert.DoesNotContain(cmdlets, c => c.OutputTypes.Count == 0);
    }

    [Fact]
    public void OutputTypes_OfCompareTelemetrySystem_AreTheReportAndItsMarkdown()
    {
        var compare = Assert.Single(cmdlets, c => c.Name == "Compare-TelemetrySystem");

        Assert.Equal(["System.String", "ZosTelemetry.Comparison.ComparisonReport"], compare.OutputTypes.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void CmdletClasses_AreSealed()
    {
        Assert.DoesNotContain(cmdlets, c => !c.IsSealed);
    }

    [Fact]
    public void CmdletClasses_LiveInTheCommandsNamespace()
    {
        Assert.DoesNotContain(cmdlets, c => c.Namespace != CommandsNamespace);
    }

    [Fact]
    public void CmdletClasses_AreNamedVerbNounCommand()
    {
        Assert.DoesNotContain(cmdlets, c => c.ClassName != c.Verb + c.Noun + "Command");
    }

    [Fact]
    public void CmdletClasses_HaveASourceFileOfTheirName()
    {
        string commands = Path.Combine(RepositoryPaths.Root, "src", "ZosTelemetry.PowerShell", "Commands");

        Assert.DoesNotContain(cmdlets, c => !File.Exists(Path.Combine(commands, c.ClassName + ".cs")));
    }

    [Fact]
    public void Cmdlets_DeriveFromTelemetryCommandBaseAndPSCmdlet()
    {
        // Directly, or through UsageCommandBase, the one base the three usage cmdlets share.
        Assert.All(cmdlets, c => Assert.Equal(
            ["ZosTelemetry.PowerShell.TelemetryCommandBase", "System.Management.Automation.PSCmdlet"],
            c.BaseTypes.Where(t => t != "ZosTelemetry.PowerShell.UsageCommandBase")));
    }

    [Fact]
    public void Cmdlets_TakeRootParameter()
    {
        Assert.DoesNotContain(cmdlets, c => !c.Parameters.Contains("Root"));
    }
}
