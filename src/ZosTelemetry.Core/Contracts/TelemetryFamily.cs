// One event family of the contract registry (schemas/index.json): the kinds it covers, how sensitive its rows are,
// how far they may travel, the schema they follow and the markers they may carry.
namespace ZosTelemetry.Contracts;

public sealed class TelemetryFamily
{
    public string Name { get; init; } = "";
    public string RowType { get; init; } = "";
    public IReadOnlyList<string> Kinds { get; init; } = [];

    /// <summary>The regular expression of the users' own kinds the family covers ("" when it lists its kinds).</summary>
    public string KindPattern { get; init; } = "";
    public string SensitivityClass { get; init; } = "";
    public string TransmissionClass { get; init; } = "";
    public string SchemaRef { get; init; } = "";
    public string SessionIdConvention { get; init; } = "";

    /// <summary>Names of the marker families (MarkerFamily.Name) its rows may carry.</summary>
    public IReadOnlyList<string> Markers { get; init; } = [];
}

/// <summary>A vocabulary of markers: a fixed list (importers), a pattern (users' x. codes) or the detector's own rule.</summary>
public sealed class MarkerFamily
{
    public string Name { get; init; } = "";
    public string Owner { get; init; } = "";
    public IReadOnlyList<string> Markers { get; init; } = [];

    /// <summary>The regular expression a marker of the family matches ("" for a fixed list).</summary>
    public string Pattern { get; init; } = "";

    /// <summary>Where the family is defined when not in the registry itself (the detector's CorrectionMarkers).</summary>
    public string DefinedBy { get; init; } = "";

    /// <summary>At most this many markers of the family on one event (0: no limit beyond the 32 of every event).</summary>
    public int MaxPerEvent { get; init; }
    public string Description { get; init; } = "";
}

/// <summary>A row type the store writes, its files and its JSON Schema.</summary>
public sealed class RowType
{
    public string Name { get; init; } = "";
    public string Files { get; init; } = "";
    public string SchemaRef { get; init; } = "";
}

/// <summary>The sensitivity and transmission class of one kind of file under the store root.</summary>
public sealed class StoreFileClass
{
    public string Pattern { get; init; } = "";
    public string? RowType { get; init; }
    public string SensitivityClass { get; init; } = "";
    public string TransmissionClass { get; init; } = "";
    public string Description { get; init; } = "";
}

/// <summary>The row types of schemas/index.json the code writes (ContractTests keeps the two lists equal).</summary>
public static class RowTypes
{
    public const string Event = "event";
    public const string SessionSummary = "session_summary";
    public const string QualitySnapshot = "quality_snapshot";
    public const string Alert = "alert";
}
