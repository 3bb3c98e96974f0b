using System.Diagnostics;
using System.Text;
using Metrology.Appointments;
using Metrology.Appointments.Models;
using Metrology.Core.Appointments;
using Metrology.Core.Data;
using Metrology.Core.Enterprises;
using Metrology.Core.Security;
using Metrology.Tests.Filings;
using Metrology.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Metrology.Tests.Appointments;

/// <summary>A clock fixed at one local day (UTC zone), for the booking window.</summary>
internal sealed class FixedClock(DateOnly day) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => new(day.ToDateTime(new TimeOnly(10, 0)), TimeSpan.Zero);

    public override TimeZoneInfo LocalTimeZone => TimeZoneInfo.Utc;
}

/// <summary>Helpers the appointment tests share, over a <see cref="FilingSite"/> tenant.</summary>
internal static class AppointmentTestSupport
{
    /// <summary>A staff account in the role, assigned to the institution and to its department of that name.</summary>
    public static async Task<TestBrowser> StaffAsync(this FilingSite site, string userName, string role, string institution, string department)
    {
        var browser = await site.ReviewerAsync(userName, role, institution);
        await site.InTenantAsync(async s =>
        {
            var db = s.GetRequiredService<TenantDbContext>();
            var user = await s.GetRequiredService<UserManager<User>>().FindByNameAsync(userName);
            var institutionId = await db.Set<Metrology.ReferenceData.Models.Institution>().Where(i => i.Name == institution).Select(i => i.Id).FirstAsync();
            var departmentId = await db.Set<Metrology.ReferenceData.Models.Department>().Where(d => d.InstitutionId == institutionId && d.Name == department).Select(d => d.Id).FirstAsync();
            db.Add(new Metrology.ReferenceData.Models.StaffDepartment { UserId = user!.Id, DepartmentId = departmentId });
            await db.SaveChangesAsync();
            return 0;
        });
        return browser;
    }

    public static Task<List<AppointmentIndex>> AppointmentsAsync(this FilingSite site) =>
        site.InTenantAsync(s => s.GetRequiredService<TenantDbContext>().Set<AppointmentIndex>().AsNoTracking().OrderBy(a => a.CreatedUtc).ToListAsync());

    public static Task<AppointmentPart> AppointmentAsync(this FilingSite site, string id) => site.InTenantAsync(async s =>
        AppointmentPart.Of((await s.GetRequiredService<Metrology.Core.Content.ContentManager>().GetAsync(id))!));

    /// <summary>Runs the enterprise's use case in the tenant, with the given clock (the site's own when null).</summary>
    public static Task<T> AsEnterpriseAsync<T>(this FilingSite site, string mobile, Func<AppointmentService, EnterpriseInfo, Task<T>> work, TimeProvider? clock = null) =>
        site.InTenantAsync(async s =>
        {
            var enterprise = (await s.GetRequiredService<IEnterpriseDirectory>().FindByMobileAsync(mobile))!;
            var service = clock is null ? s.GetRequiredService<AppointmentService>() : ActivatorUtilities.CreateInstance<AppointmentService>(s, clock);
            return await work(service, enterprise);
        });

    /// <summary>The PDF's text as pdftotext reads it (one helper for every test).</summary>
    public static Task<string> PdfTextAsync(byte[] pdf) => Metrology.Tests.Documents.PdfRendererTests.PdfTextAsync(pdf);
}
