// Model prices: the table shipped in the assembly, optionally extended or overridden by a user's file.
// Lookup is exact first, then by the normalisation in ModelIds.Normalise; an unknown model is reported, never priced as zero.
using System.Globalization;
using System.Text.Json;

namespace ZosTelemetry.Pricing;

public sealed class PriceTable
{
    private readonly Dictionary<string, ModelPrice> exact;
    private readonly Dictionary<string, ModelPrice> normalised;

    private PriceTable(IEnumerable<ModelPrice> prices, string? takenOn, string? source, string? note = null, IEnumerable<PriceSource>? sources = null, IEnumerable<string>? files = null)
    {
        exact = new Dictionary<string, ModelPrice>(StringComparer.OrdinalIgnoreCase);
        normalised = new Dictionary<string, ModelPrice>(StringComparer.Ordinal);
        foreach (var p in prices)
        {
            exact[p.Model] = p;
            normalised[ModelIds.Normalise(p.Model)] = p;
        }

        TakenOn = takenOn;
        Source = source;
        Note = note;
        Sources = (sources ?? []).ToList();
        Files = (files ?? []).ToList();
    }

    /// <summary>The date the list prices were taken, as the file says.</summary>
    public string? TakenOn { get; }

    /// <summary>Where the figures come from, as the file says.</summary>
    public string? Source { get; }

    /// <summary>What the file says about its figures (what they include, how old they are).</summary>
    public string? Note { get; }

    /// <summary>Where each provider's figures come from and as of when, as the files say.</summary>
    public IReadOnlyList<PriceSource> Sources { get; }

    /// <summary>The files this table was read from, in the order they were applied (the shipped table first).</summary>
    public IReadOnlyList<string> Files { get; }

    public IReadOnlyCollection<ModelPrice> Models => exact.Values;

    private static readonly Lazy<PriceTable> Shipped = new(() =>
    {
        using var stream = typeof(PriceTable).Assembly.GetManifestResourceStream("ZosTelemetry.Pricing.prices.json")
            ?? throw new InvalidOperationException("The shipped price table is missing from the assembly.");
        return Load(stream, "prices.json (shipped)");
    });

    /// <summary>The table shipped with this version.</summary>
    public static PriceTable Default => Shipped.Value;

    public bool TryResolve(string? model, out ModelPrice price)
    {
        price = null!;
        if (string.IsNullOrEmpty(model))
        {
            return false;
        }

        return exact.TryGetValue(model, out price!) || normalised.TryGetValue(ModelIds.Normalise(model), out price!);
    }

    /// <summary>A table with this one's models plus the other's; the other's entries win.</summary>
    public PriceTable OverriddenBy(PriceTable other) =>
        new(
            exact.Values.Where(p => !other.exact.ContainsKey(p.Model)).Concat(other.exact.Values),
            other.TakenOn ?? TakenOn,
            other.Source ?? Source,
            other.Note ?? Note,
            Sources.Where(s => !other.Sources.Any(o => string.Equals(o.Provider, s.Provider, StringComparison.OrdinalIgnoreCase))).Concat(other.Sources),
            Files.Concat(other.Files));

    public static PriceTable Load(string path)
    {
        try
        {
            using var stream = File.OpenRead(path);
            return Load(stream, path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new PriceTableException($"Cannot read the price file {path}: {ex.Message}", ex);
        }
    }

    /// <summary>
    /// Reads {"taken": "...", "source": "...", "note": "...", "providers": {"name": {"source", "as_of", "note"}},
    /// "models": {"id": {"provider", "tier", "input", "output", "cache_read", "cache_write"}}}. Comments and trailing commas are allowed.
    /// </summary>
    public static PriceTable Load(Stream stream, string name)
    {
        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(stream, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        }
        catch (JsonException ex)
        {
            throw new PriceTableException($"The price file {name} is not valid JSON: {ex.Message}", ex);
        }

        using (doc)
        {
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("models", out var models) || models.ValueKind != JsonValueKind.Object)
            {
                throw new PriceTableException($"The price file {name} has no \"models\" object.");
            }

            var prices = new List<ModelPrice>();
            foreach (var m in models.EnumerateObject())
            {
                prices.Add(ReadModel(name, m.Name, m.Value));
            }

            var sources = new List<PriceSource>();
            if (root.TryGetProperty("providers", out var providers) && providers.ValueKind == JsonValueKind.Object)
            {
                foreach (var p in providers.EnumerateObject())
                {
                    sources.Add(new PriceSource(p.Name, OptionalString(p.Value, "source"), OptionalString(p.Value, "as_of"), OptionalString(p.Value, "note")));
                }
            }

            return new PriceTable(prices, OptionalString(root, "taken"), OptionalString(root, "source"), OptionalString(root, "note"), sources, [name]);
        }
    }

    private static ModelPrice ReadModel(string file, string model, JsonElement e)
    {
        if (e.ValueKind != JsonValueKind.Object)
        {
            throw new PriceTableException($"{file}: the entry for {Named(model)} is not an object.");
        }

        double input = Price(file, model, e, "input", required: true);
        string tier = OptionalString(e, "tier") ?? Tiers.Capable;
        if (!Tiers.All.Contains(tier))
        {
            throw new PriceTableException($"{file}: {Named(model)} has tier {NamedTier(tier)}; use one of {string.Join(", ", Tiers.All)}.");
        }

        return new ModelPrice(
            model,
            OptionalString(e, "provider"),
            tier,
            input,
            Price(file, model, e, "output", required: true),
            e.TryGetProperty("cache_read", out _) ? Price(file, model, e, "cache_read", required: true) : input,
            e.TryGetProperty("cache_write", out _) ? Price(file, model, e, "cache_write", required: true) : input);
    }

    /// <summary>A model id quoted in a message only when it passes the store's model rule; else only its length.</summary>
    private static string Named(string model)
    {
        try
        {
            Events.EventValidator.ValidateModel(model);
            return $"'{model}'";
        }
        catch (Events.TelemetryValidationException)
        {
            return "the model id " + Events.EventValidator.Show(model);
        }
    }

    /// <summary>A tier quoted only when it is a name the store would keep; else only its length.</summary>
    private static string NamedTier(string tier)
    {
        try
        {
            Events.EventValidator.ValidateName("tier", tier, required: true);
            return $"'{tier}'";
        }
        catch (Events.TelemetryValidationException)
        {
            return Events.EventValidator.Show(tier);
        }
    }

    private static double Price(string file, string model, JsonElement e, string field, bool required)
    {
        if (e.TryGetProperty(field, out var v) && v.ValueKind == JsonValueKind.Number && v.TryGetDouble(out double d) && double.IsFinite(d) && d >= 0)
        {
            return d;
        }

        if (!required)
        {
            return 0;
        }

        throw new PriceTableException(string.Create(CultureInfo.InvariantCulture, $"{file}: {Named(model)} needs \"{field}\" as a number of USD per million tokens (0 or more)."));
    }

    private static string? OptionalString(JsonElement e, string field) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(field, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
}

/// <summary>Where one provider's prices come from, as a price file says.</summary>
public sealed record PriceSource(string Provider, string? Source, string? AsOf, string? Note);

public sealed class PriceTableException(string message, Exception? inner = null) : Exception(message, inner);
