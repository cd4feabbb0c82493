// Loads the team-store driver (ZosTelemetry.Postgres and Npgsql, shipped in the module's db/ folder) into an
// AssemblyLoadContext of its own, the first time a cmdlet is given -Database, as PowerShell's guidance on resolving
// assembly conflicts describes: another module's Npgsql or Microsoft.Extensions.* in the default context never meets
// ours, and a session that never names a database never loads any of them. ZosTelemetry.Core alone is shared with the
// default context, so the driver's ITeamDatabase is the very type the cmdlets know.
using System.Reflection;
using System.Runtime.Loader;
using ZosTelemetry.Store;
using ZosTelemetry.Sync;

namespace ZosTelemetry.PowerShell;

internal static class TeamDatabaseLoader
{
    public const string Folder = "db";
    private const string DriverAssembly = "ZosTelemetry.Postgres";
    private const string DriverType = "ZosTelemetry.Postgres.PostgresTeamDatabase";

    private static readonly Lazy<TeamLoadContext> Context = new(() => new TeamLoadContext(DriverFolder));

    /// <summary>module/bin/db beside ZosTelemetry.PowerShell.dll (flat in the package: db/ beside the manifest).</summary>
    public static string DriverFolder => Path.Combine(Path.GetDirectoryName(typeof(TeamDatabaseLoader).Assembly.Location)!, Folder);

    /// <summary>The context the driver lives in, once loaded; null before any -Database (what the tests look at).</summary>
    public static AssemblyLoadContext? LoadedContext => Context.IsValueCreated ? Context.Value : null;

    public static ITeamDatabase Open(string connection)
    {
        string driver = Path.Combine(DriverFolder, DriverAssembly + ".dll");
        if (!File.Exists(driver))
        {
            throw new StoreException($"The team-store driver is missing: {driver} does not exist (reinstall the module, or build it with dotnet build).");
        }

        var type = Context.Value.LoadFromAssemblyName(new AssemblyName(DriverAssembly)).GetType(DriverType, throwOnError: true)!;
        try
        {
            return (ITeamDatabase)Activator.CreateInstance(type, connection)!;
        }
        catch (TargetInvocationException ex) when (ex.InnerException is not null)
        {
            // The driver's own exception (a refused connection text): never wrapped, so the cmdlet maps it as any other.
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(ex.InnerException);
            throw;
        }
    }

    private sealed class TeamLoadContext(string folder) : AssemblyLoadContext("ZosTelemetry.TeamStore")
    {
        protected override Assembly? Load(AssemblyName name)
        {
            if (name.Name == typeof(TelemetryStore).Assembly.GetName().Name)
            {
                return null; // the default context's ZosTelemetry.Core
            }

            // The framework's own assemblies (System.Diagnostics.DiagnosticSource, say) come from the runtime when it has
            // the version asked for or newer; only an older runtime gets the copy in db/.
            if (name.Name?.StartsWith("System.", StringComparison.Ordinal) == true)
            {
                try
                {
                    return Default.LoadFromAssemblyName(name);
                }
                catch (FileNotFoundException)
                {
                }
                catch (FileLoadException)
                {
                }
            }

            string path = Path.Combine(folder, name.Name + ".dll");
            return File.Exists(path) ? LoadFromAssemblyPath(path) : null;
        }
    }
}
