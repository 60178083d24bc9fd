"""A strategist's explorer: one offline HTML page to email to an organiser.

Builds Labour's scenario explorer on the 2024 results with a poll as a preset, checks in Python
what the page will show for that poll (the page computes the same numbers), and writes the page.

Run: ``python examples/explorer.py [OUTPUT_FOLDER]``, then open ``lab_explorer_2024.html`` in any
browser: it needs no server and no network.
"""

import sys
from pathlib import Path

import seatmap

out = Path(sys.argv[1] if len(sys.argv) > 1 else ".")
out.mkdir(parents=True, exist_ok=True)
poll = {"reform": 29, "lab": 22, "con": 18, "ld": 13, "green": 10, "snp": 3, "pc": 1}
page = seatmap.explorer("lab", 2024, polls={"Example poll": poll},
                        out=out / "lab_explorer_2024.html")
size = (out / "lab_explorer_2024.html").stat().st_size
print(f"Wrote lab_explorer_2024.html ({size / 1e6:.2f} MB), presets: "
      + ", ".join(p["label"] for p in page.payload["presets"]))

# What the page shows for the poll preset, in Python: the page projects project(poll=...) (the
# parties the poll does not name are completed from their 2024 shares, as the page does).
for model in ("uniform", "proportional"):
    proj = seatmap.project(poll=page.poll(poll), election=2024, model=model)
    t = proj.totals["after"]
    print(f"{model:>12}: Reform {t.get('reform', 0)}, Labour {t.get('lab', 0)}, "
          f"Conservatives {t.get('con', 0)}, Lib Dems {t.get('ld', 0)}")
    if model == "uniform":
        targets = seatmap.targets("lab", seats=proj.frame(), limit=5)
        print("  Labour's closest targets under the poll: " + ", ".join(targets["seat"]))
