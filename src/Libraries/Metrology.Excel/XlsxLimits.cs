namespace Metrology.Excel;

/// <summary>
/// Hard limits of reading an uploaded workbook, far above a real import and far below what a hostile file (a sheet
/// that inflates to gigabytes, millions of empty rows) would make the server do. Configured as
/// <c>Metrology:Import</c>; the same for every import. The first limit reached stops the read with
/// an <see cref="InvalidDataException"/> (inner <see cref="XlsxLimitException"/>) whose message names it.
/// </summary>
public sealed record XlsxLimits
{
    public static XlsxLimits Default { get; } = new();

    /// <summary>Rows of the sheet below the header (blank rows count: each costs reading).</summary>
    public int MaxRows { get; init; } = 50_000;

    /// <summary>The sheet read and the shared strings, each, once inflated (counted while inflating).</summary>
    public int MaxSheetMegabytes { get; init; } = 256;

    /// <summary>Every other part of the package (workbook, styles, relationships), each, once inflated.</summary>
    public int MaxPartMegabytes { get; init; } = 8;

    public int MaxSharedStrings { get; init; } = 2_000_000;

    /// <summary>Cell formats (Excel itself allows about 64,000).</summary>
    public int MaxStyles { get; init; } = 65_000;

    /// <summary>Files inside the package.</summary>
    public int MaxEntries { get; init; } = 10_000;
}

/// <summary>
/// A workbook refused by one of the <see cref="XlsxLimits"/>; the message is for the person who uploaded it. The reader
/// hands it on as the inner exception of an <see cref="InvalidDataException"/> with the same message, which every
/// import already shows at the upload.
/// </summary>
public sealed class XlsxLimitException(string message) : IOException(message);
