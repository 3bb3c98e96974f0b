using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Metrology.Benchmarks;

/// <summary>The site under test as its own process, on a free loopback port.</summary>
internal static partial class PortalThroughput
{
    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>The published site as a child process, stopped (SIGTERM, then kill) on dispose.</summary>
    private sealed class SiteProcess : IAsyncDisposable
    {
        private readonly Process _process;
        private readonly Stopwatch _since = Stopwatch.StartNew();
        private readonly StringBuilder _log = new();

        private SiteProcess(Process process) => _process = process;

        /// <summary>The CPU time the site's process has used so far (user and system).</summary>
        public TimeSpan Cpu { get { _process.Refresh(); return _process.TotalProcessorTime; } }

        /// <summary>
        /// The CPU time the runtime's tiered-compilation thread (".NET Tiered Compilation Worker", 15 characters of it in
        /// /proc) has used so far, from /proc/[pid]/task/[tid]/stat (utime and stime, fields 14 and 15, in clock ticks
        /// of 1/100 s); zero while there is no such thread.
        /// </summary>
        public TimeSpan TieringCpu
        {
            get
            {
                var ticks = 0L;
                try
                {
                    foreach (var task in Directory.EnumerateDirectories($"/proc/{_process.Id}/task"))
                    {
                        if (File.ReadAllText(Path.Combine(task, "comm")).TrimEnd() != ".NET Tiered Com") continue;
                        var stat = File.ReadAllText(Path.Combine(task, "stat"));
                        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
                        ticks += long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
                    }
                }
                catch (IOException) { } // the thread ended while being read
                return TimeSpan.FromSeconds(ticks / 100.0);
            }
        }

        public static SiteProcess Start(string published, string appData, int port, string? postgres)
        {
            var info = new ProcessStartInfo("dotnet", [Path.Combine(published, "Metrology.Web.dll")])
            {
                WorkingDirectory = published, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
            };
            var env = info.Environment;
            env["ASPNETCORE_ENVIRONMENT"] = "Production";
            env["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}";
            env["Metrology__AppData"] = appData;
            if (postgres is not null)
            {
                env["Metrology__Database__Provider"] = "Postgres";
                env["Metrology__Database__ConnectionString"] = postgres;
            }
            env["Metrology__AutoSetup__Enabled"] = "true";
            env["METROLOGY_ADMIN_PASSWORD"] = Password;
            string[][] tenants =
            [
                ["Default", "", "计量器具强制检定服务平台（主站）", "default"],
                ["chongqing", "chongqing", "重庆市计量质量检测研究院 强检服务平台", "chongqing"],
                ["zhaoqing", "zhaoqing", "肇庆市质量计量监督检测所 强检服务平台", "zhaoqing"],
            ];
            for (var i = 0; i < tenants.Length; i++)
            {
                var t = $"Metrology__AutoSetup__Tenants__{i}__";
                env[t + "Name"] = tenants[i][0];
                if (tenants[i][1].Length > 0) env[t + "Prefix"] = tenants[i][1];
                env[t + "SiteName"] = tenants[i][2];
                env[t + "Recipe"] = tenants[i][3];
                env[t + "AdminUserName"] = "admin";
                env[t + "AdminEmail"] = $"admin@{tenants[i][0].ToLowerInvariant()}.example.com";
            }
            var process = Process.Start(info)!;
            var site = new SiteProcess(process);
            process.OutputDataReceived += (_, e) => { lock (site._log) site._log.AppendLine(e.Data); };
            process.ErrorDataReceived += (_, e) => { lock (site._log) site._log.AppendLine(e.Data); };
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            return site;
        }

        /// <summary>Time from the process's start to the first 200 of <paramref name="path"/>.</summary>
        public async Task<TimeSpan> FirstAnswerAsync(Uri site, string path)
        {
            using var http = new HttpClient { BaseAddress = site, Timeout = TimeSpan.FromSeconds(30) };
            while (_since.Elapsed < TimeSpan.FromMinutes(3))
            {
                if (_process.HasExited) break;
                try
                {
                    using var answer = await http.GetAsync(path);
                    if (answer.StatusCode == HttpStatusCode.OK) return _since.Elapsed;
                }
                catch (HttpRequestException) { }
                await Task.Delay(20);
            }
            lock (_log) throw new InvalidOperationException("the site did not answer:\n" + _log);
        }

        public async ValueTask DisposeAsync()
        {
            if (!_process.HasExited)
            {
                using (var term = Process.Start("kill", ["-TERM", _process.Id.ToString(CultureInfo.InvariantCulture)])) await term.WaitForExitAsync();
                using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(15));
                try { await _process.WaitForExitAsync(timeout.Token); }
                catch (OperationCanceledException) { _process.Kill(entireProcessTree: true); }
            }
            _process.Dispose();
        }
    }
}
