namespace Metrology.Tenants.Models;

/// <summary>One action of a host administrator on a tenant: who, what, when, and how it ended.</summary>
public sealed class HostAuditEntry
{
    public int Id { get; set; }
    public DateTime TimeUtc { get; set; }
    public string UserName { get; set; } = "";
    public string Action { get; set; } = "";
    public string Tenant { get; set; } = "";
    public bool Succeeded { get; set; }
    public string? Detail { get; set; }
}
