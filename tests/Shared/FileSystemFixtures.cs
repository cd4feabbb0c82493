// File systems that misbehave on purpose, for the reliability tests of the core and of the CLI: a small tmpfs that
// fills up or turns read-only, and a directory owned by another user. Mounting and chown need root on Linux; where
// they are not available the tests that need them are skipped (LinuxRootFact), never passed vacuously.
using System.Diagnostics;

namespace ZosTelemetry.Tests;

internal static class Shell
{
    /// <summary>Runs a program to completion; returns its exit code and what it wrote to stderr.</summary>
    public static (int ExitCode, string Stderr) Run(string program, params string[] args)
    {
        var psi = new ProcessStartInfo(program) { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (string a in args)
        {
            psi.ArgumentList.Add(a);
        }

        using var p = Process.Start(psi)!;
        string stderr = p.StandardError.ReadToEnd();
        p.StandardOutput.ReadToEnd();
        p.WaitForExit();
        return (p.ExitCode, stderr);
    }

    public static void Check(string program, params string[] args)
    {
        var (code, stderr) = Run(program, args);
        if (code != 0)
        {
            throw new InvalidOperationException($"{program} {string.Join(' ', args)} failed ({code}): {stderr}");
        }
    }

    /// <summary>The effective user id, from id -u (the test host has no API for it).</summary>
    public static readonly Lazy<int> EffectiveUserId = new(() =>
    {
        if (OperatingSystem.IsWindows())
        {
            return -1;
        }

        var psi = new ProcessStartInfo("id", "-u") { RedirectStandardOutput = true, UseShellExecute = false };
        using var p = Process.Start(psi)!;
        string output = p.StandardOutput.ReadToEnd().Trim();
        p.WaitForExit();
        return int.Parse(output, System.Globalization.CultureInfo.InvariantCulture);
    });

    /// <summary>True on Linux as root with mount(8) working (a container may forbid it even to root).</summary>
    public static readonly Lazy<bool> CanMount = new(() =>
    {
        if (!OperatingSystem.IsLinux() || EffectiveUserId.Value != 0)
        {
            return false;
        }

        string probe = Directory.CreateTempSubdirectory("zos-mount-probe-").FullName;
        try
        {
            if (Run("mount", "-t", "tmpfs", "-o", "size=16k", "tmpfs", probe).ExitCode != 0)
            {
                return false;
            }

            Run("umount", probe);
            return true;
        }
        finally
        {
            Directory.Delete(probe);
        }
    });
}

/// <summary>A fact that needs root on Linux with mount(8): a tmpfs to fill, a file system to make read-only, chown.</summary>
public sealed class LinuxRootFactAttribute : FactAttribute
{
    public LinuxRootFactAttribute()
    {
        if (!Shell.CanMount.Value)
        {
            Skip = "Needs root on Linux with mount(8) (tmpfs, remount read-only, chown); not available here.";
        }
    }
}

/// <summary>A small tmpfs mounted on a fresh directory; unmounted and removed on Dispose.</summary>
public sealed class TmpfsMount : IDisposable
{
    public TmpfsMount(int sizeKilobytes)
    {
        Path = Directory.CreateTempSubdirectory("zos-tmpfs-").FullName;
        Shell.Check("mount", "-t", "tmpfs", "-o", $"size={sizeKilobytes}k,mode=0755", "tmpfs", Path);
    }

    public string Path { get; }

    public void RemountReadOnly() => Shell.Check("mount", "-o", "remount,ro", Path);

    /// <summary>Writes a filler file until the file system is full; returns its size.</summary>
    public long Fill()
    {
        string filler = System.IO.Path.Combine(Path, "filler");
        var chunk = new byte[4096];
        long written = 0;
        using var stream = new FileStream(filler, FileMode.Create, FileAccess.Write, FileShare.None, bufferSize: 0);
        try
        {
            while (true)
            {
                stream.Write(chunk);
                written += chunk.Length;
            }
        }
        catch (IOException)
        {
            return written;
        }
    }

    public void Dispose()
    {
        Shell.Run("umount", "-l", Path);
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}

/// <summary>A fact about what an ordinary user (not root) may do on Unix; skipped as root, who may do anything.</summary>
public sealed class UnixNonRootFactAttribute : FactAttribute
{
    public UnixNonRootFactAttribute()
    {
        if (OperatingSystem.IsWindows() || Shell.EffectiveUserId.Value == 0)
        {
            Skip = "Needs an ordinary user on Unix; this run is root or Windows.";
        }
    }
}
