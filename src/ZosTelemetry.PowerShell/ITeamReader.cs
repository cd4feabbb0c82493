// A reading cmdlet that can read a team database (-Database) instead of a local store: TelemetryCommandBase.OpenStore
// then hands it the database's rows as a store, and every report runs unchanged over them.
namespace ZosTelemetry.PowerShell;

internal interface ITeamReader
{
    /// <summary>A postgres:// URI or keyword connection string; null for the local store.</summary>
    string? Database { get; }
}
