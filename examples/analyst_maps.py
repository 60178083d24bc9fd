"""An analyst's maps: leave share, the swing Labour needs, deprivation and the hex cartogram,
each one self-contained HTML file, plus a static PNG for slides.

Run: ``python examples/analyst_maps.py [OUTDIR]`` (default ``out/``). The maps are of the 2024
result on the 2024 boundaries (``seatmap.DEFAULT_ELECTION``); ``load_seats(2019)`` and
``election=2019`` draw the 2019 ones.
"""

import sys
from pathlib import Path

import seatmap

out = Path(sys.argv[1] if len(sys.argv) > 1 else "out")
out.mkdir(parents=True, exist_ok=True)

seats = seatmap.load_seats()
targets = seatmap.targets("lab")
defences = seatmap.defences("lab")

# 1. Leave share, with Labour's top 50 targets and defences as layers to toggle.
m = seatmap.seats_to_map(seats, "leave", party="lab", targets=targets.head(50),
                         defences=defences.head(50),
                         title="EU referendum leave share (estimates), 2024 seats")
seatmap.save_map(m, out / "leave.html")

# 2. The swing Labour needs in each seat it does not hold (a target table maps directly).
m = seatmap.seats_to_map(targets, "swing_needed", scheme="quantiles", k=6, cmap="YlOrRd",
                         reverse=True, title="Swing Labour needs to win, after 2024")
seatmap.save_map(m, out / "swing_needed.html")

# 3. Deprivation: the UK-wide composite index, by decile (1 = most deprived).
m = seatmap.seats_to_map(seats, "deprivation", title="Deprivation (UK composite IMD decile)")
seatmap.save_map(m, out / "deprivation.html")

# 4. The hex cartogram of the 2024 winners: every seat the same size.
m = seatmap.seats_to_map(seats, "winner", hexmap=True, party="lab", targets=targets.head(50),
                         title="2024 winners, one hexagon per seat")
seatmap.save_map(m, out / "winners_hex.html")

# 5. A static image for reports and slides, in the same colours.
seatmap.seats_to_png(seats, "leave", out / "leave.png", title="Leave share, 2016")

for p in sorted(out.glob("*.html")) + sorted(out.glob("*.png")):
    print(f"{p.name:<20} {p.stat().st_size / 1e6:5.2f} MB")
