"""Photo checking and cleaning with Pillow: safe types only, no metadata, bounded size.

Pure functions, no Flask. Everything a resident uploads passes through
process_image() before it is stored or shown to anyone.
"""
import io
import warnings
from dataclasses import dataclass

from PIL import Image, ImageOps, UnidentifiedImageError

try:
    from PIL import ImageCms
except ImportError:  # Pillow built without littlecms: colour profiles are dropped instead
    ImageCms = None

# Decided from the file's content, never its name. Plain Pillow cannot read HEIC/HEIF,
# and GIF/BMP/TIFF/SVG are refused on purpose (animation, huge raw files, scripts).
ALLOWED_FORMATS = ("JPEG", "PNG", "WEBP")
MAX_BYTES = 8 * 1024 * 1024
MAX_PIXELS = 40_000_000
MAX_DIMENSION = 20_000
JPEG_OPTIONS = {"quality": 85, "progressive": True, "optimize": True}

MSG_EMPTY = "画像ファイルが空です。写真を選び直してください。"
MSG_FORMAT = "写真はJPEG・PNG・WebP形式のみ投稿できます。"
MSG_CORRUPT = "画像ファイルが壊れているか、読み込めませんでした。"
MSG_TOO_LARGE = "画像が大きすぎます（縦横の画素数が多すぎます）。"


class ImageError(ValueError):
    """An uploaded image was refused; the message is shown to the resident."""


@dataclass(frozen=True)
class ProcessedImage:
    full: bytes  # JPEG, long side <= long_side
    thumb: bytes  # JPEG, long side <= thumb_side
    width: int  # of `full`, for <img width height> (no layout shift)
    height: int
    format: str  # of the original upload: "JPEG", "PNG" or "WEBP"


def too_big_message(max_bytes):
    """The resident-facing message for a file over max_bytes."""
    return f"写真は1枚{max_bytes / (1024 * 1024):g}MBまでです。"


def process_image(data: bytes, *, max_bytes=MAX_BYTES, long_side=1600, thumb_side=480) -> ProcessedImage:
    """Check an uploaded image and return clean JPEG bytes (full size and thumbnail) or raise ImageError."""
    if not data:
        raise ImageError(MSG_EMPTY)
    if len(data) > max_bytes:
        raise ImageError(too_big_message(max_bytes))
    with warnings.catch_warnings():
        # Pillow only warns between its own limit and twice that; treat the warning as a refusal.
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        try:
            image, original_format = _decode(data, long_side)
            with image:
                full = _clean_rgb(ImageOps.exif_transpose(image))
        except ImageError:
            raise
        except (Image.DecompressionBombError, Image.DecompressionBombWarning):
            raise ImageError(MSG_TOO_LARGE) from None
        except MemoryError:
            raise ImageError(MSG_TOO_LARGE) from None
        except Exception:  # malformed files make Pillow raise many kinds of error
            raise ImageError(MSG_CORRUPT) from None
    full.thumbnail((long_side, long_side), Image.Resampling.LANCZOS)  # never upscales
    thumb = full.copy()
    thumb.thumbnail((thumb_side, thumb_side), Image.Resampling.LANCZOS)
    return ProcessedImage(full=_encode(full), thumb=_encode(thumb),
                          width=full.width, height=full.height, format=original_format)


def _open(data):
    try:
        # `formats` keeps every other Pillow decoder away from untrusted bytes.
        return Image.open(io.BytesIO(data), formats=ALLOWED_FORMATS)
    except UnidentifiedImageError:
        raise ImageError(MSG_FORMAT) from None


def _check_dimensions(size):
    width, height = size
    if width < 1 or height < 1:
        raise ImageError(MSG_CORRUPT)
    if max(width, height) > MAX_DIMENSION or width * height > MAX_PIXELS:
        raise ImageError(MSG_TOO_LARGE)


def _decode(data, long_side):
    """Open twice: verify() checks the structure but leaves the image unusable."""
    with _open(data) as probe:
        _check_dimensions(probe.size)  # from the header, before any pixels are decoded
        probe.verify()
    image = _open(data)
    original_format = image.format
    if original_format == "JPEG":
        # Let libjpeg decode at 1/2, 1/4 or 1/8 scale when that still covers long_side: less memory.
        image.draft("RGB", (long_side, long_side))
    image.load()  # truncated data fails here (ImageFile.LOAD_TRUNCATED_IMAGES stays False)
    return image, original_format


def _has_alpha(image):
    return image.mode in ("RGBA", "LA", "PA", "RGBa", "La") or (
        image.mode == "P" and "transparency" in image.info)


def _clean_rgb(image):
    """Pixels only, in sRGB, flattened onto a fresh white canvas so no metadata can follow."""
    if image.mode.startswith(("I", "F")):
        # 16-bit greyscale PNG: scale to 8 bits, a plain convert would clip it to white.
        image = image.convert("I").point(lambda v: v * (1 / 256)).convert("L")
    mode = "RGBA" if _has_alpha(image) else "RGB"
    converted = _to_srgb(image, mode) or image.convert(mode)
    canvas = Image.new("RGB", converted.size, "white")
    canvas.paste(converted, mask=converted if mode == "RGBA" else None)
    return canvas


def _to_srgb(image, mode):
    """Apply an embedded colour profile (e.g. a phone's Display P3), so dropping it keeps the colours."""
    icc = image.info.get("icc_profile")
    if not icc or ImageCms is None:
        return None
    try:
        source = ImageCms.ImageCmsProfile(io.BytesIO(icc))
        return ImageCms.profileToProfile(image, source, ImageCms.createProfile("sRGB"), outputMode=mode)
    except (ImageCms.PyCMSError, OSError, ValueError, TypeError):
        return None  # a broken or unusual profile: keep the pixels as they are


def _encode(image):
    out = io.BytesIO()
    # `image` is a fresh canvas with empty info, and no exif/icc is passed: nothing but pixels is written.
    image.save(out, "JPEG", **JPEG_OPTIONS)
    return out.getvalue()
