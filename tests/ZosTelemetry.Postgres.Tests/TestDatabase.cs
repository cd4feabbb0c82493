// A fresh database per test on the server $ZOS_TEST_DATABASE names (its admin connection), dropped afterwards with
// the login roles the test made. DatabaseFact skips a test, with the reason, only when the variable is absent.
using Npgsql;

namespace ZosTelemetry.Tests;

public sealed class DatabaseFactAttribute : FactAttribute
{
    public const string Variable = "ZOS_TEST_DATABASE";

    public DatabaseFactAttribute()
    {
        if (string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable(Variable)))
        {
            Skip = $"needs a PostgreSQL server: set ${Variable} to an admin connection (postgres://user:password@127.0.0.1:port/postgres); .ci/run starts one";
        }
    }
}

public sealed class TestDatabase : IDisposable
{
    private readonly NpgsqlConnectionStringBuilder admin;
    private readonly List<string> roles = [];

    public TestDatabase()
    {
        admin = ConnectionOf(Environment.GetEnvironmentVariable(DatabaseFactAttribute.Variable)!);
        Name = "zos_t_" + Guid.NewGuid().ToString("N")[..12];
        AdminExecute("postgres", $"CREATE DATABASE {Name}");
    }

    public string Name { get; }

    public string Host => admin.Host!;

    public int Port => admin.Port;

    /// <summary>The admin's URI for this database (owner: may init, read and write).</summary>
    public string OwnerUri => $"postgres://{Uri.EscapeDataString(admin.Username!)}:{Uri.EscapeDataString(admin.Password ?? "")}@{Host}:{Port}/{Name}";

    /// <summary>A new login role in zos_writer or zos_reader, with a password of its own; its URI.</summary>
    public string LoginIn(string group, out string role, out string password)
    {
        role = "zos_t_" + group[4..] + "_" + Guid.NewGuid().ToString("N")[..8];
        password = "pw-" + Guid.NewGuid().ToString("N");
        AdminExecute("postgres", $"CREATE ROLE {role} LOGIN PASSWORD '{password}' IN ROLE {group}");
        roles.Add(role);
        return $"postgres://{role}:{password}@{Host}:{Port}/{Name}";
    }

    public void Execute(string sql) => AdminExecute(Name, sql);

    public T Scalar<T>(string sql)
    {
        using var conn = Open(Name);
        using var cmd = new NpgsqlCommand(sql, conn);
        return (T)Convert.ChangeType(cmd.ExecuteScalar()!, typeof(T), System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>Every column of every row of every table in the zos schema, as text.</summary>
    public string AllText()
    {
        using var conn = Open(Name);
        var text = new System.Text.StringBuilder();
        foreach (string table in new[] { "events", "session_summaries", "snapshots", "alerts", "migrations" })
        {
            using var cmd = new NpgsqlCommand($"SELECT t::text FROM zos.{table} t", conn);
            using var reader = cmd.ExecuteReader();
            while (reader.Read())
            {
                text.AppendLine(reader.GetString(0));
            }
        }

        return text.ToString();
    }

    public static NpgsqlConnectionStringBuilder ConnectionOf(string text)
    {
        var uri = new Uri(text);
        string[] user = uri.UserInfo.Split(':', 2);
        return new NpgsqlConnectionStringBuilder
        {
            Host = uri.Host,
            Port = uri.IsDefaultPort ? 5432 : uri.Port,
            Username = Uri.UnescapeDataString(user[0]),
            Password = user.Length > 1 ? Uri.UnescapeDataString(user[1]) : null,
            Database = uri.AbsolutePath.Trim('/') is { Length: > 0 } db ? db : "postgres",
            Pooling = false,
        };
    }

    public void Dispose()
    {
        AdminExecute("postgres", $"DROP DATABASE IF EXISTS {Name} WITH (FORCE)");
        foreach (string role in roles)
        {
            AdminExecute("postgres", $"DROP ROLE IF EXISTS {role}");
        }
    }

    private NpgsqlConnection Open(string database)
    {
        var b = new NpgsqlConnectionStringBuilder(admin.ConnectionString) { Database = database };
        var conn = new NpgsqlConnection(b.ConnectionString);
        conn.Open();
        return conn;
    }

    private void AdminExecute(string database, string sql)
    {
        using var conn = Open(database);
        using var cmd = new NpgsqlCommand(sql, conn);
        cmd.ExecuteNonQuery();
    }
}
