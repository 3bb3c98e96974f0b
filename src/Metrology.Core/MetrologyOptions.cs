using Metrology.Core.Tenants;

namespace Metrology.Core;

/// <summary>The "Metrology" configuration section.</summary>
public sealed class MetrologyOptions
{
    /// <summary>Folder for tenant databases and files; relative paths are under the content root.</summary>
    public string AppData { get; set; } = "App_Data";

    /// <summary>Folder of *.recipe.json files; by default "recipes" beside the application.</summary>
    public string? RecipesPath { get; set; }

    /// <summary>Database of the Default (host) tenant, and the default for new tenants.</summary>
    public DatabaseOptions Database { get; set; } = new();

    public AutoSetupOptions AutoSetup { get; set; } = new();

    /// <summary>
    /// A second port that answers only <c>/metrics</c> (Prometheus) and <c>POST /jobs/{tenant}/{job}</c>; null for none.
    /// Keep it off the load balancer: it is for the metrics scraper and the operator.
    /// </summary>
    public int? ManagementPort { get; set; }

    /// <summary>
    /// The host the management port binds: <c>localhost</c> (the default: loopback only), an IP address of this machine,
    /// or <c>*</c> for every interface (a scraper on another machine; keep the port on a private network then).
    /// </summary>
    public string ManagementAddress { get; set; } = "localhost";

    /// <summary>
    /// A secret an operator sends as <c>Authorization: Bearer …</c> to <c>POST /jobs</c> on the management port (set it
    /// from the environment, <c>Metrology__ManagementToken</c>, never in a committed file). Without it, only callers on
    /// this machine may run jobs, whatever <see cref="ManagementAddress"/> binds.
    /// </summary>
    public string? ManagementToken { get; set; }

    /// <summary>
    /// A Quartz cron expression (China time) per tenant job name replacing the job's own schedule on this node, e.g.
    /// <c>Metrology__JobSchedules__workflow-timers="0/5 * * * * ?"</c>. Give every node the same; unknown names are ignored.
    /// </summary>
    public Dictionary<string, string> JobSchedules { get; set; } = [];
}

public sealed class DatabaseOptions
{
    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;

    /// <summary>PostgreSQL connection string (each tenant gets its own schema in it).</summary>
    public string? ConnectionString { get; set; }
}

/// <summary>Sets up Default and the listed tenants at start, when they are not set up yet.</summary>
public sealed class AutoSetupOptions
{
    public bool Enabled { get; set; }

    /// <summary>Password of every auto-setup tenant's first administrator.</summary>
    public string? AdminPassword { get; set; }

    public List<AutoSetupTenant> Tenants { get; set; } = [];
}

public sealed class AutoSetupTenant
{
    public string Name { get; set; } = "";
    public string? Prefix { get; set; }
    public string? Hosts { get; set; }
    public string SiteName { get; set; } = "";
    public string Recipe { get; set; } = "";
    public string AdminUserName { get; set; } = "admin";
    public string AdminEmail { get; set; } = "admin@example.com";
}
