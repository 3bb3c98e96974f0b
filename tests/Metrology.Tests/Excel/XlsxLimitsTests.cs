using Metrology.Excel;

namespace Metrology.Tests.Excel;

/// <summary>The reader stops at the first limit a hostile workbook reaches, with a message that names it.</summary>
public sealed class XlsxLimitsTests
{
    private static InvalidDataException Refused(byte[] workbook, XlsxLimits? limits = null)
    {
        var refused = Assert.Throws<InvalidDataException>(() => XlsxReader.ReadRows(new MemoryStream(workbook), limits: limits).Count());
        Assert.IsType<XlsxLimitException>(refused.InnerException);
        return refused;
    }

    [Fact]
    public void A_sheet_with_more_rows_than_the_limit_is_refused_at_the_first_row_past_it()
    {
        var limits = new XlsxLimits { MaxRows = 1_000 };
        Assert.Equal(1_001, XlsxReader.ReadRows(new MemoryStream(HostileWorkbooks.Rows(["名称"], 1_000)), limits: limits).Count());

        var refused = Refused(HostileWorkbooks.Rows(["名称"], 1_001), limits);

        Assert.Contains("超过 1,000 行的导入上限（第 1,002 行起未读取）", refused.Message);
    }

    [Fact]
    public void The_default_row_limit_is_fifty_thousand_rows_per_file()
    {
        Assert.Equal(50_000, XlsxLimits.Default.MaxRows);
        Assert.Contains("50,000 行", Refused(HostileWorkbooks.Rows(["名称"], 50_001)).Message);
    }

    [Fact]
    public void A_sheet_that_inflates_past_its_budget_is_stopped_while_inflating()
    {
        var workbook = HostileWorkbooks.InflatingSheet(megabytes: 3);
        Assert.True(workbook.Length < 64 * 1024, $"{workbook.Length} bytes");

        var refused = Refused(workbook, new XlsxLimits { MaxSheetMegabytes = 2 });

        Assert.Contains("“xl/worksheets/sheet1.xml”解压后超过 2 MB 的上限", refused.Message);
    }

    [Fact]
    public void Any_other_part_that_inflates_past_its_budget_is_refused_before_it_is_parsed()
    {
        var refused = Refused(HostileWorkbooks.InflatingWorkbookPart(megabytes: XlsxLimits.Default.MaxPartMegabytes + 1));
        Assert.Contains("“xl/workbook.xml”解压后超过 8 MB 的上限", refused.Message);
    }

    [Fact]
    public void Too_many_shared_strings_or_styles_are_refused()
    {
        Assert.Contains("共享字符串超过 100 个的上限", Refused(HostileWorkbooks.SharedStrings(101), new XlsxLimits { MaxSharedStrings = 100 }).Message);
        Assert.Single(XlsxReader.ReadRows(new MemoryStream(HostileWorkbooks.SharedStrings(100)), limits: new XlsxLimits { MaxSharedStrings = 100 }));
        Assert.Contains("单元格样式超过 65,000 个的上限", Refused(HostileWorkbooks.Styles(65_001)).Message);
    }

}
