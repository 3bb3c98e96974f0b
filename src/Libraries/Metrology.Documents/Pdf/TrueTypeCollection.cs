using System.Buffers.Binary;

namespace Metrology.Documents.Pdf;

/// <summary>
/// Copies one face out of a TrueType collection (.ttc) into a stand-alone font file: PDFsharp 6.2 cannot open a collection
/// (its collection support is not implemented), but reads the face once its tables are laid out as a single font.
/// </summary>
public static class TrueTypeCollection
{
    /// <summary>The face at <paramref name="index"/> of a .ttc; any other font file comes back unchanged.</summary>
    /// <exception cref="InvalidDataException">The file is not a font, or the collection has no such face.</exception>
    public static byte[] ExtractFace(byte[] font, int index = 0)
    {
        if (font.Length < 12) throw new InvalidDataException("字体文件不完整。");
        if (!font.AsSpan(0, 4).SequenceEqual("ttcf"u8)) return font;
        var count = (int)BinaryPrimitives.ReadUInt32BigEndian(font.AsSpan(8));
        if (index < 0 || index >= count) throw new InvalidDataException($"字体集合中没有第 {index + 1} 个字体。");
        var start = (int)BinaryPrimitives.ReadUInt32BigEndian(font.AsSpan(12 + 4 * index));
        var tables = BinaryPrimitives.ReadUInt16BigEndian(font.AsSpan(start + 4));
        var headerLength = 12 + 16 * tables;

        var records = new (int Offset, int Length)[tables];
        var total = headerLength;
        for (var i = 0; i < tables; i++)
        {
            var record = font.AsSpan(start + 12 + 16 * i);
            records[i] = ((int)BinaryPrimitives.ReadUInt32BigEndian(record[8..]), (int)BinaryPrimitives.ReadUInt32BigEndian(record[12..]));
            if (records[i].Offset < 0 || records[i].Length < 0 || records[i].Offset + (long)records[i].Length > font.Length)
                throw new InvalidDataException("字体文件已损坏。");
            total += Padded(records[i].Length);
        }

        var face = new byte[total];
        font.AsSpan(start, headerLength).CopyTo(face);
        var at = headerLength;
        for (var i = 0; i < tables; i++)
        {
            BinaryPrimitives.WriteUInt32BigEndian(face.AsSpan(12 + 16 * i + 8), (uint)at);
            font.AsSpan(records[i].Offset, records[i].Length).CopyTo(face.AsSpan(at));
            at += Padded(records[i].Length);
        }
        return face;
    }

    private static int Padded(int length) => (length + 3) & ~3;
}
