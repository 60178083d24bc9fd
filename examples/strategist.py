"""A strategist's script for the next election: Labour's targets and defences on the 2024 result
(2024 boundaries), a printable target list and its map, and a projection from 2024.

Run: ``python examples/strategist.py [OUTDIR]`` (writes XLSX, CSV and HTML files into OUTDIR,
default ``out/``). Every call starts from ``seatmap.DEFAULT_ELECTION`` (2024); the 2019 story is
``examples/organiser.py``.
"""

import sys
from pathlib import Path

import seatmap
from seatmap.export import write_list, write_table

out = Path(sys.argv[1] if len(sys.argv) > 1 else "out")
out.mkdir(parents=True, exist_ok=True)

# 1. Labour's target list: seats Labour does not hold, ranked by the swing it needs.
targets = seatmap.targets("lab")
print(f"Labour's ten closest targets ({seatmap.election(seatmap.DEFAULT_ELECTION).basis}):")
print(targets.head(10)[["seat", "region", "holder", "majority", "swing_needed", "leave_pct"]]
      .to_string(float_format=lambda v: f"{v:.2f}"))

# Conservative-held targets in the North, Midlands and Wales under 5 points; Reform's seats.
north = ["North East", "North West", "Yorkshire and The Humber", "East Midlands",
         "West Midlands", "Wales"]
close = seatmap.targets("lab", against="con", region=north, max_swing=5)
print(f"\n{len(close)} Conservative-held seats in the North, Midlands and Wales fall to Labour "
      "on a swing under 5 points.")
reform = seatmap.targets("lab", against="reform")
print(f"Reform UK holds {len(reform)} of Labour's targets; the closest is "
      f"{reform['seat'].iloc[0]} ({reform['swing_needed'].iloc[0]:.2f} points).")

# 2. Labour's defences: the seats it won in 2024 by the least.
defences = seatmap.defences("lab")
print("\nLabour's most vulnerable seats:")
print(defences.head(5)[["seat", "region", "challenger", "majority", "swing_to_lose"]]
      .to_string(float_format=lambda v: f"{v:.2f}"))

# 3. The printable list for the meeting, and its map (targets and defences as layers).
path = write_list(targets, out / "lab_targets_2024.xlsx")
m = seatmap.seats_to_map(2024, "winner", party="lab", targets=targets.head(50),
                         defences=defences.head(50))
seatmap.save_map(m, out / "lab_map_2024.html")

# 4. Project a 3-point swing from Labour to Reform UK from the 2024 result.
p = seatmap.project({"lab": -3, "reform": +3}, election=seatmap.DEFAULT_ELECTION)
lab, ref = p.totals.loc["lab"], p.totals.loc["reform"]
print(f"\nUniform swing, Lab -3 / Reform +3: Labour {lab['before']} -> {lab['after']}, "
      f"Reform {ref['before']} -> {ref['after']}; {len(p.changes)} seats change hands.")
print(p.changes.head(10).to_string(float_format=lambda v: f"{v:.2f}"))

write_table(defences, out / "lab_defences_2024.csv")
write_table(p.changes, out / "lab_minus3_changes.csv")
print(f"\nWrote {path}, {out / 'lab_map_2024.html'}, {out / 'lab_defences_2024.csv'} and "
      f"{out / 'lab_minus3_changes.csv'}.")
