using Metrology.Core.Content;
using Metrology.Filings.Models;
using Microsoft.EntityFrameworkCore;

namespace Metrology.Filings;

/// <summary>Keeps <see cref="FilingIndex"/> and <see cref="FilingLineIndex"/> with each save of a filing, in the same transaction.</summary>
internal sealed class FilingIndexHandler : IContentHandler
{
    public async Task SavedAsync(ContentContext context)
    {
        if (context.Item.ContentType != FilingService.ContentType) return;
        var part = FilingPart.Of(context.Item);
        var db = context.Db;
        var row = await db.Set<FilingIndex>().FindAsync(context.Item.ContentItemId);
        if (row is null) db.Add(row = new FilingIndex { ContentItemId = context.Item.ContentItemId, CreatedUtc = context.Item.CreatedUtc });
        row.EnterpriseId = part.EnterpriseId;
        row.InstitutionId = part.InstitutionId;
        row.Number = part.Number;
        row.State = part.State;
        row.LineCount = part.Lines.Count;
        row.AcceptedCount = part.Accepted;
        row.RejectedCount = part.Rejected;
        row.SubmittedUtc = part.SubmittedUtc;
        row.ReviewedUtc = part.ReviewedUtc;

        var existing = await db.Set<FilingLineIndex>().Where(l => l.FilingId == row.ContentItemId).ToDictionaryAsync(l => l.InstrumentId);
        foreach (var line in part.Lines)
        {
            if (!existing.Remove(line.InstrumentId, out var lineRow))
                db.Add(lineRow = new FilingLineIndex { FilingId = row.ContentItemId, InstrumentId = line.InstrumentId });
            lineRow.EnterpriseId = part.EnterpriseId;
            lineRow.InstitutionId = part.InstitutionId;
            lineRow.CatalogCode = line.CatalogCode;
            lineRow.Decision = line.Decision;
            lineRow.DecidedUtc = line.DecidedUtc;
            // Open holds the instrument: while the filing is a draft or waits for review, and while a rejected line has not been moved back.
            lineRow.Open = line.Decision == LineDecision.Pending ? part.State != FilingState.Reviewed : line.Decision == LineDecision.Rejected && !line.MovedBack;
        }
        db.RemoveRange(existing.Values);
    }

    public async Task RemovedAsync(ContentContext context)
    {
        if (context.Item.ContentType != FilingService.ContentType) return;
        await context.Db.Set<FilingLineIndex>().Where(l => l.FilingId == context.Item.ContentItemId).ExecuteDeleteAsync();
        await context.Db.Set<FilingIndex>().Where(f => f.ContentItemId == context.Item.ContentItemId).ExecuteDeleteAsync();
    }
}
