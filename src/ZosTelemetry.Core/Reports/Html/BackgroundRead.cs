// A read of the store on another core while the report's thread does other work: the HTML report reads the daily facts
// this way while it decodes the session summaries. What the read would tell the user (warnings, verbose lines,
// progress) is kept and passed on, in order, when the result is taken, on the taking thread: a host such as
// PowerShell lets a cmdlet write only from its own thread.
using ZosTelemetry.Store;

namespace ZosTelemetry.Reports.Html;

internal sealed class BackgroundRead<T> : IStoreObserver
{
    private readonly TelemetryStore store;
    private readonly List<Action<TelemetryStore>> told = new();
    private readonly Task<T> task;
    private bool passedOn;

    public BackgroundRead(TelemetryStore store, Func<TelemetryStore, T> read)
    {
        this.store = store;
        var quiet = store.WithListeners(w => Tell(s => s.Warn(w)), this);
        task = Task.Run(() => read(quiet));
    }

    /// <summary>The read's result (its exception, as thrown), after what it told is passed on to the store's listeners.</summary>
    public T Result
    {
        get
        {
            try
            {
                return task.GetAwaiter().GetResult();
            }
            finally
            {
                PassOn();
            }
        }
    }

    /// <summary>Waits for a read that nobody took (a page without the sections that need it), so no write outlives the report.</summary>
    public void Finish()
    {
        if (!passedOn)
        {
            ((IAsyncResult)task).AsyncWaitHandle.WaitOne();
            PassOn();
        }
    }

    void IStoreObserver.Verbose(string message) => Tell(s => s.Observer?.Verbose(message));

    void IStoreObserver.Progress(string activity, long done, long total) => Tell(s => s.Observer?.Progress(activity, done, total));

    private void Tell(Action<TelemetryStore> message)
    {
        lock (told)
        {
            told.Add(message);
        }
    }

    private void PassOn()
    {
        if (passedOn)
        {
            return;
        }

        passedOn = true;
        lock (told)
        {
            foreach (var message in told)
            {
                message(store);
            }
        }
    }
}
