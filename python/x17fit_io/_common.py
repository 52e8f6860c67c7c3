"""Shared pieces: provenance, JSON and `# key: value` header reading, the optional pandas import."""
from __future__ import annotations

import csv
import io
import json
import math
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Dict, List, Optional, Tuple, Union

PathLike = Union[str, os.PathLike]

SCHEMA_VERSION = 1
"""The schema version of the x17fit JSON outputs this reader understands."""


@dataclass(frozen=True)
class Provenance:
    """Who wrote a file from what: generator version, git revision, SHA-256 of the spec and of each data file."""

    x17fit: str
    git: str
    spec_sha256: Optional[str] = None
    datasets_sha256: Dict[str, str] = field(default_factory=dict)

    @classmethod
    def from_json(cls, d: Dict[str, Any]) -> "Provenance":
        return cls(x17fit=d["x17fit"], git=d["git"], spec_sha256=d.get("spec_sha256"),
                   datasets_sha256=dict(d.get("datasets_sha256") or {}))


def pandas_module() -> Any:
    """Imports pandas, or raises ImportError saying how to install it."""
    try:
        import pandas
    except ImportError as e:
        raise ImportError("to_pandas() needs pandas: pip install './python[pandas]' (or pip install pandas)") from e
    return pandas


def read_json(path: Path) -> Any:
    """Parses a JSON file; a file that is not JSON raises ValueError naming it."""
    try:
        with open(path, encoding="utf-8") as f:
            return json.load(f)
    except json.JSONDecodeError as e:
        raise ValueError(f"{path}: not valid JSON ({e})") from e


def check_schema_version(doc: Dict[str, Any], path: Path, what: str) -> None:
    """Refuses a document whose `schema_version` is missing or not the one this reader knows."""
    if "schema_version" not in doc:
        raise ValueError(f"{path}: {what} JSON has no schema_version; this reader reads schema_version {SCHEMA_VERSION}")
    version = doc["schema_version"]
    if version != SCHEMA_VERSION or isinstance(version, bool):
        raise ValueError(f"{path}: {what} JSON has schema_version {version!r}; this reader reads schema_version "
                         f"{SCHEMA_VERSION} only (update x17fit_io or re-run x17fit)")


def number(v: Optional[float]) -> float:
    """A JSON number or null as a float (null → NaN)."""
    return math.nan if v is None else float(v)


def optional_number(text: str) -> Optional[float]:
    """A CSV field as a float, or None when empty."""
    return float(text) if text != "" else None


@dataclass
class TextFile:
    """A text output split into its `#` lines and its data lines."""

    title: List[str]
    entries: List[Tuple[str, str]]
    data: List[str]

    def first(self, key: str, default: Optional[str] = None) -> Optional[str]:
        """The value of the first `key` line, or `default`."""
        for k, v in self.entries:
            if k == key:
                return v
        return default

    def require(self, key: str, path: Path) -> str:
        """The value of the first `key` line; ValueError naming the file when there is none."""
        value = self.first(key)
        if value is None:
            raise ValueError(f"{path}: header line '# {key}: …' is missing")
        return value

    def all(self, key: str) -> List[str]:
        """The values of every `key` line, in file order."""
        return [v for k, v in self.entries if k == key]

    def rows(self) -> Tuple[List[str], List[List[str]]]:
        """The CSV column names and rows of the data lines."""
        reader = csv.reader(io.StringIO("".join(self.data)))
        columns = next(reader, None)
        if columns is None:
            return [], []
        return columns, [r for r in reader if r]


PROVENANCE_KEYS = ("fit", "description", "data", "convention", "kind", "x", "y", "order", "profiled", "chi2_min",
                   "best_fit", "levels", "cl", "level_labels", "interval", "generator", "git", "spec_sha256",
                   "data_sha256")


def read_text(path: Path) -> TextFile:
    """Splits a text output into title lines (the `#` lines before the first provenance key), `key: value`
    entries and data lines."""
    with open(path, encoding="utf-8", newline="") as f:
        lines = f.readlines()
    title: List[str] = []
    entries: List[Tuple[str, str]] = []
    data: List[str] = []
    for line in lines:
        if not line.startswith("#"):
            data.append(line)
            continue
        text = line[1:].rstrip("\r\n")
        if text.startswith(" "):
            text = text[1:]
        key, sep, value = text.partition(": ")
        if sep and (entries or key in PROVENANCE_KEYS):
            entries.append((key, value))
        else:
            title.append(text)
    return TextFile(title=title, entries=entries, data=data)


def key_values(items: List[str]) -> Dict[str, str]:
    """`["a=1", "b=x=y"]` → `{"a": "1", "b": "x=y"}` (split at the first `=`)."""
    out: Dict[str, str] = {}
    for item in items:
        k, _, v = item.partition("=")
        out[k] = v
    return out
