using Metrology.Certificates.Models;
using Metrology.Core.Content;
using Microsoft.EntityFrameworkCore;

namespace Metrology.Certificates;

/// <summary>Keeps <see cref="CertificateIndex"/> with each save of a certificate, in the same transaction, and records the statistics' fact when one is made.</summary>
internal sealed class CertificateIndexHandler(IEnumerable<Metrology.Core.Statistics.IProcessFacts> facts, IServiceProvider services, TimeProvider clock) : IContentHandler
{
    public async Task SavedAsync(ContentContext context)
    {
        if (context.Item.ContentType != CertificateIssuer.ContentType) return;
        var p = CertificatePart.Of(context.Item);
        var row = await context.Db.Set<CertificateIndex>().FindAsync(context.Item.ContentItemId);
        if (row is null)
        {
            context.Db.Add(row = new CertificateIndex { ContentItemId = context.Item.ContentItemId });
            if (facts.Any())
            {
                // The library is resolved here: it saves through the content manager, which holds this handler.
                var instrument = (await Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.GetRequiredService<Metrology.Core.Instruments.IInstrumentRecords>(services)
                    .FindAnyAsync([p.InstrumentId])).FirstOrDefault();
                foreach (var sink in facts)
                    sink.Record(new Metrology.Core.Statistics.ProcessFact(Metrology.Core.Statistics.ProcessStep.CertificateIssued, p.InstitutionId, p.EnterpriseId, p.InstrumentId,
                        DateOnly.FromDateTime(clock.GetLocalNow().DateTime), instrument?.RegionCode, p.CatalogCode, instrument?.Usage));
            }
        }
        row.Number = p.Number;
        row.Code = p.Code;
        row.Kind = p.Kind;
        row.Status = p.Status;
        row.ResultId = p.ResultId;
        row.InstrumentId = p.InstrumentId;
        row.EnterpriseId = p.EnterpriseId;
        row.InstitutionId = p.InstitutionId;
        row.AppointmentId = p.AppointmentId;
        row.InstrumentName = p.InstrumentName;
        row.SerialNumber = p.SerialNumber;
        row.Passed = p.Passed;
        row.VerifiedOn = p.VerifiedOn;
        row.ValidUntil = p.ValidUntil;
        row.FeesOutstanding = p.FeesOutstanding;
        row.Uploaded = p.UploadedPdf is not null;
        row.IssuedUtc = p.IssuedUtc;
    }

    public async Task RemovedAsync(ContentContext context)
    {
        if (context.Item.ContentType != CertificateIssuer.ContentType) return;
        // The number stays taken: a removed certificate's number is never given again (the row is kept as revoked).
        await context.Db.Set<CertificateIndex>().Where(c => c.ContentItemId == context.Item.ContentItemId)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.Status, CertificateStatus.Revoked));
    }
}
