"""Draws the demo commune's signature-block pictures: the chairman's handwritten signature (blue ink on a
transparent background) and the People's Committee's round seal (red, the body's name around a star), both at
300 dpi so that they print at actual size (the seal 38 mm across).

Usage: make-artwork.py SAMPLE.json OUT_FOLDER
Writes OUT_FOLDER/<commune id>/seal.png and OUT_FOLDER/<commune id>/signatures/chutich.png. Run through
scripts/make-artwork.sh, which installs Pillow in a virtualenv.
"""
import json
import math
import os
import sys
import unicodedata

from PIL import Image, ImageDraw, ImageFont

DPI = 300
SCALE = 4  # drawn four times larger, then reduced: smooth edges
SEAL_MM = 38
SEAL_RED = (214, 24, 32)
INK_BLUE = (24, 52, 168)
FONT = "/usr/share/fonts/truetype/liberation2/LiberationSerif-Bold.ttf"


def pixels(mm):
    return round(mm / 25.4 * DPI)


def commune_id(name):
    """`Gia Cát` -> `gia-cat`, as the demo store names the commune."""
    folded = unicodedata.normalize("NFD", name.replace("Đ", "D").replace("đ", "d"))
    ascii_name = "".join(c for c in folded if not unicodedata.combining(c)).lower()
    return "-".join(ascii_name.split())


def star(draw, centre, outer, inner, fill):
    cx, cy = centre
    points = []
    for i in range(10):
        radius = outer if i % 2 == 0 else inner
        angle = -math.pi / 2 + i * math.pi / 5
        points.append((cx + radius * math.cos(angle), cy + radius * math.sin(angle)))
    draw.polygon(points, fill=fill)


def text_on_circle(image, text, centre, radius, font, start, end, upright=0):
    """Writes `text` along a circle from angle `start` to `end` (degrees clockwise, 0 = top). Letters stand with
    their tops outwards; with `upright=180` (for the bottom of a seal, written from right to left in angle) their tops
    point to the centre, so that the text reads left to right."""
    widths = [font.getlength(c) for c in text]
    total = sum(widths)
    span = end - start
    position = 0.0
    for char, width in zip(text, widths):
        middle = start + span * (position + width / 2) / total
        position += width
        if char == " ":
            continue
        box = font.getbbox(char)
        glyph = Image.new("RGBA", (int(width) + 8 * SCALE, box[3] + 8 * SCALE), (0, 0, 0, 0))
        ImageDraw.Draw(glyph).text((4 * SCALE, 4 * SCALE), char, font=font, fill=SEAL_RED + (255,))
        glyph = glyph.rotate(upright - middle, resample=Image.BICUBIC, expand=True)
        theta = math.radians(middle)
        x = centre[0] + radius * math.sin(theta)
        y = centre[1] - radius * math.cos(theta)
        image.alpha_composite(glyph, (int(x - glyph.width / 2), int(y - glyph.height / 2)))


