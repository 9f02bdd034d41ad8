#!/usr/bin/env python3
"""report.html of the batch workflow: one self-contained page that opens offline.

    report.py --summary summary.tsv --out report.html [--title TEXT] ID:METHOD:DIR ...

The page holds the summary table, a dot plot of the precision of every protein and method
(inline SVG) and one contact-map thumbnail per protein (a PNG embedded as base64, one
panel per method). Nothing is loaded from elsewhere: no scripts, fonts or images.
Standard library only.
"""

import argparse
import base64
import datetime
import heapq
import html
import itertools
import os
import struct
import sys
import zlib

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from runs import CUTOFFS, RANGES, SUMMARY_COLUMNS, format_value, parse_runs, read_npy_matrix, read_summary  # noqa: E402

METHOD_COLORS = {"model": (31, 119, 180), "plm": (214, 39, 40), "mi": (44, 160, 44)}
FALLBACK_COLORS = [(148, 103, 189), (140, 86, 75), (127, 127, 127)]
THUMBNAIL_PIXELS = 160  # largest panel side; wider maps are max-pooled down to it
PANEL_DISPLAY = 140  # CSS pixels per panel on the page
MIN_SEPARATION = 6  # the diagonal band |i - j| < 6 is not a contact prediction anyone scores
TOP_MULTIPLE = 3  # the top 3 L pairs are drawn, fading from the best


def method_color(method, methods):
    if method in METHOD_COLORS:
        return METHOD_COLORS[method]
    return FALLBACK_COLORS[methods.index(method) % len(FALLBACK_COLORS)]


def hex_color(rgb):
    return "#%02x%02x%02x" % rgb


# ---------------------------------------------------------------- PNG (zlib, no libraries)


def png_bytes(width, height, rgb_rows):
    """An 8-bit RGB PNG from `height` rows of 3 * width bytes."""

    def chunk(kind, payload):
        return struct.pack(">I", len(payload)) + kind + payload + struct.pack(">I", zlib.crc32(kind + payload))

    raw = b"".join(b"\x00" + bytes(row) for row in rgb_rows)  # filter type 0 per row
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
        + chunk(b"IDAT", zlib.compress(raw, 9))
        + chunk(b"IEND", b"")
    )


