using Metrology.Appointments.Models;
using Metrology.Core.Content;
using Metrology.Core.Statistics;
using Microsoft.EntityFrameworkCore;

namespace Metrology.Appointments;

/// <summary>
/// Keeps <see cref="AppointmentIndex"/> and <see cref="AppointmentLineIndex"/> with each save of an appointment, in the same
/// transaction, and records the statistics' fact when the appointment is placed (a booking submitted, a self-delivery given its first instruments).
/// </summary>
internal sealed class AppointmentIndexHandler(IEnumerable<IProcessFacts> facts, TimeProvider clock) : IContentHandler
{
    public async Task SavedAsync(ContentContext context)
    {
        if (context.Item.ContentType != AppointmentService.ContentType) return;
        var part = AppointmentPart.Of(context.Item);
        var db = context.Db;
        var row = await db.Set<AppointmentIndex>().FindAsync(context.Item.ContentItemId);
        var placed = part.Kind == AppointmentKind.SelfDelivery
            ? part.State == AppointmentState.Confirmed && part.Lines.Count > 0 && (row?.LineCount ?? 0) == 0
            : part.State == AppointmentState.Submitted && row?.State != AppointmentState.Submitted;
        if (placed)
            foreach (var sink in facts)
                sink.Record(new ProcessFact(ProcessStep.Booked, part.InstitutionId, part.EnterpriseId, null, DateOnly.FromDateTime(clock.GetLocalNow().DateTime), Kind: (int)part.Kind));
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
