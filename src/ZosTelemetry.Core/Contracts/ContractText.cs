// The registry as people and scripts read it: aligned text tables (zos-telemetry schema), and JSON with every
// family, marker family (the detector's pattern filled in from the detector), row type and store file.
using System.Text;
using System.Text.Json;
using ZosTelemetry.Reporting;

namespace ZosTelemetry.Contracts;

public static class ContractText
{
    public static string Text(ContractRegistry r)
    {
        var sb = new StringBuilder();
        sb.Append("Event families (schemas/index.json)\n\n");
        TextTable.Append(sb, [["Family", "Row type", "Class", "Transmission", "Kinds", "Markers"],
            .. r.Families.Select(f => new[] { f.Name, f.RowType, f.SensitivityClass, f.TransmissionClass, Join(f.Kinds), Join(f.Markers) })], "llllll");
        sb.Append("\nMarker families\n\n");
        TextTable.Append(sb, [["Family", "Owner", "Markers"],
            .. r.MarkerFamilies.Select(m => new[] { m.Name, m.Owner, m.Markers.Count > 0 ? Join(m.Markers) : m.Pattern })], "lll");
        sb.Append("\nRow types\n\n");
        TextTable.Append(sb, [["Row type", "Files", "Schema"], .. r.RowTypes.Select(t => new[] { t.Name, t.Files, t.SchemaRef })], "lll");
        sb.Append("\nFiles under the store root\n\n");
        TextTable.Append(sb, [["File", "Class", "Transmission"], .. r.StoreFiles.Select(f => new[] { f.Pattern, f.SensitivityClass, f.TransmissionClass })], "lll");
        sb.Append("\nS0 coarse, S1 operational, S2 workspace-adjacent, S3 content-bearing (never stored). `zos-telemetry schema ROW_TYPE` prints a JSON Schema.\n");
        return sb.ToString();
    }

    public static void WriteJson(Stream output, ContractRegistry r)
    {
        using var w = new Utf8JsonWriter(output, new JsonWriterOptions { Indented = true });
        w.WriteStartObject();
        w.WriteNumber("registry_version", 1);
        w.WriteStartArray("families");
        foreach (var f in r.Families)
        {
            w.WriteStartObject();
            w.WriteString("name", f.Name);
            w.WriteString("row_type", f.RowType);
            Strings(w, "kinds", f.Kinds);
            w.WriteString("sensitivity_class", f.SensitivityClass);
            w.WriteString("transmission_class", f.TransmissionClass);
            w.WriteString("schema_ref", f.SchemaRef);
            w.WriteString("session_id_convention", f.SessionIdConvention);
            Strings(w, "markers", f.Markers);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteStartArray("marker_families");
        foreach (var m in r.MarkerFamilies)
        {
            w.WriteStartObject();
            w.WriteString("name", m.Name);
            w.WriteString("owner", m.Owner);
            Strings(w, "markers", m.Markers);
            w.WriteString("regex", m.Pattern);
            w.WriteString("defined_by", m.DefinedBy);
            w.WriteNumber("max_per_event", m.MaxPerEvent);
            w.WriteString("description", m.Description);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteStartArray("row_types");
        foreach (var t in r.RowTypes)
        {
            w.WriteStartObject();
            w.WriteString("name", t.Name);
            w.WriteString("files", t.Files);
            w.WriteString("schema_ref", t.SchemaRef);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteStartArray("store_files");
        foreach (var f in r.StoreFiles)
        {
            w.WriteStartObject();
            w.WriteString("pattern", f.Pattern);
            w.WriteString("sensitivity_class", f.SensitivityClass);
            w.WriteString("transmission_class", f.TransmissionClass);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteEndObject();
        w.Flush();
        output.Write("\n"u8);
    }

    /// <summary>The JSON Schema of a row type ("event", "session_summary") or by its file name; null when there is none.</summary>
    public static string? SchemaOf(ContractRegistry r, string name)
    {
        var type = r.RowTypes.FirstOrDefault(t => t.Name == name || t.SchemaRef == name);
        return type is null ? null : ContractRegistry.SchemaText(type.SchemaRef);
    }

    private static string Join(IReadOnlyList<string> items) => items.Count == 0 ? "-" : string.Join(", ", items);

    private static void Strings(Utf8JsonWriter w, string name, IReadOnlyList<string> items)
    {
        w.WriteStartArray(name);
        foreach (string s in items)
        {
            w.WriteStringValue(s);
        }

        w.WriteEndArray();
    }
}
