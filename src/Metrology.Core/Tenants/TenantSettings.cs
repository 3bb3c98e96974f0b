namespace Metrology.Core.Tenants;

public enum TenantState
{
    Uninitialized = 0,
    Running = 1,
    Disabled = 2,
}

/// <summary>A regional institute's site: one row of the registry in the host database.</summary>
public sealed class TenantSettings
{
    public const string DefaultName = "Default";

    public string Name { get; set; } = "";
    public string? Description { get; set; }
    public TenantState State { get; set; }

    /// <summary>First path segment that selects the tenant (e.g. "chongqing"), or null.</summary>
    public string? RequestUrlPrefix { get; set; }

    /// <summary>Host names that select the tenant, comma separated, or null.</summary>
    public string? RequestUrlHosts { get; set; }

    public DatabaseProvider DatabaseProvider { get; set; }

    /// <summary>PostgreSQL connection string; null for SQLite (the file lives under App_Data).</summary>
    public string? ConnectionString { get; set; }

    /// <summary>PostgreSQL schema that holds the tenant's tables.</summary>
    public string? Schema { get; set; }

    public string? RecipeName { get; set; }

    /// <summary>Enabled feature ids, comma separated (always-enabled features are implied).</summary>
    public string Features { get; set; } = "";

    public DateTime CreatedUtc { get; set; }

    /// <summary>Why the last setup failed (step and item), shown to administrators.</summary>
    public string? SetupError { get; set; }

    public bool IsDefault => string.Equals(Name, DefaultName, StringComparison.OrdinalIgnoreCase);

    public IEnumerable<string> HostList =>
        (RequestUrlHosts ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    public IEnumerable<string> FeatureList =>
        Features.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    public TenantSettings Clone() => (TenantSettings)MemberwiseClone();
}
