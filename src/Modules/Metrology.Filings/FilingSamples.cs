using Metrology.Core.Content;
using Metrology.Core.Data;
using Metrology.Core.Enterprises;
using Metrology.Core.Reference;
using Metrology.Core.Workflows;
using Metrology.Filings.Models;
using Microsoft.EntityFrameworkCore;

namespace Metrology.Filings;

/// <summary>The latest submitted filings, with the payload their events carry, for trying a workflow in the designer.</summary>
internal sealed class FilingSamples(TenantDbContext db, ContentManager contents, IEnterpriseDirectory enterprises, IReferenceData reference) : IWorkflowSampleSource
{
    public async Task<IReadOnlyList<WorkflowSample>> SamplesAsync(string eventName, CancellationToken ct = default)
    {
        if (eventName is not (FilingEvents.Submitted or FilingEvents.Reviewed)) return [];
        var rows = await db.Set<FilingIndex>().AsNoTracking().Where(f => f.State != FilingState.Draft)
            .OrderByDescending(f => f.SubmittedUtc).Take(20).ToListAsync(ct);
        var institutions = (await reference.InstitutionsAsync(ct)).ToDictionary(i => i.Id, i => i.Name);
        var samples = new List<WorkflowSample>();
        foreach (var row in rows)
        {
            if (await contents.GetAsync(row.ContentItemId, VersionOptions.Latest, ct) is not { } item || await enterprises.FindAsync(row.EnterpriseId, ct) is not { } enterprise) continue;
            var part = FilingPart.Of(item);
            samples.Add(new WorkflowSample(row.ContentItemId, $"{row.Number} {enterprise.Name}（{row.LineCount} 台）",
                FilingEvents.Payload(enterprise, part, institutions.GetValueOrDefault(row.InstitutionId, ""), row.ContentItemId), $"filing:{row.ContentItemId}"));
        }
        return samples;
    }
}
