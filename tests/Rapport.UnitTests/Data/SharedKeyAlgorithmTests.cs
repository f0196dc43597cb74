using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.AuthenticatedEncryption.ConfigurationModel;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.Extensions.DependencyInjection;
using Rapport.Web.Data;

namespace Rapport.UnitTests.Data;

/// <summary>
/// New data-protection keys use AES-256-GCM (DataSetup.NewKeyAlgorithms). A deployment upgraded from the default
/// CBC keys must still read the sessions, tokens and clinical text protected before the switch.
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

    [Fact]
    public void TextProtectedWithAnOlderCbcKeyIsStillReadAfterTheSwitchToGcm()
    {
        string protectedBefore;
        using (var before = Protection(withRapportsAlgorithms: false))
        {
            protectedBefore = before.GetDataProtector("Rapport.ClinicalText").Protect("She misses her sister since the move.");
        }

        using var after = Protection(withRapportsAlgorithms: true);
        var reader = after.GetDataProtector("Rapport.ClinicalText");

        Assert.Equal("She misses her sister since the move.", reader.Unprotect(protectedBefore));
    }

    [Fact]
    public void ANewKeyIsMadeWithAes256Gcm()
    {
        using var provider = Protection(withRapportsAlgorithms: true);
        var protectedText = provider.GetDataProtector("Rapport.ClinicalText").Protect("x");

        var key = Assert.Single(provider.GetRequiredService<IKeyManager>().GetAllKeys());
        var descriptor = key.Descriptor.ExportToXml().SerializedDescriptorElement.ToString();
        Assert.Contains("AES_256_GCM", descriptor, StringComparison.Ordinal);
        Assert.Equal("x", provider.GetDataProtector("Rapport.ClinicalText").Unprotect(protectedText));
    }
}
