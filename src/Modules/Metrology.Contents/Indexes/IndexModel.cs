using Metrology.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace Metrology.Contents.Indexes;

/// <summary>A child of a list: its container and place. One row per item, whatever its versions.</summary>
public sealed class ContentListEntry
{
    public string ContentItemId { get; set; } = "";
    public string ContainerId { get; set; } = "";
    public string ContentType { get; set; } = "";
    public int Position { get; set; }

    /// <summary>The item has a published version (the portal lists it).</summary>
    public bool Published { get; set; }
}

/// <summary>What visitors can find of a published item: its title, address and visible text.</summary>
public sealed class ContentSearchEntry
{
    public int Id { get; set; }
    public string ContentItemId { get; set; } = "";
    public string ContentType { get; set; } = "";
    public string? Title { get; set; }

    /// <summary>Tenant-relative, without the leading slash: the item's path, or its list's path and an anchor.</summary>
    public string Url { get; set; } = "";

    public string Text { get; set; } = "";
    public DateTime PublishedUtc { get; set; }
}

internal sealed class IndexModel : IModelConfiguration
{
    public void Configure(ModelBuilder builder)
    {
        builder.Entity<ContentListEntry>(e =>
        {
            e.ToTable("ContentListItems");
            e.HasKey(x => x.ContentItemId);
            e.Property(x => x.ContentItemId).HasMaxLength(32);
            e.Property(x => x.ContainerId).HasMaxLength(32);
            e.Property(x => x.ContentType).HasMaxLength(64);
            e.HasIndex(x => new { x.ContainerId, x.Position }).HasDatabaseName("IX_ContentListItems_ContainerId_Position");
        });
        builder.Entity<ContentSearchEntry>(e =>
        {
            e.ToTable("ContentSearch");
            e.HasKey(x => x.Id);
            e.Property(x => x.ContentItemId).HasMaxLength(32);
            e.Property(x => x.ContentType).HasMaxLength(64);
            e.Property(x => x.Title).HasMaxLength(200);
            e.Property(x => x.Url).HasMaxLength(300);
            e.HasIndex(x => x.ContentItemId).IsUnique().HasDatabaseName("IX_ContentSearch_ContentItemId");
        });
    }
}
