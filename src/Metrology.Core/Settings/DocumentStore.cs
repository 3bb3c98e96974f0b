using System.Text.Json;
using Metrology.Core.Data;
using Metrology.Core.Tenants;
using Microsoft.EntityFrameworkCore;

namespace Metrology.Core.Settings;

/// <summary>
/// Reads and writes a tenant's singleton JSON documents (one row each, versioned). They are the tenant's settings: a
/// save empties the tenant's caches (<see cref="TenantCaches"/>), so what is cached from one (the booking window, the
/// site settings) is read again.
/// </summary>
public sealed class DocumentStore(TenantDbContext db, TenantContext tenant, TenantCaches caches)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public async Task<T> GetAsync<T>(CancellationToken ct = default) where T : new()
    {
        var row = await db.Documents.AsNoTracking().FirstOrDefaultAsync(d => d.Id == typeof(T).Name, ct);
        return row is null ? new T() : JsonSerializer.Deserialize<T>(row.Json, Json) ?? new T();
    }

    public async Task SaveAsync<T>(T document, CancellationToken ct = default)
    {
        var id = typeof(T).Name;
        var row = await db.Documents.FirstOrDefaultAsync(d => d.Id == id, ct);
        if (row is null) db.Documents.Add(row = new Document { Id = id });
        row.Json = JsonSerializer.Serialize(document, Json);
        row.Version++;
        await db.SaveChangesAsync(ct);
        await caches.ChangedAsync(tenant.Tenant.Name);
    }
}
