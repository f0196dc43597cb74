using static Rapport.BrowserTests.LiveSessions.CallSteps;

namespace Rapport.BrowserTests.LiveSessions;

/// <summary>
/// Two instances of the app behind one (imaginary) load balancer, sharing one database and a real Redis server
/// (LiveSessions readme, rule 13): the patient is on one, the therapist on the other, and they still meet, because the hub's groups
/// span the instances through the Redis backplane. test.sh starts a throwaway redis-server inside the tests'
/// network namespace and gives its address in RAPPORT_TEST_REDIS.
/// </summary>
[Collection(LiveCalls.Name)]
public sealed class ScaleOutTests(Chromium chromium)
{
    public const string RedisVariable = "RAPPORT_TEST_REDIS";

    [Fact]
    public async Task APatientOnOneInstanceAndTheirTherapistOnAnotherMeetThroughRedisAndSeeAndHearEachOther()
    {
        var redis = Environment.GetEnvironmentVariable(RedisVariable);
        Assert.False(string.IsNullOrWhiteSpace(redis),
            $"{RedisVariable} is not set. This test needs a real Redis server (host:port), as test.sh provides: it starts a throwaway " +
            "redis-server (apt package redis-server) on loopback inside the browser tests' network namespace and exports its address.");

        await using var first = RapportApp.WithRedis(redis);
        await first.InitializeAsync();
        await using var second = first.AnotherInstance(); // started after the first has created and seeded the database
        await second.InitializeAsync();

        var appointmentId = await BookSessionStartingSoonAsync(first);
        await using var patientContext = await chromium.NewPhoneContextAsync(first);
        await using var therapistContext = await chromium.NewPhoneContextAsync(second);
        var patient = await PatientWaitsAsync(patientContext, first, appointmentId);
        var therapist = await TherapistJoinsAsync(therapistContext, second, appointmentId);
        Assert.StartsWith(first.BaseUrl, patient.Url, StringComparison.Ordinal);
        Assert.StartsWith(second.BaseUrl, therapist.Url, StringComparison.Ordinal);

        // Admission (instance 2 → the patient on instance 1), offer, answer and candidates all cross the backplane.
        await AdmitAndWaitForMediaAsync(patient, therapist);
        await WaitForFlowingAsync(patient);
        await WaitForFlowingAsync(therapist);
    }
}
