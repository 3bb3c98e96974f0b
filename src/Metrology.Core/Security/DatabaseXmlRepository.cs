using System.Xml.Linq;
using Metrology.Core.Data;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.Extensions.DependencyInjection;

namespace Metrology.Core.Security;

/// <summary>
/// Keeps data-protection keys in the host database so that every web node reads the same keys
/// (cookies issued by one node are read by another). Before Default is set up, keys live in memory.
/// </summary>
internal sealed class DatabaseXmlRepository(IServiceScopeFactory scopes, Tenants.TenantRegistry registry) : IXmlRepository
{
    private readonly List<XElement> _unsaved = [];

    public IReadOnlyCollection<XElement> GetAllElements()
    {
        lock (_unsaved)
        {
            if (!HostReady) return _unsaved.ToList();
        }
        using var scope = scopes.CreateScope();
        var host = scope.ServiceProvider.GetRequiredService<HostDbContext>();
        SaveUnsaved(host);
        return host.DataProtectionKeys.Select(k => k.Xml).AsEnumerable().Select(XElement.Parse).ToList();
    }

    public void StoreElement(XElement element, string friendlyName)
    {
        lock (_unsaved)
        {
            if (!HostReady)
            {
                _unsaved.Add(element);
                return;
            }
        }
        using var scope = scopes.CreateScope();
        var host = scope.ServiceProvider.GetRequiredService<HostDbContext>();
        SaveUnsaved(host);
        host.DataProtectionKeys.Add(new DataProtectionKey { FriendlyName = friendlyName, Xml = element.ToString(SaveOptions.DisableFormatting) });
        host.SaveChanges();
    }

    private void SaveUnsaved(HostDbContext host)
    {
        lock (_unsaved) SaveUnsavedLocked(host);
    }

    private void SaveUnsavedLocked(HostDbContext host)
    {
        if (_unsaved.Count == 0) return;
        foreach (var e in _unsaved)
            host.DataProtectionKeys.Add(new DataProtectionKey { FriendlyName = e.Attribute("id")?.Value, Xml = e.ToString(SaveOptions.DisableFormatting) });
        host.SaveChanges();
        _unsaved.Clear();
    }

    /// <summary>The host tables exist once Default is set up.</summary>
    private bool HostReady => registry.Default.State != Tenants.TenantState.Uninitialized;
}
