namespace Metrology.Core.Media;

/// <summary>
/// The files of the current tenant (media library, uploaded fields). A local folder by default; a store
/// shared by several web nodes can replace it.
/// </summary>
public interface IFileStore
{
    /// <summary>Saves <paramref name="content"/> at <paramref name="path"/> ("guides/flow.png"), replacing a file there.</summary>
    Task SaveAsync(string path, Stream content, CancellationToken ct = default);

    Task<Stream?> OpenReadAsync(string path, CancellationToken ct = default);

    Task<bool> DeleteAsync(string path, CancellationToken ct = default);

    /// <summary>The folders and files directly in <paramref name="folder"/> ("" for the root).</summary>
    Task<IReadOnlyList<FileStoreEntry>> ListAsync(string folder, CancellationToken ct = default);

    Task CreateFolderAsync(string folder, CancellationToken ct = default);
}

public sealed record FileStoreEntry(string Path, string Name, bool IsFolder, long Length, DateTime ModifiedUtc);
