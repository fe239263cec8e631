"""Who reaches each citizen group (data/reference/partners.toml): the organisations a report's
recommendations and an outreach plan name for a lagging group. Reference data a district
edits; read when asked."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from pathlib import Path

from .errors import InputError
from .store import DATA_DIR

PARTNERS_FILE = DATA_DIR / "reference" / "partners.toml"
_FIELDS = {"id", "name", "groups", "suggestion"}


@dataclass(frozen=True)
class Partner:
    id: str
    name: str
    groups: dict[str, int]  # rule set id -> group number
    suggestion: str  # the report's section III line for a lagging group


def _partner(path: Path, number: int, entry: dict) -> Partner:
    if set(entry) != _FIELDS:
        wrong = sorted(set(entry) ^ _FIELDS)
        raise InputError(f"đối tác thứ {number}: thiếu hoặc thừa trường {', '.join(wrong)}",
                         file=path.name)
    groups = entry["groups"]
    if not isinstance(groups, dict) or not all(
            isinstance(n, int) and not isinstance(n, bool) for n in groups.values()):
        raise InputError(f"đối tác thứ {number}: «groups» phải là {{ mã bộ tiêu chí = số nhóm }}",
                         file=path.name)
    return Partner(str(entry["id"]), str(entry["name"]), dict(groups), str(entry["suggestion"]))


def load(path: Path = PARTNERS_FILE) -> tuple[Partner, ...]:
    try:
        with path.open("rb") as handle:
            entries = tomllib.load(handle).get("partner", [])
    except FileNotFoundError as exc:
        raise InputError("không có tệp đối tác", file=str(path)) from exc
    except tomllib.TOMLDecodeError as exc:
        raise InputError(f"tệp đối tác viết sai cú pháp TOML ({exc})", file=path.name) from exc
    found = tuple(_partner(path, n, e) for n, e in enumerate(entries, start=1))
    for ruleset in {r for p in found for r in p.groups}:
        numbers = [p.groups[ruleset] for p in found if ruleset in p.groups]
        if len(numbers) != len(set(numbers)):
            raise InputError(f"nhóm của bộ tiêu chí {ruleset} có hơn một đối tác",
                             file=path.name)
    return found


def for_group(partners: tuple[Partner, ...], ruleset_id: str, group_no: int) -> Partner | None:
    """The partner that reaches a group of a rule set's periods, if the file names one."""
    return next((p for p in partners if p.groups.get(ruleset_id) == group_no), None)
