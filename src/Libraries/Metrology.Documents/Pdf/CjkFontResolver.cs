using PdfSharp.Fonts;

namespace Metrology.Documents.Pdf;

/// <summary>
/// Hands PDFsharp one TrueType face with Chinese glyphs for every family it asks for (bold is simulated). The default is
/// Debian's WenQuanYi Micro Hei (<c>fonts-wqy-microhei</c>): TrueType outlines, so PDFsharp embeds only the glyphs a page
/// uses (~70 KB); Noto CJK has CFF outlines, which PDFsharp embeds whole (13.7 MB per file), so it is not offered.
/// </summary>
public sealed class CjkFontResolver : IFontResolver
{
    /// <summary>The family name documents ask for.</summary>
    public const string Family = "CJK";

    public const string DefaultPath = "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc";

    private static readonly object Gate = new();
    private static CjkFontResolver? _installed;
    private readonly byte[] _face;

    private CjkFontResolver(byte[] face) => _face = face;

    /// <summary>
    /// Installs the resolver for the process (PDFsharp's font settings are global) from the font at <paramref name="path"/>,
    /// the first face of a collection. Later calls keep the first font.
    /// </summary>
    /// <exception cref="PdfUnavailableException">The font file is missing or unreadable.</exception>
    public static void Install(string? path = null)
    {
        if (_installed is not null) return;
        lock (Gate)
        {
            if (_installed is not null) return;
            path = string.IsNullOrWhiteSpace(path) ? DefaultPath : path;
            byte[] face;
            try
            {
                face = TrueTypeCollection.ExtractFace(File.ReadAllBytes(path));
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidDataException)
            {
                throw new PdfUnavailableException($"无法读取中文字体 {path}：请安装 fonts-wqy-microhei（Debian 软件包）或在 Metrology:Pdf:CjkFont 中指定 TrueType 字体。", e);
            }
            var resolver = new CjkFontResolver(face);
            GlobalFontSettings.FontResolver = resolver;
            _installed = resolver;
        }
    }

    public FontResolverInfo? ResolveTypeface(string familyName, bool bold, bool italic) => new(Family, bold, italic);

    public byte[]? GetFont(string faceName) => _face;
}
