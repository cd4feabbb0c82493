// A reader's view of a team database: its rows laid out as month files in a private temporary store, read by the same
// code as a local store, so every report over a database gives the bytes it gives over the same rows locally. The
// directory goes when the view is disposed.
using ZosTelemetry.Store;

namespace ZosTelemetry.Sync;

public sealed class TeamReadStore : IDisposable
{
    private TeamReadStore(string root)
    {
        Root = root;
    }

    public string Root { get; }

    /// <summary>
    /// Why a user filter cannot apply to a team database: users are stored as hashes keyed by each machine's own
    /// user.key, which never leaves the machine, so no key can hash a name to match every machine's rows.
    /// </summary>
    public const string UserFilterRefused =
        "a user filter cannot read a team database: each machine stores its users as hashes keyed by its own user.key, which is never synced, " +
        "so no name can be matched across machines. Filter a local store (--root, -Root) instead.";

    public static TeamReadStore Download(ITeamDatabase database, IStoreObserver? observer = null)
    {
        string root = Path.Combine(Path.GetTempPath(), "zos-team-" + Guid.NewGuid().ToString("N"));
        PrivateFiles.CreateDirectory(root);
        try
        {
            observer?.Verbose($"Reading the rows of {database.Display} (schema version {database.CheckSchema()}).");
            database.Download(root);
            return new TeamReadStore(root);
        }
        catch
        {
            TryDelete(root);
            throw;
        }
    }

    public void Dispose() => TryDelete(Root);

    private static void TryDelete(string root)
    {
        try
        {
            Directory.Delete(root, recursive: true);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // A temporary copy of rows the reader may read anyway; the system's temp cleaning takes what is left.
        }
    }
}
