namespace Rapport.BrowserTests;

/// <summary>
/// The fake camera's picture: a 10-frame clip at 10 frames a second, 160×120, in the raw YUV4MPEG2 format Chromium plays
/// in a loop (<c>--use-file-for-fake-video-capture</c>). A bright bar moves across a grey ramp, so every frame differs
/// and the encoder keeps sending; the calls' scripts ask for 640×480 only as an ideal, which a smaller camera satisfies.
/// </summary>
public static class FakeCamera
{
    public const int Width = 160;
    public const int Height = 120;
    private const int Frames = 10;

    /// <summary>Writes the clip to a temporary file once per run and returns its path.</summary>
    public static string Write()
    {
        var path = Path.Combine(Path.GetTempPath(), $"rapport-fake-camera-{Width}x{Height}.y4m");
        if (File.Exists(path))
        {
            return path;
        }
        var temp = path + "." + Guid.NewGuid().ToString("N");
        using (var file = File.Create(temp))
        {
            file.Write(System.Text.Encoding.ASCII.GetBytes($"YUV4MPEG2 W{Width} H{Height} F10:1 Ip A1:1 C420jpeg\n"));
            var luma = new byte[Width * Height];
            var chroma = new byte[Width / 2 * (Height / 2)];
            Array.Fill(chroma, (byte)128);
            for (var frame = 0; frame < Frames; frame++)
            {
                for (var row = 0; row < Height; row++)
                {
                    for (var column = 0; column < Width; column++)
                    {
                        var onBar = column / (Width / Frames) == frame;
                        luma[(row * Width) + column] = onBar ? (byte)235 : (byte)(16 + (row * 200 / Height));
                    }
                }
                file.Write("FRAME\n"u8);
                file.Write(luma);
                file.Write(chroma);
                file.Write(chroma);
            }
        }
        File.Move(temp, path, overwrite: true);
        return path;
    }
}
