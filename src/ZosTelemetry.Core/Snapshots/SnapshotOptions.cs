// What a snapshot is of: the system, the (hashed) user it is scoped to, the label that means "rejected", and the
// caller's name for its feature schema.
namespace ZosTelemetry.Snapshots;

public sealed record SnapshotOptions
{
    public string System { get; init; } = "";

    /// <summary>A hash from UserIdentity.Hash, never a name; null for a global snapshot.</summary>
    public string? User { get; init; }

    public string RejectLabel { get; init; } = SnapshotRules.DefaultRejectLabel;

    public string? SchemaVersion { get; init; }
}
