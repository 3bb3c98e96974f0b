using Metrology.Core.Content;
using Metrology.Core.Data;
using Metrology.Excel;
using Metrology.Core.Tenants;
using Metrology.Enterprises.Models;
using Metrology.Instruments;
using Metrology.Instruments.Import;
using Metrology.Instruments.Models;
using Metrology.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Metrology.Tests.Instruments;

/// <summary>A tenant that added its own fields to the Instrument type: they follow the template's columns, both ways.</summary>
public sealed class InstrumentExcelExtraFieldTests(SiteFactory site) : IAsyncLifetime
{
    private TenantSettings _tenant = null!;

    public async ValueTask InitializeAsync()
    {
        _tenant = await site.CreateTenantAsync("InstrXf");
        await RunAsync(async s =>
        {
            var store = s.GetRequiredService<ContentDefinitionStore>();
            var type = (await store.FindAsync(InstrumentLibrary.ContentType))!;
            var errors = await store.SaveAsync(type with
            {
                Fields =
                [
                    new ContentFieldDefinition { Name = "AssetNo", DisplayName = "资产编号", Type = FieldTypes.Text, Required = true, MaxLength = 10 },
                    new ContentFieldDefinition { Name = "Critical", DisplayName = "关键设备", Type = FieldTypes.Boolean },
                    new ContentFieldDefinition { Name = "Photo", DisplayName = "照片", Type = FieldTypes.Media },
                ],
            });
            Assert.Empty(errors);
            return 0;
        });
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private async Task<T> RunAsync<T>(Func<IServiceProvider, Task<T>> work)
    {
        T result = default!;
        await site.Services.GetRequiredService<TenantScopes>().RunAsync(_tenant, async s => result = await work(s));
        return result;
    }

    [Fact]
    public async Task Extra_fields_are_columns_after_the_template_s_checked_on_import_and_exported_back()
    {
        var (enterprise, columns) = await RunAsync(async s => (
            await s.GetRequiredService<TenantDbContext>().Set<Enterprise>().Where(e => e.ContactMobile == "13800000001").Select(e => e.Id).SingleAsync(),
            (await s.GetRequiredService<InstrumentLibrary>().SheetAsync()).Columns));
        Assert.Equal(["资产编号", "关键设备"], columns.Skip(19).Select(c => c.Header));
        Assert.True(columns[19].Required);
        Assert.Equal(["是", "否"], columns[20].Choices);

        string?[] Row(string serial, string? asset, string? critical) =>
            ["压力表", "Y-1", serial, null, null, "1", "2", "1", "3", "1", "441202", "S0101", null, null, null, null, null, null, null, asset, critical];
        using var buffer = new MemoryStream();
        XlsxWriter.Write(buffer, [new SheetData(InstrumentSheet.SheetName, columns, [Row("XF-1", "ZC-0001", "是"), Row("XF-2", null, null), Row("XF-3", "ZC-00000000003", "否")])]);

        var result = await RunAsync(s => s.GetRequiredService<InstrumentLibrary>().ImportAsync(enterprise, new MemoryStream(buffer.ToArray()), true, "test"));

        Assert.Equal(1, result.Imported);
        Assert.Contains(result.Errors, e => e is { Row: 3, Column: "资产编号" } && e.Message.Contains("请填写「资产编号」"));
        Assert.Contains(result.Errors, e => e is { Row: 4, Column: "资产编号" } && e.Message.Contains("不能超过 10 个字符"));

        var exported = await RunAsync(async s =>
        {
            using var output = new MemoryStream();
            await s.GetRequiredService<InstrumentLibrary>().ExportAsync(enterprise, new InstrumentFilter(), output);
            return output.ToArray();
        });
        var row = Assert.Single(XlsxReader.ReadRows(new MemoryStream(exported)).Skip(1));
        Assert.Equal(("XF-1", "ZC-0001", "是"), (row[2], row[19], row[20]));
    }
}
