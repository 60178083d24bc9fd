"""The 2019 red-wall story, an organiser's workflow: three community-organising pilots in each
region, chosen from Labour's 2019 red-wall targets (2019 result, 2010 boundaries), exported to a
spreadsheet with the reason for each pick, and every region short of three reported.

Run: ``python examples/organiser.py [OUTDIR]`` (default ``out/``).
"""

import sys
from pathlib import Path

import seatmap
from seatmap.export import write_list

out = Path(sys.argv[1] if len(sys.argv) > 1 else "out")
out.mkdir(parents=True, exist_ok=True)

# Labour's targets, ranked by the report's priorities (winnable, leave-voting, deprived towns)...
ranked = seatmap.targets("lab", election=2019, sort="score")
# ...kept to the red wall: the 54 seats the Conservatives gained from Labour in 2019.
red_wall = seatmap.redwall("gains_2019")
ranked = ranked[ranked.index.isin(red_wall.index)]
print(f"{len(ranked)} red-wall targets; picking three pilots per region, one per council.")

picks = seatmap.pilots(ranked, per_region=3)
print(picks[["region", "seat", "la_name", "reason"]].to_string(max_colwidth=70))
for line in picks.attrs["shortfalls"]:  # one list of shortfalls, always filled
    print(f"Short of pilots in {line}")

path = write_list(picks, out / "pilots.xlsx",
                  title="Community-organising pilots from Labour's 2019 red-wall targets, "
                        "2019 result, 2010 boundaries",
                  notes=["Three pilots per region from Labour's 2019 red-wall targets (seats "
                         "the Conservatives gained from Labour), ranked by priority score; at "
                         "most one pilot per local authority."],
                  sources=["results-hoc-ge2019", "euref-hanretty-2016",
                           "classification-hoc-city-town", "deprivation-mysociety-composite-uk-imd",
                           "lookup-mysociety-geographic-overlaps"])
print(f"\nWrote {path} ({len(picks)} pilots).")
