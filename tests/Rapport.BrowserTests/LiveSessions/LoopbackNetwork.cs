using System.Diagnostics;

namespace Rapport.BrowserTests.LiveSessions;

/// <summary>
/// Bad networks for the live-call tests, made on the loopback link of the tests' own network namespace (test.sh
/// runs the browser tests inside <c>unshare --net</c>, where the runner is root): a slow, lossy link for the media
/// (UDP) with <c>tc</c>, or a link that is gone for a while with <c>ip rule</c> and <c>ss -K</c>. Every change is
/// undone on dispose. It refuses to run where there is any interface but <c>lo</c>, so a run outside a namespace
/// can never change the machine's own network.
/// </summary>
public static class LoopbackNetwork
{
    /// <summary>
    /// Media (all UDP, both directions together: on loopback they share one queue) limited to
    /// <paramref name="kbitPerSecond"/> with a queue of <paramref name="queueBytes"/>; what does not fit is dropped.
    /// HTTP and the hub (TCP) keep the full link. netem (delay, random loss) is not in this kernel; an HTB class
    /// with a short byte queue gives the same picture to the congestion controller: a low rate, a growing delay and
    /// loss when the sender exceeds it.
    /// </summary>
    public static async Task<IAsyncDisposable> ThrottleMediaAsync(int kbitPerSecond, int queueBytes)
    {
        await EnsureIsolatedAsync();
        await RunAsync("tc", "qdisc", "add", "dev", "lo", "root", "handle", "1:", "htb", "default", "10");
        var undo = new Undo(() => RunAsync("tc", "qdisc", "del", "dev", "lo", "root"));
        try
        {
            await RunAsync("tc", "class", "add", "dev", "lo", "parent", "1:", "classid", "1:10", "htb", "rate", "10gbit");
            await RunAsync("tc", "class", "add", "dev", "lo", "parent", "1:", "classid", "1:20", "htb", "rate", $"{kbitPerSecond}kbit", "ceil", $"{kbitPerSecond}kbit");
            await RunAsync("tc", "qdisc", "add", "dev", "lo", "parent", "1:20", "handle", "20:", "bfifo", "limit", queueBytes.ToString(System.Globalization.CultureInfo.InvariantCulture));
            await RunAsync("tc", "filter", "add", "dev", "lo", "parent", "1:", "protocol", "ip", "prio", "1", "u32", "match", "ip", "protocol", "17", "0xff", "flowid", "1:20");
            return undo;
        }
        catch
        {
            await undo.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// The network is gone: every open connection to the app on <paramref name="appPort"/> is cut (both ends, as a
    /// phone losing its signal finds out), new ones are refused, and no media (UDP) passes, until disposed.
    /// </summary>
    public static async Task<IAsyncDisposable> CutAsync(int appPort)
    {
        await EnsureIsolatedAsync();
        var port = appPort.ToString(System.Globalization.CultureInfo.InvariantCulture);
        // Rules for local traffic only apply above the "local" table's lookup, which is rule 0: move it down first.
        await RunAsync("ip", "rule", "add", "prio", "100", "lookup", "local");
        await RunAsync("ip", "rule", "del", "prio", "0");
        var added = new List<string>();
        var undo = new Undo(async () =>
        {
            await RunAsync("ip", "rule", "add", "prio", "0", "lookup", "local");
            await RunAsync("ip", "rule", "del", "prio", "100");
            foreach (var prio in added)
            {
                await RunAsync("ip", "rule", "del", "prio", prio);
            }
        });
        try
        {
            await RunAsync("ip", "rule", "add", "prio", "10", "to", "127.0.0.1", "ipproto", "tcp", "dport", port, "prohibit");
            added.Add("10");
            await RunAsync("ip", "rule", "add", "prio", "11", "ipproto", "udp", "prohibit");
            added.Add("11");
            await RunAsync("ss", "-K", "-t", "(", "sport", "=", $":{port}", "or", "dport", "=", $":{port}", ")");
            return undo;
        }
        catch
        {
            await undo.DisposeAsync();
            throw;
        }
    }

    private static async Task EnsureIsolatedAsync()
    {
        var links = (await RunAsync("ip", "-o", "link", "show")).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        if (links.Length != 1 || !links[0].Contains(" lo:", StringComparison.Ordinal))
        {
            throw new InvalidOperationException(
                "This test changes the loopback network and must run in its own network namespace, as test.sh runs it: " +
                "unshare --net bash -c 'ip link set lo up; dotnet test --project tests/Rapport.BrowserTests' (as root, or with --map-root-user). " +
                $"Interfaces here: {string.Join("; ", links)}");
        }
    }

    private static async Task<string> RunAsync(string program, params string[] args)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{program} did not start.");
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{program} {string.Join(' ', args)} failed ({process.ExitCode}): {await errors}");
        }
        return await output;
    }

    private sealed class Undo(Func<Task> undo) : IAsyncDisposable
    {
        private Func<Task>? _undo = undo;

        public async ValueTask DisposeAsync()
        {
            if (Interlocked.Exchange(ref _undo, null) is { } pending)
            {
                await pending();
            }
        }
    }
}
