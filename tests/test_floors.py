"""constraints-min.txt pins exactly the floors of pyproject.toml's dependencies (CI runs the suite on it)."""
import re
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def canonical(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def floors() -> dict[str, str]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    extras = project["optional-dependencies"]
    reqs = list(project["dependencies"]) + list(extras["test"])
    for req in list(extras["test"]):  # the test extra names other extras of ours: kimputin_cli[archive]
        m = re.match(r"^kimputin[-_]cli\[([a-z,\s]+)\]$", req)
        if m:
            reqs.remove(req)
            reqs += [r for extra in m.group(1).split(",") for r in extras[extra.strip()]]
    out = {}
    for req in reqs:
        if ";" in req and "python_version<" in req.replace(" ", ""):
            continue  # a backport for old Pythons
        m = re.match(r"^([A-Za-z0-9_.-]+)\s*(.*)$", req)
        floor = re.search(r">=\s*([0-9][0-9A-Za-z.]*)", m.group(2))
        assert floor, f"{req!r} has no floor (>=)"
        out[canonical(m.group(1))] = floor.group(1)
    return out


def pins() -> dict[str, str]:
    out = {}
    for line in (ROOT / "constraints-min.txt").read_text(encoding="utf-8").splitlines():
        line = line.split("#")[0].strip()
        if line:
            name, version = line.split("==")
            out[canonical(name)] = version.strip()
    return out


def same_version(a: str, b: str) -> bool:
    pad = lambda v: tuple(int(x) for x in v.split(".")) + (0,) * (3 - len(v.split(".")))  # noqa: E731
    return pad(a) == pad(b)


def test_every_dependency_has_its_floor_pinned():
    f, p = floors(), pins()
    assert sorted(f) == sorted(p)
    assert [name for name in f if not same_version(f[name], p[name])] == []


def test_click_floor_is_what_spacy_needs():
    """spaCy's own requirement on click must not be above our floor (when spaCy declares one)."""
    from importlib.metadata import requires

    from packaging.requirements import Requirement
    from packaging.version import Version

    for req in map(Requirement, requires("spacy") or []):
        if canonical(req.name) == "click":
            mins = [Version(s.version) for s in req.specifier if s.operator == ">="]
            assert all(Version(floors()["click"]) >= v for v in mins), (req, floors()["click"])
