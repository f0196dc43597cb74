using System.Security.Cryptography;

namespace Rapport.Web.Features.Audit;

/// <summary>
/// The keys that seal the audit log: one current ECDSA P-256 signing key and the public keys of earlier ones, so blocks
/// sealed before a rotation still verify. None of them is stored in the database: whoever can rewrite the tables
/// still cannot sign a rewritten chain.
/// </summary>
public sealed class AuditKeyRing : IDisposable
{
    private readonly ECDsa signing;
    private readonly Dictionary<string, ECDsa> verifying = new(StringComparer.Ordinal);

    public AuditKeyRing(ECDsa signingKey, IEnumerable<ECDsa> earlierPublicKeys)
    {
        signing = signingKey;
        CurrentKeyId = KeyIdOf(signingKey);
        verifying[CurrentKeyId] = signingKey;
        foreach (var key in earlierPublicKeys)
        {
            verifying.TryAdd(KeyIdOf(key), key);
        }
    }

    public string CurrentKeyId { get; }

    /// <summary>The first 16 hex digits of SHA-256 over the public key (SubjectPublicKeyInfo): stable and not secret.</summary>
    public static string KeyIdOf(ECDsa key) =>
        Convert.ToHexStringLower(SHA256.HashData(key.ExportSubjectPublicKeyInfo()))[..16];

    public (string KeyId, string Signature) Sign(byte[] data) =>
        (CurrentKeyId, Convert.ToBase64String(signing.SignData(data, HashAlgorithmName.SHA256)));

    public bool Verify(string keyId, byte[] data, string signature)
    {
        if (!verifying.TryGetValue(keyId, out var key))
        {
            return false;
        }
        var bytes = new byte[64];
        return Convert.TryFromBase64String(signature, bytes, out var written) && written == 64
            && key.VerifyData(data, bytes, HashAlgorithmName.SHA256);
    }

    public bool Knows(string keyId) => verifying.ContainsKey(keyId);

    /// <summary>The public key an auditor keeps to check checkpoints and proofs without the database.</summary>
    public string? PublicKeyPem(string keyId) => verifying.TryGetValue(keyId, out var key) ? key.ExportSubjectPublicKeyInfoPem() : null;

    /// <summary>
    /// <c>Audit:SigningKey</c> (PEM, EC P-256 private key) and <c>Audit:VerificationKeys</c> (PEM public keys of earlier
    /// signing keys). Without a configured key, Development (or a trial with <c>Audit:AllowGeneratedKey</c>) makes one
    /// and keeps it in <c>Audit:GeneratedKeyFile</c>, outside the database; anywhere else the app refuses to start.
    /// </summary>
    public static AuditKeyRing Load(IConfiguration config, IHostEnvironment env)
    {
        var earlier = config.GetSection("Audit:VerificationKeys").GetChildren()
            .Select(c => c.Value).Where(v => !string.IsNullOrWhiteSpace(v)).Select(pem => FromPem(pem!)).ToList();
        var pem = config["Audit:SigningKey"];
        if (!string.IsNullOrWhiteSpace(pem))
        {
            return new AuditKeyRing(FromPem(pem), earlier);
        }
        if (!env.IsDevelopment() && !config.GetValue<bool>("Audit:AllowGeneratedKey"))
        {
            throw new InvalidOperationException(
                "Set Audit:SigningKey (an EC P-256 private key in PEM, from a secret store) so the audit log can be sealed, " +
                "or Audit:AllowGeneratedKey=true for a throwaway trial.");
        }
        var file = Path.GetFullPath(config["Audit:GeneratedKeyFile"] ?? "data/audit-signing-key.pem", env.ContentRootPath);
        if (!File.Exists(file))
        {
            Directory.CreateDirectory(Path.GetDirectoryName(file)!);
            using var fresh = ECDsa.Create(ECCurve.NamedCurves.nistP256);
            File.WriteAllText(file, fresh.ExportPkcs8PrivateKeyPem());
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(file, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            }
        }
        return new AuditKeyRing(FromPem(File.ReadAllText(file)), earlier);
    }

    private static ECDsa FromPem(string pem)
    {
        var key = ECDsa.Create();
        key.ImportFromPem(pem);
        if (key.KeySize != 256)
        {
            throw new InvalidOperationException("Audit keys must be EC P-256.");
        }
        return key;
    }

    public void Dispose()
    {
        foreach (var key in verifying.Values.Distinct())
        {
            key.Dispose();
        }
    }
}
