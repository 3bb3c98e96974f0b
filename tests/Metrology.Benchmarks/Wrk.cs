using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;

namespace Metrology.Benchmarks;

/// <summary>Runs <c>wrk</c> (two threads) and reads its summary: requests per second, p50 and p99 in ms, errors.</summary>
internal static partial class Wrk
{
    public sealed record Result(double RequestsPerSecond, long Requests, double P50, double P99, long Errors);

    public static async Task<Result> RunAsync(string url, string? cookie, string? script, int seconds, int connections)
    {
        var args = new List<string> { "-t2", $"-c{connections}", $"-d{seconds}s", "--latency", "--timeout", "5s" };
        if (cookie is not null) args.AddRange(["-H", "Cookie: " + cookie]);
        if (script is not null) args.AddRange(["-s", script]);
        args.Add(url);
        var info = new ProcessStartInfo("wrk", args) { RedirectStandardOutput = true, UseShellExecute = false };
        using var process = Process.Start(info) ?? throw new InvalidOperationException("wrk is not installed (./build.sh setup installs it)");
        var output = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0) throw new InvalidOperationException("wrk failed:\n" + output);
        var rps = double.Parse(Rps().Match(output).Groups[1].Value, CultureInfo.InvariantCulture);
        var errors = 0L;
        if (Non2xx().Match(output) is { Success: true } n) errors += long.Parse(n.Groups[1].Value, CultureInfo.InvariantCulture);
        if (SocketErrors().Match(output) is { Success: true } s)
            errors += Enumerable.Range(1, 4).Sum(g => long.Parse(s.Groups[g].Value, CultureInfo.InvariantCulture));
        var requests = long.Parse(Requests().Match(output).Groups[1].Value, CultureInfo.InvariantCulture);
        return new Result(rps, requests, Percentile(output, "50"), Percentile(output, "99"), errors);
    }

    private static double Percentile(string output, string p)
    {
        var m = Regex.Match(output, @"^\s+" + p + @"%\s+([\d.]+)(us|ms|s)\s*$", RegexOptions.Multiline);
        var value = double.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture);
        return m.Groups[2].Value switch { "us" => value / 1000, "s" => value * 1000, _ => value };
    }

    [GeneratedRegex(@"Requests/sec:\s+([\d.]+)")] private static partial Regex Rps();
    [GeneratedRegex(@"(\d+) requests in ")] private static partial Regex Requests();
    [GeneratedRegex(@"Non-2xx or 3xx responses:\s+(\d+)")] private static partial Regex Non2xx();
    [GeneratedRegex(@"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)")] private static partial Regex SocketErrors();
}
