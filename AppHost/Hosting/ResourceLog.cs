namespace Gongkai.AppHost.Hosting;

/// <summary>
/// Where a resource's output goes: the last lines in memory (dashboard, failure messages),
/// <c>&lt;data&gt;/logs/&lt;name&gt;.log</c> (kept across runs), and the console with a coloured prefix.
/// </summary>
internal sealed class ResourceLog(string name, string filePath, ConsoleSink console) : IDisposable
{
    private const int Capacity = 500;
    private readonly Queue<string> _recent = new();
    private readonly Lock _sync = new();
    private StreamWriter? _file;

    public string Name { get; } = name;

    public void Write(string text)
    {
        // Tool output (initdb, psql) arrives as one block; every line gets its own stamp and prefix.
        foreach (var line in text.Split('\n'))
        {
            WriteLine(line.TrimEnd('\r'));
        }
    }

    private void WriteLine(string line)
    {
        var stamped = $"{DateTime.Now:HH:mm:ss.fff} {line}";
        lock (_sync)
        {
            _recent.Enqueue(stamped);
            if (_recent.Count > Capacity)
            {
                _recent.Dequeue();
            }

            // Opened lazily so that merely building an application creates no files.
            _file ??= new StreamWriter(new FileStream(filePath, FileMode.Append, FileAccess.Write, FileShare.ReadWrite)) { AutoFlush = true };
            _file.WriteLine(stamped);
        }

        console.Write(Name, line);
    }

    public IReadOnlyList<string> Tail(int count = Capacity)
    {
        lock (_sync)
        {
            return _recent.Skip(Math.Max(0, _recent.Count - count)).ToList();
        }
    }

    public void Dispose()
    {
        lock (_sync)
        {
            _file?.Dispose();
            _file = null;
        }
    }
}

/// <summary>Prefixes each line with its resource's name, coloured when a person is watching.</summary>
internal sealed class ConsoleSink(bool enabled)
{
    // Bright ANSI colours that read on dark and light terminals; cycled in the order resources are added.
    private static readonly string[] Palette = ["36", "33", "32", "35", "34", "91", "96", "93", "92", "95", "94"];
    private readonly Dictionary<string, string> _colours = new(StringComparer.Ordinal);
    private readonly bool _colour = enabled && !Console.IsOutputRedirected
        && Environment.GetEnvironmentVariable("NO_COLOR") is null && Environment.GetEnvironmentVariable("TERM") != "dumb";
    private int _width = 8;

    public bool Enabled { get; } = enabled;

    public void Register(string name)
    {
        lock (_colours)
        {
            _colours[name] = Palette[_colours.Count % Palette.Length];
            _width = Math.Max(_width, name.Length);
        }
    }

    public void Write(string name, string line)
    {
        if (!Enabled)
        {
            return;
        }

        string colour;
        lock (_colours)
        {
            colour = _colours.GetValueOrDefault(name, "37");
        }

        var prefix = $"[{name}]".PadRight(_width + 2);
        // One WriteLine per line: Console.Out is synchronized, so lines from different resources never interleave.
        Console.Out.WriteLine(_colour ? $"\e[{colour}m{prefix}\e[0m {line}" : $"{prefix} {line}");
    }

    /// <summary>The AppHost's own messages; shown with the children's output, or when <paramref name="force"/> (errors).</summary>
    public void Info(string message, bool force = false)
    {
        if (Enabled || force)
        {
            Console.Out.WriteLine(_colour ? $"\e[1m[apphost]\e[0m {message}" : $"[apphost] {message}");
        }
    }
}
