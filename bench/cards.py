"""Name cards in bulk, against a bare ReportLab loop drawing the same strings, same run.

    python bench/cards.py [--members 10000] [--qr]   (--qr: also the design with vCard QR codes)

Ours: `render_name_cards()` over the roster query (fonts checked first, fitting, fallback
runs, crop marks, mirrored backs, duplex order), written to a file. Bare: a Canvas loop
that draws the same strings of the same members with one font at fixed places, the
same number of pages, same compression; the members are read beforehand (not timed).
Memory: tracemalloc peak of both at 2,000 / 5,000 / 10,000 cards (separate runs,
tracemalloc slows Python down, so its times are not the ones reported).
Targets (issue 4): under 2 s, at most 1.5x bare, PDF under 10 MB, memory flat.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from reportlab.lib.units import mm  # noqa: E402
from reportlab.pdfgen.canvas import Canvas  # noqa: E402

from dahe_desktop.demo import build_synthetic  # noqa: E402
from dahe_desktop.namecards.design import SLOGAN, CardDesign  # noqa: E402
from dahe_desktop.namecards.layout import (  # noqa: E402
    NAME_CARD_SHEET,
    CardContext,
    render_name_cards,
    services_line,
)
from dahe_desktop.namecards.selection import CardScope, MemberCards  # noqa: E402
from dahe_desktop.printing import fonts  # noqa: E402
from dahe_desktop.printing.cards import CardJob  # noqa: E402
from db import open_database  # noqa: E402

CONTEXT = CardContext("大河乡", "0974-8591234")


class Limited:
    """The first `n` cards of a source, re-iterable like the source."""

    def __init__(self, source, n: int):
        self.source, self.n = source, n

    def __iter__(self):
        for i, card in enumerate(self.source):
            if i == self.n:
                return
            yield card


def bare(cards: list, path: Path) -> None:
    """Same strings, one font, fixed places, fronts and backs alternating like --duplex."""
    font = fonts.font_chain().primary
    canvas = Canvas(str(path), pageCompression=1)
    layout = NAME_CARD_SHEET
    for start in range(0, len(cards), 10):
        sheet = cards[start : start + 10]
        for back in (False, True):
            canvas.setFont(font, 9)
            for slot, c in enumerate(sheet):
                box = layout.slot(slot)
                x, y = box.x + 6 * mm, box.y
                if back:
                    strings = (SLOGAN, c.promise, "监督电话：0974-8591234")
                else:
                    strings = (
                        f"大河乡 · {c.branch}",
                        c.name,
                        c.position,
                        c.phone,
                        services_line(c.services),
                    )
                for i, s in enumerate(strings):
                    canvas.drawString(x, y + 45 * mm - i * 8 * mm, s)
            canvas.showPage()
    canvas.save()


def ours(source, path: Path, qr: bool) -> None:
    render_name_cards(
        source, path, job=CardJob(duplex=True), design=CardDesign(show_qr=qr), context=CONTEXT
    )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--members", type=int, default=10_000)
    parser.add_argument("--qr", action="store_true", help="also time the design with QR codes")
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="dahe-bench-cards-"))
    open_database(folder / "dahe.sqlite3")
    started = time.perf_counter()
    build_synthetic(args.members)
    print(f"members: {args.members:,} (built in {time.perf_counter() - started:.1f} s)")
    source = MemberCards(CardScope())
    cards = list(source)
    fonts.font_chain()  # font files parsed once, outside both timings

    runs = []
    for _attempt in range(3):
        t0 = time.perf_counter()
        bare(cards, folder / "bare.pdf")
        t1 = time.perf_counter()
        ours(source, folder / "ours.pdf", qr=False)
        t2 = time.perf_counter()
        runs.append((t1 - t0, t2 - t1))
    base, mine = min(r[0] for r in runs), min(r[1] for r in runs)
    size = os.path.getsize(folder / "ours.pdf") / 1e6
    print(
        f"bare ReportLab loop : {base:6.2f} s   ({os.path.getsize(folder / 'bare.pdf') / 1e6:.1f} MB)"
    )
    print(
        f"render_name_cards   : {mine:6.2f} s   ({size:.1f} MB)   ratio {mine / base:.2f}x   (no QR, best of 3)"
    )
    if args.qr:
        t0 = time.perf_counter()
        ours(source, folder / "ours-qr.pdf", qr=True)
        with_qr = time.perf_counter() - t0
        size_qr = os.path.getsize(folder / "ours-qr.pdf") / 1e6
        print(
            f"  with QR codes     : {with_qr:6.2f} s   ({size_qr:.1f} MB)   ratio {with_qr / base:.2f}x"
        )

    # ReportLab keeps every page's content in memory until save(), so some growth is
    # inherent; the bare loop shows how much is ReportLab's and how much is ours.
    for n in (2_000, 5_000, 10_000):
        if n > args.members:
            break
        peaks = []
        for run in (lambda n=n: bare(cards[:n], folder / "mem-bare.pdf"),
                    lambda n=n: ours(Limited(source, n), folder / "mem-ours.pdf", qr=False)):  # fmt: skip
            tracemalloc.start()
            run()
            peaks.append(tracemalloc.get_traced_memory()[1] / 1e6)
            tracemalloc.stop()
        print(f"peak memory, {n:>6,} cards: ours {peaks[1]:6.1f} MB   bare {peaks[0]:6.1f} MB")


if __name__ == "__main__":
    main()
