using System.Net;
using Amazon.S3;
using Amazon.S3.Model;
using Metrology.Core.Media;
using Metrology.Core.Tenants;
using Microsoft.Extensions.Options;

namespace Metrology.Storage.S3;

/// <summary>
/// The tenant's files as objects of one S3-compatible bucket, under <c>{tenant}/Media/</c> (the layout of
/// <see cref="LocalFileStore"/>). A folder is a common prefix; an empty one is kept by a marker object "<c>folder/</c>".
/// Paths are checked as the local store checks them: none leaves the tenant's prefix.
/// </summary>
public sealed class S3FileStore(IAmazonS3 s3, IOptions<S3StorageOptions> options, TenantContext tenant) : IFileStore
{
    private string Bucket => options.Value.Bucket!;

    private string Root => tenant.Tenant.Name + "/Media/";

    public async Task SaveAsync(string path, Stream content, CancellationToken ct = default)
    {
        var key = Key(path);
        if (key.EndsWith('/')) throw new ArgumentException("路径无效。", nameof(path));
        // The SDK needs the length: an upload's request stream may not tell it.
        Stream body = content;
        if (!content.CanSeek)
        {
            body = new MemoryStream();
            await content.CopyToAsync(body, ct);
            body.Position = 0;
        }
        try
        {
            await s3.PutObjectAsync(new PutObjectRequest { BucketName = Bucket, Key = key, InputStream = body, AutoCloseStream = false }, ct);
        }
        finally
        {
            if (!ReferenceEquals(body, content)) await body.DisposeAsync();
        }
    }

    /// <summary>The object's bytes in memory (media and uploads are small), or null when there is none.</summary>
    public async Task<Stream?> OpenReadAsync(string path, CancellationToken ct = default)
    {
        try
        {
            using var response = await s3.GetObjectAsync(Bucket, Key(path), ct);
            var copy = new MemoryStream();
            await response.ResponseStream.CopyToAsync(copy, ct);
            copy.Position = 0;
            return copy;
        }
        catch (AmazonS3Exception e) when (e.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }
    }

    /// <summary>Deletes a file, or an empty folder (as the local store does); false when there is neither.</summary>
    public async Task<bool> DeleteAsync(string path, CancellationToken ct = default)
    {
        var key = Key(path);
        if (await ExistsAsync(key, ct))
        {
            await s3.DeleteObjectAsync(Bucket, key, ct);
            return true;
        }
        var folder = key.TrimEnd('/') + "/";
        var inside = await s3.ListObjectsV2Async(new ListObjectsV2Request { BucketName = Bucket, Prefix = folder, MaxKeys = 2 }, ct);
        var keys = (inside.S3Objects ?? []).Select(o => o.Key).ToList();
        if (keys.Count != 1 || keys[0] != folder) return false;
        await s3.DeleteObjectAsync(Bucket, folder, ct);
        return true;
    }

    public async Task<IReadOnlyList<FileStoreEntry>> ListAsync(string folder, CancellationToken ct = default)
    {
        var prefix = folder.Trim('/').Length == 0 ? Root : Key(folder).TrimEnd('/') + "/";
        var entries = new List<FileStoreEntry>();
        var request = new ListObjectsV2Request { BucketName = Bucket, Prefix = prefix, Delimiter = "/" };
        do
        {
            var page = await s3.ListObjectsV2Async(request, ct);
            foreach (var sub in page.CommonPrefixes ?? [])
            {
                var name = sub[prefix.Length..].TrimEnd('/');
                entries.Add(new FileStoreEntry(LocalFileStore.Combine(folder.Trim('/'), name), name, true, 0, DateTime.MinValue));
            }
            foreach (var o in page.S3Objects ?? [])
            {
                if (o.Key == prefix) continue; // the folder's own marker
                var name = o.Key[prefix.Length..];
                entries.Add(new FileStoreEntry(LocalFileStore.Combine(folder.Trim('/'), name), name, false, o.Size ?? 0, o.LastModified?.ToUniversalTime() ?? DateTime.MinValue));
            }
            request.ContinuationToken = page.IsTruncated == true ? page.NextContinuationToken : null;
        }
        while (request.ContinuationToken is not null);
        return entries.OrderByDescending(e => e.IsFolder).ThenBy(e => e.Name, StringComparer.Ordinal).ToList();
    }

    public async Task CreateFolderAsync(string folder, CancellationToken ct = default) =>
        await s3.PutObjectAsync(new PutObjectRequest { BucketName = Bucket, Key = Key(folder).TrimEnd('/') + "/", ContentBody = "" }, ct);

    private async Task<bool> ExistsAsync(string key, CancellationToken ct)
    {
        try
        {
            await s3.GetObjectMetadataAsync(Bucket, key, ct);
            return true;
        }
        catch (AmazonS3Exception e) when (e.StatusCode == HttpStatusCode.NotFound)
        {
            return false;
        }
    }

    /// <summary>The object key of a store path; empty, "." and ".." segments are refused, as the local store refuses leaving its folder.</summary>
    private string Key(string path)
    {
        var segments = path.Replace('\\', '/').Trim('/').Split('/');
        if (segments.Any(s => s is "" or "." or "..")) throw new ArgumentException("路径无效。", nameof(path));
        return Root + string.Join('/', segments);
    }
}
