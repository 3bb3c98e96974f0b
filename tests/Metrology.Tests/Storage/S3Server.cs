using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Amazon.S3;
using Metrology.Storage.S3;

namespace Metrology.Tests.Storage;

/// <summary>
/// An S3-compatible server for the file store tests: <c>METROLOGY_TEST_S3</c> (a URL) when set, else moto's
/// <c>moto_server</c> (Python) started on a free loopback port when it is installed, else none (the tests skip with the reason).
/// The bucket is made for the run.
/// </summary>
public sealed class S3Server : IAsyncLifetime
{
    private Process? _process;

    public S3StorageOptions? Options { get; private set; }

    public string? MissingReason { get; private set; }

    public async ValueTask InitializeAsync()
    {
        var url = Environment.GetEnvironmentVariable("METROLOGY_TEST_S3");
        if (string.IsNullOrEmpty(url))
        {
            var moto = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator)
                .Select(d => Path.Combine(d, "moto_server")).FirstOrDefault(File.Exists);
            if (moto is null)
            {
                MissingReason = "no S3-compatible server: set METROLOGY_TEST_S3 or install moto (pip install 'moto[server]')";
                return;
            }
            int port;
            using (var probe = new TcpListener(IPAddress.Loopback, 0))
            {
                probe.Start();
                port = ((IPEndPoint)probe.LocalEndpoint).Port;
            }
            _process = Process.Start(new ProcessStartInfo(moto, ["-H", "127.0.0.1", "-p", port.ToString(System.Globalization.CultureInfo.InvariantCulture)])
            {
                RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
            })!;
            _process.OutputDataReceived += (_, _) => { };
            _process.ErrorDataReceived += (_, _) => { };
            _process.BeginOutputReadLine();
            _process.BeginErrorReadLine();
            url = $"http://127.0.0.1:{port}";
            using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
            for (var i = 0; ; i++)
            {
                try
                {
                    if ((await http.GetAsync(url)).IsSuccessStatusCode) break;
                }
                catch (HttpRequestException) when (i < 150)
                {
                }
                if (_process.HasExited) throw new InvalidOperationException("moto_server stopped at start");
                await Task.Delay(100);
            }
        }
        Options = new S3StorageOptions { ServiceUrl = url, Bucket = "metrology-test-" + Guid.NewGuid().ToString("N")[..8], AccessKey = "test", SecretKey = "test" };
        using var client = S3Storage.Client(Options);
        await client.PutBucketAsync(Options.Bucket);
    }

    public IAmazonS3 Client() => S3Storage.Client(Options!);

    public async ValueTask DisposeAsync()
    {
        if (_process is null) return;
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
    }
}
