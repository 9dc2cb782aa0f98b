using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;
using Gongkai.Document.Domain;

namespace Gongkai.UnitTests.Document;

public class PngImageTests
{
    // 1×1 transparent RGBA PNG written by a real encoder.
    private static readonly byte[] Tiny = Convert.FromBase64String("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==");

    [Fact]
    public void Pngs_that_decode_are_accepted()
    {
        Assert.Null(PngImage.Problem(Tiny, 2000));
        Assert.Null(PngImage.Problem(Png.Encode(37, 21, colour: 2, depth: 8), 2000));
        Assert.Null(PngImage.Problem(Png.Encode(13, 9, colour: 0, depth: 1, interlaced: true), 2000));
        Assert.Null(PngImage.Problem(Png.Encode(5, 3, colour: 3, depth: 4, palette: true), 2000));
        Assert.Null(PngImage.Problem(Png.Encode(1, 1, colour: 6, depth: 16, interlaced: true), 2000));
        Assert.Null(PngImage.Problem(Png.Encode(3, 2, colour: 6, depth: 8, idatChunks: 3), 2000));
    }

    [Fact]
    public void A_png_signature_followed_by_random_bytes_is_damaged()
    {
        var bytes = new byte[4096];
        new Random(17).NextBytes(bytes);
        Tiny.AsSpan(0, 8).CopyTo(bytes);
        Assert.Equal(PngProblem.Damaged, PngImage.Problem(bytes, 2000));
    }

    [Fact]
    public void Something_else_is_not_a_png() =>
        Assert.Equal(PngProblem.NotPng, PngImage.Problem("GIF89a not a png at all, but long enough"u8.ToArray(), 2000));

    [Fact]
    public void A_truncated_png_is_damaged()
    {
        var png = Png.Encode(37, 21, colour: 2, depth: 8);
        Assert.Equal(PngProblem.Damaged, PngImage.Problem(png[..^20], 2000));
        Assert.Equal(PngProblem.Damaged, PngImage.Problem(png[..^12], 2000)); // IEND missing
    }

    [Fact]
    public void A_flipped_bit_anywhere_in_a_chunk_fails_its_crc()
    {
        var png = Png.Encode(37, 21, colour: 2, depth: 8);
        png[50] ^= 0x10;
        Assert.Equal(PngProblem.Damaged, PngImage.Problem(png, 2000));
    }

    [Theory]
    [InlineData(-1)] // a scanline short
    [InlineData(1)]  // a scanline too many
    public void Image_data_that_does_not_match_the_header_is_damaged(int extraRows) =>
        Assert.Equal(PngProblem.Damaged, PngImage.Problem(Png.Encode(8, 8, colour: 0, depth: 8, dataRows: 8 + extraRows), 2000));

    [Fact]
    public void An_unknown_scanline_filter_or_a_broken_zlib_checksum_is_damaged()
    {
        Assert.Equal(PngProblem.Damaged, PngImage.Problem(Png.Encode(4, 4, colour: 0, depth: 8, filter: 7), 2000));
        Assert.Equal(PngProblem.Damaged, PngImage.Problem(Png.Encode(4, 4, colour: 0, depth: 8, breakAdler: true), 2000));
    }

    [Fact]
    public void Indexed_colour_without_a_palette_and_bytes_after_iend_are_damaged()
    {
        Assert.Equal(PngProblem.Damaged, PngImage.Problem(Png.Encode(5, 3, colour: 3, depth: 4, palette: false), 2000));
        Assert.Equal(PngProblem.Damaged, PngImage.Problem([.. Tiny, .. "trailing"u8.ToArray()], 2000));
    }

    [Fact]
    public void An_impossible_header_is_damaged_and_a_huge_image_too_large()
    {
        Assert.Equal(PngProblem.Damaged, PngImage.Problem(Png.Encode(4, 4, colour: 2, depth: 4), 2000));
        Assert.Equal(PngProblem.TooLarge, PngImage.Problem(Png.Encode(2001, 1, colour: 0, depth: 1), 2000));
    }

    /// <summary>A small PNG writer for the tests, able to write the mistakes the check must catch.</summary>
    private static class Png
    {
        public static byte[] Encode(int width, int height, byte colour, byte depth, bool interlaced = false, bool palette = false,
            int idatChunks = 1, int? dataRows = null, byte filter = 0, bool breakAdler = false)
        {
            var channels = colour switch { 2 => 3, 4 => 2, 6 => 4, _ => 1 };
            var raw = new MemoryStream();
            foreach (var (columns, rows) in Layout(width, height, interlaced, dataRows))
                for (var y = 0; y < rows; y++)
                {
                    raw.WriteByte(filter);
                    for (var x = 0; x < (columns * channels * depth + 7) / 8; x++)
                        raw.WriteByte((byte)(x * 31 + y * 7));
                }
            var compressed = new MemoryStream();
            using (var zlib = new ZLibStream(compressed, CompressionLevel.Optimal, leaveOpen: true))
                zlib.Write(raw.ToArray());
            var data = compressed.ToArray();
            if (breakAdler)
                data[^1] ^= 0xFF;

            var png = new MemoryStream();
            png.Write([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]);
            var ihdr = new byte[13];
            BinaryPrimitives.WriteInt32BigEndian(ihdr, width);
            BinaryPrimitives.WriteInt32BigEndian(ihdr.AsSpan(4), height);
            ihdr[8] = depth;
            ihdr[9] = colour;
            ihdr[12] = (byte)(interlaced ? 1 : 0);
            Chunk(png, "IHDR", ihdr);
            if (palette)
                Chunk(png, "PLTE", [.. Enumerable.Range(0, 16 * 3).Select(i => (byte)(i * 5))]);
            var size = (data.Length + idatChunks - 1) / idatChunks;
            for (var offset = 0; offset < data.Length; offset += size)
                Chunk(png, "IDAT", data.AsSpan(offset, Math.Min(size, data.Length - offset)).ToArray());
            Chunk(png, "IEND", []);
            return png.ToArray();
        }

        private static IEnumerable<(int Columns, int Rows)> Layout(int width, int height, bool interlaced, int? dataRows)
        {
            if (!interlaced)
                return [(width, dataRows ?? height)];
            (int X, int Y, int Dx, int Dy)[] passes = [(0, 0, 8, 8), (4, 0, 8, 8), (0, 4, 4, 8), (2, 0, 4, 4), (0, 2, 2, 4), (1, 0, 2, 2), (0, 1, 1, 2)];
            return passes.Select(p => (Columns: (width - p.X + p.Dx - 1) / p.Dx, Rows: (height - p.Y + p.Dy - 1) / p.Dy)).Where(p => p.Columns > 0 && p.Rows > 0);
        }

        private static void Chunk(Stream png, string type, byte[] data)
        {
            Span<byte> length = stackalloc byte[4];
            BinaryPrimitives.WriteInt32BigEndian(length, data.Length);
            png.Write(length);
            byte[] typed = [.. Encoding.ASCII.GetBytes(type), .. data];
            png.Write(typed);
            BinaryPrimitives.WriteUInt32BigEndian(length, Crc(typed));
            png.Write(length);
        }

        private static uint Crc(byte[] bytes)
        {
            var crc = 0xFFFFFFFFu;
            foreach (var b in bytes)
            {
                crc ^= b;
                for (var k = 0; k < 8; k++)
                    crc = (crc & 1) != 0 ? 0xEDB88320u ^ (crc >> 1) : crc >> 1;
            }
            return crc ^ 0xFFFFFFFFu;
        }
    }
}
