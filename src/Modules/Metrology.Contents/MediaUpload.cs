using System.Text;
using Metrology.Core.Content;
using Metrology.Core.Media;
using Metrology.Core.Web;
using Microsoft.AspNetCore.Http;

namespace Metrology.Contents;

/// <summary>An uploaded file checked by a media field's rules (size, extension, content) and stored.</summary>
public static class MediaUpload
{
    public static async Task<string?> CheckAsync(ContentFieldDefinition field, IFormFile file) =>
        await UploadCheck.CheckAsync(file,
            field.AllowedExtensions.Count > 0 ? field.AllowedExtensions : FieldTypes.DefaultMediaExtensions,
            (field.MaxKilobytes ?? FieldTypes.DefaultMediaKilobytes) * 1024L);

    public static async Task<string> SaveAsync(IFileStore files, string folder, IFormFile file, CancellationToken ct)
    {
        var path = LocalFileStore.Combine(folder, SafeName(file.FileName));
        await using var stream = file.OpenReadStream();
        await files.SaveAsync(path, stream, ct);
        return path;
    }

    /// <summary>The file name without folders or characters a URL or a file system would trip on.</summary>
    public static string SafeName(string fileName)
    {
        var name = Path.GetFileName(fileName.Replace('\\', '/'));
        var safe = new StringBuilder();
        foreach (var c in name) safe.Append(char.IsLetterOrDigit(c) || c is '.' or '-' or '_' ? c : '_');
        var result = safe.ToString().TrimStart('.');
        return result.Length == 0 ? "file" : result;
    }

    public static bool IsImage(string path) =>
        Path.GetExtension(path).ToLowerInvariant() is ".png" or ".jpg" or ".jpeg" or ".gif" or ".webp";
}
