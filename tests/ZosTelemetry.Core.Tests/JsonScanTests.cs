// The importer's structural JSON scanner on what logs really contain: escapes, nesting, and lines cut anywhere.
using System.Text;
using ZosTelemetry.Import;

namespace ZosTelemetry.Tests;

public sealed class JsonScanTests : IDisposable
{
    private readonly TempRoot temp = new();

    public void Dispose() => temp.Dispose();

    [Theory]
    [InlineData("\"plain\" rest", 7)]
    [InlineData("\"a \\\"quoted\\\" word\" rest", 19)]
    [InlineData("\"ends in a backslash \\\\\" rest", 24)]
    [InlineData("{\"a\":[1,{\"b\":\"}]\"}],\"c\":null} rest", 29)]
    [InlineData("12.5e3, rest", 6)]
    public void SkipValue_EndsRightAfterTheValue(string json, int end)
    {
        int i = 0;

        Assert.True(JsonScan.SkipValue(Encoding.UTF8.GetBytes(json), ref i));
        Assert.Equal(end, i);
    }

    [Theory]
    [InlineData("\"never closed")]
    [InlineData("\"escaped close\\\"")]
    [InlineData("{\"a\":[1,2}")]
    public void SkipValue_Unterminated_IsFalse(string json)
    {
        int i = 0;

        Assert.False(JsonScan.SkipValue(Encoding.UTF8.GetBytes(json), ref i));
    }

    [Fact]
    public void String_WithEscapes_IsDecoded()
    {
        int i = 0;

        Assert.True(JsonScan.String(Encoding.UTF8.GetBytes("\"line\\none \\u00e9\\\"\""), ref i, out string? value));
        Assert.Equal("line\none é\"", value);
    }

    [Fact]
    public void Parse_LineCutAtEveryLength_NeverThrowsAndCountsItAsSkipped()
    {
        string source = Path.Combine(AppContext.BaseDirectory, "data", "import", "claude", "projects", "-home-user-shop", "5d0c2a1e-7f3b-4c1a-9e2d-000000000a01.jsonl");
        byte[] line = File.ReadAllLines(source).Select(Encoding.UTF8.GetBytes).First(l => l.Length > 1000 && Encoding.UTF8.GetString(l).Contains("tool_result"));
        string path = Path.Combine(temp.Path, "cut.jsonl");
        for (int cut = 1; cut < line.Length; cut += 31)
        {
            File.WriteAllBytes(path, [.. line.AsSpan(0, cut), (byte)'\n']);

            var parse = ClaudeCodeParser.Parse(path, 0, DateTimeOffset.MaxValue, DateTimeOffset.MaxValue, default);

            Assert.Empty(parse.Records);
            Assert.InRange(parse.MalformedLines, 0, 1);
        }
    }
}
