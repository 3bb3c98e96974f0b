using System.Text;
using Metrology.Core;
using Metrology.Core.Media;
using Metrology.Core.Tenants;
using Metrology.Storage.S3;
using Metrology.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace Metrology.Tests.Storage;

/// <summary>
/// One contract for both file stores: the local folder and an S3-compatible bucket (for several nodes without a shared
/// folder). Files saved, replaced, read, listed with folders first, deleted (a folder only when empty), tenants apart,
/// paths that would leave the tenant refused.
/// </summary>
public sealed class FileStoreTests(SiteFactory site, S3Server s3, ITestOutputHelper output) : IClassFixture<S3Server>
{
    public static TheoryData<string> Stores => ["Local", "S3"];

    private IFileStore Store(string kind, string tenant)
    {
        var context = new TenantContext { Tenant = new TenantSettings { Name = tenant } };
        if (kind == "Local") return new LocalFileStore(site.Services.GetRequiredService<AppPaths>(), context);
        if (s3.MissingReason is not null) output.WriteLine($"S3 file store test not run: {s3.MissingReason}");
        Assert.SkipWhen(s3.MissingReason is not null, $"S3 file store test not run: {s3.MissingReason}");
        return new S3FileStore(s3.Client(), Microsoft.Extensions.Options.Options.Create(s3.Options!), context);
    }

    private static MemoryStream Text(string text) => new(Encoding.UTF8.GetBytes(text));

    private static async Task<string?> ReadAsync(IFileStore store, string path)
    {
        await using var stream = await store.OpenReadAsync(path, TestContext.Current.CancellationToken);
        return stream is null ? null : await new StreamReader(stream).ReadToEndAsync(TestContext.Current.CancellationToken);
    }

    [Theory]
    [MemberData(nameof(Stores))]
    public async Task Files_are_saved_replaced_read_listed_and_deleted_as_in_a_folder(string kind)
    {
        var ct = TestContext.Current.CancellationToken;
        var tenant = "Files" + kind + Guid.NewGuid().ToString("N")[..6];
        var store = Store(kind, tenant);

        await store.SaveAsync("guides/flow.txt", Text("第一版"), ct);
        await store.SaveAsync("guides/flow.txt", Text("第二版内容"), ct);
        await store.SaveAsync("notice.txt", Text("通知"), ct);
        await store.CreateFolderAsync("empty", ct);

        Assert.Equal("第二版内容", await ReadAsync(store, "guides/flow.txt"));
        Assert.Null(await ReadAsync(store, "guides/none.txt"));

        var root = await store.ListAsync("", ct);
        Assert.Equal([("empty", "empty", true), ("guides", "guides", true), ("notice.txt", "notice.txt", false)], root.Select(e => (e.Path, e.Name, e.IsFolder)));
        var guides = Assert.Single(await store.ListAsync("guides", ct));
        Assert.Equal(("guides/flow.txt", "flow.txt", false, (long)Encoding.UTF8.GetByteCount("第二版内容")), (guides.Path, guides.Name, guides.IsFolder, guides.Length));
        Assert.Empty(await store.ListAsync("empty", ct));

        Assert.False(await store.DeleteAsync("guides", ct)); // not empty
        Assert.True(await store.DeleteAsync("guides/flow.txt", ct));
        Assert.Null(await ReadAsync(store, "guides/flow.txt"));
        Assert.True(await store.DeleteAsync("empty", ct));
        Assert.False(await store.DeleteAsync("nothing.txt", ct));
        Assert.DoesNotContain(await store.ListAsync("", ct), e => e.Name == "empty");
        Assert.Contains(await store.ListAsync("", ct), e => e.Name == "notice.txt");
    }

    [Theory]
    [MemberData(nameof(Stores))]
    public async Task A_tenant_sees_only_its_own_files_and_no_path_leaves_them(string kind)
    {
        var ct = TestContext.Current.CancellationToken;
        var suffix = Guid.NewGuid().ToString("N")[..6];
        var a = Store(kind, "StoreA" + suffix);
        var b = Store(kind, "StoreB" + suffix);
        await a.SaveAsync("logo.txt", Text("甲"), ct);

        Assert.Empty(await b.ListAsync("", ct));
        Assert.Null(await ReadAsync(b, "logo.txt"));
        await Assert.ThrowsAsync<ArgumentException>(() => b.OpenReadAsync($"../StoreA{suffix}/Media/logo.txt", ct));
        await Assert.ThrowsAsync<ArgumentException>(() => b.SaveAsync("../escape.txt", Text("x"), ct));
        Assert.Equal("甲", await ReadAsync(a, "logo.txt"));
    }

    [Fact]
    public void The_site_uses_the_bucket_only_when_one_is_configured()
    {
        static Type? StoreOf(params (string, string)[] settings)
        {
            var builder = WebApplication.CreateBuilder();
            foreach (var (k, v) in settings) builder.Configuration[k] = v;
            builder.Services.AddScoped<IFileStore, LocalFileStore>();
            builder.AddS3FileStore();
            return builder.Services.Last(d => d.ServiceType == typeof(IFileStore)).ImplementationType;
        }

        Assert.Equal(typeof(LocalFileStore), StoreOf());
        Assert.Equal(typeof(S3FileStore), StoreOf(("Metrology:FileStore:S3:Bucket", "metrology"), ("Metrology:FileStore:S3:ServiceUrl", "http://127.0.0.1:9000")));
    }
}
