"""`load`: tells what an x17fit file or output folder is and reads it."""
from __future__ import annotations

import csv
import hashlib
import warnings
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Dict, List, Optional, Union

from ._common import PathLike, read_json, read_text
from .grid import CONTOUR_CSV_TITLE, GRID_CSV_TITLE, Contours, Grid, grid_from_json, read_contour_csv, read_grid_csv
from .result import (RESULT_CSV_TITLE, Comparison, FitResult, Reproduce, comparison_from_json, read_result_csv,
                     reproduce_from_json, result_from_json)

MANIFEST = ".x17fit-output.json"
MANIFEST_FORMAT = "x17fit-output-1"

Loaded = Union[Grid, Contours, FitResult, Comparison, Reproduce, "Bundle"]


@dataclass(eq=False)
class Bundle:
    """An x17fit output folder (`profile`, `merge`, `export` or `reproduce`), read through its manifest.

    `files` maps every path the manifest lists to what it holds: a :class:`Grid`, :class:`Contours`,
    :class:`FitResult` or :class:`Reproduce` for the JSON and CSV files, and the file's `Path` for the formats this
    package does not parse (`.dat`, `.tex`, `.gp`, `.svg`, `.py`, HEPData YAML). `grids` maps each grid's stem
    (`profile_eps_n_eps_p`) to its Grid, read from the JSON when there is one, else from the CSV. `modified` lists
    the files whose hash no longer matches the manifest (a warning is issued for them); `checked` says whether the
    hashes were compared (not with `verify=False`, nor for a hash this package does not know)."""

    path: Path
    kind: str
    generator: str
    files: Dict[str, Any]
    grids: Dict[str, Grid] = field(default_factory=dict)
    result: Optional[FitResult] = None
    results: Dict[str, FitResult] = field(default_factory=dict)
    reproduce: Optional[Reproduce] = None
    modified: List[str] = field(default_factory=list)
    checked: bool = False

    @property
    def grid(self) -> Grid:
        """The folder's only grid (a `profile` output); ValueError when it holds none or several."""
        if len(self.grids) != 1:
            raise ValueError(f"{self.path}: holds {len(self.grids)} grids ({', '.join(sorted(self.grids)) or 'none'}); "
                             "pick one from .grids")
        return next(iter(self.grids.values()))


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _fnv1a64(data: bytes) -> str:
    h = 0xCBF29CE484222325
    for b in data:
        h = ((h ^ b) * 0x100000001B3) & 0xFFFFFFFFFFFFFFFF
    return f"{h:016x}"


CONTENT_HASHES = {"sha256": _sha256, "fnv1a64": _fnv1a64}
"""The manifest's `hash` names (a manifest without one lists SHA-256) and how to compute them."""


def load_folder(folder: Path, verify: bool = True) -> Bundle:
    """Reads an x17fit output folder through its `.x17fit-output.json` manifest; with `verify`, compares each
    file's hash with the manifest's."""
    manifest_path = folder / MANIFEST
    if not manifest_path.is_file():
        raise ValueError(f"{folder}: not an x17fit output folder (no {MANIFEST})")
    manifest = read_json(manifest_path)
    if not isinstance(manifest, dict) or manifest.get("format") != MANIFEST_FORMAT:
        raise ValueError(f"{manifest_path}: not an x17fit output manifest of format {MANIFEST_FORMAT}")
    kind = manifest.get("kind", "")
    if kind == "shards":
        raise ValueError(f"{folder}: holds profile shards, not a grid; join them with `x17fit merge {folder}` first")
    listed: Dict[str, str] = manifest.get("files") or {}
    content_hash = CONTENT_HASHES.get(manifest.get("hash", "sha256")) if verify else None
    bundle = Bundle(path=folder, kind=kind, generator=manifest.get("generator", ""), files={},
                    checked=content_hash is not None)
    for rel in sorted(listed):
        path = folder / rel
        if not path.is_file():
            raise ValueError(f"{folder}: the manifest lists {rel}, which is missing")
        if content_hash is not None and content_hash(path.read_bytes()) != listed[rel]:
            bundle.modified.append(rel)
        bundle.files[rel] = load_file(path) if path.suffix in (".json", ".csv") else path
    if bundle.modified:
        warnings.warn(f"{folder}: changed since x17fit wrote them: {', '.join(bundle.modified)}", stacklevel=2)
    for rel, obj in bundle.files.items():
        if isinstance(obj, Grid):
            stem = Path(rel).stem
            if rel.endswith(".json") or stem not in bundle.grids:
                bundle.grids[stem] = obj
        elif isinstance(obj, FitResult):
            if "/" in rel:
                bundle.results[obj.fit] = obj
            elif rel == "result.json" or bundle.result is None:
                bundle.result = obj
        elif isinstance(obj, Reproduce):
            bundle.reproduce = obj
    return bundle


