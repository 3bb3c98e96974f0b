using PdfSharp.Drawing;
using PdfSharp.Pdf;

namespace Metrology.Documents.Pdf;

/// <summary>Text alignment on a <see cref="PdfCanvas"/> line.</summary>
public enum TextAlign
{
    Left,
    Center,
    Right,
}

/// <summary>
/// A small drawing surface over one PDFsharp page, in millimetres from the top left, with the CJK face of
/// <see cref="CjkFontResolver"/>: text (wrapped by character, as Chinese is), lines, boxes and PNG/JPEG images.
/// Text is written with Unicode encoding, so it stays searchable and copyable (pdftotext reads it back).
/// </summary>
public sealed class PdfCanvas : IDisposable
{
    private static readonly XPdfFontOptions Unicode = new(PdfFontEncoding.Unicode);
    private readonly Dictionary<(double, bool), XFont> _fonts = [];
    private readonly XGraphics _g;

    public PdfCanvas(PdfPage page)
    {
        Page = page;
        _g = XGraphics.FromPdfPage(page);
    }

    public PdfPage Page { get; }

    /// <summary>A new A4 page of <paramref name="document"/> and its canvas.</summary>
    public static PdfCanvas NewA4(PdfDocument document)
    {
        var page = document.AddPage();
        page.Size = PdfSharp.PageSize.A4;
        return new PdfCanvas(page);
    }

    public static double Mm(double mm) => XUnit.FromMillimeter(mm).Point;

    public XFont Font(double size, bool bold = false)
    {
        if (!_fonts.TryGetValue((size, bold), out var font))
            _fonts[(size, bold)] = font = new XFont(CjkFontResolver.Family, size, bold ? XFontStyleEx.Bold : XFontStyleEx.Regular, Unicode);
        return font;
    }

    /// <summary>Width of the text in millimetres.</summary>
    public double Width(string text, double size, bool bold = false) => XUnit.FromPoint(_g.MeasureString(text, Font(size, bold)).Width).Millimeter;

    /// <summary>One line of text whose top is at <paramref name="y"/>; x is the left edge, the centre or the right edge by <paramref name="align"/>.</summary>
    public void Text(string text, double x, double y, double size, bool bold = false, TextAlign align = TextAlign.Left)
    {
        if (string.IsNullOrEmpty(text)) return;
        var format = align switch { TextAlign.Center => XStringFormats.TopCenter, TextAlign.Right => XStringFormats.TopRight, _ => XStringFormats.TopLeft };
        _g.DrawString(text, Font(size, bold), XBrushes.Black, Mm(x), Mm(y), format);
    }

    /// <summary>Text wrapped to <paramref name="width"/> mm (by character; explicit line breaks kept); returns the y below the last line.</summary>
    public double Paragraph(string text, double x, double y, double width, double size, bool bold = false, double lineHeight = 1.5)
    {
        var step = XUnit.FromPoint(size * lineHeight).Millimeter;
        foreach (var line in Wrap(text, width, size, bold))
        {
            Text(line, x, y, size, bold);
            y += step;
        }
        return y;
    }

    /// <summary>The lines <paramref name="text"/> takes at <paramref name="width"/> mm.</summary>
    public IReadOnlyList<string> Wrap(string text, double width, double size, bool bold = false)
    {
        var lines = new List<string>();
        foreach (var paragraph in text.Replace("\r", "").Split('\n'))
        {
            var line = new System.Text.StringBuilder();
            var used = 0.0;
            foreach (var c in paragraph)
            {
                var w = Width(c.ToString(), size, bold);
                if (line.Length > 0 && used + w > width)
                {
                    lines.Add(line.ToString());
                    line.Clear();
                    used = 0;
                }
                line.Append(c);
                used += w;
            }
            lines.Add(line.ToString());
        }
        return lines;
    }

    public void Line(double x1, double y1, double x2, double y2, double widthPt = 0.5) =>
        _g.DrawLine(new XPen(XColors.Black, widthPt), Mm(x1), Mm(y1), Mm(x2), Mm(y2));

    public void Box(double x, double y, double width, double height, double widthPt = 0.5) =>
        _g.DrawRectangle(new XPen(XColors.Black, widthPt), Mm(x), Mm(y), Mm(width), Mm(height));

    /// <summary>A PNG or JPEG fitted into the box (aspect kept, centred); PNGs must be 8-bit (QRCoder: pass explicit RGB colours).</summary>
    public void Image(byte[] image, double x, double y, double width, double height)
    {
        using var stream = new MemoryStream(image, writable: false);
        using var picture = XImage.FromStream(stream);
        var scale = Math.Min(width / picture.PointWidth, height / picture.PointHeight);
        double w = picture.PointWidth * scale, h = picture.PointHeight * scale;
        _g.DrawImage(picture, Mm(x + (width - w) / 2), Mm(y + (height - h) / 2), Mm(w), Mm(h));
    }

    public void Dispose() => _g.Dispose();
}

/// <summary>Saves a PDFsharp document to bytes.</summary>
public static class PdfBytes
{
    public static byte[] Of(PdfDocument document)
    {
        using var stream = new MemoryStream();
        document.Save(stream, closeStream: false);
        return stream.ToArray();
    }
}
