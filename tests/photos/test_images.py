"""app/util/images.py: only safe, metadata-free, bounded JPEGs come out."""
import io
import struct
import zlib

import pytest
from PIL import ExifTags, Image, ImageCms

from app.util.images import (MSG_CORRUPT, MSG_EMPTY, MSG_FORMAT, MSG_TOO_LARGE, ImageError,
                             process_image)


def encode(image, fmt, **options):
    out = io.BytesIO()
    image.save(out, fmt, **options)
    return out.getvalue()


def noisy(size, mode="RGB"):
    """Random-looking pixels, so encoded files are realistic in size."""
    return Image.effect_noise(size, 64).convert(mode)


def png_header_only(width, height):
    """A tiny PNG whose header claims width x height: a decompression bomb, without building one."""
    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
    ihdr = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)  # 1-bit greyscale
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", zlib.compress(b"\x00" * 64))
            + chunk(b"IEND", b""))


def reopen(data):
    image = Image.open(io.BytesIO(data))
    image.load()
    return image


def refused(data, **options):
    with pytest.raises(ImageError) as caught:
        process_image(data, **options)
    return str(caught.value)


def test_gps_exif_icc_and_comments_are_removed_and_orientation_applied():
    exif = Image.Exif()
    exif[ExifTags.Base.Orientation] = 6  # stored landscape, shown portrait
    exif[ExifTags.Base.Make] = "TestPhone"
    gps = exif.get_ifd(ExifTags.IFD.GPSInfo)
    gps[ExifTags.GPS.GPSLatitudeRef] = "N"
    gps[ExifTags.GPS.GPSLatitude] = (35.0, 19.0, 40.0)
    gps[ExifTags.GPS.GPSLongitudeRef] = "E"
    gps[ExifTags.GPS.GPSLongitude] = (139.0, 20.0, 58.0)
    icc = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
    source = encode(noisy((400, 200)), "JPEG", exif=exif, icc_profile=icc, comment=b"home address")
    assert reopen(source).getexif().get_ifd(ExifTags.IFD.GPSInfo)  # the input really carries GPS

    result = process_image(source)

    for data in (result.full, result.thumb):
        out = reopen(data)
        assert out.format == "JPEG" and out.mode == "RGB"
        assert len(out.getexif()) == 0
        assert not {"exif", "icc_profile", "comment", "xmp"} & set(out.info)
        assert b"Exif\x00\x00" not in data and b"TestPhone" not in data and b"home address" not in data
    assert (result.width, result.height) == (200, 400)
    assert reopen(result.full).size == (200, 400)
    assert result.format == "JPEG"


def test_large_photo_is_shrunk_to_1600_and_thumbnail_to_480():
    result = process_image(encode(noisy((4000, 3000)), "JPEG", quality=70))
    assert reopen(result.full).size == (1600, 1200) == (result.width, result.height)
    assert max(reopen(result.thumb).size) <= 480


def test_small_photo_is_never_upscaled():
    result = process_image(encode(noisy((300, 200)), "PNG"))
    assert reopen(result.full).size == (300, 200)
    assert reopen(result.thumb).size == (300, 200)


def test_png_with_alpha_becomes_rgb_jpeg_on_white():
    result = process_image(encode(Image.new("RGBA", (50, 40), (255, 0, 0, 0)), "PNG"))
    out = reopen(result.full)
    assert out.format == "JPEG" and out.mode == "RGB"
    assert all(channel > 245 for channel in out.getpixel((25, 20)))
    assert result.format == "PNG"


def test_webp_is_accepted():
    result = process_image(encode(noisy((120, 80)), "WEBP"))
    assert result.format == "WEBP"
    assert reopen(result.full).format == "JPEG"


def test_16_bit_greyscale_png_keeps_its_tones():
    image = Image.new("I;16", (20, 20), 20000)
    out = reopen(process_image(encode(image, "PNG")).full)
    assert 60 < out.getpixel((10, 10))[0] < 100  # 20000 / 256 ≈ 78, not clipped to white


@pytest.mark.parametrize("fmt", ["GIF", "BMP", "TIFF"])
def test_other_image_formats_are_refused(fmt):
    assert refused(encode(noisy((40, 40)), fmt)) == MSG_FORMAT == "写真はJPEG・PNG・WebP形式のみ投稿できます。"


def test_script_named_jpg_is_refused():
    assert refused(b"<script>alert(1)</script>") == MSG_FORMAT


def test_svg_is_refused():
    svg = b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><rect width="9" height="9"/></svg>'
    assert refused(svg) == MSG_FORMAT


def test_truncated_jpeg_is_refused():
    data = encode(noisy((800, 600)), "JPEG")
    assert refused(data[: len(data) // 2]) == MSG_CORRUPT == "画像ファイルが壊れているか、読み込めませんでした。"


def test_png_with_damaged_data_is_refused():
    data = bytearray(encode(noisy((200, 200)), "PNG"))
    middle = len(data) // 2
    data[middle:middle + 16] = bytes(16)
    assert refused(bytes(data)) == MSG_CORRUPT


def test_file_over_8mb_is_refused_with_the_size_message():
    data = b"\xff\xd8\xff\xe0" + bytes(9 * 1024 * 1024)
    assert refused(data) == "写真は1枚8MBまでです。"


def test_size_limit_follows_max_bytes():
    assert refused(encode(noisy((1200, 1200)), "PNG"), max_bytes=2 * 1024 * 1024) == "写真は1枚2MBまでです。"


def test_empty_data_is_refused():
    assert refused(b"") == MSG_EMPTY


@pytest.mark.parametrize("size", [
    (30000, 30000),  # beyond twice Pillow's own limit: DecompressionBombError
    (10000, 10000),  # between Pillow's limit and twice it: only a warning, which we treat as an error
    (8000, 6000),  # 48 megapixels: over our 40-megapixel limit
    (25000, 100),  # few pixels, but one side over 20000
])
def test_decompression_bombs_are_refused_before_decoding(size):
    bomb = png_header_only(*size)
    assert len(bomb) < 200
    assert refused(bomb) == MSG_TOO_LARGE == "画像が大きすぎます（縦横の画素数が多すぎます）。"
