using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection.Repositories;

namespace Metrology.Core.Security;

/// <summary>
/// Data-protection keys live in the host database (EF Core's repository over <see cref="Data.HostDbContext"/>), so that
/// every web node reads the same keys: a cookie or form token issued by one node is read by another. Before Default is set
/// up there are no host tables yet; keys made then are kept in memory and written on the first use after setup.
/// </summary>
internal sealed class HostKeyRepository(IXmlRepository database, Tenants.TenantRegistry registry) : IXmlRepository
{
    private readonly List<(XElement Element, string FriendlyName)> _unsaved = [];

    public IReadOnlyCollection<XElement> GetAllElements()
    {
        lock (_unsaved)
        {
            if (!HostReady) return _unsaved.Select(k => k.Element).ToList();
            SaveUnsaved();
        }
        return database.GetAllElements();
    }

    public void StoreElement(XElement element, string friendlyName)
    {
        lock (_unsaved)
        {
            if (!HostReady)
            {
                _unsaved.Add((element, friendlyName));
                return;
            }
            SaveUnsaved();
        }
        database.StoreElement(element, friendlyName);
    }

    private void SaveUnsaved()
    {
        foreach (var (element, name) in _unsaved) database.StoreElement(element, name);
        _unsaved.Clear();
    }

    /// <summary>The host tables exist once Default is set up.</summary>
    private bool HostReady => registry.Default.State != Tenants.TenantState.Uninitialized;
}
