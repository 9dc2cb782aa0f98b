using System.Buffers.Binary;

namespace Gongkai.Document.Rendering;

/// <summary>
/// The characters a TrueType font has glyphs for, read from the <c>cmap</c> subtables PDFsharp draws with (Windows
/// Unicode: format 12 for the whole of Unicode, else format 4 for the basic plane), as sorted ranges of code points.
/// </summary>
public sealed class FontCoverage
{
    private const uint CmapTag = 0x636D6170; // 'cmap'
    private readonly (int First, int Last)[] _ranges;

    private FontCoverage((int First, int Last)[] ranges) => _ranges = ranges;

    public bool Covers(int codePoint)
    {
        int low = 0, high = _ranges.Length - 1;
        while (low <= high)
        {
            var middle = (low + high) / 2;
            if (codePoint < _ranges[middle].First)
                high = middle - 1;
            else if (codePoint > _ranges[middle].Last)
                low = middle + 1;
            else
                return true;
        }
        return false;
    }

    /// <summary>The coverage of a standalone font file (see <see cref="FontCollection.Extract"/> for collections).</summary>
    public static FontCoverage Read(byte[] font)
    {
        var data = font.AsSpan();
        var cmap = TableOffset(data, CmapTag) ?? throw new InvalidDataException("The font has no cmap table.");
        var count = BinaryPrimitives.ReadUInt16BigEndian(data[(cmap + 2)..]);
        int? format4 = null, format12 = null;
        for (var i = 0; i < count; i++)
        {
            var record = data[(cmap + 4 + 8 * i)..];
            var platform = BinaryPrimitives.ReadUInt16BigEndian(record);
            var encoding = BinaryPrimitives.ReadUInt16BigEndian(record[2..]);
            var subtable = cmap + (int)BinaryPrimitives.ReadUInt32BigEndian(record[4..]);
            if (platform != 3 || encoding is not (1 or 10))
                continue;
            switch (BinaryPrimitives.ReadUInt16BigEndian(data[subtable..]))
            {
                case 12: format12 ??= subtable; break;
                case 4: format4 ??= subtable; break;
            }
        }
        var ranges = format12 is { } at12 ? Format12(data, at12) : format4 is { } at4 ? Format4(data, at4) : [];
        return new FontCoverage([.. ranges.OrderBy(r => r.First)]);
    }

    private static List<(int First, int Last)> Format12(ReadOnlySpan<byte> data, int at)
    {
        var groups = (int)BinaryPrimitives.ReadUInt32BigEndian(data[(at + 12)..]);
        var ranges = new List<(int First, int Last)>(groups);
        for (var g = 0; g < groups; g++)
        {
            var group = data[(at + 16 + 12 * g)..];
            ranges.Add(((int)BinaryPrimitives.ReadUInt32BigEndian(group), (int)BinaryPrimitives.ReadUInt32BigEndian(group[4..])));
        }
        return ranges;
    }

    private static List<(int First, int Last)> Format4(ReadOnlySpan<byte> data, int at)
    {
        var segments = BinaryPrimitives.ReadUInt16BigEndian(data[(at + 6)..]) / 2;
        var ranges = new List<(int First, int Last)>(segments);
        for (var s = 0; s < segments; s++)
        {
            var last = BinaryPrimitives.ReadUInt16BigEndian(data[(at + 14 + 2 * s)..]);
            var first = BinaryPrimitives.ReadUInt16BigEndian(data[(at + 16 + 2 * segments + 2 * s)..]);
            if (first != 0xFFFF)
                ranges.Add((first, last)); // not the table's closing 0xFFFF segment
        }
        return ranges;
    }

    private static int? TableOffset(ReadOnlySpan<byte> font, uint tag)
    {
        var tables = BinaryPrimitives.ReadUInt16BigEndian(font[4..]);
        for (var i = 0; i < tables; i++)
        {
            var record = font[(12 + 16 * i)..];
            if (BinaryPrimitives.ReadUInt32BigEndian(record) == tag)
                return (int)BinaryPrimitives.ReadUInt32BigEndian(record[8..]);
        }
        return null;
    }
}
