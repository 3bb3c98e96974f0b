using Metrology.Contents.Indexes;
using Metrology.Contents.Pages.Shared;
using Metrology.Core.Content;
using Metrology.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace Metrology.Contents;

/// <summary>Builds what a display template needs: picked items and, for a list, a page of its children.</summary>
public sealed class ContentViews(TenantDbContext db, ContentDefinitionStore definitions, ContentLists lists, Microsoft.AspNetCore.Http.IHttpContextAccessor http)
{
    /// <summary>The list page asked for by ?page= (a page's own route value is also named "page", so it is read from the query).</summary>
    public static int PageOf(Microsoft.AspNetCore.Http.HttpRequest request) =>
        int.TryParse(request.Query["page"], out var page) ? Math.Clamp(page, 1, Metrology.Core.Web.AnonymousPageCache.MaxPage) : 1;

    /// <param name="version">Published for the portal; Latest for the editor's preview (drafts of children too).</param>
    public async Task<ContentView> BuildAsync(ContentItem item, ContentTypeDefinition type, VersionOptions version, int page = 1, CancellationToken ct = default)
    {
        var children = new List<ContentView>();
        var pageCount = 1;
        if (type.Has(ContentParts.List))
        {
            var size = type.PageSize > 0 ? type.PageSize : 500;
            var (items, total) = await lists.ChildrenAsync(item.ContentItemId, version, (Math.Max(page, 1) - 1) * size, size, ct);
            pageCount = Math.Max(1, (total + size - 1) / size);
            var types = await definitions.TypesAsync(ct);
            foreach (var child in items)
                if (types.FirstOrDefault(t => t.Name == child.ContentType) is { Securable: false } childType)
                    children.Add(await WithLinkedAsync(new ContentView(child, childType) { PathBase = PathBase }, version, ct));
        }
        return await WithLinkedAsync(new ContentView(item, type) { Children = children, Page = page, PageCount = pageCount, PathBase = PathBase }, version, ct);
    }

    private string PathBase => http.HttpContext?.Request.PathBase.Value ?? "";

    private async Task<ContentView> WithLinkedAsync(ContentView view, VersionOptions version, CancellationToken ct)
    {
        var ids = view.Type.Fields.Where(f => f.Type == FieldTypes.ContentPicker)
            .SelectMany(f => FieldTypes.Values(view.Item.Field(f.Name))).Distinct().ToArray();
        if (ids.Length == 0) return view;
        var linked = await db.Set<ContentItem>().AsNoTracking()
            .Where(i => ids.Contains(i.ContentItemId) && (version == VersionOptions.Latest ? i.Latest : i.Published)).ToListAsync(ct);
        return view with { Linked = linked.ToDictionary(i => i.ContentItemId) };
    }
}
