"""A query plan (`index.engine.plan`) as Whoosh queries over the schema's fields.

A run of one syllable is one term (folded, or exact when typed with marks); a run of two is the
forms of its pair that its marks allow; a longer run is a `RunCheck`: the documents holding all
its pairs, checked in the syllable column. Each run also asks, for ranking only, for the pyvi
word written as typed.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from whoosh import query as wq

from index.engine.plan import AllOf, AnyOf, Everything, NoneOf, Plan, Run, Syllable, Tagged
from index.model import ENTITY_FIELDS

_WORD_BOOST = 3.0

# pair field, folded pair ("hoi_dam") → the exact forms the index holds
PairForms = Callable[[str, str], "list[str]"]


_MAX_NEEDLES = 64


class RunCheck(wq.Query):
    """Syllables in a row in one chunk of `field`, among the documents holding `pairs`.
    `needles` are the exact forms the run can take, chained from the forms of its pairs (None
    when there are too many to try one by one): each is looked for in the column's bytes."""

    def __init__(
        self,
        field: str,
        syllables: Sequence[Syllable],
        pairs: list[wq.Query],
        needles: tuple[bytes, ...] | None,
    ) -> None:
        self.field = field
        self.syllables = tuple(syllables)
        self.pairs = pairs
        self.needles = needles
        self.boost = 1.0

    def __repr__(self) -> str:
        return f"RunCheck({self.field!r}, {[s.folded for s in self.syllables]})"


class Translator:
    """Turns plans into Whoosh queries against one opened index's pair forms."""

    def __init__(self, pair_forms: PairForms) -> None:
        self.pair_forms = pair_forms

    def query(self, plan: Plan) -> Any:
        if isinstance(plan, Run):
            return self._run(plan)
        if isinstance(plan, Tagged):
            return wq.Term(ENTITY_FIELDS[plan.kind], plan.entity_id)
        if isinstance(plan, NoneOf):
            return wq.Not(self.query(plan.child))
        if isinstance(plan, AnyOf):
            return _or([self.query(child) for child in plan.children])
        if isinstance(plan, AllOf):
            return self._all(plan)
        assert isinstance(plan, Everything)
        return wq.Every()

    def _all(self, plan: AllOf) -> Any:
        parts = [self.query(child) for child in plan.children]
        if not parts:
            return wq.Every()
        if all(isinstance(part, wq.Not) for part in parts):
            parts.insert(0, wq.Every())
        return parts[0] if len(parts) == 1 else wq.And(parts)

    def _run(self, run: Run) -> Any:
        fields = ("title",) if run.title_only else ("title", "body")
        required = _or([self._run_in(field, run.syllables) for field in fields])
        if not run.word or required is wq.NullQuery:
            return required
        bonus = [wq.Term(f"{field}_words", run.word, boost=_WORD_BOOST) for field in fields]
        return wq.AndMaybe(required, _or(bonus))

    def _run_in(self, field: str, syllables: Sequence[Syllable]) -> Any:
        if len(syllables) == 1:
            (syllable,) = syllables
            if syllable.exact is None:
                return wq.Term(f"{field}_fold", syllable.folded)
            return wq.Term(f"{field}_marked", syllable.exact)
        name = f"{field}_pairs"
        forms = [self._pair(name, syllables[i : i + 2]) for i in range(len(syllables) - 1)]
        needles = _chain(forms)
        if not all(forms) or needles == ():
            return wq.NullQuery
        pairs = [_or([wq.Term(name, form) for form in allowed]) for allowed in forms]
        return pairs[0] if len(pairs) == 1 else RunCheck(field, syllables, pairs, needles)

    def _pair(self, name: str, pair: Sequence[Syllable]) -> list[str]:
        """The forms of the pair in the index that keep its typed marks ("hội_đàm")."""
        forms = self.pair_forms(name, "_".join(s.folded for s in pair))
        return [form for form in forms if _allowed(form, pair)]


def _chain(forms: list[list[str]]) -> tuple[bytes, ...] | None:
    """Every exact form of a run whose consecutive pairs have the given forms, as the column
    writes it ("hội nghị thượng đỉnh"); None when there are more than _MAX_NEEDLES."""
    runs = [form.split("_") for form in forms[0]]
    for pair_forms in forms[1:]:
        runs = [
            [*run, second]
            for run in runs
            for first, second in (form.split("_") for form in pair_forms)
            if first == run[-1]
        ]
        if len(runs) > _MAX_NEEDLES:
            return None
    return tuple(" ".join(run).encode() for run in runs)


def _allowed(form: str, pair: Sequence[Syllable]) -> bool:
    """Does the indexed form keep the marks of every syllable typed with them?"""
    parts = form.split("_")
    return len(parts) == len(pair) and all(
        s.exact is None or s.exact == part for s, part in zip(pair, parts, strict=True)
    )


def _or(parts: list[Any]) -> Any:
    parts = [part for part in parts if part is not wq.NullQuery]
    if not parts:
        return wq.NullQuery
    return parts[0] if len(parts) == 1 else wq.Or(parts)
