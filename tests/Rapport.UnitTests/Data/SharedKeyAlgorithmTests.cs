using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.DependencyInjection;
using Rapport.Web.Data;

namespace Rapport.UnitTests.Data;

/// <summary>
/// New data-protection keys use AES-256-GCM (DataSetup.NewKeyAlgorithms). A deployment upgraded from the default CBC keys
/// must still read the sessions, tokens and clinical text protected before the switch, and protect new ones with a GCM
/// key once its CBC key expires.
/// </summary>
public sealed class SharedKeyAlgorithmTests : IDisposable
{
    private readonly DirectoryInfo keys = Directory.CreateTempSubdirectory("rapport-keys-");

    public void Dispose() => keys.Delete(recursive: true);

    private ServiceProvider Protection(bool withRapportsAlgorithms)
    {
        var services = new ServiceCollection();
        var builder = services.AddDataProtection().SetApplicationName("Rapport").PersistKeysToFileSystem(keys);
        if (withRapportsAlgorithms)
        {
            builder.UseCryptographicAlgorithms(DataSetup.NewKeyAlgorithms);
        }
        return services.BuildServiceProvider();
    }

    /// <summary>The key a protected payload names: its 4-byte magic header is followed by the key's id.</summary>
    private static Guid KeyOf(string sealedText) => new(WebEncoders.Base64UrlDecode(sealedText).AsSpan(4, 16));

    private static string AlgorithmOf(IKey key) => key.Descriptor.ExportToXml().SerializedDescriptorElement.ToString();

    /// <summary>Moves every key on disk into the past, as if its 90 days had run out.</summary>
    private void ExpireEveryKey()
    {
        foreach (var file in keys.GetFiles("key-*.xml"))
        {
            var xml = XDocument.Load(file.FullName);
            var root = xml.Root!;
            root.Element("creationDate")!.Value = "2025-01-01T00:00:00Z";
            root.Element("activationDate")!.Value = "2025-01-01T00:00:00Z";
            root.Element("expirationDate")!.Value = "2025-04-01T00:00:00Z";
            xml.Save(file.FullName);
        }
    }

    [Fact]
    public void ClinicalTextSealedUnderAnOldCbcKeyIsStillReadWhileNewTextIsSealedUnderAGcmKey()
    {
        string sealedBefore;
        using (var before = Protection(withRapportsAlgorithms: false))
        {
            sealedBefore = new ClinicalTextCipher(before.GetRequiredService<IDataProtectionProvider>()).Seal("She misses her sister since the move.");
        }
        ExpireEveryKey();

        using var after = Protection(withRapportsAlgorithms: true);
        var cipher = new ClinicalTextCipher(after.GetRequiredService<IDataProtectionProvider>());
        var sealedAfter = cipher.Seal("He started the new job on Monday.");

        var ring = after.GetRequiredService<IKeyManager>().GetAllKeys().ToDictionary(k => k.KeyId);
        Assert.NotEqual(KeyOf(sealedBefore), KeyOf(sealedAfter));
        Assert.Contains("AES_256_CBC", AlgorithmOf(ring[KeyOf(sealedBefore)]), StringComparison.Ordinal);
        Assert.Contains("AES_256_GCM", AlgorithmOf(ring[KeyOf(sealedAfter)]), StringComparison.Ordinal);
        Assert.Equal("She misses her sister since the move.", cipher.Open(sealedBefore));
        Assert.Equal("He started the new job on Monday.", cipher.Open(sealedAfter));
    }

    [Fact]
    public void ANewKeyIsMadeWithAes256Gcm()
    {
        using var provider = Protection(withRapportsAlgorithms: true);
        var cipher = new ClinicalTextCipher(provider.GetRequiredService<IDataProtectionProvider>());
        var sealedText = cipher.Seal("x");

        var key = Assert.Single(provider.GetRequiredService<IKeyManager>().GetAllKeys());
        Assert.Equal(key.KeyId, KeyOf(sealedText));
        Assert.Contains("AES_256_GCM", AlgorithmOf(key), StringComparison.Ordinal);
        Assert.Equal("x", cipher.Open(sealedText));
    }
}
