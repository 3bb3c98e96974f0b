using Microsoft.AspNetCore.Http;

namespace Metrology.Core.Web;

/// <summary>
/// Checks an upload by size, extension and content (the first bytes must match the extension), so a
/// renamed file is refused. Returns the message for the user, or null when the file is acceptable.
/// </summary>
public static class UploadCheck
{
    private static readonly Dictionary<string, byte[][]> Signatures = new(StringComparer.OrdinalIgnoreCase)
    {
        [".png"] = [[0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]],
        [".jpg"] = [[0xFF, 0xD8, 0xFF]],
        [".jpeg"] = [[0xFF, 0xD8, 0xFF]],
        [".gif"] = ["GIF87a"u8.ToArray(), "GIF89a"u8.ToArray()],
        [".webp"] = ["RIFF"u8.ToArray()],
        [".pdf"] = ["%PDF-"u8.ToArray()],
        [".docx"] = [[0x50, 0x4B, 0x03, 0x04]],
        [".xlsx"] = [[0x50, 0x4B, 0x03, 0x04]],
    };

    public static readonly IReadOnlyList<string> Images = [".png", ".jpg", ".jpeg", ".gif", ".webp"];

    public static async Task<string?> CheckAsync(IFormFile file, IReadOnlyCollection<string> extensions, long maxBytes)
    {
        var extension = Path.GetExtension(file.FileName);
        if (file.Length == 0) return "文件为空。";
        if (file.Length > maxBytes) return TooLarge(file.Length, maxBytes);
        if (!extensions.Contains(extension, StringComparer.OrdinalIgnoreCase) || !Signatures.TryGetValue(extension, out var signatures))
            return $"只接受以下格式：{string.Join("、", extensions)}。";
        var head = new byte[12];
        await using var stream = file.OpenReadStream();
        var read = await stream.ReadAtLeastAsync(head, head.Length, throwOnEndOfStream: false);
        var matches = signatures.Any(s => read >= s.Length && head.AsSpan(0, s.Length).SequenceEqual(s))
            && (!extension.Equals(".webp", StringComparison.OrdinalIgnoreCase) || (read >= 12 && head.AsSpan(8, 4).SequenceEqual("WEBP"u8)));
        return matches ? null : $"文件内容与扩展名 {extension} 不符，请上传真实的文件。";
    }

    public static string ContentType(string fileName) => Path.GetExtension(fileName).ToLowerInvariant() switch
    {
        ".png" => "image/png",
        ".jpg" or ".jpeg" => "image/jpeg",
        ".gif" => "image/gif",
        ".webp" => "image/webp",
        ".pdf" => "application/pdf",
        _ => "application/octet-stream",
    };

    /// <summary>The refusal of a file over the limit, in bytes where the rounded sizes would look the same.</summary>
    public static string TooLarge(long length, long maxBytes) => Describe(length) == Describe(maxBytes)
        ? $"文件大小不能超过 {Describe(maxBytes)}（{maxBytes:N0} 字节），当前 {length:N0} 字节。"
        : $"文件大小不能超过 {Describe(maxBytes)}（当前 {Describe(length)}）。";

    private static string Describe(long bytes) =>
        bytes >= 1024 * 1024 ? $"{bytes / 1024.0 / 1024.0:0.#} MB" : $"{Math.Ceiling(bytes / 1024.0):0} KB";
}
