using Metrology.Appointments.Models;
using Metrology.Core.Content;
using Microsoft.EntityFrameworkCore;

namespace Metrology.Appointments;

/// <summary>Keeps <see cref="AppointmentIndex"/> and <see cref="AppointmentLineIndex"/> with each save of an appointment, in the same transaction.</summary>
internal sealed class AppointmentIndexHandler : IContentHandler
{
    public async Task SavedAsync(ContentContext context)
    {
        if (context.Item.ContentType != AppointmentService.ContentType) return;
        var part = AppointmentPart.Of(context.Item);
        var db = context.Db;
        var row = await db.Set<AppointmentIndex>().FindAsync(context.Item.ContentItemId);
        if (row is null) db.Add(row = new AppointmentIndex { ContentItemId = context.Item.ContentItemId, CreatedUtc = context.Item.CreatedUtc });
        row.EnterpriseId = part.EnterpriseId;
        row.InstitutionId = part.InstitutionId;
        row.Kind = part.Kind;
        row.State = part.State;
        row.Number = part.Number;
        row.DeliveryNumber = part.DeliveryNumber;
        row.OpenDeliveryNumber = part.IsOpen ? part.DeliveryNumber : null;
        row.Discipline = part.Discipline;
        row.LineCount = part.Lines.Count;
        row.ConfirmedDate = part.ConfirmedDate;
        row.SubmittedUtc = part.SubmittedUtc;

        var existing = await db.Set<AppointmentLineIndex>().Where(l => l.AppointmentId == row.ContentItemId).ToDictionaryAsync(l => l.InstrumentId);
        foreach (var line in part.Lines)
        {
            if (!existing.Remove(line.InstrumentId, out var lineRow))
                db.Add(lineRow = new AppointmentLineIndex { AppointmentId = row.ContentItemId, InstrumentId = line.InstrumentId });
            lineRow.EnterpriseId = part.EnterpriseId;
            lineRow.SerialNumber = line.SerialNumber;
            lineRow.Open = part.IsOpen;
        }
        db.RemoveRange(existing.Values);
    }

    public async Task RemovedAsync(ContentContext context)
    {
        if (context.Item.ContentType != AppointmentService.ContentType) return;
        await context.Db.Set<AppointmentLineIndex>().Where(l => l.AppointmentId == context.Item.ContentItemId).ExecuteDeleteAsync();
        await context.Db.Set<AppointmentIndex>().Where(f => f.ContentItemId == context.Item.ContentItemId).ExecuteDeleteAsync();
    }
}
