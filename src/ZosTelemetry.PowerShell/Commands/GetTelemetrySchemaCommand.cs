// Get-TelemetrySchema: the contract registry shipped in the core (schemas/index.json): event families with their
// kinds, sensitivity and transmission classes (default), the marker vocabularies (-MarkerFamily), the class of every
// file under a store root (-StoreFile), or one row type's JSON Schema as text (-RowType). Reads no store.
using System.Management.Automation;
using ZosTelemetry.Contracts;

namespace ZosTelemetry.PowerShell.Commands;

[Cmdlet(VerbsCommon.Get, "TelemetrySchema", DefaultParameterSetName = FamilySet, HelpUri = HelpLinks.Root + "Get-TelemetrySchema.md")]
[OutputType(typeof(TelemetryFamily), ParameterSetName = [FamilySet])]
[OutputType(typeof(MarkerFamily), ParameterSetName = [MarkerSet])]
[OutputType(typeof(StoreFileClass), ParameterSetName = [StoreFileSet])]
[OutputType(typeof(string), ParameterSetName = [JsonSchemaSet])]
public sealed class GetTelemetrySchemaCommand : TelemetryCommandBase
{
    private const string FamilySet = "Family";
    private const string MarkerSet = "MarkerFamily";
    private const string StoreFileSet = "StoreFile";
    private const string JsonSchemaSet = "JsonSchema";

    /// <summary>Family names to show; wildcards allowed.</summary>
    [Parameter(Position = 0, ParameterSetName = FamilySet)]
    [SupportsWildcards]
    public string[] Name { get; set; } = ["*"];

    [Parameter(Mandatory = true, ParameterSetName = MarkerSet)]
    public SwitchParameter MarkerFamily { get; set; }

    [Parameter(Mandatory = true, ParameterSetName = StoreFileSet)]
    public SwitchParameter StoreFile { get; set; }

    [Parameter(Mandatory = true, ParameterSetName = JsonSchemaSet)]
    [ValidateSet(RowTypes.Event, RowTypes.SessionSummary, RowTypes.QualitySnapshot)]
    public string RowType { get; set; } = "";

    protected override void EndProcessing()
    {
        var registry = ContractRegistry.Embedded;
        switch (ParameterSetName)
        {
            case MarkerSet:
                WriteObject(registry.MarkerFamilies, enumerateCollection: true);
                break;
            case StoreFileSet:
                WriteObject(registry.StoreFiles, enumerateCollection: true);
                break;
            case JsonSchemaSet:
                WriteObject(ContractText.SchemaOf(registry, RowType));
                break;
            default:
                var patterns = Name.Select(n => new WildcardPattern(n, WildcardOptions.IgnoreCase)).ToArray();
                WriteObject(registry.Families.Where(f => patterns.Any(p => p.IsMatch(f.Name))), enumerateCollection: true);
                break;
        }
    }
}
