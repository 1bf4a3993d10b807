"""Draw the ce-desktop icon with QPainter and write it as PNGs, .ico and .icns.

`python packaging/make_icon.py` regenerates resources/icons/ (the outputs are committed, so
builds do not need to run this). The motif: two distributions, p (teal, filled) and a
model's q (orange, outlined), on a dark tile; where they disagree is what cross-entropy
charges for. The .ico and .icns containers are written by hand with PNG entries (both
formats allow them), so neither Pillow nor Qt's optional image plug-ins are needed.
"""

from __future__ import annotations

import math
import os
import struct
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ICONS = ROOT / "resources" / "icons"
PNG_SIZES = (16, 24, 32, 48, 64, 128, 256, 512, 1024)
ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)
# (OSType, pixel size) of the PNG-carrying ICNS entries.
ICNS_ENTRIES = (("icp4", 16), ("icp5", 32), ("icp6", 64), ("ic07", 128), ("ic08", 256),
                ("ic09", 512), ("ic10", 1024), ("ic11", 32), ("ic12", 64), ("ic13", 256),
                ("ic14", 512))


def _curve(x0: float, width: float, base: float, height: float, mu: float, sigma: float,
           steps: int = 96):
    """Points of a Gaussian hump over [x0, x0 + width], baseline ``base`` (y grows down)."""
    from PySide6.QtCore import QPointF

    points = []
    for i in range(steps + 1):
        t = i / steps
        y = math.exp(-0.5 * ((t - mu) / sigma) ** 2)
        points.append(QPointF(x0 + t * width, base - y * height))
    return points


def render(size: int):
    """The icon as a QImage of ``size``×``size`` pixels (transparent outside the tile)."""
    from PySide6.QtCore import QPointF, QRectF, Qt
    from PySide6.QtGui import QBrush, QColor, QImage, QLinearGradient, QPainter, QPainterPath, QPen

    image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    s = float(size)

    # The tile: a rounded square with a dark blue gradient.
    margin = s * 0.04
    tile = QRectF(margin, margin, s - 2 * margin, s - 2 * margin)
    gradient = QLinearGradient(tile.topLeft(), tile.bottomRight())
    gradient.setColorAt(0.0, QColor("#1f2a48"))
    gradient.setColorAt(1.0, QColor("#0d1326"))
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(QBrush(gradient))
    painter.drawRoundedRect(tile, s * 0.2, s * 0.2)

    x0, width = s * 0.14, s * 0.72
    base, height = s * 0.78, s * 0.56
    stroke = max(1.0, s * 0.045)

    # p: filled teal hump.
    p_points = _curve(x0, width, base, height, 0.38, 0.16)
    p_path = QPainterPath(QPointF(x0, base))
    for point in p_points:
        p_path.lineTo(point)
    p_path.lineTo(QPointF(x0 + width, base))
    p_path.closeSubpath()
    painter.setBrush(QColor(45, 212, 191, 215))
    painter.setPen(Qt.PenStyle.NoPen)
    painter.drawPath(p_path)

    # q: the model's wider, shifted hump, outlined in orange.
    q_points = _curve(x0, width, base, height * 0.72, 0.62, 0.2)
    q_path = QPainterPath(q_points[0])
    for point in q_points[1:]:
        q_path.lineTo(point)
    pen = QPen(QColor("#fb923c"), stroke)
    pen.setCapStyle(Qt.PenCapStyle.RoundCap)
    pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
    painter.setPen(pen)
    painter.setBrush(Qt.BrushStyle.NoBrush)
    painter.drawPath(q_path)

    # The baseline (the support both live on).
    painter.setPen(QPen(QColor(226, 232, 240, 200), max(1.0, s * 0.03),
                        Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap))
    painter.drawLine(QPointF(x0, base + stroke * 0.6), QPointF(x0 + width, base + stroke * 0.6))
    painter.end()
    return image


def png_bytes(image) -> bytes:
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice

    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    if not image.save(buffer, "PNG"):
        raise RuntimeError("Qt could not encode a PNG")
    buffer.close()
    return bytes(data.data())


def ico_bytes(pngs: dict[int, bytes]) -> bytes:
    """A Windows .ico holding one PNG per size (supported since Windows Vista)."""
    sizes = sorted(pngs)
    header = struct.pack("<HHH", 0, 1, len(sizes))
    offset = 6 + 16 * len(sizes)
    directory, payload = b"", b""
    for size in sizes:
        data = pngs[size]
        dim = 0 if size >= 256 else size  # 0 means 256 in an ICO directory
        directory += struct.pack("<BBBBHHII", dim, dim, 0, 0, 1, 32, len(data), offset)
        offset += len(data)
        payload += data
    return header + directory + payload


def icns_bytes(pngs: dict[int, bytes]) -> bytes:
    """A macOS .icns holding PNG entries."""
    body = b"".join(
        ostype.encode("ascii") + struct.pack(">I", 8 + len(pngs[size])) + pngs[size]
        for ostype, size in ICNS_ENTRIES
    )
    return b"icns" + struct.pack(">I", 8 + len(body)) + body


def main() -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtGui import QGuiApplication

    _app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])
    ICONS.mkdir(parents=True, exist_ok=True)
    pngs = {size: png_bytes(render(size)) for size in PNG_SIZES}
    for size, data in pngs.items():
        (ICONS / f"ce-desktop-{size}.png").write_bytes(data)
    (ICONS / "ce-desktop.ico").write_bytes(ico_bytes({s: pngs[s] for s in ICO_SIZES}))
    (ICONS / "ce-desktop.icns").write_bytes(icns_bytes(pngs))
    for path in sorted(ICONS.iterdir()):
        print(f"{path.relative_to(ROOT)}: {path.stat().st_size} bytes")
    return 0


if __name__ == "__main__":
    sys.exit(main())
