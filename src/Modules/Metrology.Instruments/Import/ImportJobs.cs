using System.Collections.Concurrent;
using System.Security.Cryptography;
using Metrology.Core;
using Metrology.Excel;
using Metrology.Core.Tenants;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Metrology.Instruments.Import;

/// <summary>One upload being imported in the background: who started it, how far it got, and its result.</summary>
public sealed class ImportJob
{
    private ImportProgress _progress = new(0, 0);

    public required string Token { get; init; }
    public required string Tenant { get; init; }
    public required string UserId { get; init; }
    public required string FileName { get; init; }

    /// <summary>The uploaded workbook, kept so the report can be downloaded as the file with its errors marked.</summary>
    public required string FilePath { get; init; }

    public required bool ImportValidRows { get; init; }
    public DateTime StartedUtc { get; } = DateTime.UtcNow;
    public ImportProgress Progress => Volatile.Read(ref _progress);
    public ImportResult? Result { get; set; }
    public string? Failure { get; set; }
    public bool Done => Result is not null || Failure is not null;

    internal void Report(ImportProgress progress) => Volatile.Write(ref _progress, progress);
}

/// <summary>
/// Runs imports outside the request, one at a time per account, so a file of tens of thousands of rows does not
/// hold a request open and the page can show progress. The upload is kept under the tenant's
/// App_Data/Sites/{tenant}/Imports with a random token for a day (the marked workbook is made from it).
/// Progress and results live in memory; a running job also leaves a "{token}.running" file, so after a restart
/// the page reports that import as interrupted instead of forgetting it (its write is one transaction: all or nothing).
/// </summary>
public sealed class ImportJobs(TenantScopes scopes, AppPaths paths, ILogger<ImportJobs> logger)
{
    private static readonly TimeSpan KeepFor = TimeSpan.FromDays(1);

    public const string Interrupted = "服务器在导入过程中重新启动，导入已中断。导入是整体写入的，器具库中若没有这个文件的器具，请重新上传。";

    private readonly ConcurrentDictionary<string, ImportJob> _jobs = new();

    /// <summary>The job of the token, only for the account that started it in this tenant.</summary>
    public ImportJob? Find(TenantSettings tenant, string userId, string? token)
    {
        if (token is null) return null;
        var job = _jobs.TryGetValue(token, out var known) ? known : Orphan(tenant, token);
        return job is not null && job.Tenant == tenant.Name && job.UserId == userId ? job : null;
    }

    /// <summary>A job that was running when the process stopped: its marker file is all that is left.</summary>
    private ImportJob? Orphan(TenantSettings tenant, string token)
    {
        if (token.Length != 32 || !token.All(char.IsAsciiHexDigitLower)) return null;
        var marker = MarkerOf(Path.Combine(paths.TenantFolder(tenant), "Imports", token + ".xlsx"));
        if (!File.Exists(marker)) return null;
        var lines = File.ReadAllLines(marker);
        if (lines.Length < 2) return null;
        var job = new ImportJob
        {
            Token = token, Tenant = tenant.Name, UserId = lines[0], FileName = lines[1], FilePath = Path.ChangeExtension(marker, ".xlsx"),
            ImportValidRows = false, Failure = Interrupted,
        };
        File.Delete(marker);
        return _jobs.GetOrAdd(token, job);
    }

    private static string MarkerOf(string upload) => Path.ChangeExtension(upload, ".running");

    public ImportJob? Running(TenantSettings tenant, string userId) =>
        _jobs.Values.FirstOrDefault(j => j.Tenant == tenant.Name && j.UserId == userId && !j.Done);

    /// <summary>Keeps the upload and starts importing it into the enterprise's library.</summary>
    public async Task<ImportJob> StartAsync(TenantSettings tenant, string userId, string? userName, int enterpriseId,
        Stream upload, string fileName, bool importValidRows, CancellationToken ct)
    {
        var folder = Path.Combine(paths.TenantFolder(tenant), "Imports");
        Directory.CreateDirectory(folder);
        CleanUp(folder);
        var token = Convert.ToHexString(RandomNumberGenerator.GetBytes(16)).ToLowerInvariant();
        var path = Path.Combine(folder, token + ".xlsx");
        await using (var file = File.Create(path)) await upload.CopyToAsync(file, ct);

        var job = new ImportJob { Token = token, Tenant = tenant.Name, UserId = userId, FileName = fileName, FilePath = path, ImportValidRows = importValidRows };
        await File.WriteAllLinesAsync(MarkerOf(path), [userId, fileName], ct);
        _jobs[token] = job;
        _ = Task.Run(() => RunAsync(job, tenant, userName, enterpriseId), CancellationToken.None);
        return job;
    }

    private async Task RunAsync(ImportJob job, TenantSettings tenant, string? userName, int enterpriseId)
    {
        try
        {
            await scopes.RunAsync(tenant, async services =>
            {
                await using var file = File.OpenRead(job.FilePath);
                job.Result = await services.GetRequiredService<InstrumentLibrary>()
                    .ImportAsync(enterpriseId, file, job.ImportValidRows, userName, new Progress(job));
            });
        }
        catch (InvalidDataException e)
        {
            job.Failure = e.Message;
        }
        catch (Exception e)
        {
            logger.LogError(e, "Instrument import {Token} of tenant {Tenant} failed", job.Token, tenant.Name);
            job.Failure = "导入时发生错误，未导入任何数据。请稍后重试。";
        }
        finally
        {
            try { File.Delete(MarkerOf(job.FilePath)); } catch (IOException) { }
        }
    }

    /// <summary>Forgets jobs and deletes uploads older than a day (finished ones only).</summary>
    private void CleanUp(string folder)
    {
        var cutoff = DateTime.UtcNow - KeepFor;
        foreach (var (token, job) in _jobs)
            if (job.Done && job.StartedUtc < cutoff) _jobs.TryRemove(token, out _);
        foreach (var file in Directory.EnumerateFiles(folder, "*.xlsx").Concat(Directory.EnumerateFiles(folder, "*.running")))
        {
            if (File.GetLastWriteTimeUtc(file) >= cutoff || _jobs.ContainsKey(Path.GetFileNameWithoutExtension(file))) continue;
            try { File.Delete(file); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        }
    }

    /// <summary>Reports straight into the job (not through the thread pool, as <see cref="System.Progress{T}"/> would).</summary>
    private sealed class Progress(ImportJob job) : IProgress<ImportProgress>
    {
        public void Report(ImportProgress value) => job.Report(value);
    }
}
