"""QR images for a Quick Connect URL (the qrcode library; PNG through pypng, no Pillow needed)."""

import io

import qrcode
import qrcode.image.pure
import qrcode.image.svg


def _qr(url: str) -> qrcode.QRCode:
    qr = qrcode.QRCode(error_correction=qrcode.constants.ERROR_CORRECT_M, border=2, box_size=12)
    qr.add_data(url)
    qr.make(fit=True)
    return qr


def svg(url: str) -> bytes:
    image = _qr(url).make_image(image_factory=qrcode.image.svg.SvgPathImage)
    return image.to_string(encoding="unicode").encode()


def png(url: str) -> bytes:
    buffer = io.BytesIO()
    _qr(url).make_image(image_factory=qrcode.image.pure.PyPNGImage).save(buffer)
    return buffer.getvalue()
