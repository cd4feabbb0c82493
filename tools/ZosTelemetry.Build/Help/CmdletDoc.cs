// One cmdlet's help as written in docs/cmdlets/<Name>.md (format: docs/cmdlets/README.md): the prose that the
// compiled cmdlet cannot know. Names, types, sets and binding come from the assembly instead.
namespace ZosTelemetry.Build.Help;

public sealed class CmdletDoc
{
    public required string Path { get; init; }

    /// <summary>The path as the problems name it: docs/cmdlets/X.md, relative to the repository.</summary>
    public required string DisplayPath { get; init; }

    public string? Title { get; set; }

    public List<Block> Synopsis { get; } = [];

    public List<string> SyntaxBlocks { get; } = [];

    public bool HasSyntax { get; set; }

    public List<Block> Description { get; } = [];

    public List<ExampleDoc> Examples { get; } = [];

    public List<SubsectionDoc> Parameters { get; } = [];

    public List<SubsectionDoc> Inputs { get; } = [];

    public List<SubsectionDoc> Outputs { get; } = [];

    public List<Block> Notes { get; } = [];

    public List<LinkDoc> Links { get; } = [];

    /// <summary>Things the reader could not place, each a problem in its own words ("line 12: unknown section ## USAGE").</summary>
    public List<string> FormatProblems { get; } = [];

    public SubsectionDoc? Parameter(string name) =>
        Parameters.FirstOrDefault(p => string.Equals(p.Name, "-" + name, StringComparison.OrdinalIgnoreCase));
}

/// <summary>A paragraph (soft-wrapped lines joined), a list item, or a fenced code block (kept as written).</summary>
public sealed record Block(string Text, bool IsCode = false);

public sealed record ExampleDoc(string Title, int Line)
{
    public string? Code { get; set; }

    public List<Block> Remarks { get; } = [];
}

public sealed record SubsectionDoc(string Name, int Line)
{
    public List<Block> Body { get; } = [];
}

public sealed record LinkDoc(string Text, string? Uri);
