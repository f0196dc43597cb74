using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Rapport.MessageLoad;
using Rapport.Web.Data;
using Rapport.Web.Features.Accounts;
using Rapport.Web.Features.CareRelationships;
using Rapport.Web.Features.Messaging;

// Messages under load (docs/performance.md, "Messages"): N open conversations, each patient's page watching its
// conversation live, patients sending through the JSON API. Measures the send's time (the POST, which includes the
// risk check, the audit entry and the save) and the live delivery (POST sent → the watcher's "changed"), on one
// instance or with the watchers on a second instance through Redis.
// Usage: dotnet run -c Release --project benchmarks/Rapport.MessageLoad -- <postgres server connection> [conversations=200]
//        [instances=1] [redis host:port] [messages=1000] [concurrency=16]
// The only SQL built here names the run's own database, made from the process id: no input reaches it.
#pragma warning disable CA2100
internal static class MessageLoadRun
{
    public static async Task Main(string[] args)
    {
        var server = args.ElementAtOrDefault(0) ?? throw new ArgumentException("Give a PostgreSQL server connection string.");
        var conversations = int.Parse(args.ElementAtOrDefault(1) ?? "200", System.Globalization.CultureInfo.InvariantCulture);
        var instances = int.Parse(args.ElementAtOrDefault(2) ?? "1", System.Globalization.CultureInfo.InvariantCulture);
        var redis = args.ElementAtOrDefault(3) is { Length: > 0 } r && r != "-" ? r : null;
        var messages = int.Parse(args.ElementAtOrDefault(4) ?? "1000", System.Globalization.CultureInfo.InvariantCulture);
        var concurrency = int.Parse(args.ElementAtOrDefault(5) ?? "16", System.Globalization.CultureInfo.InvariantCulture);
        if (instances == 2 && redis is null)
        {
            throw new ArgumentException("Two instances need a Redis server (host:port) for their backplane.");
        }

        // The app's content root (its wwwroot and settings), found from the repository root as the test projects find it.
        var repository = new DirectoryInfo(AppContext.BaseDirectory);
        while (repository is not null && !File.Exists(Path.Combine(repository.FullName, "Rapport.slnx")))
        {
            repository = repository.Parent;
        }
        Environment.SetEnvironmentVariable("ASPNETCORE_TEST_CONTENTROOT_RAPPORT_WEB",
            Path.Combine(repository?.FullName ?? throw new InvalidOperationException("Run from inside the repository."), "src", "Rapport.Web"));
        var database = $"rapport_messages_{Environment.ProcessId}";
        var root = Directory.CreateTempSubdirectory("rapport-message-load-").FullName;
        await using (var admin = new NpgsqlConnection(server))
        {
            await admin.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{database}\"", admin);
            await create.ExecuteNonQueryAsync();
        }
        var connection = new NpgsqlConnectionStringBuilder(server) { Database = database }.ConnectionString;
        var first = new LoadApp(connection, redis, root);
        first.StartServer();
        var second = instances == 2 ? new LoadApp(connection, redis, root) : null;
        second?.StartServer();
        var watchersOn = second ?? first;
        try
        {
            Console.WriteLine($"{conversations} conversations, {instances} instance(s){(redis is null ? "" : " with Redis")}, {messages} messages, {concurrency} senders at once");
            var patients = await SeedAsync(first, conversations);
            Console.WriteLine("seeded");

            // Every patient: an API token (sending on the first instance) and their page's live connection (watching on the other).
            var seats = new List<Seat>();
            foreach (var batch in patients.Chunk(20))
            {
                seats.AddRange(await Task.WhenAll(batch.Select(p => SeatAsync(first, watchersOn, p))));
            }
            Console.WriteLine($"{seats.Count} watchers connected to {watchersOn.BaseUrl}");

            var health = await HealthRateAsync(first, concurrency);
            var sends = new List<double>();
            var deliveries = new List<double>();
            var afterAnswers = new List<double>();
            var failures = 0;
            var next = -1;
            var clock = Stopwatch.StartNew();
            await Task.WhenAll(Enumerable.Range(0, concurrency).Select(async _ =>
            {
                while (Interlocked.Increment(ref next) is var i && i < messages)
                {
                    var seat = seats[i % seats.Count];
                    var arrived = seat.Expect();
                    var started = Stopwatch.GetTimestamp();
                    using var response = await seat.Api.PostAsJsonAsync($"/api/v1/conversations/{seat.ConversationId}/messages",
                        new { text = $"How the week went, note {i}" });
                    var sent = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                    if (response.StatusCode != HttpStatusCode.Created)
                    {
                        Interlocked.Increment(ref failures);
                        continue;
                    }
                    var answered = Stopwatch.GetTimestamp();
                    var delivered = await Task.WhenAny(arrived, Task.Delay(10_000)) == arrived
                        ? Stopwatch.GetElapsedTime(started, await arrived).TotalMilliseconds : double.NaN;
                    var afterAnswer = double.IsNaN(delivered) ? double.NaN : (await arrived - answered) * 1000.0 / Stopwatch.Frequency;
                    lock (sends)
                    {
                        sends.Add(sent);
                        deliveries.Add(delivered);
                        afterAnswers.Add(afterAnswer);
                    }
                }
            }));
            var seconds = clock.Elapsed.TotalSeconds;
            var lost = deliveries.Count(double.IsNaN);
            Console.WriteLine($"sent {sends.Count} in {seconds:F1} s: {sends.Count / seconds:F0} messages/s; /health/live in the same run {health:F0} requests/s " +
                $"(ratio {sends.Count / seconds / health:P2}); refused {failures}, not delivered within 10 s {lost}");
            Console.WriteLine($"send (POST) ms: p50 {P(sends, 50):F1}  p95 {P(sends, 95):F1}  p99 {P(sends, 99):F1}  max {sends.Max():F1}");
            var arrivedTimes = deliveries.Where(d => !double.IsNaN(d)).ToList();
            Console.WriteLine($"live delivery (POST start → watcher's \"changed\") ms: p50 {P(arrivedTimes, 50):F1}  p95 {P(arrivedTimes, 95):F1}  " +
                $"p99 {P(arrivedTimes, 99):F1}  max {arrivedTimes.Max():F1}");
            var relative = afterAnswers.Where(d => !double.IsNaN(d)).ToList();
            Console.WriteLine($"the watcher's \"changed\" relative to the POST's answer (negative: before it) ms: p50 {P(relative, 50):F2}  " +
                $"p95 {P(relative, 95):F2}  max {relative.Max():F2}");
            foreach (var seat in seats)
            {
                await seat.DisposeAsync();
            }
        }
        finally
        {
            if (second is not null)
            {
                await second.DisposeAsync();
            }
            await first.DisposeAsync();
            NpgsqlConnection.ClearAllPools();
            await using var admin = new NpgsqlConnection(server);
            await admin.OpenAsync();
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{database}\" WITH (FORCE)", admin);
            await drop.ExecuteNonQueryAsync();
            Directory.Delete(root, recursive: true);
        }

        // The bare liveness endpoint with the same number of callers for 5 s: the machine's yardstick in this run.
        static async Task<double> HealthRateAsync(LoadApp app, int callers)
        {
            using var http = new HttpClient { BaseAddress = new Uri(app.BaseUrl) };
            var count = 0;
            var until = Stopwatch.StartNew();
            await Task.WhenAll(Enumerable.Range(0, callers).Select(async _ =>
            {
                while (until.Elapsed < TimeSpan.FromSeconds(5))
                {
                    using var response = await http.GetAsync("/health/live");
                    Interlocked.Increment(ref count);
                }
            }));
            return count / until.Elapsed.TotalSeconds;
        }

        static void Keep(HttpResponseMessage response, Dictionary<string, string> jar)
        {
            foreach (var header in response.Headers.TryGetValues("Set-Cookie", out var values) ? values : [])
            {
                var pair = header.Split(';', 2)[0].Split('=', 2);
                jar[pair[0]] = pair[1];
            }
        }

        static double P(List<double> values, int percentile)
        {
            var sorted = values.Order().ToList();
            return sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(percentile / 100.0 * sorted.Count) - 1)];
        }

        // Patients in care, one clinician for every twenty, through the entities' own transitions (as the demo clinic does).
        static async Task<List<(string Email, Guid Id)>> SeedAsync(LoadApp app, int conversations)
        {
            await using var scope = app.Services.CreateAsyncScope();
            var users = scope.ServiceProvider.GetRequiredService<UserManager<RapportUser>>();
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var now = DateTimeOffset.UtcNow;
            var patients = new List<(string, Guid)>();
            RapportUser? clinician = null;
            for (var i = 0; i < conversations; i++)
            {
                if (i % 20 == 0)
                {
                    clinician = await CreateAsync(users, $"clinician-{i}@load.rapport.test", Roles.Therapist, now);
                }
                var patient = await CreateAsync(users, $"patient-{i}@load.rapport.test", Roles.Patient, now);
                var care = CareRelationship.OpenEnquiry(patient.Id, clinician!.Id, now.AddDays(-7), now.AddDays(-8));
                care.OfferCare(clinician.Id, now.AddDays(-6));
                care.Confirm(patient.Id, consentsToSharing: true, now.AddDays(-6));
                db.CareRelationships.Add(care);
                patients.Add((patient.Email!, patient.Id));
            }
            await db.SaveChangesAsync();
            return patients;
        }

        static async Task<RapportUser> CreateAsync(UserManager<RapportUser> users, string email, string role, DateTimeOffset now)
        {
            var user = new RapportUser
            {
                UserName = email,
                Email = email,
                EmailConfirmed = true,
                DisplayName = email[..email.IndexOf('@', StringComparison.Ordinal)],
                TimeZoneId = "Europe/London",
                CountryCode = "GB",
                CreatedAt = now,
            };
            var created = await users.CreateAsync(user, Seat.Password);
            if (!created.Succeeded || !(await users.AddToRoleAsync(user, role)).Succeeded)
            {
                throw new InvalidOperationException(string.Join("; ", created.Errors.Select(e => e.Description)));
            }
            return user;
        }

        static async Task<Seat> SeatAsync(LoadApp sender, LoadApp watcher, (string Email, Guid Id) patient)
        {
            var api = new HttpClient { BaseAddress = new Uri(sender.BaseUrl) };
            var token = await (await api.PostAsJsonAsync("/api/v1/auth/token", new { email = patient.Email, password = Seat.Password }))
                .EnsureSuccessStatusCode().Content.ReadFromJsonAsync<JsonElement>();
            api.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token.GetProperty("accessToken").GetString());
            var list = await api.GetFromJsonAsync<JsonElement>("/api/v1/conversations");
            var conversationId = list[0].GetProperty("id").GetGuid();

            // The page's own sign-in (a cookie), as the browser of a patient with "Messages" open has. The app's cookies are
            // Secure and this run speaks plain HTTP on loopback, so the cookies are carried by hand rather than by a cookie jar.
            var jar = new Dictionary<string, string>();
            using var browser = new HttpClient(new HttpClientHandler { UseCookies = false, AllowAutoRedirect = false, CheckCertificateRevocationList = true })
            {
                BaseAddress = new Uri(watcher.BaseUrl),
            };
            using var formResponse = await browser.GetAsync("/account/sign-in");
            Keep(formResponse, jar);
            var form = await formResponse.Content.ReadAsStringAsync();
            var antiforgery = Regex.Match(form, "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"").Groups[1].Value;
            using var post = new HttpRequestMessage(HttpMethod.Post, "/account/sign-in")
            {
                Content = new FormUrlEncodedContent(new Dictionary<string, string>
                {
                    ["Input.Email"] = patient.Email,
                    ["Input.Password"] = Seat.Password,
                    ["__RequestVerificationToken"] = WebUtility.HtmlDecode(antiforgery),
                }),
            };
            post.Headers.Add("Cookie", string.Join("; ", jar.Select(c => $"{c.Key}={c.Value}")));
            using var signedIn = await browser.SendAsync(post);
            if (signedIn.StatusCode != HttpStatusCode.Redirect)
            {
                throw new InvalidOperationException($"Sign-in failed: {signedIn.StatusCode}");
            }
            Keep(signedIn, jar);
            var cookie = string.Join("; ", jar.Select(c => $"{c.Key}={c.Value}"));
            var hub = new HubConnectionBuilder().WithUrl(watcher.BaseUrl + MessagesHub.Path, o =>
            {
                o.Headers["Cookie"] = cookie;
                o.Headers["Origin"] = watcher.BaseUrl;
            }).Build();
            var seat = new Seat(api, hub, conversationId);
            hub.On(MessagesHub.Changed, seat.Arrived);
            await hub.StartAsync();
            await hub.InvokeAsync("Watch", conversationId);
            return seat;
        }
    }
}

/// <summary>One patient: the API client that sends, and the live connection of their open page.</summary>
internal sealed class Seat(HttpClient api, HubConnection hub, Guid conversationId) : IAsyncDisposable
{
    public const string Password = "load-test-lantern-harbour-42";

    private TaskCompletionSource<long> _next = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public HttpClient Api => api;
    public Guid ConversationId => conversationId;

    /// <summary>When the next "changed" reaches this page (a <see cref="Stopwatch"/> timestamp).</summary>
    public Task<long> Expect()
    {
        lock (this)
        {
            _next = new(TaskCreationOptions.RunContinuationsAsynchronously);
            return _next.Task;
        }
    }

    public void Arrived()
    {
        lock (this)
        {
            _next.TrySetResult(Stopwatch.GetTimestamp());
        }
    }

    public async ValueTask DisposeAsync()
    {
        await hub.DisposeAsync();
        api.Dispose();
    }
}