def strength_panel(length, scores, size):
    """A size x size panel (size <= L) of pair strengths in [0, 1]: 1 for the best-scored
    pair with |i - j| >= 6, falling linearly to 0 at rank 3 L; ranks, not scores, so that
    probabilities and coupling scores look alike. Wider maps are max-pooled: a cell holds the
    strongest pair among the positions it covers, None where all of them lie in the
    diagonal band. Only the top pairs are placed, so this costs one pass over the scores."""
    candidates = itertools.chain.from_iterable(
        zip(scores[i * length + i + MIN_SEPARATION : (i + 1) * length], itertools.repeat(i),
            range(i + MIN_SEPARATION, length))
        for i in range(length)
    )
    top = heapq.nlargest(TOP_MULTIPLE * length, candidates)
    bounds = [k * length // size for k in range(size + 1)]  # cell k covers [bounds[k], bounds[k + 1])
    cell_of = [0] * length
    for k in range(size):
        for i in range(bounds[k], bounds[k + 1]):
            cell_of[i] = k
    panel = [[0.0] * size for _ in range(size)]
    for r in range(size):
        for c in range(size):
            farthest = max(abs(bounds[r + 1] - 1 - bounds[c]), abs(bounds[c + 1] - 1 - bounds[r]))
            if farthest < MIN_SEPARATION:
                panel[r][c] = None
    for rank, (_, i, j) in enumerate(top):
        strength = 1.0 - rank / len(top)
        for r, c in ((cell_of[i], cell_of[j]), (cell_of[j], cell_of[i])):
            panel[r][c] = max(panel[r][c], strength)
    return panel


def thumbnail_png(maps, colors):
    """One PNG with a panel per method (left to right), 4 white pixels between panels;
    `maps` holds (L, scores) per method, as read_npy_matrix returns them."""
    size = min(THUMBNAIL_PIXELS, maps[0][0])
    panels = [strength_panel(length, scores, size) for length, scores in maps]
    gap = 4
    width = len(panels) * size + (len(panels) - 1) * gap
    rows = []
    for y in range(size):
        row = bytearray()
        for p, (panel, color) in enumerate(zip(panels, colors)):
            if p:
                row += b"\xff" * (3 * gap)
            for v in panel[y]:
                if v is None:
                    row += b"\xe6\xe6\xe6"
                else:
                    row += bytes(int(round(255 + (c - 255) * v)) for c in color)
        rows.append(row)
    return png_bytes(width, size, rows), size


# ---------------------------------------------------------------- SVG dot plot


def precision_plot(summary, methods):
    """Dot plot: one row per protein with a structure, one panel per range, P@L on x."""
    scored = [r for r in summary if r["long_P@L"] is not None]
    proteins = []
    for r in scored:
        if r["id"] not in proteins:
            proteins.append(r["id"])
    if not proteins:
        return "<p>No protein has a structure, so there is no precision to plot.</p>"
    value = {(r["id"], r["method"], rng): r[f"{rng}_P@L"] for r in scored for rng in RANGES}
    order = list(reversed(RANGES))  # long first
    label_width, panel_width, gap, row_height, top, bottom = 110, 220, 24, 16, 28, 34
    width = label_width + len(order) * panel_width + (len(order) - 1) * gap + 10
    height = top + len(proteins) * row_height + bottom
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" font-family="sans-serif" font-size="11">'
    ]
    for k, rng in enumerate(order):
        x0 = label_width + k * (panel_width + gap)
        parts.append(f'<text x="{x0 + panel_width / 2}" y="14" text-anchor="middle" font-weight="bold">'
                     f"{rng} range P@L</text>")
        for tick in (0, 0.25, 0.5, 0.75, 1.0):
            x = x0 + tick * panel_width
            parts.append(f'<line x1="{x}" y1="{top - 6}" x2="{x}" y2="{height - bottom}" stroke="#ddd"/>')
            parts.append(f'<text x="{x}" y="{height - bottom + 14}" text-anchor="middle" fill="#555">{tick:g}</text>')
        for p, protein in enumerate(proteins):
            y = top + p * row_height + row_height / 2
            parts.append(f'<line x1="{x0}" y1="{y}" x2="{x0 + panel_width}" y2="{y}" stroke="#f2f2f2"/>')
            for method in methods:
                v = value.get((protein, method, rng))
                if v is None:
                    continue
                parts.append(
                    f'<circle cx="{x0 + v * panel_width:.1f}" cy="{y}" r="4.5" fill="{hex_color(method_color(method, methods))}" '
                    f'fill-opacity="0.85"><title>{html.escape(protein)} {method}: {rng} P@L {v:.3f}</title></circle>'
                )
    for p, protein in enumerate(proteins):
        y = top + p * row_height + row_height / 2 + 4
        parts.append(f'<text x="{label_width - 8}" y="{y}" text-anchor="end">{html.escape(protein)}</text>')
    parts.append(f'<text x="{label_width + (width - label_width) / 2}" y="{height - 6}" text-anchor="middle" '
                 f'fill="#555">precision of the top L predicted contacts</text>')
    parts.append("</svg>")
    return "".join(parts)


def legend(methods):
    return " ".join(
        f'<span class="key"><span class="swatch" style="background:{hex_color(method_color(m, methods))}"></span>'
        f"{html.escape(m)}</span>"
        for m in methods
    )


# ---------------------------------------------------------------- page


def summary_table(summary, methods):
    head = "".join(f"<th>{html.escape(c)}</th>" for c in SUMMARY_COLUMNS)
    body = []
    for r in summary:
        cells = []
        for c in SUMMARY_COLUMNS:
            v = r[c]
            text = "NA" if v is None else (f"{v:.3f}" if isinstance(v, float) else html.escape(str(v)))
            cells.append(f'<td title="{html.escape(format_value(v))}">{text}</td>')
        body.append("<tr>" + "".join(cells) + "</tr>")
    # Means per method over the proteins that have a structure.
    foot = []
    for m in methods:
        rows = [r for r in summary if r["method"] == m and r["long_P@L"] is not None]
        if not rows:
            continue
        cells = [f"<td>mean ({len(rows)})</td>", f"<td>{html.escape(m)}</td>", "<td></td>"]
        for c in SUMMARY_COLUMNS[3:]:
            values = [r[c] for r in rows if r[c] is not None]
            cells.append(f"<td>{sum(values) / len(values):.3f}</td>" if values else "<td>NA</td>")
        foot.append("<tr>" + "".join(cells) + "</tr>")
    return (
        f"<table><thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody>"
        f"<tfoot>{''.join(foot)}</tfoot></table>"
    )


