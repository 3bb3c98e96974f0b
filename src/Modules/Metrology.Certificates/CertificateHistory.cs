using Metrology.Certificates.Models;
using Metrology.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace Metrology.Certificates;

/// <summary>The certificates of an instrument in its history (the library's instrument page): the PDF link for the enterprise, the staff page for staff.</summary>
internal sealed class CertificateHistory(TenantDbContext db) : IInstrumentHistorySource
{
    public async Task<IReadOnlyList<InstrumentHistoryEntry>> ForAsync(string instrumentId, bool forStaff, CancellationToken ct = default)
    {
        var rows = await db.Set<CertificateIndex>().AsNoTracking().Where(c => c.InstrumentId == instrumentId).OrderByDescending(c => c.IssuedUtc).ToListAsync(ct);
        return rows.Select(c => new InstrumentHistoryEntry(c.IssuedUtc, "证书",
            $"{(c.Kind == CertificateKind.Certificate ? "检定证书" : "检定结果通知书")} {c.Number}（{CertificateLabels.Of(c.Status, c.FeesOutstanding)}）",
            null,
            forStaff ? $"/admin/certificates/{c.ContentItemId}" : c.Status == CertificateStatus.Issued ? $"/my/certificates/{c.ContentItemId}/pdf" : "/my/certificates")).ToList();
    }
}
