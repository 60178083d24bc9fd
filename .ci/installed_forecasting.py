"""Run every forecasting feature from an installed (non-editable) seatmap, in another directory.

Called by .ci/run inside a fresh virtual environment with ``pip install "$ROOT[maps]"``; fails
(exit 1, with the traceback) if any feature needs the source checkout or drops a model.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import seatmap
from seatmap import _paths, seatmodel
from seatmap.projection import MODELS, default_model, project

here = Path(seatmap.__file__).resolve().parent
assert "site-packages" in str(here), f"seatmap imported from {here}, not an installed copy"
assert _paths.data_dir() == here / "data", _paths.data_dir()
assert seatmodel.model_file().is_file(), seatmodel.model_file()
poll = {"reform": 29, "lab": 22, "con": 18, "ld": 13, "green": 10, "snp": 3, "pc": 1}
for model in MODELS:
    p = project(poll=poll, model=model)
    assert abs(p.delivered.loc["Great Britain", "reform"] - 29) < 1e-6, model
    print(f"project({model}): {p.totals['after'].head(3).to_dict()}")
sim = seatmap.simulate(poll=poll, n=500, seed=1)
print(f"simulate ({sim.model}): {sim.totals['mean'].head(3).round(1).to_dict()}")
bt = seatmap.backtest(pairs=["2017-2019", "2019-2024"])
assert int(bt.loc[("2019-2024", "default"), "correct"]) > 400
print("backtest:", bt["correct"].xs("default", level="model").to_dict())
bg = seatmap.battleground("lab", poll=poll, simulations=200)
print(f"battleground (default model {default_model()}): {len(bg)} seats")
page = seatmap.explorer("lab", out=Path("explorer.html"))
assert "SeatmapModel" in page.html or "demographic" in page.html
for argv in (["project", "--poll", "reform=29,lab=22,con=18", "--limit", "2"],
             ["backtest", "--pair", "2019-2024"],
             ["battleground", "lab", "--poll", "reform=29,lab=22,con=18", "--simulate", "100",
              "--limit", "2"],
             ["explore", "--out", "explorer2.html"]):
    out = subprocess.run([str(Path(sys.executable).parent / "seatmap"), *argv],
                         capture_output=True, text=True)
    assert out.returncode == 0, (argv, out.stderr)
    print(f"seatmap {argv[0]}: ok")
print("installed forecasting OK")
