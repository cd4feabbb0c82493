// Reads the small Markdown dialect of docs/cmdlets/*.md: an optional front matter block, "# Name", "## SECTION"
// headings from a fixed list, "### " subsections under EXAMPLES, PARAMETERS, INPUTS and OUTPUTS, paragraphs,
// list items and fenced code blocks. Anything it cannot place becomes a format problem with its line number,
// never a silent loss of text.
using System.Text;
using System.Text.RegularExpressions;

namespace ZosTelemetry.Build.Help;

public static partial class CmdletDocReader
{
    public static readonly string[] Sections = ["SYNOPSIS", "SYNTAX", "DESCRIPTION", "EXAMPLES", "PARAMETERS", "INPUTS", "OUTPUTS", "NOTES", "RELATED LINKS"];

    public static CmdletDoc Read(string path, string displayPath) => Parse(File.ReadAllText(path), path, displayPath);

    public static CmdletDoc Parse(string text, string path, string displayPath)
    {
        var doc = new CmdletDoc { Path = path, DisplayPath = displayPath };
        string[] lines = text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        int i = SkipFrontMatter(lines);

        string? section = null;
        List<Block>? target = null;
        var paragraph = new StringBuilder();

        void EndParagraph()
        {
            if (paragraph.Length > 0)
            {
                Add(new Block(paragraph.ToString()));
                paragraph.Clear();
            }
        }

        void Add(Block block)
        {
            if (target is not null)
            {
                target.Add(block);
            }
            else if (section == "RELATED LINKS" && !block.IsCode)
            {
                doc.Links.Add(ParseLink(block.Text));
            }
            else if (section == "SYNTAX" && block.IsCode)
            {
                doc.SyntaxBlocks.Add(block.Text);
            }
            else if (section is null && doc.Title is null)
            {
                doc.FormatProblems.Add($"text before the \"# {Path.GetFileNameWithoutExtension(path)}\" title");
            }
            else if (section == "SYNTAX")
            {
                // Prose under SYNTAX (e.g. "Parameter set Markdown:") is allowed and ignored.
            }
            else
            {
                doc.FormatProblems.Add($"text under ## {section ?? doc.Title} belongs to no subsection: \"{Clip(block.Text)}\"");
            }
        }

        for (; i < lines.Length; i++)
        {
            string line = lines[i];
            int lineNumber = i + 1;
            if (line.TrimStart().StartsWith("```", StringComparison.Ordinal))
            {
                EndParagraph();
                int fence = line.Length - line.TrimStart().Length;
                var code = new StringBuilder();
                for (i++; i < lines.Length && !lines[i].TrimStart().StartsWith("```", StringComparison.Ordinal); i++)
                {
                    code.Append(lines[i].Length >= fence && string.IsNullOrWhiteSpace(lines[i][..fence]) ? lines[i][fence..] : lines[i].TrimStart()).Append('\n');
                }

                if (i >= lines.Length)
                {
                    doc.FormatProblems.Add($"line {lineNumber}: a code block is never closed with ```");
                }

                Block block = new(code.ToString().TrimEnd('\n'), IsCode: true);
                if (section == "EXAMPLES" && doc.Examples.Count > 0 && doc.Examples[^1].Code is null)
                {
                    doc.Examples[^1].Code = block.Text;
                }
                else
                {
                    Add(block);
                }

                continue;
            }

            var heading = Heading().Match(line);
            if (heading.Success)
            {
                EndParagraph();
                int level = heading.Groups["hashes"].Length;
                string name = heading.Groups["text"].Value.Trim();
                switch (level)
                {
                    case 1:
                        doc.Title ??= name;
                        section = null;
                        target = null;
                        break;
                    case 2:
                        section = name.ToUpperInvariant();
                        target = section switch
                        {
                            "SYNOPSIS" => doc.Synopsis,
                            "DESCRIPTION" => doc.Description,
                            "NOTES" => doc.Notes,
                            _ => null,
                        };
                        doc.HasSyntax |= section == "SYNTAX";
                        if (!Sections.Contains(section))
                        {
                            doc.FormatProblems.Add($"line {lineNumber}: unknown section \"## {name}\" (known: {string.Join(", ", Sections)})");
                        }

                        break;
                    default:
                        target = Subsection(doc, section, name, lineNumber);
                        break;
                }

                continue;
            }

            if (string.IsNullOrWhiteSpace(line))
            {
                EndParagraph();
                continue;
            }

            string trimmed = line.Trim();
            var item = ListItem().Match(trimmed);
            if (item.Success)
            {
                EndParagraph();
                paragraph.Append(item.Groups["bullet"].Value.StartsWith('-') || item.Groups["bullet"].Value.StartsWith('*') ? "- " : item.Groups["bullet"].Value + " ");
                paragraph.Append(item.Groups["text"].Value);
                continue;
            }

            if (paragraph.Length > 0)
            {
                paragraph.Append(' ');
            }

            paragraph.Append(trimmed);
        }

        EndParagraph();
        return doc;
    }

