// Where each log file's import stopped, the sessions left open, and how long the store's event files were when this
// was last saved (import-state.json beside the sinks, replaced atomically: written to a temporary file in the same
// directory, then renamed over the old one). Files are keyed by a digest of their path, so the store holds no path.
// A missing or unreadable state is not an error: everything is read again and de-duplicated against the store.
using System.Buffers;
using System.Globalization;
using System.Text.Json;

namespace ZosTelemetry.Import;

public sealed class ImportFileState
{
    public string System { get; set; } = "";

    public long Size { get; set; }

    public long ModifiedTicks { get; set; }

    /// <summary>The next import reads from here.</summary>
    public long Offset { get; set; }

    /// <summary>Digest of the file's first bytes: a different head means the file was rewritten.</summary>
    public string Head { get; set; } = "";

    /// <summary>Digest of the bytes just before Offset: a different tail means what was read has changed.</summary>
    public string Tail { get; set; } = "";

    public CodexCursor? Codex { get; set; }
}

public sealed class OpenSession
{
    public string System { get; set; } = "";

    public DateTimeOffset First { get; set; }

    public DateTimeOffset Last { get; set; }
}

public sealed class ImportState
{
    public const string FileName = "import-state.json";
    public const int CurrentVersion = 1;

    public Dictionary<string, ImportFileState> Files { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, OpenSession> OpenSessions { get; } = new(StringComparer.Ordinal);

    /// <summary>Length of every events-YYYY-MM.jsonl when the state was saved; rows past it were written since.</summary>
    public Dictionary<string, long> StoreLengths { get; } = new(StringComparer.Ordinal);

    /// <summary>False when there was no usable state file (first import, or it was lost): the whole store is rescanned.</summary>
    public bool Loaded { get; private set; }

    public static ImportState Load(string root, Action<string>? warn = null)
    {
        string path = Path.Combine(root, FileName);
        var state = new ImportState();
        if (!File.Exists(path))
        {
            return state; // a first import: without throwing and catching, which cost it ~2% of its CPU (issue 15)
        }

        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            return state;
        }

        try
        {
            state.Read(bytes);
            state.Loaded = true;
        }
        catch (Exception ex) when (ex is JsonException or FormatException or InvalidOperationException or KeyNotFoundException)
        {
            warn?.Invoke($"{path} is unreadable ({ex.Message.Split(". ")[0]}); every log is read again and de-duplicated against the store.");
            return new ImportState();
        }

        return state;
    }

    public void Save(string root)
    {
        var buffer = new ArrayBufferWriter<byte>(64 * 1024);
        Write(buffer);
        string path = Path.Combine(root, FileName);
        string temp = Path.Combine(root, $".{FileName}.{Environment.ProcessId}.tmp");
        var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write, Share = FileShare.None };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        using (var stream = new FileStream(temp, options))
        {
            stream.Write(buffer.WrittenSpan);
            stream.Flush(flushToDisk: true);
        }

        File.Move(temp, path, overwrite: true);
    }

    private void Write(IBufferWriter<byte> output)
    {
        using var w = new Utf8JsonWriter(output, new JsonWriterOptions { Indented = false, SkipValidation = true });
        w.WriteStartObject();
        w.WriteNumber("version", CurrentVersion);
        w.WriteStartObject("store_lengths");
        foreach (var (file, length) in StoreLengths)
        {
            w.WriteNumber(file, length);
        }

        w.WriteEndObject();
        w.WriteStartObject("open_sessions");
        foreach (var (id, s) in OpenSessions)
        {
            w.WriteStartObject(id);
            w.WriteString("system", s.System);
            w.WriteString("first", s.First.UtcDateTime.ToString("O", CultureInfo.InvariantCulture));
            w.WriteString("last", s.Last.UtcDateTime.ToString("O", CultureInfo.InvariantCulture));
            w.WriteEndObject();
        }

        w.WriteEndObject();
        w.WriteStartObject("files");
        foreach (var (key, f) in Files)
        {
            w.WriteStartObject(key);
            w.WriteString("system", f.System);
            w.WriteNumber("size", f.Size);
            w.WriteNumber("mtime", f.ModifiedTicks);
            w.WriteNumber("offset", f.Offset);
            w.WriteString("head", f.Head);
            w.WriteString("tail", f.Tail);
            if (f.Codex is { } c)
            {
                w.WriteStartObject("codex");
                if (c.SessionId is not null)
                {
                    w.WriteString("session", c.SessionId);
                }

                if (c.Model is not null)
                {
                    w.WriteString("model", c.Model);
                }

                if (c.Totals is not null)
                {
                    w.WriteStartArray("totals");
                    foreach (long t in c.Totals)
                    {
                        w.WriteNumberValue(t);
                    }

                    w.WriteEndArray();
                }

                w.WriteBoolean("legacy", c.Legacy);
                if (c.Start is DateTimeOffset start)
                {
                    w.WriteString("start", start.UtcDateTime.ToString("O", CultureInfo.InvariantCulture));
                }

                w.WriteEndObject();
            }

            w.WriteEndObject();
        }

        w.WriteEndObject();
        w.WriteEndObject();
    }

    private void Read(byte[] bytes)
    {
        using var doc = JsonDocument.Parse(bytes);
        var root = doc.RootElement;
        if (root.GetProperty("version").GetInt32() != CurrentVersion)
        {
            throw new FormatException("unknown version");
        }

        foreach (var p in root.GetProperty("store_lengths").EnumerateObject())
        {
            StoreLengths[p.Name] = p.Value.GetInt64();
        }

        foreach (var p in root.GetProperty("open_sessions").EnumerateObject())
        {
            OpenSessions[p.Name] = new OpenSession
            {
                System = p.Value.GetProperty("system").GetString() ?? "",
                First = p.Value.GetProperty("first").GetDateTimeOffset(),
                Last = p.Value.GetProperty("last").GetDateTimeOffset(),
            };
        }

        foreach (var p in root.GetProperty("files").EnumerateObject())
        {
            var v = p.Value;
            var f = new ImportFileState
            {
                System = v.GetProperty("system").GetString() ?? "",
                Size = v.GetProperty("size").GetInt64(),
                ModifiedTicks = v.GetProperty("mtime").GetInt64(),
                Offset = v.GetProperty("offset").GetInt64(),
                Head = v.GetProperty("head").GetString() ?? "",
                Tail = v.GetProperty("tail").GetString() ?? "",
            };
            if (v.TryGetProperty("codex", out var c))
            {
                f.Codex = new CodexCursor
                {
                    SessionId = c.TryGetProperty("session", out var s) ? s.GetString() : null,
                    Model = c.TryGetProperty("model", out var m) ? m.GetString() : null,
                    Totals = c.TryGetProperty("totals", out var t) ? t.EnumerateArray().Select(x => x.GetInt64()).ToArray() : null,
                    Legacy = c.GetProperty("legacy").GetBoolean(),
                    Start = c.TryGetProperty("start", out var st) ? st.GetDateTimeOffset() : null,
                };
            }

            Files[p.Name] = f;
        }
    }
}
