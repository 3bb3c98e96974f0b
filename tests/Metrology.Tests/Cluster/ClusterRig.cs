using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using Npgsql;

namespace Metrology.Tests.Cluster;

/// <summary>
/// Two real web nodes (the built Metrology.Web, <c>dotnet Metrology.Web.dll</c>, same configuration: one PostgreSQL
/// database made for the run, one App_Data folder) and an nginx in front of both, as <c>./build.sh cluster</c> runs them.
/// Node 1 sets up Default and 肇庆 from the recipes; node 2 starts once node 1 is healthy. Everything is stopped and the
/// database dropped on dispose.
/// </summary>
public sealed class ClusterRig : IAsyncDisposable
{
    public const string Password = "Cluster2026pass";

    /// <summary>The tests that start a rig run one after the other: four nodes at once on a small machine would slow the fault test's load.</summary>
    public const string Collection = "cluster rig";
    private static readonly string? Server = Environment.GetEnvironmentVariable("METROLOGY_TEST_POSTGRES");

    private readonly string _database = "metrology_cluster_" + Guid.NewGuid().ToString("N")[..10];
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "metrology-cluster-tests", Guid.NewGuid().ToString("N")[..12]);
    private readonly Node[] _nodes = new Node[2];
    private Process? _nginx;

    public string ConnectionString => new NpgsqlConnectionStringBuilder(Server) { Database = _database }.ToString();

    public Uri Url { get; private set; } = null!;

    public Node this[int index] => _nodes[index];

    /// <summary>Why the rig cannot run here, or null when it can.</summary>
    public static string? MissingReason()
    {
        if (string.IsNullOrEmpty(Server)) return "METROLOGY_TEST_POSTGRES is not set (./build.sh test starts a PostgreSQL when it is installed)";
        if (Nginx() is null) return "nginx is not installed (./build.sh setup as root installs it)";
        if (WebDll() is null) return "the built Metrology.Web.dll was not found beside the tests' build";
        return null;
    }

    public static async Task<ClusterRig> StartAsync(Action<string> log)
    {
        var rig = new ClusterRig();
        try
        {
            await rig.StartNodesAsync(log);
            return rig;
        }
        catch
        {
            await rig.DisposeAsync();
            throw;
        }
    }

    private async Task StartNodesAsync(Action<string> log)
    {
        await ExecuteAsync(new NpgsqlConnectionStringBuilder(Server) { Database = "postgres" }.ToString(), $"CREATE DATABASE \"{_database}\"");
        Directory.CreateDirectory(Path.Combine(_folder, "App_Data"));
        for (var i = 0; i < 2; i++)
        {
            _nodes[i] = new Node(i + 1, FreePort(), FreePort(), this);
            _nodes[i].Start();
            // Node 1 sets the tenants up; node 2 then finds them set up.
            await _nodes[i].WaitHealthyAsync();
            log($"node {i + 1} healthy on port {_nodes[i].Port}");
        }
        var port = FreePort();
        Url = new Uri($"http://127.0.0.1:{port}/");
        var conf = Path.Combine(_folder, "nginx");
        Directory.CreateDirectory(conf);
        File.WriteAllText(Path.Combine(conf, "nginx.conf"), $$"""
            daemon off;
            worker_processes 1;
            pid {{conf}}/nginx.pid;
            error_log {{conf}}/error.log warn;
            events { worker_connections 256; }
            http {
              access_log off;
              client_body_temp_path {{conf}}/body;
              proxy_temp_path {{conf}}/proxy;
              fastcgi_temp_path {{conf}}/fastcgi;
              uwsgi_temp_path {{conf}}/uwsgi;
              scgi_temp_path {{conf}}/scgi;
              upstream metrology {
                server 127.0.0.1:{{_nodes[0].Port}} max_fails=1 fail_timeout=5s;
                server 127.0.0.1:{{_nodes[1].Port}} max_fails=1 fail_timeout=5s;
              }
              server {
                listen 127.0.0.1:{{port}};
                location / {
                  proxy_pass http://metrology;
                  proxy_set_header Host $http_host;
                  proxy_connect_timeout 2s;
                  proxy_next_upstream error timeout http_502;
                }
              }
            }
            """);
        // Workers run as nobody when nginx runs as root: they write their temporary files here.
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(conf, (UnixFileMode)0b111_111_111);
        _nginx = Process.Start(new ProcessStartInfo(Nginx()!, ["-c", Path.Combine(conf, "nginx.conf"), "-p", conf])
        {
            RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false,
        })!;
        using var http = new HttpClient { BaseAddress = Url, Timeout = TimeSpan.FromSeconds(10) };
        for (var i = 0; ; i++)
        {
            try
            {
                if ((await http.GetAsync("/health")).IsSuccessStatusCode) break;
            }
            catch (HttpRequestException) when (i < 100)
            {
            }
            if (_nginx.HasExited) throw new InvalidOperationException("nginx stopped: " + await _nginx.StandardError.ReadToEndAsync());
            await Task.Delay(100);
        }
        log($"nginx in front on port {port}");
    }

    /// <summary>Runs SQL in the cluster's database; returns the first column of each row.</summary>
    public async Task<List<T>> QueryAsync<T>(string sql, params (string Name, object Value)[] parameters)
    {
        await using var conn = new NpgsqlConnection(ConnectionString);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand(sql, conn);
        foreach (var (name, value) in parameters) cmd.Parameters.AddWithValue(name, value);
        var rows = new List<T>();
        await using var reader = await cmd.ExecuteReaderAsync();
        while (await reader.ReadAsync()) rows.Add(reader.GetFieldValue<T>(0));
        return rows;
    }

    public Task ExecuteAsync(string sql, params (string Name, object Value)[] parameters) => ExecuteAsync(ConnectionString, sql, parameters);

    private static async Task ExecuteAsync(string connectionString, string sql, params (string Name, object Value)[] parameters)
    {
        await using var conn = new NpgsqlConnection(connectionString);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand(sql, conn);
        foreach (var (name, value) in parameters) cmd.Parameters.AddWithValue(name, value);
        await cmd.ExecuteNonQueryAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (_nginx is { HasExited: false })
        {
            _nginx.Kill(entireProcessTree: true); // the workers too: killed alone they outlive their master
            await _nginx.WaitForExitAsync();
        }
        _nginx?.Dispose();
        foreach (var node in _nodes) if (node is not null) await node.StopAsync();
        NpgsqlConnection.ClearAllPools();
        if (!string.IsNullOrEmpty(Server))
        {
            try
            {
                await ExecuteAsync(new NpgsqlConnectionStringBuilder(Server) { Database = "postgres" }.ToString(), $"DROP DATABASE IF EXISTS \"{_database}\" WITH (FORCE)");
            }
            catch (NpgsqlException)
            {
            }
        }
        try { Directory.Delete(_folder, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }

    private static string? Nginx() =>
        new[] { "/usr/sbin/nginx", "/usr/bin/nginx", "/usr/local/sbin/nginx" }.FirstOrDefault(File.Exists);

    /// <summary>The Web project's own build output (with its deps.json and recipes), in the tests' configuration.</summary>
    private static string? WebDll()
    {
        var bin = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var framework = bin.Name;
        var configuration = bin.Parent?.Name;
        for (var dir = bin; dir is not null; dir = dir.Parent)
        {
            if (!File.Exists(Path.Combine(dir.FullName, "Metrology.Cms.sln"))) continue;
            var dll = Path.Combine(dir.FullName, "src", "Metrology.Web", "bin", configuration ?? "Debug", framework, "Metrology.Web.dll");
            return File.Exists(dll) ? dll : null;
        }
        return null;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>One web node: a child process that can be killed (SIGKILL) and started again on its port.</summary>
    public sealed class Node(int number, int port, int managementPort, ClusterRig rig)
    {
        private Process? _process;
        private readonly StringBuilder _log = new();

        public int Number => number;

        public int Port => port;

        /// <summary>The port that answers <c>/metrics</c> only.</summary>
        public int ManagementPort => managementPort;

        public void Start()
        {
            var dll = WebDll()!;
            var info = new ProcessStartInfo("dotnet", [dll])
            {
                WorkingDirectory = Path.GetDirectoryName(dll)!, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
            };
            var env = info.Environment;
            env["ASPNETCORE_ENVIRONMENT"] = "Production";
            env["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}";
            env["Metrology__AppData"] = Path.Combine(rig._folder, "App_Data");
            env["Metrology__Database__Provider"] = "Postgres";
            env["Metrology__Database__ConnectionString"] = rig.ConnectionString;
            env["Metrology__AutoSetup__Enabled"] = "true";
            env["Metrology__ManagementPort"] = managementPort.ToString(CultureInfo.InvariantCulture);
            // Timers fire within seconds, not the next minute, so that the fault test sees them due around the kill.
            env["Metrology__JobSchedules__workflow-timers"] = "0/5 * * * * ?";
            env["METROLOGY_ADMIN_PASSWORD"] = Password;
            string[][] tenants = [["Default", "", "集群测试主站", "default"], ["zhaoqing", "zhaoqing", "肇庆集群测试", "zhaoqing"]];
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
            _process = Process.Start(info)!;
            _process.OutputDataReceived += (_, e) => { lock (_log) _log.AppendLine(e.Data); };
            _process.ErrorDataReceived += (_, e) => { lock (_log) _log.AppendLine(e.Data); };
            _process.BeginOutputReadLine();
            _process.BeginErrorReadLine();
        }

        public async Task WaitHealthyAsync()
        {
            using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}/"), Timeout = TimeSpan.FromSeconds(30) };
            for (var i = 0; i < 3000; i++)
            {
                if (_process!.HasExited) break;
                try
                {
                    if ((await http.GetAsync("/health")).StatusCode == HttpStatusCode.OK) return;
                }
                catch (HttpRequestException) { }
                catch (TaskCanceledException) { }
                await Task.Delay(100);
            }
            lock (_log) throw new InvalidOperationException($"node {number} did not become healthy:\n{_log}");
        }

        /// <summary>Runs a tenant job now in this node, as an operator would on its management port (not through Quartz).</summary>
        public async Task RunJobAsync(string tenant, string job)
        {
            using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(60) };
            var response = await http.PostAsync($"http://127.0.0.1:{managementPort}/jobs/{tenant}/{job}", null);
            Assert.True(response.IsSuccessStatusCode, $"node {number}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        }

        /// <summary>SIGKILL: no shutdown, no outcome written, connections dropped.</summary>
        public async Task KillAsync()
        {
            _process!.Kill();
            await _process.WaitForExitAsync();
            _process.Dispose();
            _process = null;
        }

        public async Task StopAsync()
        {
            if (_process is null) return;
            if (!_process.HasExited)
            {
                using (var term = Process.Start("kill", ["-TERM", _process.Id.ToString(CultureInfo.InvariantCulture)])) await term.WaitForExitAsync();
                using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(15));
                try { await _process.WaitForExitAsync(timeout.Token); }
                catch (OperationCanceledException) { _process.Kill(entireProcessTree: true); }
            }
            _process.Dispose();
            _process = null;
        }
    }
}

/// <summary>
/// A local SMS gateway for the HTTP gateway provider: counts the requests per message id (the body's <c>id</c>) and
/// answers after a short pause, so that sends are in flight when a node is killed.
/// </summary>
public sealed class FakeSmsGateway : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly Task _loop;

    public ConcurrentDictionary<int, int> Received { get; } = new();

    public string Url { get; }

    public FakeSmsGateway()
    {
        using (var probe = new TcpListener(IPAddress.Loopback, 0))
        {
            probe.Start();
            Url = $"http://127.0.0.1:{((IPEndPoint)probe.LocalEndpoint).Port}/sms/";
        }
        _listener.Prefixes.Add(Url);
        _listener.Start();
        _loop = Task.Run(LoopAsync);
    }

    private async Task LoopAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }
            _ = Task.Run(async () =>
            {
                using var reader = new StreamReader(context.Request.InputStream, Encoding.UTF8);
                var body = await reader.ReadToEndAsync();
                var id = int.Parse(JsonDocument.Parse(body).RootElement.GetProperty("id").GetString()!, CultureInfo.InvariantCulture);
                Received.AddOrUpdate(id, 1, (_, n) => n + 1);
                await Task.Delay(30);
                context.Response.StatusCode = 200;
                var answer = Encoding.UTF8.GetBytes("{\"code\":\"OK\"}");
                await context.Response.OutputStream.WriteAsync(answer);
                context.Response.Close();
            });
        }
    }

    public void Dispose()
    {
        _listener.Stop();
        _listener.Close();
        try { _loop.Wait(TimeSpan.FromSeconds(5)); } catch (AggregateException) { }
    }
}
