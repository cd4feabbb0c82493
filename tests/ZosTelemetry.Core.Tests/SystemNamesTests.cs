// System names as users type them: the exact spelling wins, else the one name equal ignoring case; none is a warning
// that names the systems the store has.
using ZosTelemetry.Store;

namespace ZosTelemetry.Tests;

public sealed class SystemNamesTests
{
    [Theory]
    [InlineData("codex", "codex")]
    [InlineData("CODEX", "codex")]
    [InlineData("Claude-Code", "claude-code")]
    [InlineData("cursor", null)]
    public void Match_ExactElseTheOneCaseInsensitiveName(string typed, string? expected)
    {
        Assert.Equal(expected, SystemNames.Match(["claude-code", "codex"], typed));
    }

    [Fact]
    public void Match_TwoNamesDifferingOnlyInCase_ExactWinsAndOtherSpellingsMatchNone()
    {
        string[] known = ["Codex", "codex"];

        Assert.Equal("Codex", SystemNames.Match(known, "Codex"));
        Assert.Null(SystemNames.Match(known, "CODEX"));
    }

    [Fact]
    public void NotFound_NamesTheSystemsThatExist()
    {
        Assert.Equal("No system 'cursor' in the store; its systems are: claude-code, codex.", SystemNames.NotFound("cursor", ["claude-code", "codex"]));
    }
}
