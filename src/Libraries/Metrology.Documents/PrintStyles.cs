namespace Metrology.Documents;

/// <summary>
/// The default stylesheet for printable Chinese documents (certificates, booking slips, forms): CJK fonts that
/// Debian ships, body text in 五号 (10.5pt) with headings in 三号/四号/小四, ruled tables that do not split a row
/// across pages, and a <c>.page-break</c> class that starts a new sheet. Page size and margins are left to
/// <see cref="PdfOptions"/>, because a CSS <c>@page</c> rule would silently override them.
/// </summary>
public static class PrintStyles
{
    public const string Css = """
        html { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
        body {
          font-family: "Noto Sans CJK SC", "Noto Serif CJK SC", "WenQuanYi Micro Hei", sans-serif;
          font-size: 10.5pt; line-height: 1.6; color: #000; margin: 0;
        }
        h1 { font-size: 16pt; text-align: center; letter-spacing: 0.3em; margin: 0 0 6mm; }
        h2 { font-size: 14pt; margin: 5mm 0 3mm; }
        h3 { font-size: 12pt; margin: 4mm 0 2mm; }
        p { margin: 0 0 2mm; }
        table { width: 100%; border-collapse: collapse; margin: 2mm 0 4mm; }
        th, td { border: 0.5pt solid #000; padding: 1.5mm 2mm; text-align: left; vertical-align: top; }
        th { font-weight: bold; background: #f2f2f2; }
        tr, img { break-inside: avoid; page-break-inside: avoid; }
        thead { display: table-header-group; }
        img { max-width: 100%; }
        .small { font-size: 9pt; }
        .center { text-align: center; }
        .right { text-align: right; }
        .page-break { break-after: page; page-break-after: always; }
        """;
}
