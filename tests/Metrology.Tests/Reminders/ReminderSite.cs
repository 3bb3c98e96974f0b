using Metrology.Core.Appointments;
using Metrology.Core.Data;
using Metrology.Core.Instruments;
using Metrology.Core.Notifications;
using Metrology.Core.Settings;
using Metrology.Enterprises.Models;
using Metrology.Instruments;
using Metrology.Instruments.Models;
using Metrology.Notifications.Models;
using Metrology.Reminders;
using Metrology.Reminders.Models;
using Metrology.Tests.Appointments;
using Metrology.Tests.Filings;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Metrology.Tests.Reminders;

/// <summary>A clock the test moves: a UTC instant.</summary>
internal sealed class MovableClock(DateTime utc) : TimeProvider
{
    public DateTime Utc { get; set; } = utc;

    public override DateTimeOffset GetUtcNow() => new(DateTime.SpecifyKind(Utc, DateTimeKind.Utc));

    /// <summary>10:00 in China (UTC+8) on the day: outside the default quiet hours.</summary>
    public void MorningOf(DateOnly day) => Utc = day.ToDateTime(new TimeOnly(2, 0));
}

/// <summary>Helpers the reminder tests share over a <see cref="FilingSite"/> tenant: an enterprise of its own with filed instruments, runs with a clock, the messages.</summary>
internal static class ReminderSite
{
    /// <summary>A new active enterprise (mobile is its login and SMS number) and its id.</summary>
    public static Task<int> EnterpriseAsync(this FilingSite site, string name, string mobile, string? email = null) => site.InTenantAsync(async s =>
    {
        var db = s.GetRequiredService<TenantDbContext>();
        var e = new Enterprise { Name = name, CreditCode = "R" + mobile, ContactName = "联系人", ContactMobile = mobile, Email = email, RegionCode = "500103",
            Departments = "计量室", Status = EnterpriseStatus.Active, CreatedUtc = DateTime.UtcNow };
        db.Add(e);
        await db.SaveChangesAsync();
        return e.Id;
    });

    /// <summary>Instruments of the enterprise filed with the tenant's first institution, valid until <paramref name="validUntil"/>; their ids.</summary>
    public static Task<List<string>> FiledInstrumentsAsync(this FilingSite site, int enterpriseId, string prefix, int count, DateOnly validUntil) => site.InTenantAsync(async s =>
    {
        var library = s.GetRequiredService<InstrumentLibrary>();
        var institution = await s.GetRequiredService<TenantDbContext>().Set<Metrology.ReferenceData.Models.Institution>().OrderBy(i => i.Id).Select(i => i.Id).FirstAsync();
        var ids = new List<string>();
        for (var n = 1; n <= count; n++)
        {
            var part = new InstrumentPart { Name = "膜式燃气表", ModelSpec = "G4", SerialNumber = $"{prefix}-{n:000}", Origin = 1, State = 2, Usage = 4, Kind = 3, Method = 1,
                RegionCode = "500103", CatalogCode = "S0401", Department = "计量室" };
            var saved = await library.SaveAsync(enterpriseId, null, part, new Dictionary<string, string?>(), "t");
            Assert.True(saved.Succeeded, string.Join("；", saved.Errors.Select(e => e.Message)));
            var id = saved.Item!.ContentItemId;
            Assert.True(await library.UpdateAsync(id, p => p with
            {
                FilingStatus = FilingStatus.Filed, Mandatory = true, EverFiled = true, FilingInstitutionId = institution,
                LastVerificationDate = validUntil.AddYears(-1), ValidUntil = validUntil,
            }, "t"));
            ids.Add(id);
        }
        return ids;
    });

    /// <summary>The reminder settings, and no SMS rate limit: the limits count real minutes, the runs happen on a moved clock within seconds.</summary>
    public static Task SettingsAsync(this FilingSite site, ReminderSettings settings) =>
        site.InTenantAsync(async s =>
        {
            var documents = s.GetRequiredService<DocumentStore>();
            await documents.SaveAsync(settings);
            var sms = await documents.GetAsync<Metrology.Notifications.SmsSettings>();
            sms.PerMinute = 0;
            sms.PerDay = 0;
            await documents.SaveAsync(sms);
            return 0;
        });

    /// <summary>One reminder run in its own scope, as the job runs it, with the clock.</summary>
    public static Task<ReminderRunResult> RunAsync(this FilingSite site, TimeProvider clock) =>
        site.InTenantAsync(s => ActivatorUtilities.CreateInstance<ReminderService>(s, clock).RunAsync());

    public static Task<List<NotificationMessage>> RemindersToAsync(this FilingSite site, string recipient) =>
        site.InTenantAsync(s => s.GetRequiredService<TenantDbContext>().Set<NotificationMessage>().AsNoTracking()
            .Where(m => m.Recipient == recipient && m.Kind == NotificationKinds.ExpiryReminder).OrderBy(m => m.Id).ToListAsync());

    public static Task<List<ReminderClaim>> ClaimsOfAsync(this FilingSite site, int enterpriseId) =>
        site.InTenantAsync(s => s.GetRequiredService<TenantDbContext>().Set<ReminderClaim>().AsNoTracking().Where(c => c.EnterpriseId == enterpriseId).ToListAsync());

    /// <summary>Books the instruments in a new self-delivery appointment with the tenant's first institution (Chongqing's way), as the enterprise, with the clock.</summary>
    public static Task BookAsync(this FilingSite site, string mobile, IReadOnlyList<string> instrumentIds, TimeProvider clock) =>
        site.AsEnterpriseAsync(mobile, async (service, enterprise) =>
        {
            var institution = await site.InTenantAsync(s => s.GetRequiredService<TenantDbContext>().Set<Metrology.ReferenceData.Models.Institution>().OrderBy(i => i.Id).Select(i => i.Id).FirstAsync());
            var (id, created) = await service.CreateAsync(enterprise, AppointmentKind.SelfDelivery, institution, null, "t");
            Assert.True(created.Succeeded, string.Join("；", created.Errors.Select(e => e.Message)));
            var added = await service.AddAsync(enterprise, id!, instrumentIds, "t");
            Assert.True(added.Succeeded, string.Join("；", added.Errors.Select(e => e.Message)));
            return 0;
        }, clock);
}
