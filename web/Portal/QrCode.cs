using QRCoder;

namespace Gongkai.Portal;

/// <summary>QR codes as PNG (base64) for an img element: printable, and no script needed to show them.</summary>
public static class QrCode
{
    public static string Png(string text)
    {
        using var data = QRCodeGenerator.GenerateQrCode(text, QRCodeGenerator.ECCLevel.M);
        return Convert.ToBase64String(new PngByteQRCode(data).GetGraphic(6));
    }
}
