// What a store operation tells whoever runs it: what it did (files read, rows written, waits for the lock) and how
// far a long operation has come. The core calls it on the calling thread only, never from a worker, so a PowerShell
// cmdlet can implement it with WriteVerbose and WriteProgress; the core never sees the cmdlet.
namespace ZosTelemetry.Store;

public interface IStoreObserver
{
    /// <summary>One line about what was done, such as a file read or rows written.</summary>
    void Verbose(string message);

    /// <summary>How far an activity has come: done of total steps; done == total ends it.</summary>
    void Progress(string activity, long done, long total);
}
