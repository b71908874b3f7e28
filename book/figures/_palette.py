r"""The dark palette: a figure drawn for the light page, redrawn in colour for the dark one.

Every colour $c = (r, g, b)$ of a light figure is moved in HSL lightness $L$, keeping its hue
(so a legend still names the colour of the line it labels). Greys and pale tints are inverted,
so that the white card becomes the dark page's background ($L_\text{card}$) and near-black text
becomes light ($L_\text{ink}$); saturated colours, the Okabe–Ito series, are only lightened, so
that they keep their order (blue stays darker than sky blue) and read on the dark card:

$$
L' = (1 - a)\,\bigl(L_\text{card} + (1 - L)(L_\text{ink} - L_\text{card})\bigr)
   + a\,(L + 0.15), \qquad a = S\,w(L),
$$

with $S$ the saturation and $w(L)$ 1 up to $L = 0.65$, falling to 0 at $L = 0.8$ (a pale tint
is inverted whatever its saturation). At fixed hue the distances $c - L$ of the channels from
the lightness scale with the chroma $S\,(1 - |2L - 1|)$, hence

$$
c' = L' + (c - L)\,\frac{1 - |2L' - 1|}{1 - |2L - 1|}.
$$

Neutral greys take the dark page's hue as they darken: white becomes exactly Material's slate
background (``SLATE``), so the card is the page. The same function maps the colours written in
an SVG file and the pixels of a PNG, so one rule covers lines, text, fills and images.
"""

from __future__ import annotations

import base64
import io
import re

import numpy as np

__all__ = ["SLATE", "dark", "dark_png", "dark_svg"]

SLATE = (0x1E, 0x20, 0x29)
"""Material's slate background, ``hsl(232, 15%, 14%)``, as 8-bit RGB: the dark card."""
_L_CARD = 0.14
_L_INK = 0.9
_LIGHTER = 0.15
_HEX = re.compile(r"#([0-9a-fA-F]{6})\b")
_IMAGE = re.compile(r"(data:image/png;base64,)([A-Za-z0-9+/=\s]+)")


def dark(rgb: np.ndarray) -> np.ndarray:
    """The dark-palette colours of ``rgb``, an array of shape (..., 3) with values in [0, 1]."""
    rgb = np.asarray(rgb, dtype=float)
    high, low = rgb.max(axis=-1, keepdims=True), rgb.min(axis=-1, keepdims=True)
    lightness = (high + low) / 2
    room = 1 - np.abs(2 * lightness - 1)
    saturation = np.divide(high - low, room, out=np.zeros_like(room), where=room > 1e-9)
    inverted = _L_CARD + (1 - lightness) * (_L_INK - _L_CARD)
    kept = saturation * np.clip((0.8 - lightness) / 0.15, 0, 1)
    target = (1 - kept) * inverted + kept * np.minimum(lightness + _LIGHTER, 1)
    scale = np.divide(1 - np.abs(2 * target - 1), room, out=np.zeros_like(room), where=room > 1e-9)
    out = target + (rgb - lightness) * scale
    # greys take the slate hue, fully at the card and not at all at the ink
    grey = (1 - saturation) * np.clip((_L_INK - target) / (_L_INK - _L_CARD), 0, 1)
    out = out + grey * (np.array(SLATE) / 255 - _L_CARD)
    return np.clip(out, 0, 1)


def _hex(match: re.Match[str]) -> str:
    rgb = np.array([int(match[1][i : i + 2], 16) for i in (0, 2, 4)]) / 255
    return "#" + "".join(f"{round(v * 255):02x}" for v in dark(rgb))


def dark_png(data: bytes) -> bytes:
    """A PNG file with every pixel's colour mapped by :func:`dark` (alpha kept), reproducibly."""
    from PIL import Image

    image = Image.open(io.BytesIO(data))
    mode = "RGBA" if "A" in image.getbands() or "transparency" in image.info else "RGB"
    pixels = np.asarray(image.convert(mode), dtype=float) / 255
    pixels[..., :3] = dark(pixels[..., :3])
    out = io.BytesIO()
    Image.fromarray(np.round(pixels * 255).astype(np.uint8), mode).save(out, format="PNG")
    return out.getvalue()


def dark_svg(text: str) -> str:
    """An SVG file with every ``#rrggbb`` colour and every embedded PNG mapped by :func:`dark`."""
    text = _HEX.sub(_hex, text)

    def image(match: re.Match[str]) -> str:
        png = dark_png(base64.b64decode(re.sub(r"\s", "", match[2])))
        return match[1] + base64.b64encode(png).decode("ascii")

    return _IMAGE.sub(image, text)
