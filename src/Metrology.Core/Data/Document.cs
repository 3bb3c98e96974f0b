namespace Metrology.Core.Data;

/// <summary>A singleton JSON document of a tenant (site settings and the like).</summary>
public sealed class Document
{
    public string Id { get; set; } = "";
    public string Json { get; set; } = "{}";
    public int Version { get; set; }
}
