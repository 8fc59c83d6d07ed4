"""What a compiled query asks of the engine: plain dataclasses, no Whoosh.

The search layer turns what a user typed into this plan; the engine evaluates it into document
sets, scores and highlight spans. Every text condition is a `Run`: syllables that must stand
next to each other, in order, within one chunk of the title or the body.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Syllable:
    """One typed syllable: its folded form, and its exact form when typed with marks (then only
    that form matches) or None (then every form does)."""

    folded: str
    exact: str | None = None


@dataclass(frozen=True)
class Run:
    """Syllables adjacent in one chunk; `title_only` limits it to the title. `word` is the exact
    form as typed ("hội_đàm"), which adds to the score where pyvi found that word."""

    syllables: tuple[Syllable, ...]
    title_only: bool = False
    word: str = ""


@dataclass(frozen=True)
class Tagged:
    """Articles tagged with an entity: `kind` is "leader", "country" or "organisation"."""

    kind: str
    entity_id: str


@dataclass(frozen=True)
class AllOf:
    children: tuple[Plan, ...]


@dataclass(frozen=True)
class AnyOf:
    children: tuple[Plan, ...]


@dataclass(frozen=True)
class NoneOf:
    """Every article that `child` does not match."""

    child: Plan


@dataclass(frozen=True)
class Everything:
    pass


Plan = Run | Tagged | AllOf | AnyOf | NoneOf | Everything


def positive_runs(plan: Plan) -> list[Run]:
    """The runs whose occurrences a match shows (none under a negation), in query order."""
    if isinstance(plan, Run):
        return [plan]
    if isinstance(plan, AllOf | AnyOf):
        return [run for child in plan.children for run in positive_runs(child)]
    return []