def seal(body, place):
    size = pixels(SEAL_MM) * SCALE
    image = Image.new("RGBA", (size, size), (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    centre = (size / 2, size / 2)
    outer = size / 2 - 2 * SCALE
    draw.ellipse([centre[0] - outer, centre[1] - outer, centre[0] + outer, centre[1] + outer],
                 outline=SEAL_RED, width=9 * SCALE)
    inner = outer * 0.66
    draw.ellipse([centre[0] - inner, centre[1] - inner, centre[0] + inner, centre[1] + inner],
                 outline=SEAL_RED, width=4 * SCALE)
    font = ImageFont.truetype(FONT, 44 * SCALE)
    ring = (outer + inner) / 2
    text_on_circle(image, body, centre, ring, font, -118, 118)
    small = ImageFont.truetype(FONT, 30 * SCALE)
    text_on_circle(image, place, centre, ring, small, 229, 131, upright=180)
    for side in (-1, 1):
        angle = math.radians(180 + side * 55)
        star(draw, (centre[0] + ring * math.sin(angle), centre[1] - ring * math.cos(angle)), 14 * SCALE, 6 * SCALE, SEAL_RED)
    star(draw, centre, inner * 0.62, inner * 0.25, SEAL_RED)
    return small_file(image.resize((size // SCALE, size // SCALE), Image.LANCZOS))


def small_file(image):
    """A few shades of one ink with transparency (palette and tRNS) take a fraction of the bytes of full RGBA."""
    return image.quantize(colors=32, method=Image.Quantize.FASTOCTREE)


def catmull_rom(points):
    """Points along the spline through `points`, about one pixel of the large drawing apart, so a stroke is solid."""
    curve = []
    padded = [points[0]] + points + [points[-1]]
    for i in range(1, len(padded) - 2):
        p0, p1, p2, p3 = padded[i - 1], padded[i], padded[i + 1], padded[i + 2]
        steps = max(2, int(2 * math.dist(p1, p2) / SCALE) * SCALE)
        for s in range(steps):
            t = s / steps
            curve.append(tuple(
                0.5 * ((2 * p1[k]) + (-p0[k] + p2[k]) * t + (2 * p0[k] - 5 * p1[k] + 4 * p2[k] - p3[k]) * t * t
                       + (-p0[k] + 3 * p1[k] - 3 * p2[k] + p3[k]) * t * t * t) for k in range(2)))
    curve.append(points[-1])
    return curve


def stroke(draw, points, width):
    """A pen stroke whose width swells in the middle and thins at both ends, as ink does."""
    curve = catmull_rom(points)
    for i, (x, y) in enumerate(curve):
        pressure = 0.45 + 0.55 * math.sin(math.pi * i / max(1, len(curve) - 1))
        r = width * pressure / 2
        draw.ellipse([x - r, y - r, x + r, y + r], fill=INK_BLUE + (255,))


def signature():
    width, height = pixels(40), pixels(16)
    s = SCALE
    image = Image.new("RGBA", (width * s, height * s), (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    w, h = width * s, height * s

    def at(points):
        return [(x * w, y * h) for x, y in points]

    # A capital S with a long lead-in, a looped "ơ", an "n", and a flourish back under the name.
    stroke(draw, at([(0.06, 0.78), (0.14, 0.55), (0.30, 0.18), (0.22, 0.10), (0.14, 0.28), (0.26, 0.48),
                     (0.32, 0.66), (0.22, 0.86), (0.10, 0.80)]), 9 * s)
    stroke(draw, at([(0.30, 0.62), (0.40, 0.48), (0.46, 0.56), (0.42, 0.70), (0.36, 0.62), (0.44, 0.52),
                     (0.52, 0.44), (0.55, 0.40), (0.56, 0.62), (0.62, 0.48), (0.68, 0.44), (0.70, 0.64),
                     (0.74, 0.56), (0.80, 0.50)]), 8 * s)
    stroke(draw, at([(0.12, 0.92), (0.40, 0.84), (0.70, 0.78), (0.95, 0.66)]), 7 * s)
    return small_file(image.resize((width, height), Image.LANCZOS))


def main():
    sample, out = sys.argv[1], sys.argv[2]
    with open(sample, encoding="utf-8") as f:
        commune = json.load(f)["xa"]
    body = unicodedata.normalize("NFC", f"ỦY BAN NHÂN DÂN {commune['loai']} {commune['ten']}".upper())
    place = unicodedata.normalize("NFC", f"{commune['huyen']} - {commune['tinh']}".upper())
    folder = os.path.join(out, commune_id(commune["ten"]))
    os.makedirs(os.path.join(folder, "signatures"), exist_ok=True)
    seal(body, place).save(os.path.join(folder, "seal.png"), optimize=True, dpi=(DPI, DPI))
    signature().save(os.path.join(folder, "signatures", "chutich.png"), optimize=True, dpi=(DPI, DPI))
    print(f"make-artwork: wrote {folder}/seal.png and {folder}/signatures/chutich.png")


if __name__ == "__main__":
    main()
