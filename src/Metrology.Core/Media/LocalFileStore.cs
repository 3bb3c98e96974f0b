using Metrology.Core.Tenants;

namespace Metrology.Core.Media;

/// <summary>The tenant's files in App_Data/Sites/{tenant}/Media. Paths are checked so none leaves that folder.</summary>
public sealed class LocalFileStore(AppPaths paths, TenantContext tenant) : IFileStore
{
    private string Root => Path.Combine(paths.TenantFolder(tenant.Tenant), "Media");

    public async Task SaveAsync(string path, Stream content, CancellationToken ct = default)
    {
        var full = Resolve(path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        var temp = full + ".uploading";
        await using (var file = File.Create(temp)) await content.CopyToAsync(file, ct);
        File.Move(temp, full, overwrite: true);
    }

    public Task<Stream?> OpenReadAsync(string path, CancellationToken ct = default)
    {
        var full = Resolve(path);
        return Task.FromResult<Stream?>(File.Exists(full) ? File.OpenRead(full) : null);
    }

    public Task<bool> DeleteAsync(string path, CancellationToken ct = default)
    {
        var full = Resolve(path);
        if (File.Exists(full))
        {
            File.Delete(full);
            return Task.FromResult(true);
        }
        if (Directory.Exists(full) && !Directory.EnumerateFileSystemEntries(full).Any())
        {
            Directory.Delete(full);
            return Task.FromResult(true);
        }
        return Task.FromResult(false);
    }

    public Task<IReadOnlyList<FileStoreEntry>> ListAsync(string folder, CancellationToken ct = default)
    {
        var full = Resolve(folder);
        if (!Directory.Exists(full)) return Task.FromResult<IReadOnlyList<FileStoreEntry>>([]);
        var entries = new DirectoryInfo(full).EnumerateFileSystemInfos()
            .Where(e => !e.Name.EndsWith(".uploading", StringComparison.Ordinal))
            .Select(e => new FileStoreEntry(Combine(folder, e.Name), e.Name, e is DirectoryInfo, e is FileInfo f ? f.Length : 0, e.LastWriteTimeUtc))
            .OrderByDescending(e => e.IsFolder).ThenBy(e => e.Name, StringComparer.Ordinal)
            .ToList();
        return Task.FromResult<IReadOnlyList<FileStoreEntry>>(entries);
    }

    public Task CreateFolderAsync(string folder, CancellationToken ct = default)
    {
        Directory.CreateDirectory(Resolve(folder));
        return Task.CompletedTask;
    }

    public static string Combine(string folder, string name) => string.IsNullOrEmpty(folder) ? name : folder.TrimEnd('/') + "/" + name;

    /// <summary>The full path of a store path; a path that would leave the root ("../") is refused.</summary>
    private string Resolve(string path)
    {
        var root = Path.GetFullPath(Root);
        var full = Path.GetFullPath(Path.Combine(root, path.Replace('\\', '/').TrimStart('/')));
        if (full != root && !full.StartsWith(root + Path.DirectorySeparatorChar, StringComparison.Ordinal))
            throw new ArgumentException("路径无效。", nameof(path));
        return full;
    }
}
