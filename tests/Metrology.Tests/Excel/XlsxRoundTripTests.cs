using System.Globalization;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using DocumentFormat.OpenXml.Validation;
using Metrology.Excel;
using SheetData = Metrology.Excel.SheetData;

namespace Metrology.Tests.Excel;

public sealed class XlsxRoundTripTests
{
    private static readonly SheetColumn[] CatalogColumns =
    [
        new("编码", Required: true, Width: 12),
        new("名称", Required: true, Width: 30),
        new("备注"),
        new("启用", Choices: ["是", "否"], Width: 8),
    ];

    private static readonly IReadOnlyList<string?>[] CatalogRows =
    [
        ["0101", "长度计量器具", "游标卡尺、千分尺", "是"],
        ["0102", "  带空格的名称  ", null, "否"],
        ["0201", "温度", "", "是"],
    ];

    [Fact]
    public void A_written_workbook_reads_back_the_same_strings()
    {
        using var file = Write(new SheetData("器具目录", CatalogColumns, CatalogRows));

        var rows = XlsxReader.ReadRows(file).ToList();

        Assert.Equal([1, 2, 3, 4], rows.Select(r => r.Number));
        Assert.Equal(["0101", "长度计量器具", "游标卡尺、千分尺", "是"], rows[1].Cells);
        // Values are trimmed, and an empty cell in the middle of a row keeps the columns after it in place.
        Assert.Equal(["0102", "带空格的名称", null, "否"], rows[2].Cells);
        Assert.Null(rows[3][2]);
        Assert.Equal("是", rows[3][3]);
        Assert.Null(rows[3][99]);
        Assert.False(rows[3].IsEmpty);
    }

    [Fact]
    public void Required_headers_are_prefixed_with_a_star_and_drawn_red()
    {
        using var file = Write(new SheetData("器具目录", CatalogColumns, CatalogRows));

        var header = XlsxReader.ReadRows(file).First();
        Assert.Equal(["*编码", "*名称", "备注", "启用"], header.Cells);

        using var document = SpreadsheetDocument.Open(file, false);
        var cells = document.WorkbookPart!.WorksheetParts.Single().Worksheet.Descendants<Row>().First().Elements<Cell>().ToList();
        var fonts = document.WorkbookPart.WorkbookStylesPart!.Stylesheet.Fonts!.Elements<Font>().ToList();
        var cellFormats = document.WorkbookPart.WorkbookStylesPart.Stylesheet.CellFormats!.Elements<CellFormat>().ToList();
        Font FontOf(Cell c) => fonts[(int)cellFormats[(int)c.StyleIndex!.Value].FontId!.Value];
        Assert.Equal("FFFF0000", FontOf(cells[0]).Color?.Rgb?.Value);
        Assert.NotNull(FontOf(cells[2]).Bold);
        Assert.Null(FontOf(cells[2]).Color);
    }

    [Fact]
    public void A_choices_column_gets_a_drop_down_list_below_the_header()
    {
        using var file = Write(new SheetData("器具目录", CatalogColumns, CatalogRows));

        using var document = SpreadsheetDocument.Open(file, false);
        var validation = document.WorkbookPart!.WorksheetParts.Single().Worksheet.Descendants<DataValidation>().Single();
        Assert.Equal(DataValidationValues.List, validation.Type!.Value);
        Assert.Equal("D2:D10000", validation.SequenceOfReferences!.InnerText);
        Assert.Equal("\"是,否\"", validation.Formula1!.Text);
    }

