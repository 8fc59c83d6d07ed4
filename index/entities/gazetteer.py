"""The gazetteer: leaders, countries and organisations from the data files and the user's own file.

Built-in files are `countries.jsonl`, `organisations.jsonl` and `leaders_*.jsonl` in the data
directory; a malformed built-in line is a bug and raises `GazetteerError`. The user's file holds
the same records plus `"kind": "leader"|"country"|"organisation"`; a malformed user line becomes
a warning and is skipped, and a user record whose id already exists extends (lists) and overrides
(other fields) the built-in one.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

DEFAULT_DATA_DIR = Path(__file__).parent / "data"
COUNTRIES_FILE = "countries.jsonl"
ORGANISATIONS_FILE = "organisations.jsonl"
LEADERS_GLOB = "leaders_*.jsonl"

_COUNTRY_ID_RE = re.compile(r"^[A-Z]{2}$")
_LEADER_ID_RE = re.compile(r"^[a-z0-9]+(?:[-_.][a-z0-9]+)*$")
KINDS = ("leader", "country", "organisation")


class GazetteerError(ValueError):
    """A built-in gazetteer line that cannot be read: the message is "<path>:<line>: <reason>"."""


@dataclass(frozen=True)
class Role:
    role: str
    start: int | None = None
    end: int | None = None

    def covers(self, year: int) -> bool:
        return (self.start is None or self.start <= year) and (self.end is None or year <= self.end)


@dataclass(frozen=True)
class Country:
    id: str
    name: str
    en: str = ""
    aliases: tuple[str, ...] = ()

    @property
    def names(self) -> tuple[str, ...]:
        """Every form that names the country on its own: canonical, English, aliases."""
        return _unique((self.name, self.en, *self.aliases))


@dataclass(frozen=True)
class Organisation:
    """An international organisation; `weak` abbreviations count only beside a stronger form."""

    id: str
    name: str
    en: str = ""
    aliases: tuple[str, ...] = ()
    weak: tuple[str, ...] = ()

    @property
    def names(self) -> tuple[str, ...]:
        return _unique((self.name, self.en, *self.aliases))


@dataclass(frozen=True)
class Leader:
    id: str
    name: str
    en: str = ""
    aliases: tuple[str, ...] = ()
    short: tuple[str, ...] = ()
    hanzi: str = ""
    country: str = ""
    roles: tuple[Role, ...] = ()

    @property
    def names(self) -> tuple[str, ...]:
        """Every full form: canonical, English, aliases (never the short forms)."""
        return _unique((self.name, self.en, *self.aliases))

    def active_in(self, year: int) -> bool:
        return any(role.covers(year) for role in self.roles)


@dataclass
class Gazetteer:
    leaders: dict[str, Leader] = field(default_factory=dict)
    countries: dict[str, Country] = field(default_factory=dict)
    organisations: dict[str, Organisation] = field(default_factory=dict)

    def table(self, kind: str) -> dict[str, Any]:
        if kind == "leader":
            return self.leaders
        return self.countries if kind == "country" else self.organisations


def _unique(values: tuple[str, ...] | list[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(v for v in values if v))


class _Invalid(ValueError):
    """One line's problem, without its location."""


def _string(record: dict[str, Any], key: str, *, required: bool = False) -> str:
    value = record.get(key)
    if value is None or value == "":
        if required:
            raise _Invalid(f'missing "{key}"')
        return ""
    if not isinstance(value, str) or not value.strip():
        raise _Invalid(f'"{key}" must be a non-empty string')
    return value.strip()


def _strings(record: dict[str, Any], key: str) -> tuple[str, ...]:
    value = record.get(key)
    if value is None:
        return ()
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise _Invalid(f'"{key}" must be a list of non-empty strings')
    return _unique([v.strip() for v in value])


def _year(value: object, key: str) -> int | None:
    if value is None or value == "":
        return None
    if isinstance(value, bool) or not isinstance(value, int) or not 1000 <= value <= 2999:
        raise _Invalid(f'role "{key}" must be a year or null')
    return value


def _roles(record: dict[str, Any]) -> tuple[Role, ...]:
    value = record.get("roles")
    if value is None:
        return ()
    if not isinstance(value, list):
        raise _Invalid('"roles" must be a list')
    roles = []
    for item in value:
        if not isinstance(item, dict) or not isinstance(item.get("role"), str):
            raise _Invalid('each role needs a "role" string')
        start, end = _year(item.get("from"), "from"), _year(item.get("to"), "to")
        if start is not None and end is not None and end < start:
            raise _Invalid(f"role {item['role']!r} ends before it starts")
        roles.append(Role(item["role"].strip(), start, end))
    return tuple(roles)


def _country_from(record: dict[str, Any]) -> Country:
    country_id = _string(record, "id", required=True)
    if not _COUNTRY_ID_RE.match(country_id):
        raise _Invalid(f"country id {country_id!r} is not an ISO alpha-2 code")
    return Country(
        id=country_id,
        name=_string(record, "name", required=True),
        en=_string(record, "en"),
        aliases=_strings(record, "aliases"),
    )


