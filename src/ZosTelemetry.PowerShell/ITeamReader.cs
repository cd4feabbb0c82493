// A reading cmdlet that can read a team database (-Database) instead of a local store: TelemetryCommandBase's
// OpenTeamDatabase then gives it the database, which the core queries for the same output as over a local store.
namespace ZosTelemetry.PowerShell;

internal interface ITeamReader
{
    /// <summary>A postgres:// URI or keyword connection string; null for the local store.</summary>
    string? Database { get; }
}
