"""``data/datapackage.json``: a Frictionless Data Package describing every processed file.

Generated from what the build modules declare (``TABLES`` and ``RESOURCES``), so a new table or
file (CSV, ``.npz``, model coefficients...) is described without touching this module. The
descriptor follows the Data Package specification and passes ``frictionless validate``:

- every resource has a ``name`` (from its path), its ``bytes`` and a ``sha256`` ``hash`` of the
  file the build wrote;
- ``sources`` are objects (``name`` is seatmap's source id, ``title``, ``path`` = the publisher's
  URL), at package and resource level;
- ``licenses`` (the specification's property) lists the standard licences of the sources behind
  the package and behind each resource (:data:`LICENCES`); a source whose licence is not a
  standard one (or is not stated) adds none, and each source's own words stay in its
  ``"seatmap"`` key;
- ``version`` is seatmap's version (the data is released with the package);
- anything seatmap-specific (``rows``, ``crs``, ``layout``, and a source's publisher, licence and
  attribution) sits under the namespaced key ``"seatmap"``.

Readers of the source ids use :func:`seatmap._store.source_ids`.
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path
from typing import Any

from .. import __version__
from .. import sources as source_registry

__all__ = ["LICENCES", "SPEC_KEYS", "datapackage", "licences", "resource_name"]

#: Resource properties of the Data Package specification; others go under ``"seatmap"``.
SPEC_KEYS = ("name", "path", "title", "description", "format", "mediatype", "encoding", "bytes",
             "hash", "schema", "sources", "licenses", "profile", "dialect")
NAMESPACE = "seatmap"

#: The standard licences a source's licence text can name: (the words that name it, the Data
#: Package ``licenses`` entry: an Open Definition id where there is one, the licence's page, its
#: title). The Open Parliament Licence has no Open Definition id, so only its page and title.
LICENCES = (
    (("Open Parliament Licence v3.0",),
     {"path": "https://www.parliament.uk/site-information/copyright-parliament/"
              "open-parliament-licence/", "title": "Open Parliament Licence v3.0"}),
    (("Open Government Licence v3.0", "OGL v3"),
     {"name": "OGL-UK-3.0",
      "path": "https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/",
      "title": "Open Government Licence v3.0"}),
    (("CC BY 4.0",),
     {"name": "CC-BY-4.0", "path": "https://creativecommons.org/licenses/by/4.0/",
      "title": "Creative Commons Attribution 4.0"}),
    (("CC BY-SA 4.0",),
     {"name": "CC-BY-SA-4.0", "path": "https://creativecommons.org/licenses/by-sa/4.0/",
      "title": "Creative Commons Attribution-ShareAlike 4.0"}),
    (("MIT",),
     {"name": "MIT", "path": "https://opensource.org/licenses/MIT", "title": "MIT License"}),
)


def resource_name(path: str) -> str:
    """A Data Package resource name from a file's path (lower case, ``/`` -> ``_``).

    Examples
    --------
    >>> resource_name("boundaries/web_pcon2024.npz")
    'boundaries_web_pcon2024'
    """
    return re.sub(r"[^a-z0-9._-]", "_", path.rsplit(".", 1)[0].lower())


def licences(source_ids) -> list[dict]:
    """The Data Package ``licenses`` of the sources ``source_ids`` (in :data:`LICENCES` order).

    Examples
    --------
    >>> [lic.get("name") for lic in licences(["results-hoc-ge2019"])]
    [None]
    >>> [lic["title"] for lic in licences(["results-hoc-ge2019"])]
    ['Open Parliament Licence v3.0']
    """
    texts = [source_registry.SOURCES[s].licence for s in source_ids]
    texts = [t for t in texts if not t.startswith("No licence stated")]  # its inputs' are not its
    return [dict(entry) for words, entry in LICENCES
            if any(re.search(rf"\b{re.escape(w)}(?![\w-])", text) for w in words for text in texts)]


def _source(source_id: str, details: bool = False) -> dict:
    s = source_registry.SOURCES[source_id]
    out: dict[str, Any] = {"name": s.id, "title": s.title}
    if s.url:
        out["path"] = s.url
    if details:
        out[NAMESPACE] = {"publisher": s.publisher, "licence": s.licence,
                          "attribution": s.attribution}
    return out


def _resource(res: dict, out_dir: Path) -> dict:
    ids = list(res.get("sources", []))
    out = {"name": res.get("name") or resource_name(res["path"])}
    out.update({k: v for k, v in res.items() if k in SPEC_KEYS and k not in ("name", "sources")})
    data = (Path(out_dir) / res["path"]).read_bytes()
    out["bytes"] = len(data)
    out["hash"] = "sha256:" + hashlib.sha256(data).hexdigest()
    out["sources"] = [_source(s) for s in ids]
    if licences(ids):
        out["licenses"] = licences(ids)
    custom = {k: v for k, v in res.items() if k not in SPEC_KEYS}
    if custom:
        out[NAMESPACE] = custom
    return out


def datapackage(mods, out_dir: Path) -> dict:
    """The descriptor of every file the build ``mods`` declare, hashed from ``out_dir``.

    Parameters
    ----------
    mods : sequence of module
        Build modules, each with ``TABLES`` (:class:`~seatmap.build._schema.Table`) and
        optionally ``RESOURCES`` (dicts with at least ``path``, ``title``, ``sources``).
    out_dir : Path
        Where the build wrote the files (their sizes and hashes are recorded).

    Returns
    -------
    dict
        The JSON-ready descriptor.
    """
    declared = []
    for mod in mods:
        declared += [t.to_dict() for t in mod.TABLES]
        declared += [dict(r) for r in getattr(mod, "RESOURCES", [])]
    resources = [_resource(r, out_dir) for r in declared]
    used = list(dict.fromkeys(s for r in declared for s in r.get("sources", [])))
    return {
        "name": "seatmap-data",
        "title": "seatmap processed data",
        "description": "Generated by `python -m seatmap.build` from the raw sources; do not edit.",
        "version": __version__,
        "licenses": licences(used),
        "resources": resources,
        "sources": [_source(s, details=True) for s in used],
    }
