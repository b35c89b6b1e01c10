#!/usr/bin/env bash
# telemetry_html.sh FILE.html: render a report in headless Chromium and fail
# unless the page logged no console errors and the screenshot is not blank
# (enough non-background pixels, several colours). Chromium missing is a
# failure, not a skip: the HTML report is only tested this way.
set -euo pipefail

html=$(realpath "$1")
chromium=$(command -v chromium || command -v chromium-browser || true)
if [ -z "$chromium" ]; then
	echo "telemetry_html.sh: chromium not found (scripts/deps.sh installs it)" >&2
	exit 1
fi
tmp=$(mktemp -d "${TMPDIR:-/tmp}/ax-html.XXXXXX")
trap 'rm -rf "$tmp"' EXIT

# No network at all: the page must be self-contained, and a fetch of
# anything would show up as a console error.
timeout 60 "$chromium" --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
	--disable-background-networking --disable-component-update --disable-sync \
	--user-data-dir="$tmp/profile" --proxy-server=127.0.0.1:9 --enable-logging=stderr --v=0 \
	--window-size=1024,1400 --screenshot="$tmp/shot.png" "file://$html" \
	>"$tmp/out" 2>"$tmp/err" || { cat "$tmp/err" >&2; echo "telemetry_html.sh: chromium failed" >&2; exit 1; }

if grep -E 'CONSOLE|Uncaught|net::ERR_' "$tmp/err" >&2; then
	echo "telemetry_html.sh: the page logged errors" >&2
	exit 1
fi
[ -s "$tmp/shot.png" ] || { echo "telemetry_html.sh: no screenshot" >&2; exit 1; }

python3 - "$tmp/shot.png" <<'PY'
import struct, sys, zlib

data = open(sys.argv[1], "rb").read()
assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
pos, idat, w = 8, b"", 0
while pos < len(data):
    n, kind = struct.unpack(">I4s", data[pos:pos + 8])
    chunk = data[pos + 8:pos + 8 + n]
    if kind == b"IHDR":
        w, h, depth, ctype = struct.unpack(">IIBB", chunk[:10])
        assert depth == 8 and ctype in (2, 6), "unexpected PNG format"
        bpp = 3 if ctype == 2 else 4
    elif kind == b"IDAT":
        idat += chunk
    pos += 12 + n
raw = zlib.decompress(idat)
stride = w * bpp
prev = bytearray(stride)
colours, ink = set(), 0
for y in range(h):
    f = raw[y * (stride + 1)]
    line = bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
    for i in range(stride):  # undo the PNG filters
        a = line[i - bpp] if i >= bpp else 0
        b = prev[i]
        c = prev[i - bpp] if i >= bpp else 0
        if f == 1: line[i] = (line[i] + a) & 255
        elif f == 2: line[i] = (line[i] + b) & 255
        elif f == 3: line[i] = (line[i] + (a + b) // 2) & 255
        elif f == 4:
            p = a + b - c
            pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
            line[i] = (line[i] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
    prev = line
    if y % 4 == 0:
        for x in range(0, w, 4):
            px = bytes(line[x * bpp:x * bpp + 3])
            colours.add(px)
            if px != b"\xff\xff\xff":
                ink += 1
samples = (h // 4 + 1) * (w // 4 + 1)
print(f"screenshot {w}x{h}: {len(colours)} colours, {100 * ink / samples:.1f}% non-white")
if len(colours) < 4 or ink < samples * 0.01:
    sys.exit("telemetry_html.sh: the screenshot is blank")
PY
