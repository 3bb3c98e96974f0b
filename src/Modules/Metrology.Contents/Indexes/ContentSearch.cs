using Metrology.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace Metrology.Contents.Indexes;

/// <summary>
/// Search over the index of published text. On SQLite, queries of three characters or more use FTS5's
/// trigram index, ranked by relevance; shorter ones (two-character Chinese words such as 备案) and
/// PostgreSQL use a substring match on the index table, newest first (ADR 0004).
/// </summary>
public sealed class ContentSearch(TenantDbContext db)
{
    public async Task<List<ContentSearchEntry>> FindAsync(string text, int take, CancellationToken ct = default)
    {
        var q = text.Trim();
        if (q.Length == 0) return [];
        var set = db.Set<ContentSearchEntry>().AsNoTracking();
        if (db.Database.IsSqlite() && q.Length >= 3)
        {
            // A quoted FTS5 string is a phrase: the user's quotes are doubled, operators are plain text.
            var phrase = "\"" + q.Replace("\"", "\"\"") + "\"";
            return await db.Set<ContentSearchEntry>().FromSql($"SELECT s.* FROM ContentSearch s JOIN (SELECT rowid, rank FROM ContentSearchFts WHERE ContentSearchFts MATCH {phrase}) f ON f.rowid = s.Id ORDER BY f.rank LIMIT {take}")
                .AsNoTracking().ToListAsync(ct);
        }
        return await set.Where(e => (e.Title != null && e.Title.Contains(q)) || e.Text.Contains(q))
            .OrderByDescending(e => e.PublishedUtc).ThenBy(e => e.Id).Take(take).ToListAsync(ct);
    }
}
