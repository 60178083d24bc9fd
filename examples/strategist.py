"""A strategist's script: Labour's targets and defences after 2019, a projection at a given
national swing, and the seats that would change hands.

Run: ``python examples/strategist.py [OUTDIR]`` (writes CSV and XLSX files into OUTDIR, default
``out/``).
"""

import sys
from pathlib import Path

import seatmap
from seatmap.export import write_list, write_table

out = Path(sys.argv[1] if len(sys.argv) > 1 else "out")
out.mkdir(parents=True, exist_ok=True)

# 1. Labour's target list: seats Labour does not hold, ranked by the swing it needs.
targets = seatmap.targets("lab", election=2019)
print("Labour's ten closest targets after 2019:")
print(targets.head(10)[["seat", "region", "holder", "majority", "swing_needed", "leave_pct"]]
      .to_string(float_format=lambda v: f"{v:.2f}"))

# Targets against the Conservatives in the North, Midlands and Wales needing under 5 points.
red_wall_regions = ["North East", "North West", "Yorkshire and The Humber", "East Midlands",
                    "West Midlands", "Wales"]
close = seatmap.targets("lab", election=2019, against="con", region=red_wall_regions,
                        max_swing=5)
print(f"\n{len(close)} Conservative-held seats in the North, Midlands and Wales fall to Labour "
      "on a swing under 5 points.")

# 2. Labour's defences against the Conservatives.
defences = seatmap.defences("lab", election=2019, against="con")
print("\nLabour's most vulnerable seats to the Conservatives:")
print(defences.head(5)[["seat", "region", "majority", "swing_to_lose"]]
      .to_string(float_format=lambda v: f"{v:.2f}"))

# 3. Project a 5-point swing from the Conservatives to Labour (uniform and proportional).
for model in ("uniform", "proportional"):
    p = seatmap.project({"lab": +5, "con": -5}, election=2019, model=model)
    lab, con = p.totals.loc["lab"], p.totals.loc["con"]
    print(f"\n{model.title()} swing, Lab +5 / Con -5: Labour {lab['before']} -> {lab['after']}, "
          f"Conservatives {con['before']} -> {con['after']}; {len(p.changes)} seats change hands.")
p = seatmap.project({"lab": +5, "con": -5}, election=2019)
print(p.changes.head(10).to_string(float_format=lambda v: f"{v:.2f}"))

write_list(targets, out / "lab_targets_2019.xlsx", title="Labour targets after 2019",
            sources=["results-hoc-ge2019", "euref-hanretty-2016", "classification-hoc-city-town",
                     "deprivation-mysociety-composite-uk-imd"])
write_table(defences, out / "lab_defences_2019.csv")
write_table(p.changes, out / "lab_plus5_changes.csv")
print(f"\nWrote {out / 'lab_targets_2019.xlsx'}, {out / 'lab_defences_2019.csv'} and "
      f"{out / 'lab_plus5_changes.csv'}.")
