"""Write a Windows .ico from the app's PNG icon: one PNG-compressed image per size, so the taskbar, Explorer and the
installer each get a sharp picture. The spec calls it when building on Windows."""

from __future__ import annotations

import struct
from pathlib import Path

SIZES = (16, 24, 32, 48, 64, 128, 256)


def write_ico(src: Path, out: Path, sizes: tuple[int, ...] = SIZES) -> Path:
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt
    from PySide6.QtGui import QImage

    image = QImage(str(src))
    if image.isNull():
        raise ValueError(f"{src} is not an image Qt can read")
    pngs = []
    smooth = Qt.TransformationMode.SmoothTransformation
    for size in sizes:
        scaled = image.scaled(size, size, Qt.AspectRatioMode.KeepAspectRatio, smooth)
        data = QByteArray()
        buffer = QBuffer(data)
        buffer.open(QIODevice.OpenModeFlag.WriteOnly)
        scaled.save(buffer, "PNG")
        pngs.append((size, data.data()))
    # ICONDIR, then one ICONDIRENTRY per image (a width/height byte of 0 means 256), then the PNG data.
    header = struct.pack("<HHH", 0, 1, len(pngs))
    offset = len(header) + 16 * len(pngs)
    entries, blobs = b"", b""
    for size, png in pngs:
        entries += struct.pack("<BBBBHHII", size % 256, size % 256, 0, 0, 1, 32, len(png), offset)
        blobs += png
        offset += len(png)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_bytes(header + entries + blobs)
    return out

