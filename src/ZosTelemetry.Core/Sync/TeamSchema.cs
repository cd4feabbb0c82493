// What sync --init (Sync-TelemetryStore -Init) leaves: the database, named without its password, and its schema version.
namespace ZosTelemetry.Sync;

public sealed class TeamSchema
{
    public required string Database { get; init; }

    public required int SchemaVersion { get; init; }
}
