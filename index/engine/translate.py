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

ENTITY_FIELDS = {"leader": "leaders", "country": "countries"}
_WORD_BOOST = 3.0

# pair field, folded pair ("hoi_dam") → the exact forms the index holds
PairForms = Callable[[str, str], "list[str]"]


class RunCheck(wq.Query):
    """Syllables in a row in one chunk of `field`, among the documents holding `pairs`."""

    def __init__(self, field: str, syllables: Sequence[Syllable], pairs: list[wq.Query]) -> None:
        self.field = field
        self.syllables = tuple(syllables)
        self.pairs = pairs
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
        pairs = [self._pair(field, syllables[i : i + 2]) for i in range(len(syllables) - 1)]
        if any(pair is wq.NullQuery for pair in pairs):
            return wq.NullQuery
        return pairs[0] if len(pairs) == 1 else RunCheck(field, syllables, pairs)

    def _pair(self, field: str, pair: Sequence[Syllable]) -> Any:
        name = f"{field}_pairs"
        forms = self.pair_forms(name, "_".join(s.folded for s in pair))
        allowed = [form for form in forms if _allowed(form, pair)]
        return _or([wq.Term(name, form) for form in allowed])


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
