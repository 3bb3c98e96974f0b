using System.IO.Compression;
using System.Text;

namespace Metrology.Tests.Excel;

/// <summary>
/// Workbooks built part by part, as an attacker would: a sheet of too many rows, parts that inflate far beyond
/// their compressed size, too many shared strings or styles. Made in the test, never kept as files.
/// </summary>
public static class HostileWorkbooks
{
    private const string Main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
    private const string Rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

    /// <summary>A header row of <paramref name="header"/> and <paramref name="rows"/> rows of "x".</summary>
    public static byte[] Rows(IReadOnlyList<string> header, int rows) => Build(sheet =>
    {
        sheet.Write(RowXml(1, header));
        for (var r = 2; r <= rows + 1; r++) sheet.Write($"<row r=\"{r}\"><c r=\"A{r}\" t=\"inlineStr\"><is><t>x</t></is></c></row>");
    });

    /// <summary>A sheet whose one cell holds <paramref name="megabytes"/> MB of spaces: tiny compressed, large inflated.</summary>
    public static byte[] InflatingSheet(int megabytes) => Build(sheet =>
    {
        sheet.Write("<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>");
        var chunk = new string(' ', 1024 * 1024);
        for (var i = 0; i < megabytes; i++) sheet.Write(chunk);
        sheet.Write("</t></is></c></row>");
    });

    /// <summary>A workbook part (workbook.xml) padded with <paramref name="megabytes"/> MB of spaces.</summary>
    public static byte[] InflatingWorkbookPart(int megabytes) =>
        Build(sheet => sheet.Write(RowXml(1, ["a"])), workbookPadding: megabytes);

    public static byte[] SharedStrings(int count) => Build(sheet => sheet.Write("<row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c></row>"),
        sharedStrings: s =>
        {
            s.Write($"<sst xmlns=\"{Main}\" count=\"{count}\" uniqueCount=\"{count}\">");
            for (var i = 0; i < count; i++) s.Write($"<si><t>{i}</t></si>");
            s.Write("</sst>");
        });

    public static byte[] Styles(int cellFormats) => Build(sheet => sheet.Write(RowXml(1, ["a"])),
        styles: s =>
        {
            s.Write($"<styleSheet xmlns=\"{Main}\"><cellXfs count=\"{cellFormats}\">");
            for (var i = 0; i < cellFormats; i++) s.Write("<xf numFmtId=\"0\"/>");
            s.Write("</cellXfs></styleSheet>");
        });

    private static string RowXml(int r, IReadOnlyList<string> cells) =>
        $"<row r=\"{r}\">" + string.Concat(cells.Select((c, i) => $"<c r=\"{(char)('A' + i)}{r}\" t=\"inlineStr\"><is><t>{System.Security.SecurityElement.Escape(c)}</t></is></c>")) + "</row>";

    private static byte[] Build(Action<StreamWriter> sheetData, int workbookPadding = 0, Action<StreamWriter>? sharedStrings = null, Action<StreamWriter>? styles = null)
    {
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            var types = new StringBuilder($"<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
                + "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
                + "<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
                + "<Override PartName=\"/xl/workbook.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml\"/>"
                + "<Override PartName=\"/xl/worksheets/sheet1.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml\"/>");
            var rels = new StringBuilder($"<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
                + $"<Relationship Id=\"rId1\" Type=\"{Rel}/worksheet\" Target=\"worksheets/sheet1.xml\"/>");
            if (sharedStrings is not null)
            {
                types.Append("<Override PartName=\"/xl/sharedStrings.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml\"/>");
                rels.Append($"<Relationship Id=\"rId2\" Type=\"{Rel}/sharedStrings\" Target=\"sharedStrings.xml\"/>");
                Write(zip, "xl/sharedStrings.xml", sharedStrings);
            }
            if (styles is not null)
            {
                types.Append("<Override PartName=\"/xl/styles.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml\"/>");
                rels.Append($"<Relationship Id=\"rId3\" Type=\"{Rel}/styles\" Target=\"styles.xml\"/>");
                Write(zip, "xl/styles.xml", styles);
            }
            Write(zip, "[Content_Types].xml", w => w.Write(types.Append("</Types>")));
            Write(zip, "_rels/.rels", w => w.Write("<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
                + $"<Relationship Id=\"rId1\" Type=\"{Rel}/officeDocument\" Target=\"xl/workbook.xml\"/></Relationships>"));
            Write(zip, "xl/_rels/workbook.xml.rels", w => w.Write(rels.Append("</Relationships>")));
            Write(zip, "xl/workbook.xml", w =>
            {
                w.Write($"<workbook xmlns=\"{Main}\" xmlns:r=\"{Rel}\">");
                var chunk = new string(' ', 1024 * 1024);
                for (var i = 0; i < workbookPadding; i++) w.Write(chunk);
                w.Write("<sheets><sheet name=\"器具\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>");
            });
            Write(zip, "xl/worksheets/sheet1.xml", w =>
            {
                w.Write($"<worksheet xmlns=\"{Main}\"><sheetData>");
                sheetData(w);
                w.Write("</sheetData></worksheet>");
            });
        }
        return buffer.ToArray();
    }

    private static void Write(ZipArchive zip, string name, Action<StreamWriter> write)
    {
        using var writer = new StreamWriter(zip.CreateEntry(name, CompressionLevel.Fastest).Open(), new UTF8Encoding(false));
        write(writer);
    }
}
