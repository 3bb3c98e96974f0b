using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text.Json;
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
    public DateTime StartedUtc { get; init; } = DateTime.UtcNow;
    public ImportProgress Progress => Volatile.Read(ref _progress);
    public ImportResult? Result { get; set; }
    public string? Failure { get; set; }
    public bool Done => Result is not null || Failure is not null;

    internal void Report(ImportProgress progress) => Volatile.Write(ref _progress, progress);

    internal ImportState State(DateTime nowUtc) => new(UserId, FileName, StartedUtc, nowUtc, Progress.RowsRead, Progress.Writing, Result, Failure);
}

/// <summary>A job as written to the shared folder, for the other nodes: rewritten by the running node every few seconds.</summary>
internal sealed record ImportState(string UserId, string FileName, DateTime StartedUtc, DateTime WrittenUtc, int RowsRead, int Writing,
    ImportResult? Result, string? Failure);

/// <summary>
/// Runs imports outside the request, one at a time per account, so a file of tens of thousands of rows does not
/// hold a request open and the page can show progress. The upload is kept under the tenant's
/// App_Data/Sites/{tenant}/Imports with a random token for a day (the marked workbook is made from it).
/// Progress and results live in memory and, for the other web nodes (the page's polls may reach any of them), in a
/// "{token}.json" state file beside the upload that the running node rewrites every <see cref="Heartbeat"/>. A state not
/// rewritten for <see cref="Stale"/> belongs to a node that stopped: the page reports that import as interrupted instead
/// of forgetting it (its write is one transaction: all or nothing).
/// </summary>
public sealed class ImportJobs(TenantScopes scopes, AppPaths paths, TimeProvider clock, ILogger<ImportJobs> logger)
{
    private static readonly TimeSpan KeepFor = TimeSpan.FromDays(1);
    internal static readonly TimeSpan Heartbeat = TimeSpan.FromSeconds(2);
    internal static readonly TimeSpan Stale = TimeSpan.FromSeconds(30);

    public const string Interrupted = "服务器在导入过程中重新启动，导入已中断。导入是整体写入的，器具库中若没有这个文件的器具，请重新上传。";

    private readonly ConcurrentDictionary<string, ImportJob> _jobs = new();

    /// <summary>The job of the token, only for the account that started it in this tenant; on whichever node it runs.</summary>
    public ImportJob? Find(TenantSettings tenant, string userId, string? token)
    {
        if (token is null) return null;
        var job = _jobs.TryGetValue(token, out var known) ? known : FromState(tenant, token);
        return job is not null && job.Tenant == tenant.Name && job.UserId == userId ? job : null;
    }

    /// <summary>A job of another node (or of this one before a restart), from its state file.</summary>
    private ImportJob? FromState(TenantSettings tenant, string token)
    {
        if (token.Length != 32 || !token.All(char.IsAsciiHexDigitLower)) return null;
        var upload = Path.Combine(paths.TenantFolder(tenant), "Imports", token + ".xlsx");
        if (ReadState(StateOf(upload)) is not { } state) return null;
        var job = new ImportJob
        {
            Token = token, Tenant = tenant.Name, UserId = state.UserId, FileName = state.FileName, FilePath = upload,
            ImportValidRows = false, StartedUtc = state.StartedUtc, Result = state.Result, Failure = state.Failure,
        };
        job.Report(new ImportProgress(state.RowsRead, state.Writing));
        if (job.Done) return _jobs.GetOrAdd(token, job);
        if (Now - state.WrittenUtc < Stale) return job; // running on another node: read again at the next poll
        job.Failure = Interrupted;
        WriteState(job);
        return _jobs.GetOrAdd(token, job);
    }

    private static string StateOf(string upload) => Path.ChangeExtension(upload, ".json");

    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    private static ImportState? ReadState(string path)
    {
        try
        {
            return File.Exists(path) ? JsonSerializer.Deserialize<ImportState>(File.ReadAllText(path)) : null;
        }
        catch (Exception e) when (e is IOException or JsonException)
        {
            return null;
        }
    }

    /// <summary>Written whole and then moved over the old state, so a reader never sees half of it.</summary>
    private void WriteState(ImportJob job)
    {
        var path = StateOf(job.FilePath);
        var temporary = path + "." + Guid.NewGuid().ToString("N")[..8];
        File.WriteAllText(temporary, JsonSerializer.Serialize(job.State(Now)));
        File.Move(temporary, path, overwrite: true);
    }

    /// <summary>The account's import that has not finished, here or on another node.</summary>
    public ImportJob? Running(TenantSettings tenant, string userId)
    {
        if (_jobs.Values.FirstOrDefault(j => j.Tenant == tenant.Name && j.UserId == userId && !j.Done) is { } here) return here;
        var folder = Path.Combine(paths.TenantFolder(tenant), "Imports");
        if (!Directory.Exists(folder)) return null;
        return Directory.EnumerateFiles(folder, "*.json")
            .Select(f => Find(tenant, userId, Path.GetFileNameWithoutExtension(f)))
            .FirstOrDefault(j => j is { Done: false });
    }

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

        var job = new ImportJob
        {
            Token = token, Tenant = tenant.Name, UserId = userId, FileName = fileName, FilePath = path, ImportValidRows = importValidRows, StartedUtc = Now,
        };
        WriteState(job);
        _jobs[token] = job;
        _ = Task.Run(() => RunAsync(job, tenant, userName, enterpriseId), CancellationToken.None);
        return job;
    }

    private async Task RunAsync(ImportJob job, TenantSettings tenant, string? userName, int enterpriseId)
    {
        using var stop = new CancellationTokenSource();
        var heartbeat = HeartbeatAsync(job, stop.Token);
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
            await stop.CancelAsync();
            await heartbeat;
            try { WriteState(job); } catch (IOException e) { logger.LogWarning(e, "Writing the state of import {Token} failed", job.Token); }
        }
    }

    /// <summary>Rewrites the running job's state, so other nodes show its progress and know it is alive.</summary>
    private async Task HeartbeatAsync(ImportJob job, CancellationToken stop)
    {
        using var timer = new PeriodicTimer(Heartbeat, clock);
        try
        {
            while (await timer.WaitForNextTickAsync(stop))
            {
                try { WriteState(job); } catch (IOException) { }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    /// <summary>Forgets jobs and deletes uploads older than a day (finished ones only).</summary>
    private void CleanUp(string folder)
    {
        var cutoff = DateTime.UtcNow - KeepFor;
        foreach (var (token, job) in _jobs)
            if (job.Done && job.StartedUtc < cutoff) _jobs.TryRemove(token, out _);
        foreach (var file in Directory.EnumerateFiles(folder, "*.xlsx").Concat(Directory.EnumerateFiles(folder, "*.json")))
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
