// schema: prints the contract registry (event families with their kinds, sensitivity and transmission classes,
// marker vocabularies, row types, the class of every file under the store root) as tables, or as JSON with --json;
// `schema ROW_TYPE` prints that row type's JSON Schema (draft 2020-12). Reads no store.
using ZosTelemetry.Contracts;

namespace ZosTelemetry.Cli.Commands;

public static class SchemaCommand
{
    public static int Run(string[] args, CliContext cli)
    {
        var a = Arguments.Parse(args, "schema", [], ["json"], minPositionals: 0, maxPositionals: 1);
        var registry = ContractRegistry.Embedded;
        if (a.Positionals.Count == 1)
        {
            string schema = ContractText.SchemaOf(registry, a.Positionals[0])
                ?? throw new UsageException($"schema: no row type of that name; use one of {string.Join(", ", registry.RowTypes.Select(t => t.Name))}.");
            UsageOptions.WriteText(cli, schema);
            return ExitCodes.Ok;
        }

        if (a.Flag("json"))
        {
            cli.Out.Flush();
            ContractText.WriteJson(cli.Out.BaseStream, registry);
        }
        else
        {
            UsageOptions.WriteText(cli, ContractText.Text(registry));
        }

        return ExitCodes.Ok;
    }
}
