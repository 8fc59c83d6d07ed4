"""How many of a set of articles name each leader and each country: the facet counts."""

from __future__ import annotations

import numpy as np

from index.engine.matches import MatchFinder


class EntityCounter:
    """Counts one entity field's terms over sets of documents of one opened index."""

    def __init__(self, finder: MatchFinder, field: str) -> None:
        reader = finder.searcher.reader()
        self.size = finder.searcher.doc_count_all()
        self.ids: list[str] = list(reader.field_terms(field))
        docs: list[np.ndarray] = []
        codes: list[np.ndarray] = []
        for code, entity_id in enumerate(self.ids):
            named_in = finder.term(field, entity_id)
            docs.append(np.fromiter(named_in, dtype=np.int64, count=len(named_in)))
            codes.append(np.full(len(named_in), code, dtype=np.int64))
        # One (document, entity) pair per article naming an entity.
        self._docs = np.concatenate(docs) if docs else np.zeros(0, dtype=np.int64)
        self._codes = np.concatenate(codes) if codes else np.zeros(0, dtype=np.int64)

    def counts(self, docnums: set[int]) -> dict[str, int]:
        """Entity id → how many of the documents name it (if any do)."""
        inside = np.zeros(self.size, dtype=bool)
        inside[np.fromiter(docnums, dtype=np.int64, count=len(docnums))] = True
        counted = np.bincount(self._codes[inside[self._docs]], minlength=len(self.ids))
        return {self.ids[code]: int(counted[code]) for code in np.flatnonzero(counted)}
