// Reading a connection: every accepted form names the same server, and nothing read from it carries the password.
using ZosTelemetry.Postgres;

namespace ZosTelemetry.Tests;

public sealed class TeamConnectionTests
{
    [Theory]
    [InlineData("postgres://runner:s3cr%40t@db.example:6543/zos?sslmode=disable")]
    [InlineData("postgresql://runner:s3cr%40t@db.example:6543/zos")]
    [InlineData("Host=db.example;Port=6543;Database=zos;Username=runner;Password=s3cr@t")]
    [InlineData("host=db.example port=6543 dbname=zos user=runner password=s3cr@t")]
    public void Parse_EveryForm_NamesTheServerWithoutThePassword(string text)
    {
        var c = TeamConnection.Parse(text);

        Assert.Equal("db.example:6543/zos", c.Target);
        Assert.Equal("runner@db.example:6543/zos", c.Display);
    }

    [Theory]
    [InlineData("postgres://runner:s3cr@t@[::1")]
    [InlineData("Host=x;Password=s3cr@t;Bogus Keyword=1")]
    [InlineData("host=x password=s3cr@t nonsense")]
    public void Parse_Unreadable_RefusesWithoutQuotingIt(string text)
    {
        var ex = Assert.Throws<ArgumentException>(() => TeamConnection.Parse(text));

        Assert.DoesNotContain("s3cr", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_Empty_SaysWhereAConnectionComesFrom()
    {
        var ex = Assert.Throws<ArgumentException>(() => TeamConnection.Parse(" "));

        Assert.Contains("ZOS_DATABASE", ex.Message, StringComparison.Ordinal);
    }
}
