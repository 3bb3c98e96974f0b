using System.Net;
using Metrology.Appointments;
using Metrology.Core.Appointments;
using Metrology.Core.Data;
using Metrology.Core.Enterprises;
using Metrology.Core.Instruments;
using Metrology.Tests.Appointments;
using Metrology.Tests.Filings;
using Metrology.Tests.Infrastructure;
using Metrology.Verification;
using Metrology.Verification.Models;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Metrology.Tests.Verification;

/// <summary>Helpers the reception and verification tests share, over a <see cref="FilingSite"/> tenant.</summary>
internal static class VerificationTestSupport
{
    public static Task<List<VerificationTask>> TasksAsync(this FilingSite site) =>
        site.InTenantAsync(s => s.GetRequiredService<TenantDbContext>().Set<VerificationTask>().AsNoTracking().OrderBy(t => t.SerialNumber).ToListAsync());

    public static async Task<VerificationTask> TaskAsync(this FilingSite site, string serial) => (await site.TasksAsync()).Single(t => t.SerialNumber == serial);

    public static Task<List<VerificationStep>> StepsAsync(this FilingSite site, string taskId) =>
        site.InTenantAsync(s => s.GetRequiredService<TenantDbContext>().Set<VerificationStep>().AsNoTracking().Where(x => x.TaskId == taskId).OrderBy(x => x.Id).ToListAsync());

    public static Task<int> InstitutionIdAsync(this FilingSite site, string name) => site.InTenantAsync(s => s.GetRequiredService<TenantDbContext>()
        .Set<Metrology.ReferenceData.Models.Institution>().Where(i => i.Name == name).Select(i => i.Id).FirstAsync());

    /// <summary>New instruments of the enterprise, filed with the institution (as a filing's acceptance would leave them); through the library's use case.</summary>
    public static async Task<List<string>> FiledInstrumentsAsync(this FilingSite site, string mobile, string institution, params string[] serials)
    {
        var institutionId = await site.InstitutionIdAsync(institution);
        var ids = new List<string>();
        foreach (var serial in serials)
            ids.Add(await site.InTenantAsync(async s =>
            {
                var enterprise = (await s.GetRequiredService<IEnterpriseDirectory>().FindByMobileAsync(mobile))!;
                var part = new Metrology.Instruments.Models.InstrumentPart
                {
                    Name = "电子台秤", ModelSpec = "TCS-150", SerialNumber = serial, Origin = 1, State = 2, Usage = 4, Kind = 3, Method = 1,
                    RegionCode = enterprise.RegionCode ?? "500103", CatalogCode = "S0702", Department = enterprise.Departments[0],
                };
                var saved = await s.GetRequiredService<Metrology.Instruments.InstrumentLibrary>().SaveAsync(enterprise.Id, null, part, new Dictionary<string, string?>(), "t");
                Assert.True(saved.Succeeded, string.Join("；", saved.Errors.Select(e => e.Message)));
                var id = saved.Item!.ContentItemId;
                var problems = await s.GetRequiredService<IInstrumentRecords>().ChangeAsync(enterprise.Id, id,
                    new InstrumentChange(Filing: FilingStatus.Filed, FilingInstitutionId: institutionId, FiledOn: DateOnly.FromDateTime(DateTime.Today)), "t");
                Assert.Empty(problems);
                await s.GetRequiredService<TenantDbContext>().SaveChangesAsync();
                return id;
            }));
        return ids;
    }

    /// <summary>A self-delivery appointment of the enterprise at the institution holding the instruments; returns its id.</summary>
    public static Task<string> SelfDeliveryAsync(this FilingSite site, string mobile, string institution, IReadOnlyList<string> instrumentIds) =>
        site.AsEnterpriseAsync(mobile, async (s, e) =>
        {
            var (id, created) = await s.CreateAsync(e, AppointmentKind.SelfDelivery, await site.InstitutionIdAsync(institution), null, "t");
            Assert.True(created.Succeeded, string.Join("；", created.Errors.Select(x => x.Message)));
            var added = await s.AddAsync(e, id!, instrumentIds, "t");
            Assert.True(added.Succeeded, string.Join("；", added.Errors.Select(x => x.Message)));
            return id!;
        });

    public static async Task<AppointmentInfo> AppointmentInfoAsync(this FilingSite site, string id) =>
        (await site.InTenantAsync(s => s.GetRequiredService<IAppointmentRecords>().GetAsync(id)))!;

    /// <summary>Posts and expects the redirect of a success, else fails with the page's errors.</summary>
    public static async Task OkAsync(this FilingSite site, TestBrowser browser, string page, string handler, params (string Key, string Value)[] fields)
    {
        var response = await site.PostAsync(browser, page, handler, fields);
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"{page} {handler}: {(int)response.StatusCode} {await TestBrowser.ErrorsOfAsync(response)}");
    }

    public static (string, string)[] Record(string verifiedOn, string conclusion = "Pass", string? validUntil = null, string? failedItems = null) =>
    [
        ("VerifiedOn", verifiedOn), ("Regulation", "JJG 539"), ("Standards", "M1 等级砝码（证书号 示例-002）"), ("Temperature", "21℃"), ("Humidity", "50%"),
        ("Conclusion", conclusion), ("AccuracyClass", "Ⅲ级"), ("ValidUntil", validUntil ?? ""), ("FailedItems", failedItems ?? ""),
    ];
}
