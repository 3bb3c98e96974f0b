using Metrology.Core.Content;
using Metrology.Core.Instruments;
using Metrology.Core.Statistics;
using Metrology.Filings.Models;
using Microsoft.EntityFrameworkCore;

namespace Metrology.Filings;

/// <summary>
/// Keeps <see cref="FilingIndex"/> and <see cref="FilingLineIndex"/> with each save of a filing, in the same transaction,
/// and records the statistics' facts where a filing is submitted and where a line is decided.
/// </summary>
internal sealed class FilingIndexHandler(IEnumerable<IProcessFacts> facts, IServiceProvider services, TimeProvider clock) : IContentHandler
{
    public async Task SavedAsync(ContentContext context)
    {
        if (context.Item.ContentType != FilingService.ContentType) return;
        var part = FilingPart.Of(context.Item);
        var db = context.Db;
        var row = await db.Set<FilingIndex>().FindAsync(context.Item.ContentItemId);
        var submitted = part.State == FilingState.Submitted && row?.State != FilingState.Submitted;
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
        var steps = new List<(FilingLine Line, ProcessStep Step)>();
        foreach (var line in part.Lines)
        {
            if (!existing.Remove(line.InstrumentId, out var lineRow))
                db.Add(lineRow = new FilingLineIndex { FilingId = row.ContentItemId, InstrumentId = line.InstrumentId });
            if (submitted) steps.Add((line, ProcessStep.FilingSubmitted));
            if (lineRow.Decision == LineDecision.Pending && line.Decision != LineDecision.Pending)
                steps.Add((line, line.Decision == LineDecision.Accepted ? ProcessStep.FilingAccepted : ProcessStep.FilingRejected));
            lineRow.EnterpriseId = part.EnterpriseId;
            lineRow.InstitutionId = part.InstitutionId;
            lineRow.CatalogCode = line.CatalogCode;
            lineRow.Decision = line.Decision;
            lineRow.DecidedUtc = line.DecidedUtc;
            // Open holds the instrument: while the filing is a draft or waits for review, and while a rejected line has not been moved back.
            lineRow.Open = line.Decision == LineDecision.Pending ? part.State != FilingState.Reviewed : line.Decision == LineDecision.Rejected && !line.MovedBack;
        }
        db.RemoveRange(existing.Values);
        await RecordAsync(part, steps);
    }

    private async Task RecordAsync(FilingPart part, List<(FilingLine Line, ProcessStep Step)> steps)
    {
        if (steps.Count == 0 || !facts.Any()) return;
        // The library is resolved here: it saves through the content manager, which holds this handler.
        var instruments = Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.GetRequiredService<IInstrumentRecords>(services);
        var regions = (await instruments.FindAnyAsync(steps.Select(s => s.Line.InstrumentId).Distinct())).ToDictionary(i => i.Id, i => i.RegionCode);
        var today = DateOnly.FromDateTime(clock.GetLocalNow().DateTime);
        foreach (var (line, step) in steps)
        foreach (var sink in facts)
            sink.Record(new ProcessFact(step, part.InstitutionId, part.EnterpriseId, line.InstrumentId, today, regions.GetValueOrDefault(line.InstrumentId), line.CatalogCode, line.Usage));
    }

    public async Task RemovedAsync(ContentContext context)
    {
        if (context.Item.ContentType != FilingService.ContentType) return;
        await context.Db.Set<FilingLineIndex>().Where(l => l.FilingId == context.Item.ContentItemId).ExecuteDeleteAsync();
        await context.Db.Set<FilingIndex>().Where(f => f.ContentItemId == context.Item.ContentItemId).ExecuteDeleteAsync();
    }
}
