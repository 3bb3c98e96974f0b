using System.Data.Common;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Metrology.Benchmarks;

/// <summary>
/// <c>./build.sh bench portal</c>: the published Release site (SQLite, the three demo tenants, fresh App_Data) as its own
/// process, and a bare Kestrel endpoint serving the same bytes, loaded by <c>wrk</c> in the same run. Prints the start-up
/// times and a table of req/s, p50, p99 and the ratio to bare per page.
/// </summary>
internal static partial class PortalThroughput
{
    private const string Password = "Bench2026pass";
    private const int Instruments = 20_000;

    /// <summary>
    /// A page to load; <paramref name="User"/> signs in first (anew before its run, see below). <paramref name="Vary"/>: a
    /// query key the page's cache entry varies by, given another value on every request (see <see cref="VaryingScript"/>).
    /// </summary>
    private sealed record Page(string Name, string Path, string? User = null, string? Vary = null, string? Expect = null);

    public static async Task<int> RunAsync(string[] args)
    {
        var published = Path.GetFullPath(args.Length > 0 ? args[0] : throw new ArgumentException("usage: portal <published site folder> [wrk seconds] [pages]"));
        var seconds = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 5;
        // Optional: only the pages whose name contains one of these words (e.g. "library,admin"), to profile one page.
        var only = args.Length > 2 ? args[2].Split(',', StringSplitOptions.RemoveEmptyEntries) : [];
        var appData = Directory.CreateTempSubdirectory("metrology-portal-bench-").FullName;
        // On PostgreSQL when METROLOGY_TEST_POSTGRES names a server: a database made for the run, dropped after it.
        var server = Environment.GetEnvironmentVariable("METROLOGY_TEST_POSTGRES");
        var postgres = string.IsNullOrEmpty(server) ? null
            : new NpgsqlConnectionStringBuilder(server) { Database = "metrology_bench_" + Guid.NewGuid().ToString("N")[..10] }.ToString();
        if (postgres is not null) await PostgresAsync(server!, $"CREATE DATABASE \"{new NpgsqlConnectionStringBuilder(postgres).Database}\"");
        Console.WriteLine(postgres is null ? "database: SQLite" : "database: PostgreSQL");
        // Before and after the runs: what the machine itself gave, to read the p99 column by (see MachineSteadiness).
        var steadiness = MachineSteadiness.Measure(TimeSpan.FromSeconds(8));
        Console.WriteLine(steadiness);
        try
        {
            var port = FreePort();
            var site = new Uri($"http://127.0.0.1:{port}");

            await using (var first = SiteProcess.Start(published, appData, port, postgres))
            {
                var setUp = await first.FirstAnswerAsync(site, "/zhaoqing/");
                Console.WriteLine($"start-up, fresh App_Data (sets up three tenants from the recipes): {setUp.TotalSeconds:0.00} s to the first 200");
            }
            var enterprise = postgres is null
                ? SeedInstruments(new SqliteConnection($"Data Source={Path.Combine(appData, "Sites", "zhaoqing", "metrology.db")};Pooling=false"), "")
                : SeedInstruments(new NpgsqlConnection(postgres), "zhaoqing.");
            await using var running = SiteProcess.Start(published, appData, port, postgres);
            var started = await running.FirstAnswerAsync(site, "/zhaoqing/");
            Console.WriteLine($"start-up, set-up site (three tenants): {started.TotalSeconds:0.00} s to the first 200");
            Console.WriteLine($"seeded {Instruments:N0} instruments for enterprise {enterprise}");

            // The cached pages first: each "not cached" run leaves up to 10,000 throw-away entries in the output cache (to
            // its 100 MB bound), and the pages measured after it paid for that heap (docs/performance.md, tenth pass).
            Page[] all =
            [
                new("home (anonymous)", "/zhaoqing/", Expect: "办理流程"),
                new("content page /guide (cached)", "/zhaoqing/guide"),
                new("catalog search ?q=血压", "/zhaoqing/catalog?q=" + Uri.EscapeDataString("血压"), Expect: "血压"),
                new("home, not cached (?page=n)", "/zhaoqing/", Vary: "page", Expect: "办理流程"),
                new("content page /guide, not cached (?page=n)", "/zhaoqing/guide", Vary: "page"),
                // ?p=n past the last page shows the last (here the only) page: the same search, another cache key each time.
                new("catalog search, not cached (&p=n)", "/zhaoqing/catalog?q=" + Uri.EscapeDataString("血压"), Vary: "p", Expect: "血压"),
                new($"enterprise library ({Instruments:N0})", "/zhaoqing/my/instruments", "13800000001", Expect: "SNB"),
                new("admin list (instruments)", "/zhaoqing/admin/instruments", "admin"),
            ];
            var pages = only.Length == 0 ? all : all.Where(p => only.Any(o => p.Name.Contains(o, StringComparison.Ordinal))).ToArray();

            var bodies = new Dictionary<string, byte[]>();
            string? contentType = null;
            for (var i = 0; i < pages.Length; i++)
            {
                var (body, type) = await FetchAsync(site, pages[i], pages[i].User is { } user ? await SignInAsync(site, "/zhaoqing/", user) : null);
                bodies["/b" + i] = body;
                contentType ??= type;
            }
            var (bare, bareAddress) = await BenchmarkHosts.StartBareAsync(bodies, contentType!);
            await using var _ = bare;

            var rows = new List<string>();
            for (var i = 0; i < pages.Length; i++)
            {
                var page = pages[i];
                var script = page.Vary is { } key ? VaryingScript(key) : null;
                var siteUrl = new Uri(site, page.Path).AbsoluteUri;
                await Wrk.RunAsync(new Uri(bareAddress, "/b" + i).AbsoluteUri, null, null, Math.Max(2, seconds), 64);
                var bareCpu = BenchCpu();
                var b = await Wrk.RunAsync(new Uri(bareAddress, "/b" + i).AbsoluteUri, null, null, seconds, 64);
                bareCpu = BenchCpu() - bareCpu;
                var warmedUp = await WarmUpAsync(site, page, siteUrl, script, Math.Max(2, seconds), running);
                // wrk sends one cookie throughout, never the renewed one a browser would keep: signed in just before, so
                // the security stamp (checked once a minute per session) is checked as often as for a real visitor.
                var cookie = page.User is { } user ? await SignInAsync(site, "/zhaoqing/", user) : null;
                var siteCpu = running.Cpu;
                var s = await Wrk.RunAsync(siteUrl, cookie, script, seconds, 64);
                siteCpu = running.Cpu - siteCpu;
                var (bareUs, siteUs) = (bareCpu.TotalMicroseconds / Math.Max(1, b.Requests), siteCpu.TotalMicroseconds / Math.Max(1, s.Requests));
                rows.Add($"| {page.Name} | {b.RequestsPerSecond:N0} | {s.RequestsPerSecond:N0} | {s.RequestsPerSecond / b.RequestsPerSecond:0.00} | " +
                         $"{b.P50:0.00} | {b.P99:0.00} | {s.P50:0.00} | {s.P99:0.00} | {s.Errors} | {bareUs:0} | {siteUs:0} | {bareUs / siteUs:0.00} | {warmedUp} |");
                Console.WriteLine(rows[^1]);
            }
            Console.WriteLine();
            Console.WriteLine("before the runs: " + steadiness);
            Console.WriteLine("after the runs (the site idle): " + MachineSteadiness.Measure(TimeSpan.FromSeconds(8)));
            Console.WriteLine($"wrk -t2 -c64 -d{seconds}s, bare endpoint and site in the same run (latencies in ms)");
            Console.WriteLine();
            // CPU per request: the site's process, and this one's (which serves the bare endpoint) during the bare run. The
            // machine is shared and req/s swing with its load; the site's CPU per request much less, so it is the figure to
            // compare code by across runs. The bare endpoint's own varies (13–37 µs): its cost is the network's, which
            // falls as more requests come per wake-up (docs/performance.md, ninth pass).
            Console.WriteLine("| page | bare req/s | site req/s | ratio | bare p50 | bare p99 | site p50 | site p99 | site errors | bare CPU µs/req | site CPU µs/req | CPU ratio | warm-up s |");
            Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
            foreach (var row in rows) Console.WriteLine(row);
            return 0;
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            try { Directory.Delete(appData, recursive: true); } catch (IOException) { }
            if (postgres is not null)
            {
                NpgsqlConnection.ClearAllPools();
                await PostgresAsync(server!, $"DROP DATABASE IF EXISTS \"{new NpgsqlConnectionStringBuilder(postgres).Database}\" WITH (FORCE)");
            }
        }
    }

