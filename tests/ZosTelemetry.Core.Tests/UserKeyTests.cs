// Keyed user hashes: a per-store secret (user.key, 0600, created on first use), so a guessed name cannot be
// confirmed from the store, and two stores that share the key on purpose hash a name alike.
using System.Security.Cryptography;
using System.Text;
using ZosTelemetry.Events;
using ZosTelemetry.Store;

namespace ZosTelemetry.Tests;

public sealed class UserKeyTests : IDisposable
{
    private readonly TempRoot temp = new();

    public void Dispose() => temp.Dispose();

    [Fact]
    public void HashUser_GuessedName_IsNotItsPlainSha256()
    {
        var store = new TelemetryStore(temp.Combine("a"));
        string plain = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes("alice")), 0, 8).ToLowerInvariant();

        Assert.NotEqual(plain, store.HashUser("alice"));
    }

    [Fact]
    public void HashUser_FirstUse_CreatesAPrivateKeyAndReusesIt()
    {
        var store = new TelemetryStore(temp.Combine("a"));
        Assert.False(File.Exists(Path.Combine(store.Root, UserKey.FileName)));

        string first = store.HashUser("alice");

        string key = Path.Combine(store.Root, UserKey.FileName);
        Assert.True(File.Exists(key));
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(key));
        }

        Assert.Equal(first, new TelemetryStore(store.Root).HashUser("alice"));
        Assert.Matches("^[0-9a-f]{16}$", first);
    }

    [Fact]
    public void HashUser_TwoStores_DifferUnlessTheyShareTheKey()
    {
        var a = new TelemetryStore(temp.Combine("a"));
        var b = new TelemetryStore(temp.Combine("b"));
        var c = new TelemetryStore(temp.Combine("c"));
        string ha = a.HashUser("alice");
        Directory.CreateDirectory(c.Root);
        File.Copy(Path.Combine(a.Root, UserKey.FileName), Path.Combine(c.Root, UserKey.FileName));

        Assert.NotEqual(ha, b.HashUser("alice"));
        Assert.Equal(ha, c.HashUser("alice"));
    }

    [Fact]
    public void TryLoad_DamagedKey_IsAStoreErrorNotANewKey()
    {
        var store = new TelemetryStore(temp.Combine("a"));
        Directory.CreateDirectory(store.Root);
        File.WriteAllText(Path.Combine(store.Root, UserKey.FileName), "not hex");

        Assert.Throws<StoreException>(() => store.HashUser("alice"));
    }

    [Fact]
    public void Hash_SameKeySameName_Equal() =>
        Assert.Equal(UserIdentity.Hash(new byte[32], "alice"), UserIdentity.Hash(new byte[32], "alice"));
}