    [Fact]
    public void A_long_choices_list_goes_on_a_hidden_sheet_that_reading_skips()
    {
        var regions = Enumerable.Range(1, 100).Select(i => $"区域{i:000}").ToList();
        var columns = new SheetColumn[] { new("地区", Choices: regions) };
        using var file = Write(new SheetData("地区", columns, [["区域001"]]));

        using (var document = SpreadsheetDocument.Open(file, false))
        {
            var sheets = document.WorkbookPart!.Workbook.Sheets!.Elements<Sheet>().ToList();
            Assert.Equal(["地区", "_choices"], sheets.Select(s => s.Name!.Value));
            Assert.Equal(SheetStateValues.Hidden, sheets[1].State!.Value);
            var validation = document.WorkbookPart.WorksheetParts
                .SelectMany(p => p.Worksheet.Descendants<DataValidation>()).Single();
            Assert.Equal("'_choices'!$A$1:$A$100", validation.Formula1!.Text);
        }

        Assert.Equal(regions, XlsxReader.ReadRows(file, "_choices").Select(r => r[0]));
        Assert.Equal(["地区", "区域001"], XlsxReader.ReadRows(file).Select(r => r[0]));
    }

    [Fact]
    public void A_written_workbook_passes_the_Open_XML_validator()
    {
        var longChoices = Enumerable.Range(1, 80).Select(i => $"选项,{i}").ToList();
        using var file = Write(
            new SheetData("器具目录", CatalogColumns, CatalogRows),
            new SheetData("地区", [new("地区", Required: true, Choices: longChoices)], [["选项,1"]]));

        using var document = SpreadsheetDocument.Open(file, false);
        var errors = new OpenXmlValidator(FileFormatVersions.Office2019).Validate(document)
            .Select(e => $"{e.Part?.Uri} {e.Path?.XPath}: {e.Description}")
            .ToList();
        Assert.Empty(errors);
    }

    [Fact]
    public void A_sheet_is_found_by_name_and_a_missing_one_is_reported_in_Chinese()
    {
        using var file = Write(
            new SheetData("器具目录", CatalogColumns, CatalogRows),
            new SheetData("地区", [new("代码")], [["110101"]]));

        Assert.Equal("110101", XlsxReader.ReadRows(file, "地区").Last()[0]);
        var error = Assert.Throws<InvalidDataException>(() => XlsxReader.ReadRows(file, "单位").ToList());
        Assert.Equal("工作簿中没有名为 “单位” 的工作表。", error.Message);
    }

    [Fact]
    public void A_stream_that_is_not_an_xlsx_workbook_is_rejected_in_Chinese()
    {
        using var text = new MemoryStream("编码,名称\n0101,卡尺\n"u8.ToArray());

        var error = Assert.Throws<InvalidDataException>(() => XlsxReader.ReadRows(text).ToList());
        Assert.Equal("文件不是有效的 Excel 工作簿（.xlsx）。", error.Message);
    }

    [Fact]
    public void Cells_typed_in_Excel_read_as_they_show()
    {
        using var file = HandMadeWorkbook();

        var rows = XlsxReader.ReadRows(file).ToList();

        // Rows and cells that are missing stay missing: numbers and columns come from the references.
        Assert.Equal([1, 3, 7], rows.Select(r => r.Number));
        Assert.Equal(["共享文本", null, "内联文本"], rows[0].Cells);
        Assert.Equal(["2024-03-15", "2024-03-16", "2024-03-17", "0.5", "TRUE"], rows[1].Cells);
        Assert.Equal(["101", "0.3", "1234567890123", "-2.5"], rows[2].Cells);
    }

    [Fact]
    public void Two_thousand_rows_stream_back_with_their_row_numbers()
    {
        var rows = Enumerable.Range(1, 2000).Select(i => (IReadOnlyList<string?>)[i.ToString("00000", CultureInfo.InvariantCulture), $"器具 {i}"]);
        using var file = Write(new SheetData("器具", [new("编号"), new("名称")], rows));

        var read = XlsxReader.ReadRows(file).Skip(1).ToList();

        Assert.Equal(2000, read.Count);
        Assert.All(read, r =>
        {
            Assert.Equal((r.Number - 1).ToString("00000", CultureInfo.InvariantCulture), r[0]);
            Assert.Equal($"器具 {r.Number - 1}", r[1]);
        });
    }