def _leader_from(record: dict[str, Any]) -> Leader:
    leader_id = _string(record, "id", required=True)
    if not _LEADER_ID_RE.match(leader_id):
        raise _Invalid(f"leader id {leader_id!r} must be lowercase ASCII words joined by '-'")
    country = _string(record, "country")
    if country and not _COUNTRY_ID_RE.match(country):
        raise _Invalid(f"country {country!r} is not an ISO alpha-2 code")
    return Leader(
        id=leader_id,
        name=_string(record, "name", required=True),
        en=_string(record, "en"),
        aliases=_strings(record, "aliases"),
        short=_strings(record, "short"),
        hanzi=_string(record, "hanzi"),
        country=country,
        roles=_roles(record),
    )


def _organisation_from(record: dict[str, Any]) -> Organisation:
    organisation_id = _string(record, "id", required=True)
    if not _LEADER_ID_RE.match(organisation_id):
        raise _Invalid(f"organisation id {organisation_id!r} must be lowercase ASCII words")
    weak = _strings(record, "weak")
    if not all(w.isupper() for w in weak):
        raise _Invalid('"weak" holds abbreviations in capitals')
    return Organisation(
        id=organisation_id,
        name=_string(record, "name", required=True),
        en=_string(record, "en"),
        aliases=_strings(record, "aliases"),
        weak=weak,
    )


_READERS = {"leader": _leader_from, "country": _country_from, "organisation": _organisation_from}
Entry = Country | Leader | Organisation


def _parse(line: str, kind: str | None) -> tuple[str, Entry]:
    try:
        record = json.loads(line)
    except json.JSONDecodeError as error:
        raise _Invalid(f"invalid JSON ({error.msg})") from None
    if not isinstance(record, dict):
        raise _Invalid("not a JSON object")
    stated = record.get("kind")
    if stated is not None and stated not in KINDS:
        raise _Invalid('"kind" must be "leader", "country" or "organisation"')
    if kind is None:
        if stated is None:
            raise _Invalid('missing "kind" ("leader", "country" or "organisation")')
        kind = stated
    elif stated is not None and stated != kind:
        raise _Invalid(f'"kind" is {stated!r} in a file of {kind} records')
    return kind, _READERS[kind](record)


def _lines(path: Path) -> Iterator[tuple[int, str]]:
    text = path.read_text(encoding="utf-8-sig")
    for number, line in enumerate(text.splitlines(), start=1):
        if line.strip() and not line.lstrip().startswith("#"):
            yield number, line


def _builtin_files(data_dir: Path) -> list[tuple[Path, str]]:
    countries = data_dir / COUNTRIES_FILE
    files = [(countries, "country")] if countries.is_file() else []
    organisations = data_dir / ORGANISATIONS_FILE
    files += [(organisations, "organisation")] if organisations.is_file() else []
    files += [(path, "leader") for path in sorted(data_dir.glob(LEADERS_GLOB))]
    return files


def _load_builtin(data_dir: Path) -> Gazetteer:
    gazetteer = Gazetteer()
    for path, kind in _builtin_files(data_dir):
        for number, line in _lines(path):
            try:
                _, entry = _parse(line, kind)
            except _Invalid as error:
                raise GazetteerError(f"{path}:{number}: {error}") from None
            table = gazetteer.table(kind)
            if entry.id in table:
                raise GazetteerError(f"{path}:{number}: duplicate {kind} id {entry.id!r}")
            table[entry.id] = entry
    return gazetteer


def _merge(old: Entry, new: Entry) -> Entry:
    """The user's record over a built-in one: list fields extend, other given fields override."""
    changes: dict[str, Any] = {}
    for name in old.__dataclass_fields__:
        old_value, new_value = getattr(old, name), getattr(new, name)
        if isinstance(old_value, tuple):
            changes[name] = _unique((*old_value, *new_value)) if name != "roles" else (
                (*old_value, *(r for r in new_value if r not in old_value))
            )
        elif new_value:
            changes[name] = new_value
    if new.name != old.name:
        # The old canonical form still names the entity in text.
        changes["aliases"] = _unique((*changes["aliases"], old.name))
    return replace(old, **changes)


def _apply_user_file(gazetteer: Gazetteer, path: Path) -> list[str]:
    warnings: list[str] = []
    try:
        lines = list(_lines(path))
    except (OSError, UnicodeDecodeError) as error:
        return [f"{path}: cannot read ({error})"]
    for number, line in lines:
        try:
            kind, entry = _parse(line, None)
        except _Invalid as error:
            warnings.append(f"{path}:{number}: {error}")
            continue
        table = gazetteer.table(kind)
        table[entry.id] = _merge(table[entry.id], entry) if entry.id in table else entry
    return warnings


def load_gazetteer(
    data_dir: Path | str | None = None, user_file: Path | str | None = None
) -> tuple[Gazetteer, list[str]]:
    """The built-in gazetteer plus the user's file; the warnings are the user lines skipped."""
    gazetteer = _load_builtin(Path(data_dir) if data_dir is not None else DEFAULT_DATA_DIR)
    warnings: list[str] = []
    if user_file is not None and Path(user_file).is_file():
        warnings = _apply_user_file(gazetteer, Path(user_file))
    return gazetteer, warnings
