using Metrology.Core.Web;
using Metrology.Enterprises.Models;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace Metrology.Enterprises;

/// <summary>The documents of a form (inputs named Documents[Kind]), each checked by the tenant's size and type rules and by its content.</summary>
public static class DocumentUpload
{
    public static async Task<List<(DocumentKind Kind, string FileName, byte[] Content)>> ReadAsync(
        IFormFileCollection files, RegistrationSettings settings, EnterpriseKind enterprise, ModelStateDictionary errors, CancellationToken ct)
    {
        var documents = new List<(DocumentKind, string, byte[])>();
        foreach (var kind in Enum.GetValues<DocumentKind>())
        {
            if (files.GetFile($"Documents[{kind}]") is not { Length: > 0 } file) continue;
            if (await UploadCheck.CheckAsync(file, settings.Extensions.ToList(), settings.MaxKilobytes * 1024L) is { } problem)
            {
                errors.AddModelError($"Documents[{kind}]", $"{DocumentKinds.Label(kind, enterprise)}：{problem}");
                continue;
            }
            using var memory = new MemoryStream();
            await file.CopyToAsync(memory, ct);
            documents.Add((kind, Path.GetFileName(file.FileName), memory.ToArray()));
        }
        return documents;
    }
}
