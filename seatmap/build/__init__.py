"""The data build: turns the raw sources in ``../shared/sources`` into the files under ``data/``.

Run ``python -m seatmap.build`` to regenerate everything, ``python -m seatmap.build --check`` to
verify that the committed data equals a fresh build. Each module below owns some tables:

- :mod:`seatmap.build.geography`: the seat registers (names, nations, regions, local authorities),
  boundaries and hex layouts of both boundary sets; its steps are ``_geosources`` (reading the
  sources), ``_boundaries`` (repairing, measuring and checking the polygons), ``_registers``
  (the seat registers) and ``_georecord`` (the published figures checked and the repair's
  parameters);
- :mod:`seatmap.build.results`: results per seat and party for every election, and seat history;
- :mod:`seatmap.build.history`: the general elections 1950-2005 in Great Britain in five vote
  groups, for backtesting (Commons Library 1918-2017 file, checked against the published seats);
- :mod:`seatmap.build.web`: the boundaries simplified and encoded for the HTML maps;
- :mod:`seatmap.build.notional`: notional 2010-2017 results on the 2024 seats (estimates), validated;
- :mod:`seatmap.build.euref`, :mod:`seatmap.build.classification`, :mod:`seatmap.build.deprivation`,
  :mod:`seatmap.build.census`: the seat attributes (EU referendum, town/city classification,
  deprivation, Census 2011 and 2021), sharing helpers in ``_attr``;
- :mod:`seatmap.build.smallareas`: every census small area with its deprivation, population,
  seat on both sets (placed with the point index), neighbourhood and local authority;
- :mod:`seatmap.build.seatmodel`: the demographic seat model's coefficients, fitted on the
  processed tables (last).

Every module exposes ``TABLES`` (schemas), ``RESOURCES`` (non-tabular files it writes) and
``build(sources, out_dir)``, which writes its files and runs its checks against the published record.
"""

MODULES = ("geography", "web", "results", "history", "euref", "classification", "deprivation",
           "census", "smallareas", "notional", "seatmodel")
