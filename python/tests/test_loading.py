"""What `load` accepts and what it refuses."""
from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

import x17fit_io
from x17fit_io import Bundle, Grid

from conftest import Outputs


def _with_version(source: Path, target: Path, version) -> Path:
    doc = json.loads(source.read_text(encoding="utf-8"))
    if version is None:
        del doc["schema_version"]
    else:
        doc["schema_version"] = version
    target.write_text(json.dumps(doc), encoding="utf-8")
    return target


@pytest.mark.parametrize("which", ["fit_json", "plane_json", "compare_json", "reproduce"])
@pytest.mark.parametrize("version", [2, 0, "1", None])
def test_wrong_schema_version_is_refused(outputs: Outputs, tmp_path: Path, which: str, version) -> None:
    source = getattr(outputs, which)
    if source.is_dir():
        source = source / "reproduce.json"
    target = _with_version(source, tmp_path / f"changed-{source.name}", version)
    expected = "has no schema_version" if version is None else f"schema_version {version!r}"
    with pytest.raises(ValueError, match=expected) as error:
        x17fit_io.load(target)
    assert str(target) in str(error.value)


def test_wrong_schema_version_inside_reproduce_is_refused(outputs: Outputs, tmp_path: Path) -> None:
    doc = json.loads((outputs.reproduce / "reproduce.json").read_text(encoding="utf-8"))
    doc["fits"][3]["schema_version"] = 2
    target = tmp_path / "reproduce.json"
    target.write_text(json.dumps(doc), encoding="utf-8")
    with pytest.raises(ValueError, match=r"fits\[3\].*schema_version 2") as error:
        x17fit_io.load(target)
    assert str(target) in str(error.value)


def test_profile_folder_is_a_bundle(outputs: Outputs) -> None:
    bundle = x17fit_io.load(outputs.plane)
    assert isinstance(bundle, Bundle) and bundle.kind == "profile" and bundle.generator.startswith("x17fit ")
    assert list(bundle.grids) == ["profile_eps_n_eps_p"]
    assert bundle.grid.source == outputs.plane_json and bundle.result is None and bundle.modified == []
    listed = json.loads((outputs.plane / ".x17fit-output.json").read_text(encoding="utf-8"))["files"]
    assert sorted(bundle.files) == sorted(listed)
    assert isinstance(bundle.files["profile_eps_n_eps_p.csv"], Grid)
    assert bundle.files["profile_eps_n_eps_p.svg"] == outputs.plane / "profile_eps_n_eps_p.svg"
    assert isinstance(x17fit_io.load(outputs.plane / ".x17fit-output.json"), Bundle)


def test_export_folder_is_a_bundle(outputs: Outputs) -> None:
    bundle = x17fit_io.load(outputs.export)
    assert bundle.kind == "export" and bundle.result.fit == "dg2023-vector-none"
    with pytest.raises(ValueError, match="holds 3 grids"):
        bundle.grid


def test_a_changed_file_is_reported(outputs: Outputs, tmp_path: Path) -> None:
    folder = tmp_path / "plane"
    shutil.copytree(outputs.plane, folder)
    with open(folder / "profile_eps_n_eps_p.dat", "a", encoding="utf-8") as f:
        f.write("\n")
    with pytest.warns(UserWarning, match="profile_eps_n_eps_p.dat"):
        bundle = x17fit_io.load(folder)
    assert bundle.modified == ["profile_eps_n_eps_p.dat"]


def test_content_hashes_of_manifests() -> None:
    from x17fit_io.loader import CONTENT_HASHES

    assert CONTENT_HASHES["fnv1a64"](b"") == "cbf29ce484222325"
    assert CONTENT_HASHES["fnv1a64"](b"a") == "af63dc4c8601ec8c"
    assert CONTENT_HASHES["fnv1a64"](b"foobar") == "85944171f73967e8"
    assert CONTENT_HASHES["sha256"](b"abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"


def test_verify_false_skips_the_hashes(outputs: Outputs, tmp_path: Path) -> None:
    folder = tmp_path / "plane"
    shutil.copytree(outputs.plane, folder)
    with open(folder / "profile_eps_n_eps_p.gp", "a", encoding="utf-8") as f:
        f.write("\n")
    bundle = x17fit_io.load(folder, verify=False)
    assert not bundle.checked and bundle.modified == []
    assert x17fit_io.load(outputs.plane).checked


def test_what_is_not_an_x17fit_output_is_refused(outputs: Outputs, tmp_path: Path) -> None:
    other = tmp_path / "other.json"
    other.write_text('{"schema_version": 1, "hello": "world"}', encoding="utf-8")
    with pytest.raises(ValueError, match="not an x17fit fit, reproduce, compare or profile JSON"):
        x17fit_io.load(other)
    table = tmp_path / "table.csv"
    table.write_text("# something\na,b\n1,2\n", encoding="utf-8")
    with pytest.raises(ValueError, match="not an x17fit grid, contour or result CSV"):
        x17fit_io.load(table)
    with pytest.raises(ValueError, match=r"not \.dat files"):
        x17fit_io.load(outputs.plane / "profile_eps_n_eps_p.dat")
    with pytest.raises(ValueError, match="no .x17fit-output.json"):
        x17fit_io.load(tmp_path)
    with pytest.raises(FileNotFoundError):
        x17fit_io.load(tmp_path / "missing.json")
    broken = tmp_path / "broken.json"
    broken.write_text("{", encoding="utf-8")
    with pytest.raises(ValueError, match="not valid JSON"):
        x17fit_io.load(broken)


def test_a_truncated_grid_csv_is_refused(outputs: Outputs, tmp_path: Path) -> None:
    lines = outputs.plane_csv.read_text(encoding="utf-8").splitlines(keepends=True)
    truncated = tmp_path / "profile_eps_n_eps_p.csv"
    truncated.write_text("".join(lines[:-1]), encoding="utf-8")
    with pytest.raises(ValueError, match=r"rows, expected 21 × 17") as error:
        x17fit_io.load(truncated)
    assert str(truncated) in str(error.value)


def test_reproduce_knows_which_fits_share_their_data(outputs: Outputs) -> None:
    rep = x17fit_io.load(outputs.reproduce / "reproduce.json")
    labels = {r.fit: rep.data_set(r.fit) for r in rep}
    assert all(label is not None and label.startswith("D") for label in labels.values())
    assert labels["dg2023-vector-none"] == labels["dg2023-vector-mixing"]
    assert labels["atomki-masses"] != labels["dg2023-vector-none"]
    assert sorted(f for names in rep.data_sets.values() for f in names) == sorted(labels)
