// otlp-cursor.json in the store: which sessions an OTLP export has sent, at which close (ts_closed), and when the
// last accepted request was sent (the start of the next request's delta interval). Each accepted request appends one
// line to otlp-cursor.log (its sessions and time, flushed to disk before the next request), and an export folds that
// journal into otlp-cursor.json (written atomically: a temporary file renamed over it, 0600) when it starts and when
// it ends. Rewriting the whole cursor after every request made a first export quadratic in the sessions: 400 requests
// of 500 sessions rewrote up to 8 MB each (200k sessions: 18-21 s of CPU against 6 s now; docs/otlp.md). A kill or a refused
// request never marks a session sent that the receiver did not accept; a kill while a line is written loses only that
// line (its sessions go again). It records what the receiver holds, so a reset of the store leaves it.
using System.Globalization;
using System.Text.Json;
using ZosTelemetry.Store;

namespace ZosTelemetry.Otlp;

public sealed class OtlpCursor
{
    public const string FileName = "otlp-cursor.json";
    public const string JournalName = "otlp-cursor.log";
    private const UnixFileMode Private = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private const int Version = 1;

    private readonly Dictionary<string, DateTimeOffset> sent = new(StringComparer.Ordinal);

    /// <summary>The end of the last accepted request's interval, in Unix nanoseconds; 0 before the first.</summary>
    public ulong LastSentUnixNano { get; private set; }

    public int Count => sent.Count;

    /// <summary>The close (ts_closed) at which the session was sent, if it was.</summary>
    public DateTimeOffset? SentAt(string sessionId) => sent.TryGetValue(sessionId, out var closed) ? closed : null;

    /// <summary>Reads the store's cursor; an empty one when there is none. A damaged file stops the export rather than sending everything again.</summary>
    public static OtlpCursor Load(string root)
    {
        string path = Path.Combine(root, FileName);
        var cursor = new OtlpCursor();
        if (ReadIfExists(path) is not byte[] bytes)
        {
            cursor.ReplayJournal(root); // a first export killed before it could fold its journal in
            return cursor;
        }

        try
        {
            using var doc = JsonDocument.Parse(bytes);
            var top = doc.RootElement;
            if (top.GetProperty("version").GetInt32() != Version)
            {
                throw new FormatException("unknown version");
            }

            cursor.ReadSent(top);
        }
        catch (Exception ex) when (ex is JsonException or FormatException or InvalidOperationException or KeyNotFoundException)
        {
            throw Damaged(path, ex);
        }

        cursor.ReplayJournal(root);
        return cursor;
    }

    private static byte[]? ReadIfExists(string path)
    {
        try
        {
            return File.ReadAllBytes(path);
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            return null;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new StoreException($"Cannot read the OTLP cursor {path}: {ex.Message}", ex);
        }
    }

    private static StoreException Damaged(string path, Exception ex) =>
        new($"The OTLP cursor {path} is damaged ({ex.Message}); nothing was sent. Move it aside to send every session again.", ex);

    private void ReadSent(JsonElement top)
    {
        LastSentUnixNano = top.GetProperty("last_sent_unix_nano").GetUInt64();
        foreach (var p in top.GetProperty("sessions").EnumerateObject())
        {
            sent[p.Name] = DateTimeOffset.Parse(p.Value.GetString() ?? "", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);
        }
    }

    // Every complete line of the journal, in order; a last line without its newline is a write a kill cut short.
    private void ReplayJournal(string root)
    {
        string path = Path.Combine(root, JournalName);
        if (ReadIfExists(path) is not byte[] bytes)
        {
            return;
        }

        var rest = bytes.AsSpan();
        for (int end = rest.IndexOf((byte)'\n'); end >= 0; end = rest.IndexOf((byte)'\n'))
        {
            try
            {
                using var doc = JsonDocument.Parse(bytes.AsMemory(bytes.Length - rest.Length, end));
                ReadSent(doc.RootElement);
            }
            catch (Exception ex) when (ex is JsonException or FormatException or InvalidOperationException or KeyNotFoundException)
            {
                throw Damaged(path, ex);
            }

            rest = rest[(end + 1)..];
        }

        HasJournal = true;
    }

    /// <summary>Whether the store has a journal that Compact has not folded into the cursor file yet.</summary>
    public bool HasJournal { get; private set; }

    /// <summary>
    /// Marks sessions as sent at their close and moves the interval's end, and appends them to the journal (flushed to
    /// disk) before returning: call it once the receiver has accepted them.
    /// </summary>
    public void MarkSent(string root, IReadOnlyCollection<Sessions.SessionSummary> sessions, ulong timeUnixNano)
    {
        var line = new System.Buffers.ArrayBufferWriter<byte>();
        using (var json = new Utf8JsonWriter(line))
        {
            WriteSent(json, sessions.Select(s => (s.SessionId, s.ClosedAt)), timeUnixNano);
        }

        System.Buffers.BuffersExtensions.Write(line, "\n"u8);
        string path = Path.Combine(root, JournalName);
        var options = new FileStreamOptions { Mode = FileMode.Append, Access = FileAccess.Write, Share = FileShare.Read };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = Private;
        }

        try
        {
            using var stream = new FileStream(path, options);
            stream.Write(line.WrittenSpan);
            stream.Flush(flushToDisk: true);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new StoreException($"Cannot write the OTLP cursor {path}: {ex.Message}", ex);
        }

        foreach (var s in sessions)
        {
            sent[s.SessionId] = s.ClosedAt;
        }

        LastSentUnixNano = timeUnixNano;
        HasJournal = true;
    }

    /// <summary>Folds the journal into the cursor file (written atomically), then deletes the journal.</summary>
    public void Compact(string root)
    {
        if (!HasJournal)
        {
            return;
        }

        AtomicFile.Write(Path.Combine(root, FileName), stream =>
        {
            using var json = new Utf8JsonWriter(stream);
            WriteSent(json, sent.Select(p => (p.Key, p.Value)), LastSentUnixNano, Version);
        }, Private);

        // A kill here leaves a journal whose lines the cursor file already holds; replaying them changes nothing.
        File.Delete(Path.Combine(root, JournalName));
        HasJournal = false;
    }

    private static void WriteSent(Utf8JsonWriter json, IEnumerable<(string Id, DateTimeOffset Closed)> sessions, ulong lastSent, int? version = null)
    {
        json.WriteStartObject();
        if (version is int v)
        {
            json.WriteNumber("version", v);
        }

        json.WriteNumber("last_sent_unix_nano", lastSent);
        json.WriteStartObject("sessions");
        foreach (var (id, closed) in sessions)
        {
            json.WriteString(id, Iso8601.Format(closed));
        }

        json.WriteEndObject();
        json.WriteEndObject();
    }
}