    private static MemoryStream Write(params SheetData[] sheets)
    {
        var file = new MemoryStream();
        XlsxWriter.Write(file, sheets);
        file.Position = 0;
        return file;
    }

    /// <summary>
    /// A workbook as Excel saves one: a shared string, numbers, a boolean, and dates under a built-in format,
    /// a custom Chinese format and a Chinese built-in id, beside a time-only format that must stay a number.
    /// </summary>
    private static MemoryStream HandMadeWorkbook()
    {
        var file = new MemoryStream();
        using (var document = SpreadsheetDocument.Create(file, SpreadsheetDocumentType.Workbook))
        {
            var workbookPart = document.AddWorkbookPart();
            workbookPart.AddNewPart<SharedStringTablePart>().SharedStringTable =
                new SharedStringTable(new SharedStringItem(new Text("共享文本"))) { Count = 1, UniqueCount = 1 };
            workbookPart.AddNewPart<WorkbookStylesPart>().Stylesheet = new Stylesheet(
                new NumberingFormats(
                    new NumberingFormat { NumberFormatId = 164, FormatCode = "yyyy\"年\"m\"月\"d\"日\"" },
                    new NumberingFormat { NumberFormatId = 165, FormatCode = "[h]:mm" })
                { Count = 2 },
                new Fonts(new Font()) { Count = 1 },
                new Fills(new Fill(new PatternFill { PatternType = PatternValues.None })) { Count = 1 },
                new Borders(new Border()) { Count = 1 },
                new CellFormats(
                    new CellFormat { NumberFormatId = 0 },
                    new CellFormat { NumberFormatId = 14, ApplyNumberFormat = true },
                    new CellFormat { NumberFormatId = 164, ApplyNumberFormat = true },
                    new CellFormat { NumberFormatId = 31, ApplyNumberFormat = true },
                    new CellFormat { NumberFormatId = 165, ApplyNumberFormat = true })
                { Count = 5 });

            var worksheetPart = workbookPart.AddNewPart<WorksheetPart>();
            string Serial(int day) => new DateTime(2024, 3, day).ToOADate().ToString(CultureInfo.InvariantCulture);
            worksheetPart.Worksheet = new Worksheet(new DocumentFormat.OpenXml.Spreadsheet.SheetData(
                new Row(
                    new Cell { CellReference = "A1", DataType = CellValues.SharedString, CellValue = new CellValue("0") },
                    new Cell { CellReference = "C1", DataType = CellValues.InlineString, InlineString = new InlineString(new Text(" 内联文本 ")) })
                { RowIndex = 1 },
                new Row(
                    new Cell { CellReference = "A3", StyleIndex = 1, CellValue = new CellValue(Serial(15)) },
                    new Cell { CellReference = "B3", StyleIndex = 2, CellValue = new CellValue(Serial(16)) },
                    new Cell { CellReference = "C3", StyleIndex = 3, CellValue = new CellValue(Serial(17)) },
                    new Cell { CellReference = "D3", StyleIndex = 4, CellValue = new CellValue("0.5") },
                    new Cell { CellReference = "E3", DataType = CellValues.Boolean, CellValue = new CellValue("1") })
                { RowIndex = 3 },
                new Row(
                    new Cell { CellReference = "A7", CellValue = new CellValue("101") },
                    new Cell { CellReference = "B7", CellValue = new CellValue("0.30000000000000004") },
                    new Cell { CellReference = "C7", CellValue = new CellValue("1.234567890123E+12") },
                    new Cell { CellReference = "D7", CellValue = new CellValue("-2.5") })
                { RowIndex = 7 }));

            workbookPart.Workbook = new Workbook(new Sheets(
                new Sheet { Name = "Sheet1", SheetId = 1, Id = workbookPart.GetIdOfPart(worksheetPart) }));
        }
        file.Position = 0;
        return file;
    }
}
