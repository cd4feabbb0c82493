// The per-file cursors of one store towards one database, in .sync/<database digest>.json under the store root
// (local_only in schemas/index.json). The digest names the server and database, never the user or password, so
// runners that sync as different roles into one database share a cursor file, and the file holds no credential.
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using ZosTelemetry.Store;

namespace ZosTelemetry.Sync;

public sealed class SyncCursors
{
    public const string Directory = ".sync";

    // How many bytes at the start of a file and just before its cursor must still be there for the cursor to hold.
    internal const int TailBytes = 4096;

    private readonly Dictionary<string, SyncFileCursor> files;

    private SyncCursors(string path, Dictionary<string, SyncFileCursor> files)
    {
        Path = path;
        this.files = files;
    }

    public string Path { get; }

    /// <summary>The cursors of the store at root towards the database named by target (host, port and database name).</summary>
    public static SyncCursors Load(string root, string target)
    {
        string name = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(target))).ToLowerInvariant()[..32] + ".json";
        string path = System.IO.Path.Combine(root, Directory, name);
        var files = new Dictionary<string, SyncFileCursor>(StringComparer.Ordinal);
        if (File.Exists(path))
        {
            try
            {
                using var doc = JsonDocument.Parse(File.ReadAllBytes(path));
                foreach (var f in doc.RootElement.GetProperty("files").EnumerateObject())
                {
                    files[f.Name] = new SyncFileCursor(f.Value.GetProperty("offset").GetInt64(), f.Value.GetProperty("tail").GetString() ?? "");
                }
            }
            catch (Exception ex) when (ex is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
            {
                // A damaged cursor file costs a full resend, which the rows' keys make harmless; it never stops a sync.
                files.Clear();
            }
        }

        return new SyncCursors(path, files);
    }

    public SyncFileCursor Of(string file) => files.GetValueOrDefault(file) ?? SyncFileCursor.Start;

    /// <summary>Records a file's new cursor and writes the cursor file atomically, private to the user.</summary>
    public void Save(string file, SyncFileCursor cursor)
    {
        files[file] = cursor;
        string directory = System.IO.Path.GetDirectoryName(Path)!;
        if (!System.IO.Directory.Exists(directory))
        {
            PrivateFiles.CreateDirectory(directory);
        }

        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteNumber("schema", 1);
            json.WriteStartObject("files");
            foreach (var (name, c) in files.OrderBy(f => f.Key, StringComparer.Ordinal))
            {
                json.WriteStartObject(name);
                json.WriteNumber("offset", c.Offset);
                json.WriteString("tail", c.Tail);
                json.WriteEndObject();
            }

            json.WriteEndObject();
            json.WriteEndObject();
        }

        AtomicFile.WriteAllBytes(Path, buffer.ToArray(), OperatingSystem.IsWindows() ? null : UnixFileMode.UserRead | UnixFileMode.UserWrite);
    }
}
