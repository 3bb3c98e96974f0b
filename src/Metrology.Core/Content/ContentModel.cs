using Microsoft.EntityFrameworkCore;

namespace Metrology.Core.Content;

/// <summary>The content tables: one row per item version, the audit trail, and old URL paths.</summary>
internal static class ContentModel
{
    public static void Configure(ModelBuilder builder)
    {
        builder.Entity<ContentItem>(e =>
        {
            e.ToTable("ContentItems");
            e.HasKey(x => x.Id);
            e.Property(x => x.ContentItemId).HasMaxLength(32);
            // Every save changes the version id: two saves racing on one row cannot both win.
            e.Property(x => x.ContentItemVersionId).HasMaxLength(32).IsConcurrencyToken();
            e.Property(x => x.ContentType).HasMaxLength(64);
            e.Property(x => x.DisplayText).HasMaxLength(200);
            e.Property(x => x.Path).HasMaxLength(200);
            e.Property(x => x.Owner).HasMaxLength(256);
            e.Property(x => x.Author).HasMaxLength(256);
            e.Ignore(x => x.Content);
            e.HasIndex(x => x.ContentItemVersionId).IsUnique().HasDatabaseName("IX_ContentItems_ContentItemVersionId");
            e.HasIndex(x => new { x.ContentItemId, x.Latest, x.Published }).HasDatabaseName("IX_ContentItems_ContentItemId_Latest_Published");
            e.HasIndex(x => new { x.ContentType, x.Latest, x.Published, x.ModifiedUtc }).HasDatabaseName("IX_ContentItems_ContentType_Latest_Published_ModifiedUtc");
            e.HasIndex(x => new { x.Path, x.Published }).HasDatabaseName("IX_ContentItems_Path_Published");
        });
        builder.Entity<ContentAuditEntry>(e =>
        {
            e.ToTable("ContentAuditLog");
            e.HasKey(x => x.Id);
            e.Property(x => x.ContentItemId).HasMaxLength(32);
            e.Property(x => x.ContentItemVersionId).HasMaxLength(32);
            e.Property(x => x.ContentType).HasMaxLength(64);
            e.Property(x => x.Action).HasMaxLength(32);
            e.Property(x => x.UserName).HasMaxLength(256);
            e.HasIndex(x => x.ContentItemId).HasDatabaseName("IX_ContentAuditLog_ContentItemId");
        });
        builder.Entity<ContentRedirect>(e =>
        {
            e.ToTable("ContentRedirects");
            e.HasKey(x => x.Path);
            e.Property(x => x.Path).HasMaxLength(200);
            e.Property(x => x.ContentItemId).HasMaxLength(32);
        });
    }
}
