// A team database's connection text: a postgres:// (or postgresql://) URI, a keyword string (Host=...;Database=...),
// or libpq's "host=... dbname=..." form. Whatever the form, only Display and Target leave this class, and neither holds
// the password; a string that cannot be read is refused without being quoted.
using Npgsql;
using ZosTelemetry.Sync;

namespace ZosTelemetry.Postgres;

public sealed class TeamConnection
{
    private TeamConnection(NpgsqlConnectionStringBuilder builder)
    {
        Builder = builder;
        string host = string.IsNullOrEmpty(builder.Host) ? "localhost" : builder.Host;
        string user = string.IsNullOrEmpty(builder.Username) ? Environment.UserName : builder.Username;
        Target = $"{host}:{builder.Port}/{builder.Database ?? user}";
        Display = $"{user}@{Target}";
    }

    internal NpgsqlConnectionStringBuilder Builder { get; }

    public string Target { get; }

    public string Display { get; }

    internal string? Password => Builder.Password;

    public static TeamConnection Parse(string text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            throw new ArgumentException("No database given: pass --database CONN (-Database) or set $ZOS_DATABASE to a postgres:// URI or a keyword connection string.");
        }

        text = text.Trim();
        try
        {
            var builder = text.StartsWith("postgres://", StringComparison.OrdinalIgnoreCase) || text.StartsWith("postgresql://", StringComparison.OrdinalIgnoreCase)
                ? FromUri(text)
                : !text.Contains(';') && text.Contains(' ') ? FromLibpq(text) : new NpgsqlConnectionStringBuilder(text);
            // The application name tells a DBA which sessions are ours; the connection is never kept open between commands.
            builder.ApplicationName ??= "zos-telemetry";
            // A sync is batch work that may start with fifty runners at once: wait for the server longer than Npgsql's
            // interactive defaults (15 s to connect, 30 s a statement) unless the connection says otherwise.
            string given = text.ToLowerInvariant();
            if (!given.Contains("timeout", StringComparison.Ordinal))
            {
                builder.Timeout = 120;
                builder.CommandTimeout = 600;
            }

            return new TeamConnection(builder);
        }
        catch (Exception ex) when (ex is ArgumentException or FormatException or UriFormatException or KeyNotFoundException)
        {
            // Never ex.Message: it may quote the string, password and all.
            throw new ArgumentException("The database connection cannot be read: give a postgres://user@host:port/database URI or a keyword string (Host=...;Port=...;Database=...;Username=...).");
        }
    }

    private static NpgsqlConnectionStringBuilder FromUri(string text)
    {
        var uri = new Uri(text);
        var builder = new NpgsqlConnectionStringBuilder();
        if (!string.IsNullOrEmpty(uri.Host))
        {
            builder.Host = uri.Host.Trim('[', ']');
        }

        if (!uri.IsDefaultPort && uri.Port > 0)
        {
            builder.Port = uri.Port;
        }

        if (uri.UserInfo.Length > 0)
        {
            string[] parts = uri.UserInfo.Split(':', 2);
            builder.Username = Uri.UnescapeDataString(parts[0]);
            if (parts.Length == 2)
            {
                builder.Password = Uri.UnescapeDataString(parts[1]);
            }
        }

        string database = Uri.UnescapeDataString(uri.AbsolutePath.TrimStart('/'));
        if (database.Length > 0)
        {
            builder.Database = database;
        }

        foreach (string pair in uri.Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            string[] kv = pair.Split('=', 2);
            Set(builder, Uri.UnescapeDataString(kv[0]), kv.Length == 2 ? Uri.UnescapeDataString(kv[1]) : "");
        }

        return builder;
    }

    private static NpgsqlConnectionStringBuilder FromLibpq(string text)
    {
        var builder = new NpgsqlConnectionStringBuilder();
        foreach (string pair in text.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            string[] kv = pair.Split('=', 2);
            if (kv.Length != 2)
            {
                throw new FormatException();
            }

            Set(builder, kv[0], kv[1].Trim('\''));
        }

        return builder;
    }

    // libpq's names where they differ from Npgsql's.
    private static void Set(NpgsqlConnectionStringBuilder builder, string key, string value) =>
        builder[key.ToLowerInvariant() switch
        {
            "dbname" => "Database",
            "user" => "Username",
            "sslmode" => "SSL Mode",
            "connect_timeout" => "Timeout",
            "application_name" => "Application Name",
            _ => key,
        }] = value;

    /// <summary>A server's message with the password taken out, should it ever be quoted.</summary>
    internal string Scrub(string message) =>
        string.IsNullOrEmpty(Password) ? message : message.Replace(Password, "***", StringComparison.Ordinal);

    internal TeamStoreException Failure(string what, Exception ex)
    {
        string reason = ex is PostgresException pg ? pg.SqlState switch
        {
            "42P01" or "3F000" => "the database has no ZosTelemetry schema yet: run `zos-telemetry sync --init` (Sync-TelemetryStore -Init) as its owner first",
            "42501" => $"permission denied ({pg.MessageText}): the role may not do this (a writer role may only insert)",
            "28P01" or "28000" => "the server refused the credentials",
            "3D000" => "the database does not exist",
            _ => pg.MessageText,
        } : ex.Message;
        return new TeamStoreException($"{what} {Display}: {Scrub(reason)}.");
    }
}