def thumbnails(runs, summary, methods, report_dir):
    by_protein = {}
    for run in runs:
        by_protein.setdefault(run.id, {})[run.method] = run
    long_pl = {(r["id"], r["method"]): r["long_P@L"] for r in summary}
    cards = []
    for protein, by_method in by_protein.items():
        shown = [m for m in methods if m in by_method]
        maps = [read_npy_matrix(os.path.join(by_method[m].dir, "contacts.npy")) for m in shown]
        length = maps[0][0]
        png, size = thumbnail_png(maps, [method_color(m, methods) for m in shown])
        scale = PANEL_DISPLAY / size  # every panel drawn the same size, whatever L
        caption = []
        for m in shown:
            v = long_pl.get((protein, m))
            text = "no structure" if v is None else f"long P@L {v:.2f}"
            link = os.path.relpath(by_method[m].dir, report_dir)
            caption.append(
                f'<span class="key"><span class="swatch" style="background:{hex_color(method_color(m, methods))}"></span>'
                f'<a href="{html.escape(link)}/">{html.escape(m)}</a>: {text}</span>'
            )
        cards.append(
            f'<figure><img alt="contact maps of {html.escape(protein)}" width="{round(png_width(len(shown), size) * scale)}" '
            f'height="{round(size * scale)}" src="data:image/png;base64,{base64.b64encode(png).decode()}">'
            f"<figcaption><b>{html.escape(protein)}</b> · L {length}<br>{'<br>'.join(caption)}</figcaption></figure>"
        )
    return "".join(cards)


def png_width(panels, size):
    return panels * size + (panels - 1) * 4


STYLE = """
body { font-family: sans-serif; margin: 24px; color: #222; }
h1 { font-size: 22px; margin-bottom: 4px; } h2 { font-size: 17px; margin-top: 28px; }
p.meta { color: #555; margin-top: 0; }
table { border-collapse: collapse; font-size: 12px; }
th, td { border: 1px solid #ddd; padding: 3px 7px; text-align: right; }
th:nth-child(-n+2), td:nth-child(-n+2) { text-align: left; }
thead th { background: #f4f4f4; position: sticky; top: 0; }
tfoot td { background: #fafafa; font-style: italic; }
.key { display: inline-block; margin-right: 12px; white-space: nowrap; }
.swatch { display: inline-block; width: 10px; height: 10px; border-radius: 5px; margin-right: 4px; }
.maps { display: flex; flex-wrap: wrap; gap: 18px; }
figure { margin: 0; font-size: 12px; }
figure img { image-rendering: pixelated; border: 1px solid #ccc; display: block; margin-bottom: 4px; }
.plot { overflow-x: auto; }
"""


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--summary", required=True)
    parser.add_argument("--out", required=True)
    parser.add_argument("--title", default="AxialScope batch report")
    parser.add_argument("runs", nargs="+", metavar="ID:METHOD:DIR")
    args = parser.parse_args(argv)
    runs = parse_runs(args.runs)
    summary = read_summary(args.summary)
    methods = []
    for run in runs:
        if run.method not in methods:
            methods.append(run.method)
    proteins = len({r.id for r in runs})
    with_structure = len({r["id"] for r in summary if r["long_P@L"] is not None})
    report_dir = os.path.dirname(os.path.abspath(args.out))
    title = html.escape(args.title)
    page = f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>{title}</title><style>{STYLE}</style></head>
<body>
<h1>{title}</h1>
<p class="meta">{proteins} proteins ({with_structure} with a structure) · methods: {html.escape(", ".join(methods))} ·
written {datetime.datetime.now().strftime("%Y-%m-%d %H:%M")} by the AxialScope batch workflow</p>
<h2>Precision per protein and method</h2>
<p>{legend(methods)}</p>
<div class="plot">{precision_plot(summary, methods)}</div>
<p class="meta">Precision of the top L contacts for short (6–11), medium (12–23) and long (&ge; 24)
separations, scored by axialscope-cli against each structure (contact = virtual C&beta; distance &lt; 8 &Aring;).</p>
<h2>Contact maps</h2>
<p class="meta">One thumbnail per protein, one panel per method: the top 3&nbsp;L predicted pairs
(|i&minus;j| &ge; 6), darkest = best ranked; the grey band is |i&minus;j| &lt; 6. Ranks, not scores,
so the model's probabilities and the coevolution scores are drawn alike. Maps wider than
{THUMBNAIL_PIXELS} positions are max-pooled.</p>
<div class="maps">{thumbnails(runs, summary, methods, report_dir)}</div>
<h2>Summary</h2>
<p class="meta">summary.tsv; hover a cell for the exact value. NA: no structure.</p>
{summary_table(summary, methods)}
</body></html>
"""
    temporary = args.out + ".tmp"
    with open(temporary, "w", encoding="utf-8") as f:
        f.write(page)
    os.replace(temporary, args.out)


if __name__ == "__main__":
    main()
