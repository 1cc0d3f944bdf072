#!/usr/bin/env python3
"""Draw zicha's icon: assets/icon.png (256x256) and assets/icon.ico.

A rounded blue square. From 48 px up it carries a white "查" with a green
check badge; at 16-32 px, where a CJK glyph turns to mush, a bold white check
mark alone. Each size is drawn at 4x and scaled down, so edges are smooth.

Needs Pillow and Debian's fonts-noto-cjk (Noto Sans CJK SC Bold).
Run: python3 packaging/make-icon.py   (writes into assets/ beside packaging/)
"""

import os
import subprocess
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

ROOT = Path(__file__).resolve().parent.parent
ASSETS = ROOT / "assets"
SS = 4  # supersampling factor

BLUE_TOP = (38, 120, 214)
BLUE_BOTTOM = (18, 82, 168)
GREEN = (46, 168, 88)
WHITE = (255, 255, 255, 255)


def cjk_font_path() -> str:
    out = subprocess.run(
        ["fc-match", "-f", "%{file}", "Noto Sans CJK SC:bold"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout.strip()
    if "CJK" not in out:
        raise SystemExit("need Noto Sans CJK SC Bold: apt-get install fonts-noto-cjk")
    return out


def rounded_square(n: int) -> Image.Image:
    """Blue rounded square with a vertical gradient, n x n, transparent corners."""
    grad = Image.new("RGBA", (n, n))
    px = grad.load()
    for y in range(n):
        t = y / max(n - 1, 1)
        c = tuple(round(a + (b - a) * t) for a, b in zip(BLUE_TOP, BLUE_BOTTOM))
        for x in range(n):
            px[x, y] = c + (255,)
    mask = Image.new("L", (n, n), 0)
    inset = round(n * 0.03)
    ImageDraw.Draw(mask).rounded_rectangle(
        (inset, inset, n - 1 - inset, n - 1 - inset), radius=round(n * 0.2), fill=255
    )
    out = Image.new("RGBA", (n, n), (0, 0, 0, 0))
    out.paste(grad, (0, 0), mask)
    return out


def check_mark(draw: ImageDraw.ImageDraw, pts, width: int, fill) -> None:
    draw.line(pts, fill=fill, width=width, joint="curve")
    r = width / 2
    for x, y in (pts[0], pts[-1]):
        draw.ellipse((x - r, y - r, x + r, y + r), fill=fill)


def draw_small(size: int) -> Image.Image:
    n = size * SS
    img = rounded_square(n)
    d = ImageDraw.Draw(img)
    pts = [(n * 0.24, n * 0.52), (n * 0.43, n * 0.71), (n * 0.77, n * 0.31)]
    check_mark(d, pts, round(n * 0.15), WHITE)
    return img.resize((size, size), Image.LANCZOS)


def draw_large(size: int, font_path: str) -> Image.Image:
    n = size * SS
    img = rounded_square(n)
    d = ImageDraw.Draw(img)
    font = ImageFont.truetype(font_path, round(n * 0.62), index=0)
    # Centre the glyph by its ink box, nudged up-left to leave room for the badge.
    x0, y0, x1, y1 = d.textbbox((0, 0), "查", font=font)
    cx, cy = n * 0.46, n * 0.46
    d.text((cx - (x0 + x1) / 2, cy - (y0 + y1) / 2), "查", font=font, fill=WHITE)
    # Green badge with a white check, bottom right, ringed in white.
    r = n * 0.20
    bx, by = n * 0.74, n * 0.74
    ring = n * 0.025
    d.ellipse((bx - r - ring, by - r - ring, bx + r + ring, by + r + ring), fill=WHITE)
    d.ellipse((bx - r, by - r, bx + r, by + r), fill=GREEN + (255,))
    pts = [
        (bx - r * 0.50, by + r * 0.02),
        (bx - r * 0.12, by + r * 0.40),
        (bx + r * 0.52, by - r * 0.36),
    ]
    check_mark(d, pts, round(r * 0.26), WHITE)
    return img.resize((size, size), Image.LANCZOS)


def main() -> None:
    ASSETS.mkdir(exist_ok=True)
    font_path = cjk_font_path()
    sizes = [256, 128, 64, 48, 32, 24, 16]
    images = {s: (draw_large(s, font_path) if s >= 48 else draw_small(s)) for s in sizes}
    images[256].save(ASSETS / "icon.png", optimize=True)
    images[256].save(
        ASSETS / "icon.ico",
        sizes=[(s, s) for s in sizes],
        append_images=[images[s] for s in sizes[1:]],
    )
    # ICON_PREVIEW=/tmp/p.png: a strip of every size on white, for eyes only.
    strip = Image.new("RGBA", (sum(sizes) + 10 * len(sizes), 266), WHITE)
    x = 5
    for s in sizes:
        strip.paste(images[s], (x, 5), images[s])
        x += s + 10
    preview = os.environ.get("ICON_PREVIEW")
    if preview:
        strip.save(preview)
    print(f"wrote {ASSETS / 'icon.png'} and {ASSETS / 'icon.ico'} ({', '.join(map(str, sizes))} px)")


if __name__ == "__main__":
    main()