    /// <summary>
    /// Loads the site's URL at the measured load, in rounds of <paramref name="round"/> seconds, until the runtime has
    /// finished tiering the page's code (its tiered-compilation thread used less than 1% of the site's CPU in the round;
    /// at most twelve rounds); the seconds it took. A site that runs for days does not pay for the JIT: on the 2-core
    /// machine, after a fixed warm-up as long as a 5 s run, the JIT's background compiles still took 17–23% of the site's
    /// samples, and the library page measured twice its steady cost (docs/performance.md, eleventh pass). Right before
    /// the measured run: with the bare endpoint's runs between them, the site sat idle for their length and spent its
    /// first measured seconds adapting again (tenth pass). Signed in anew for each round, so that no round pays the
    /// security stamp's check on every request (wrk never keeps a renewed cookie). Nor while the site's CPU per request
    /// still falls by 5% or more from one round to the next: with the JIT's thread idle after two rounds, the library
    /// page measured 1,376 µs per request where minutes of load brought it to 990–1,300 (thirteenth pass).
    /// </summary>
    private static async Task<int> WarmUpAsync(Uri site, Page page, string url, string? script, int round, SiteProcess running)
    {
        double? before = null;
        for (var n = 1; ; n++)
        {
            var cookie = page.User is { } user ? await SignInAsync(site, "/zhaoqing/", user) : null;
            var (cpu, tiering) = (running.Cpu, running.TieringCpu);
            var load = await Wrk.RunAsync(url, cookie, script, round, 64);
            var (usedCpu, usedTiering) = (running.Cpu - cpu, running.TieringCpu - tiering);
            // The worker thread ends when idle for a while and a new one starts: then its count starts again from zero.
            if (usedTiering < TimeSpan.Zero) usedTiering = running.TieringCpu;
            var perRequest = usedCpu.TotalMicroseconds / Math.Max(1, load.Requests);
            var settled = before is { } previous && perRequest > previous * 0.95;
            before = perRequest;
            if (n == 12 || (usedTiering < usedCpu * 0.01 && settled)) return n * round;
        }
    }

