// How long writers wait for the lock: --lock-timeout beats $ZOS_LOCK_TIMEOUT beats 2 s; bad values are refused by name.
using ZosTelemetry.Store;

namespace ZosTelemetry.Tests;

[Collection(ProcessStateCollection.Name)]
public sealed class LockTimeoutSettingTests
{
    [Theory]
    [InlineData("0", 0)]
    [InlineData("0.25", 250)]
    [InlineData("2", 2000)]
    [InlineData(" 10 ", 10000)]
    [InlineData("600", 600000)]
    public void Parse_Seconds_GivesTheWait(string text, int expectedMs)
    {
        Assert.Equal(TimeSpan.FromMilliseconds(expectedMs), LockTimeoutSetting.Parse(text, "--lock-timeout"));
    }

    [Theory]
    [InlineData("-1")]
    [InlineData("601")]
    [InlineData("abc")]
    [InlineData("NaN")]
    [InlineData("Infinity")]
    [InlineData("1e3")]
    [InlineData("2s")]
    [InlineData("")]
    public void Parse_BadValue_RefusedNamingTheSource(string text)
    {
        var ex = Assert.Throws<ArgumentException>(() => LockTimeoutSetting.Parse(text, "$ZOS_LOCK_TIMEOUT"));

        Assert.StartsWith("$ZOS_LOCK_TIMEOUT must be a number of seconds from 0 to 600", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_ControlCharacters_NotEchoed()
    {
        var ex = Assert.Throws<ArgumentException>(() => LockTimeoutSetting.Parse("1\n2", "--lock-timeout"));

        Assert.DoesNotContain("\n", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Resolve_NothingGiven_IsTwoSeconds()
    {
        using var unset = new EnvironmentVariableScope(LockTimeoutSetting.EnvironmentVariable, null);

        Assert.Equal(TimeSpan.FromSeconds(2), LockTimeoutSetting.Resolve(null));
    }

    [Fact]
    public void Resolve_EnvironmentOnly_UsesTheEnvironment()
    {
        using var set = new EnvironmentVariableScope(LockTimeoutSetting.EnvironmentVariable, "0.5");

        Assert.Equal(TimeSpan.FromMilliseconds(500), LockTimeoutSetting.Resolve(null));
    }

    [Fact]
    public void Resolve_ExplicitAndEnvironment_ExplicitWins()
    {
        using var set = new EnvironmentVariableScope(LockTimeoutSetting.EnvironmentVariable, "not a number");

        Assert.Equal(TimeSpan.FromSeconds(7), LockTimeoutSetting.Resolve("7"));
    }

    [Fact]
    public void Resolve_BadEnvironment_RefusedNamingTheVariable()
    {
        using var set = new EnvironmentVariableScope(LockTimeoutSetting.EnvironmentVariable, "forever");

        var ex = Assert.Throws<ArgumentException>(() => LockTimeoutSetting.Resolve(null));

        Assert.Contains("$ZOS_LOCK_TIMEOUT", ex.Message, StringComparison.Ordinal);
        Assert.Contains("got (7 characters)", ex.Message, StringComparison.Ordinal);
    }
}