    private static List<Block>? Subsection(CmdletDoc doc, string? section, string name, int line)
    {
        switch (section)
        {
            case "EXAMPLES":
                var example = new ExampleDoc(name, line);
                doc.Examples.Add(example);
                return example.Remarks;
            case "PARAMETERS":
                var parameter = new SubsectionDoc(name, line);
                doc.Parameters.Add(parameter);
                return parameter.Body;
            case "INPUTS":
                var input = new SubsectionDoc(name, line);
                doc.Inputs.Add(input);
                return input.Body;
            case "OUTPUTS":
                var output = new SubsectionDoc(name, line);
                doc.Outputs.Add(output);
                return output.Body;
            default:
                doc.FormatProblems.Add($"line {line}: \"### {name}\" under ## {section ?? "(no section)"}; only EXAMPLES, PARAMETERS, INPUTS and OUTPUTS have ### subsections");
                return null;
        }
    }

    private static int SkipFrontMatter(string[] lines)
    {
        if (lines.Length == 0 || lines[0].Trim() != "---")
        {
            return 0;
        }

        for (int i = 1; i < lines.Length; i++)
        {
            if (lines[i].Trim() == "---")
            {
                return i + 1;
            }
        }

        return 0;
    }

    /// <summary>"- [text](uri)", "[text](uri)" or plain text (a command name: Get-Help finds it by name).</summary>
    private static LinkDoc ParseLink(string text)
    {
        string t = text.StartsWith("- ", StringComparison.Ordinal) ? text[2..].Trim() : text.Trim();
        var m = MarkdownLink().Match(t);
        if (!m.Success || m.Index != 0)
        {
            return new LinkDoc(Inline.Plain(t), null);
        }

        string uri = m.Groups["uri"].Value;
        // Relative links (to another page of docs/cmdlets) mean nothing offline: Get-Help resolves a bare name.
        return new LinkDoc(m.Groups["text"].Value, uri.StartsWith("http://", StringComparison.Ordinal) || uri.StartsWith("https://", StringComparison.Ordinal) ? uri : null);
    }

    private static string Clip(string s) => s.Length > 50 ? s[..50] + "…" : s;

    [GeneratedRegex(@"^(?<hashes>#{1,3})\s+(?<text>\S.*)$")]
    private static partial Regex Heading();

    [GeneratedRegex(@"^(?<bullet>[-*]|\d+\.)\s+(?<text>.*)$")]
    private static partial Regex ListItem();

    [GeneratedRegex(@"\[(?<text>[^\]]+)\]\((?<uri>[^)\s]*)\)")]
    private static partial Regex MarkdownLink();
}

/// <summary>Inline Markdown to the plain text Get-Help prints: no backticks or emphasis marks; links become their text.</summary>
public static partial class Inline
{
    public static string Plain(string markdown)
    {
        string s = Link().Replace(markdown, m =>
        {
            string uri = m.Groups["uri"].Value;
            return uri.StartsWith("http", StringComparison.Ordinal) ? $"{m.Groups["text"].Value} ({uri})" : m.Groups["text"].Value;
        });
        s = s.Replace("**", "", StringComparison.Ordinal).Replace("`", "", StringComparison.Ordinal);
        return Emphasis().Replace(s, "${text}");
    }

    [GeneratedRegex(@"\[(?<text>[^\]]+)\]\((?<uri>[^)\s]*)\)")]
    private static partial Regex Link();

    // *word* and _word_ as emphasis, but not snake_case_names or a lone * in "2 * 3".
    [GeneratedRegex(@"(?<![\w*])[*_](?<text>[^\s*_][^*_]*?)[*_](?![\w*])")]
    private static partial Regex Emphasis();
}
