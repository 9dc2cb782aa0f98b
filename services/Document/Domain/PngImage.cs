using System.Buffers.Binary;
using System.IO.Compression;

namespace Gongkai.Document.Domain;

public enum PngProblem
{
    NotPng,
    TooLarge,
    Damaged,
}

/// <summary>
/// Checks that bytes are a PNG a viewer can decode, without an image library: the chunks and their CRCs, a
/// valid header, and image data that inflates (zlib, checksum included) to exactly the scanlines the header
/// promises, each with a known filter. A PNG signature followed by anything else is refused.
/// </summary>
public static class PngImage
{
    private static readonly byte[] Signature = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    // Adam7 passes: first column, first row, column step, row step.
    private static readonly (int X, int Y, int Dx, int Dy)[] Adam7 = [(0, 0, 8, 8), (4, 0, 8, 8), (0, 4, 4, 8), (2, 0, 4, 4), (0, 2, 2, 4), (1, 0, 2, 2), (0, 1, 1, 2)];

    private static readonly uint[] CrcTable = BuildCrcTable();

    public static bool HasSignature(ReadOnlySpan<byte> bytes) => bytes.StartsWith(Signature);

    /// <summary>Why <paramref name="png"/> cannot be used, or null when it decodes and is at most <paramref name="maxSide"/> pixels each way.</summary>
    public static PngProblem? Problem(byte[] png, int maxSide)
    {
        if (!HasSignature(png))
            return PngProblem.NotPng;
        Header? header = null;
        var palette = false;
        var idat = new MemoryStream();
        var idatEnded = false;
        var position = Signature.Length;
        while (true)
        {
            if (position + 12 > png.Length)
                return PngProblem.Damaged;
            var length = BinaryPrimitives.ReadUInt32BigEndian(png.AsSpan(position));
            if (length > int.MaxValue || position + 12 + (long)length > png.Length)
                return PngProblem.Damaged;
            var name = System.Text.Encoding.ASCII.GetString(png, position + 4, 4);
            var data = png.AsSpan(position + 8, (int)length);
            if (Crc(png.AsSpan(position + 4, 4 + (int)length)) != BinaryPrimitives.ReadUInt32BigEndian(png.AsSpan(position + 8 + (int)length)))
                return PngProblem.Damaged;
            position += 12 + (int)length;
            if (header is null && name != "IHDR")
                return PngProblem.Damaged;
            if (idat.Length > 0 && name != "IDAT")
                idatEnded = true;
            switch (name)
            {
                case "IHDR" when header is null:
                    if (length != 13 || ReadHeader(data) is not { } h)
                        return PngProblem.Damaged;
                    if (h.Width > maxSide || h.Height > maxSide)
                        return PngProblem.TooLarge;
                    header = h;
                    break;
                case "PLTE" when idat.Length == 0:
                    palette = length > 0 && length % 3 == 0;
                    break;
                case "IDAT" when !idatEnded:
                    idat.Write(data);
                    break;
                case "IEND":
                    // Nothing may follow IEND; there must be image data, and a palette for indexed colour.
                    if (length != 0 || position != png.Length || idat.Length == 0 || (header!.Value.Indexed && !palette))
                        return PngProblem.Damaged;
                    idat.Position = 0;
                    return InflateProblem(idat, header.Value);
                default:
                    // An unknown critical chunk (upper-case first letter) or one out of order makes the image undecodable.
                    if (char.IsAsciiLetterUpper(name[0]) || name.Any(c => !char.IsAsciiLetter(c)))
                        return PngProblem.Damaged;
                    break;
            }
        }
    }

    private readonly record struct Header(int Width, int Height, int BitsPerPixel, bool Indexed, bool Interlaced);

    private static Header? ReadHeader(ReadOnlySpan<byte> ihdr)
    {
        var width = BinaryPrimitives.ReadUInt32BigEndian(ihdr);
        var height = BinaryPrimitives.ReadUInt32BigEndian(ihdr[4..]);
        int depth = ihdr[8], colour = ihdr[9];
        int? channels = (colour, depth) switch
        {
            (0, 1 or 2 or 4 or 8 or 16) => 1,
            (2, 8 or 16) => 3,
            (3, 1 or 2 or 4 or 8) => 1,
            (4, 8 or 16) => 2,
            (6, 8 or 16) => 4,
            _ => null,
        };
        if (width is 0 or > int.MaxValue || height is 0 or > int.MaxValue || channels is null || ihdr[10] != 0 || ihdr[11] != 0 || ihdr[12] > 1)
            return null;
        return new Header((int)width, (int)height, channels.Value * depth, colour == 3, ihdr[12] == 1);
    }

    /// <summary>Inflates the image data and walks its scanlines: each starts with filter type 0–4, and nothing is missing or left over.</summary>
    private static PngProblem? InflateProblem(Stream idat, Header header)
    {
        var bits = header.BitsPerPixel;
        IEnumerable<(int Columns, int Rows)> passes = header.Interlaced
            ? Adam7.Select(p => (Columns: (header.Width - p.X + p.Dx - 1) / p.Dx, Rows: (header.Height - p.Y + p.Dy - 1) / p.Dy))
            : [(Columns: header.Width, Rows: header.Height)];
        var rowLengths = passes.Where(p => p.Columns > 0 && p.Rows > 0)
            .SelectMany(p => Enumerable.Repeat(1 + (int)(((long)p.Columns * bits + 7) / 8), p.Rows));
        try
        {
            using var inflated = new ZLibStream(idat, CompressionMode.Decompress);
            var row = new byte[1 + ((long)header.Width * bits + 7) / 8];
            foreach (var rowLength in rowLengths)
            {
                inflated.ReadExactly(row, 0, rowLength);
                if (row[0] > 4)
                    return PngProblem.Damaged;
            }
            return inflated.Read(row, 0, 1) == 0 ? null : PngProblem.Damaged;
        }
        catch (EndOfStreamException)
        {
            return PngProblem.Damaged;
        }
        catch (InvalidDataException)
        {
            return PngProblem.Damaged;
        }
    }

    private static uint Crc(ReadOnlySpan<byte> bytes)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in bytes)
            crc = CrcTable[(crc ^ b) & 0xFF] ^ (crc >> 8);
        return crc ^ 0xFFFFFFFFu;
    }

    private static uint[] BuildCrcTable()
    {
        var table = new uint[256];
        for (var n = 0u; n < 256; n++)
        {
            var c = n;
            for (var k = 0; k < 8; k++)
                c = (c & 1) != 0 ? 0xEDB88320u ^ (c >> 1) : c >> 1;
            table[n] = c;
        }
        return table;
    }
}
