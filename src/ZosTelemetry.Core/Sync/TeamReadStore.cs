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
