"""The demo articles' photos, drawn with Pillow: no image files in the repository."""

import io
import random

from PIL import Image, ImageDraw

PHOTO_SIZE = (1600, 900)

# The alt text of each drawing, so it changes together with the code that draws it.
PHOTO_DESCRIPTIONS = {
    "skyline": "An illustration of a city skyline with towers and a river at dusk.",
    "chart": "An illustrative bar chart with a rising trend, in blue and orange.",
    "metro": "A stylised metro map with coloured lines crossing at station circles.",
    "shapes": "An abstract composition of overlapping circles and panels in warm colours.",
}
PHOTO_DESCRIPTIONS_ZH_HANS = {
    "skyline": "城市天际线插图：黄昏时分的高楼与江景。",
    "chart": "示意性柱状图，呈上升趋势，以蓝色和橙色绘制。",
    "metro": "风格化的地铁线路图，彩色线路在车站圆点处交汇。",
    "shapes": "抽象构图：暖色调的圆形与色块相互交叠。",
}


def draw_photo(kind, *, seed):
    rng = random.Random(seed)
    image = Image.new("RGB", PHOTO_SIZE, "#f3f5f8")
    DRAWINGS[kind](ImageDraw.Draw(image), rng)
    output = io.BytesIO()
    image.save(output, format="JPEG", quality=88)
    return output.getvalue()


def draw_skyline(draw, rng):
    width, height = PHOTO_SIZE
    for y in range(height):
        # Dusk: deep blue at the top fading to orange at the horizon.
        t = y / height
        colour = (int(20 + 220 * t), int(40 + 110 * t), int(90 + 20 * t))
        draw.line([(0, y), (width, y)], fill=colour)
    draw.ellipse([1150, 420, 1330, 600], fill="#ffd27a")
    x = -20
    while x < width:
        building_width = rng.randint(70, 160)
        top = rng.randint(260, 600)
        shade = rng.randint(25, 60)
        draw.rectangle([x, top, x + building_width, 720], fill=(shade, shade + 10, shade + 30))
        for wy in range(top + 20, 700, 34):
            for wx in range(x + 12, x + building_width - 16, 26):
                if rng.random() < 0.45:
                    draw.rectangle([wx, wy, wx + 12, wy + 16], fill="#ffe7a3")
        x += building_width + rng.randint(4, 18)
    draw.rectangle([0, 720, width, height], fill="#16324f")
    for y in range(740, height, 28):
        draw.line([(rng.randint(0, 400), y), (rng.randint(900, width), y)], fill="#2c5d8a", width=3)


def draw_chart(draw, rng):
    width, height = PHOTO_SIZE
    draw.rectangle([0, 0, width, height], fill="#ffffff")
    for y in range(150, 800, 130):
        draw.line([(140, y), (width - 100, y)], fill="#d5dbe3", width=2)
    draw.line([(140, 800), (width - 100, 800)], fill="#1b1f24", width=4)
    draw.line([(140, 120), (140, 800)], fill="#1b1f24", width=4)
    bars = 10
    step = (width - 300) // bars
    value = rng.randint(180, 260)
    for index in range(bars):
        value = min(620, value + rng.randint(-20, 70))
        left = 190 + index * step
        colour = "#0b3c6e" if index < bars - 1 else "#e07b24"
        draw.rectangle([left, 800 - value, left + step - 40, 798], fill=colour)


def draw_metro(draw, rng):
    width, height = PHOTO_SIZE
    draw.rectangle([0, 0, width, height], fill="#fbfbf8")
    colours = ["#d62d20", "#0057a8", "#008744", "#ffa700", "#7b3f98"]
    for colour in colours:
        points = [(rng.randint(60, 300), rng.randint(80, height - 80))]
        while points[-1][0] < width - 250:
            x, y = points[-1]
            dx = rng.randint(150, 300)
            dy = rng.choice([-1, 0, 1]) * rng.randint(0, 160)
            points.append((x + dx, max(80, min(height - 80, y + dy))))
        draw.line(points, fill=colour, width=18, joint="curve")
        for x, y in points:
            station = [x - 22, y - 22, x + 22, y + 22]
            draw.ellipse(station, fill="#ffffff", outline="#1b1f24", width=6)


def draw_shapes(draw, rng):
    width, height = PHOTO_SIZE
    palette = ["#e07b24", "#f2c14e", "#0b3c6e", "#5a3a8a", "#2a9d8f", "#e76f51"]
    draw.rectangle([0, 0, width, height], fill=rng.choice(["#fdf6ec", "#eef4f8"]))
    for _ in range(14):
        left, top = rng.randint(-100, width - 200), rng.randint(-100, height - 200)
        size = rng.randint(160, 460)
        colour = rng.choice(palette)
        if rng.random() < 0.5:
            draw.ellipse([left, top, left + size, top + size], fill=colour)
        else:
            draw.rounded_rectangle([left, top, left + size, top + size // 2], 24, fill=colour)


DRAWINGS = {
    "skyline": draw_skyline,
    "chart": draw_chart,
    "metro": draw_metro,
    "shapes": draw_shapes,
}