def _load_json(path: Path, verify: bool = True) -> Any:
    doc = read_json(path)
    if not isinstance(doc, dict):
        raise ValueError(f"{path}: not an x17fit JSON output (expected an object)")
    fmt = doc.get("format")
    if fmt == MANIFEST_FORMAT:
        return load_folder(path.parent, verify)
    if isinstance(fmt, str) and fmt.startswith("x17fit-profile-shard"):
        raise ValueError(f"{path}: a profile shard, not a grid; join the shards with `x17fit merge` first")
    if "axes" in doc and "delta_chi2" in doc:
        return grid_from_json(doc, path)
    if "parameters" in doc and "minimum" in doc:
        return result_from_json(doc, path)
    if "fits" in doc and "generator" in doc:
        return comparison_from_json(doc, path)
    if "fits" in doc:
        return reproduce_from_json(doc, path)
    raise ValueError(f"{path}: not an x17fit fit, reproduce, compare or profile JSON")


COMPARISON_CSV_TITLE = ("x17fit reproduce comparison: one row per fit; fits with the same data_set label use the "
                        "same data")
"""Title of `reproduce`'s comparison.csv, read as a list of row dicts (strings, as written)."""


def load_file(path: Path, verify: bool = True) -> Any:
    """Reads one x17fit JSON or CSV file (see :func:`load`)."""
    if path.suffix == ".json":
        return _load_json(path, verify)
    if path.suffix == ".csv":
        text = read_text(path)
        first = text.title[0] if text.title else ""
        if first == GRID_CSV_TITLE:
            return read_grid_csv(path, text)
        if first == CONTOUR_CSV_TITLE:
            return read_contour_csv(path, text)
        if first.startswith(RESULT_CSV_TITLE):
            return read_result_csv(path)
        if first == COMPARISON_CSV_TITLE:
            return list(csv.DictReader(text.data))
        raise ValueError(f"{path}: not an x17fit grid, contour or result CSV")
    raise ValueError(f"{path}: x17fit_io reads x17fit's .json and .csv files and output folders, "
                     f"not {path.suffix or 'extension-less'} files (load the .csv or .json beside it)")


def load(path: PathLike, verify: bool = True) -> Loaded:
    """Reads an x17fit output, telling what it is from its contents.

    - a grid JSON or tidy grid CSV (`profile_<stem>.json` / `.csv`) → :class:`Grid`
    - a contour CSV (`profile_<stem>_contours.csv`) → :class:`Contours`
    - a fit JSON (`fit --json`, `result.json`) or `result.csv` → :class:`FitResult`
    - `compare --json` → :class:`Comparison`; `reproduce.json` → :class:`Reproduce`
    - an output folder, or its `.x17fit-output.json` → :class:`Bundle` (every file loaded)

    JSON whose `schema_version` is not 1 is refused with a ValueError naming the file, as is anything that is
    not an x17fit output. For a folder, `verify` compares every file with the manifest's hash (see
    :class:`Bundle`); `verify=False` skips that."""
    p = Path(path)
    if p.is_dir():
        return load_folder(p, verify)
    if not p.exists():
        raise FileNotFoundError(f"{p}: no such file or folder")
    return load_file(p, verify)
