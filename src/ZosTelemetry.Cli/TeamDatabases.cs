// The CLI's door to the team database. A class of its own, so that ZosTelemetry.Postgres and Npgsql are loaded only
// by a command that names a database: every other command (an append above all) never compiles a method that names them.
using System.Runtime.CompilerServices;
using ZosTelemetry.Postgres;
using ZosTelemetry.Sync;

namespace ZosTelemetry.Cli;

internal static class TeamDatabases
{
    public const string EnvironmentVariable = "ZOS_DATABASE";

    /// <summary>--database's value, else $ZOS_DATABASE; a usage error when neither is given.</summary>
    public static string Resolve(string? option) =>
        !string.IsNullOrWhiteSpace(option) ? option
        : Environment.GetEnvironmentVariable(EnvironmentVariable) is string env && env.Trim().Length > 0 ? env
        : throw new UsageException($"no database given: pass --database CONN or set ${EnvironmentVariable}.");

    [MethodImpl(MethodImplOptions.NoInlining)]
    public static ITeamDatabase Open(string connection) => new PostgresTeamDatabase(connection);
}
