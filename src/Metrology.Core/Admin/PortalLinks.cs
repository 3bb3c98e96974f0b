namespace Metrology.Core.Admin;

/// <summary>A link in the portal's top navigation. <see cref="Url"/> is relative to the tenant ("/catalog").</summary>
public sealed record PortalLink(string Text, string Url, int Position = 0);

/// <summary>A feature's links in the portal's navigation (shown only where the feature is enabled).</summary>
public interface IPortalLinks
{
    Task<IEnumerable<PortalLink>> LinksAsync();
}