    /// <summary>The CPU time this process (the bare endpoint's host) has used so far.</summary>
    private static TimeSpan BenchCpu()
    {
        using var self = Process.GetCurrentProcess();
        return self.TotalProcessorTime;
    }

    /// <summary>The page's bytes as the site answers them (checked to be the page, not a redirect or an error).</summary>
    private static async Task<(byte[] Body, string ContentType)> FetchAsync(Uri site, Page page, string? cookie)
    {
        using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false }) { BaseAddress = site };
        using var request = new HttpRequestMessage(HttpMethod.Get, page.Path);
        if (cookie is not null) request.Headers.Add("Cookie", cookie);
        using var response = await http.SendAsync(request);
        var body = await response.Content.ReadAsByteArrayAsync();
        if (response.StatusCode != HttpStatusCode.OK || (page.Expect is not null && !Encoding.UTF8.GetString(body).Contains(page.Expect)))
            throw new InvalidOperationException($"{page.Path} answered {(int)response.StatusCode} without the expected content");
        return (body, response.Content.Headers.ContentType!.ToString());
    }

    /// <summary>Signs in through the login form; the cookie header that carries the session.</summary>
    private static async Task<string> SignInAsync(Uri site, string prefix, string user)
    {
        var cookies = new CookieContainer();
        using var http = new HttpClient(new HttpClientHandler { CookieContainer = cookies, AllowAutoRedirect = false }) { BaseAddress = site };
        var form = await http.GetStringAsync(prefix + "login");
        var token = TokenField().Match(form).Groups[1].Value;
        using var answer = await http.PostAsync(prefix + "login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Input.UserName"] = user, ["Input.Password"] = Password, ["__RequestVerificationToken"] = token,
        }));
        if (answer.StatusCode != HttpStatusCode.Redirect) throw new InvalidOperationException($"signing in as {user} answered {(int)answer.StatusCode}");
        return string.Join("; ", cookies.GetCookies(new Uri(site, prefix)).Select(c => c.Name + "=" + c.Value));
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenField();

    /// <summary>
    /// A wrk script asking for ?page=1-1, 1-2, … in wrk's first thread and 2-1, 2-2, … in its second (or, for the
    /// catalog's page number <c>p</c>, a number past the last page, different in each thread): every request is another
    /// cache key, so none is answered from the cache. Each wrk thread runs its own copy of the script, with the same
    /// unseeded random numbers, so the thread's number is part of the value: until the eighth pass the threads asked
    /// for the same URLs and about half the "not cached" requests were answered from the cache. Appended with &amp;
    /// when the path has a query already.
    /// </summary>
    private static string VaryingScript(string key)
    {
        var file = Path.Combine(Path.GetTempPath(), $"metrology-wrk-vary-{key}.lua");
        var value = key == "p" ? "(10000 + n * 64 + id)" : "id .. \"-\" .. n";
        File.WriteAllText(file, $$"""
            local threads = 0
            function setup(thread)
              threads = threads + 1
              thread:set("id", threads)
            end
            local n = 0
            request = function()
              n = n + 1
              local sep = wrk.path:find("?", 1, true) and "&" or "?"
              return wrk.format(nil, wrk.path .. sep .. "{{key}}=" .. {{value}})
            end
            """);
        return file;
    }

    /// <summary>
    /// 20,000 instruments for the demo water utility, straight into the library's index table (the list reads only
    /// that), with names, usages, departments and dates spread as in the library benchmark. Returns the enterprise id.
    /// </summary>
    private static async Task PostgresAsync(string server, string sql)
    {
        await using var conn = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(server) { Database = "postgres" }.ToString());
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand(sql, conn);
        await cmd.ExecuteNonQueryAsync();
    }

    private static int SeedInstruments(DbConnection owned, string schema)
    {
        using var connection = owned;
        connection.Open();
        using var find = connection.CreateCommand();
        find.CommandText = $"SELECT \"Id\" FROM {schema}\"Enterprises\" WHERE \"ContactMobile\" = '13800000001'";
        var enterprise = Convert.ToInt32(find.ExecuteScalar(), CultureInfo.InvariantCulture);
        using var tx = connection.BeginTransaction();
        using var insert = connection.CreateCommand();
        insert.Transaction = tx;
        string[] columns = ["ContentItemId", "EnterpriseId", "Name", "ModelSpec", "SerialNumber", "CatalogCode", "RegionCode",
            "Department", "Usage", "Method", "Mandatory", "FilingStatus", "Active", "ValidUntil", "CreatedUtc", "IdentityKey"];
        insert.CommandText = $"INSERT INTO {schema}\"InstrumentIndex\" ({string.Join(",", columns.Select(c => $"\"{c}\""))}) VALUES ({string.Join(",", columns.Select(c => "@" + c))})";
        var p = columns.ToDictionary(c => c, c => { var x = insert.CreateParameter(); x.ParameterName = "@" + c; insert.Parameters.Add(x); return x; });
        string[] names = ["压力表", "电能表", "水表", "血压计", "加油机", "电子秤", "燃气表", "流量计"];
        string[] departments = ["供水部", "计量室", "化验室", "检验科"];
        var start = new DateTime(2020, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        for (var i = 0; i < Instruments; i++)
        {
            p["ContentItemId"].Value = "bench" + i.ToString("D8", CultureInfo.InvariantCulture);
            p["EnterpriseId"].Value = enterprise;
            p["Name"].Value = names[i % names.Length] + (i % 13);
            p["ModelSpec"].Value = "M-" + i % 17;
            p["SerialNumber"].Value = "SNB" + i.ToString("D8", CultureInfo.InvariantCulture);
            p["CatalogCode"].Value = "S0" + (101 + i % 9);
            p["RegionCode"].Value = "441202";
            p["Department"].Value = departments[i % departments.Length];
            p["Usage"].Value = 1 + i % 4;
            p["Method"].Value = 1 + i % 2;
            p["Mandatory"].Value = i % 3 == 0;
            p["FilingStatus"].Value = i % 4;
            p["Active"].Value = i % 20 != 0;
            p["ValidUntil"].Value = DateOnly.FromDateTime(start.AddDays(i % 1500));
            p["CreatedUtc"].Value = start.AddMinutes(i);
            p["IdentityKey"].Value = "bench" + i.ToString("X59", CultureInfo.InvariantCulture); // 64 characters, the column's length
            insert.ExecuteNonQuery();
        }
        tx.Commit();
        using var analyze = connection.CreateCommand();
        analyze.CommandText = schema.Length == 0 ? "ANALYZE" : $"ANALYZE {schema}\"InstrumentIndex\"";
        analyze.ExecuteNonQuery();
        return enterprise;
    }
}
