"""pyvi's CRF labeller, scored in arrays: the labels CRFsuite gives, without building a feature
dictionary for every token.

pyvi asks CRFsuite to label each token B_W (begins a word) or I_W (continues one) from fifteen
features: the token, its neighbours, their case, and whether they form a known two- or
three-syllable word. Each feature present adds its weights to the token's label scores, and a
Viterbi search over two labels picks the best sequence. The weights are read from the model's own
bytes; the scores are summed in the order CRFsuite sums them and the search breaks ties as it does,
so the labels are the same, number for number.
"""

from __future__ import annotations

import itertools
import struct
from collections.abc import Sequence, Set
from dataclasses import dataclass

import numpy as np

_HEADER = struct.Struct("<4sI4sIIIIIIIII")
_CHUNK = struct.Struct("<4sII")
_STRING_DB = struct.Struct("<4sIIIII")
_RECORD = struct.Struct("<II")
_FEATURE = np.dtype([("type", "<u4"), ("src", "<u4"), ("dst", "<u4"), ("weight", "<f8")])
_STATE, _TRANSITION = 0, 1

_OWN, _PREVIOUS, _NEXT = "word.lower():", "-1:word.lower():", "+1:word.lower():"
# The flags pyvi gives, in the order its features list them (the order scores are summed in).
_FLAGS = (
    "bias",
    "word.isupper()",
    "word.istitle()",
    "word.isdigit()",
    "-1:word.istitle()",
    "-1:word.isupper()",
    "-1:word.bi_gram()",
    "-2:word.tri_gram()",
    "+1:word.istitle()",
    "+1:word.isupper()",
    "+1:word.bi_gram()",
    "+2:word.tri_gram()",
)


class CrfModelError(ValueError):
    """The model's bytes are not a CRFsuite model of two labels."""


def _strings(model: bytes, offset: int) -> list[str]:
    """A CRFsuite string table (CQDB), as its strings in id order."""
    chunk, _size, _flag, _order, count, backward = _STRING_DB.unpack_from(model, offset)
    if chunk != b"CQDB":
        raise CrfModelError("no string table where the header points")
    strings = []
    for position in struct.unpack_from(f"<{count}I", model, offset + backward):
        _id, length = _RECORD.unpack_from(model, offset + position)
        start = offset + position + _RECORD.size
        strings.append(model[start : start + length].rstrip(b"\0").decode("utf-8"))
    return strings


@dataclass(frozen=True)
class PyviCrf:
    """The model's weights, arranged for scoring whole token lists at once."""

    inside: int  # the label of a token that continues a word (I_W)
    flags: dict[str, np.ndarray]  # a flag's weights per label (zeros when the model lacks it)
    word_rows: dict[str, int]  # a lower-case token's row in the tables below; row 0: none
    bi_grams: np.ndarray  # known two-syllable words as sorted codes of their syllables' rows
    tri_grams: np.ndarray  # and three-syllable ones
    own: np.ndarray  # (rows, 2): weights of "word.lower():<token>"
    previous: np.ndarray  # of "-1:word.lower():<token>"
    following: np.ndarray  # of "+1:word.lower():<token>"
    transitions: tuple[tuple[float, float], tuple[float, float]]  # [from][to]

    @classmethod
    def from_model(cls, model: bytes, bi_grams: Set[str], tri_grams: Set[str]) -> PyviCrf:
        """Read CRFsuite's model format (header, features, label and attribute tables); the
        known words are pyvi's, lower case, their syllables joined by spaces ("hội đàm")."""
        fields = _HEADER.unpack_from(model, 0)
        if fields[0] != b"lCRF" or fields[2] != b"FOMC":
            raise CrfModelError("not a CRFsuite model")
        feature_offset, label_offset, attribute_offset = fields[7], fields[8], fields[9]
        labels = _strings(model, label_offset)
        if sorted(labels) != ["B_W", "I_W"]:
            raise CrfModelError(f"labels {labels}, not pyvi's B_W and I_W")
        attributes = _strings(model, attribute_offset)
        _chunk, _size, count = _CHUNK.unpack_from(model, feature_offset)
        features = np.frombuffer(model, _FEATURE, count, feature_offset + _CHUNK.size)
        return cls._arranged(labels, attributes, features, bi_grams, tri_grams)

    @classmethod
    def _arranged(
        cls,
        labels: list[str],
        attributes: list[str],
        features: np.ndarray,
        bi_grams: Set[str],
        tri_grams: Set[str],
    ) -> PyviCrf:
        transitions = [[0.0, 0.0], [0.0, 0.0]]
        flags = {name: np.zeros(2) for name in _FLAGS}
        tables: dict[str, dict[str, list[float]]] = {_OWN: {}, _PREVIOUS: {}, _NEXT: {}}
        for kind, source, label, weight in features.tolist():
            if kind == _TRANSITION:
                transitions[source][label] += weight
                continue
            name = attributes[source]
            if name in flags:
                flags[name][label] += weight
                continue
            for prefix, table in tables.items():
                if name.startswith(prefix):
                    table.setdefault(name[len(prefix) :], [0.0, 0.0])[label] += weight
        grams = [gram.split(" ") for gram in (*bi_grams, *tri_grams)]
        words = sorted(set().union(*tables.values(), *grams))
        word_rows = {word: row for row, word in enumerate(words, start=1)}

        def table(weights: dict[str, list[float]]) -> np.ndarray:
            array = np.zeros((len(words) + 1, 2))
            for word, pair in weights.items():
                array[word_rows[word]] = pair
            return array

        return cls(
            inside=labels.index("I_W"),
            flags=flags,
            word_rows=word_rows,
            own=table(tables[_OWN]),
            previous=table(tables[_PREVIOUS]),
            following=table(tables[_NEXT]),
            bi_grams=_codes([gram.split(" ") for gram in bi_grams], word_rows),
            tri_grams=_codes([gram.split(" ") for gram in tri_grams], word_rows),
            transitions=(tuple(transitions[0]), tuple(transitions[1])),
        )

    def labels(self, tokens: Sequence[str], chunks: Sequence[tuple[int, int]]) -> list[int]:
        """The label of every token: each [begin, end) chunk labelled as pyvi labels a sentence
        on its own. Tokens outside every chunk get label 0."""
        scores = self._scores(tokens, chunks)
        labelled = [0] * len(tokens)
        first, second = scores[:, 0].tolist(), scores[:, 1].tolist()
        for begin, end in chunks:
            labelled[begin:end] = self._viterbi(first[begin:end], second[begin:end])
        return labelled

    def _scores(self, tokens: Sequence[str], chunks: Sequence[tuple[int, int]]) -> np.ndarray:
        """(tokens, 2) label scores: every feature's weights added in pyvi's feature order."""
        count = len(tokens)
        lower = list(map(str.lower, tokens))
        rows = np.fromiter(map(self.word_rows.get, lower, itertools.repeat(0)), np.int64, count)
        upper = np.fromiter(map(str.isupper, tokens), bool, count)
        title = np.fromiter(map(str.istitle, tokens), bool, count)
        digit = np.fromiter(map(str.isdigit, tokens), bool, count)
        starts, ends = np.zeros(count, bool), np.zeros(count, bool)
        for begin, end in chunks:
            starts[begin], ends[end - 1] = True, True
        has_previous, has_next = ~starts, ~ends
        has_two_before = has_previous & np.concatenate(([False], has_previous[:-1]))
        has_two_after = has_next & np.concatenate((has_next[1:], [False]))
        # pair[i]: tokens i-1, i form a known word; triple[i]: tokens i-2, i-1, i do.
        base = len(self.word_rows) + 1
        pair, triple = np.zeros(count, bool), np.zeros(count, bool)
        pair[1:] = _members(rows[:-1] * base + rows[1:], self.bi_grams)
        triple[2:] = _members((rows[:-2] * base + rows[1:-1]) * base + rows[2:], self.tri_grams)
        before, after = _shifted_right, _shifted_left
        flag = self.flags
        scores = np.broadcast_to(flag["bias"], (count, 2)).copy()
        scores += self.own[rows]
        scores += upper[:, None] * flag["word.isupper()"]
        scores += title[:, None] * flag["word.istitle()"]
        scores += digit[:, None] * flag["word.isdigit()"]
        scores += has_previous[:, None] * self.previous[before(rows, 0)]
        scores += (has_previous & before(title, False))[:, None] * flag["-1:word.istitle()"]
        scores += (has_previous & before(upper, False))[:, None] * flag["-1:word.isupper()"]
        scores += (has_previous & pair)[:, None] * flag["-1:word.bi_gram()"]
        scores += (has_two_before & triple)[:, None] * flag["-2:word.tri_gram()"]
        scores += has_next[:, None] * self.following[after(rows, 0)]
        scores += (has_next & after(title, False))[:, None] * flag["+1:word.istitle()"]
        scores += (has_next & after(upper, False))[:, None] * flag["+1:word.isupper()"]
        scores += (has_next & after(pair, False))[:, None] * flag["+1:word.bi_gram()"]
        scores += (has_two_after & after(after(triple, False), False))[:, None] * flag[
            "+2:word.tri_gram()"
        ]
        return scores

    def _viterbi(self, first: list[float], second: list[float]) -> list[int]:
        """CRFsuite's Viterbi over two labels: on a tie the lower label wins, at every step."""
        (
            (from_first_to_first, from_first_to_second),
            (from_second_to_first, from_second_to_second),
        ) = self.transitions
        count = len(first)
        back_first, back_second = bytearray(count), bytearray(count)
        best_first, best_second = first[0], second[0]
        for t in range(1, count):
            stay, switch = best_first + from_first_to_first, best_second + from_second_to_first
            if switch > stay:
                stay, back_first[t] = switch, 1
            keep, cross = best_first + from_first_to_second, best_second + from_second_to_second
            if cross > keep:
                keep, back_second[t] = cross, 1
            best_first, best_second = stay + first[t], keep + second[t]
        label = 1 if best_second > best_first else 0
        labels = [0] * count
        labels[-1] = label
        for t in range(count - 1, 0, -1):
            label = back_second[t] if label else back_first[t]
            labels[t - 1] = label
        return labels


def _codes(grams: list[list[str]], rows: dict[str, int]) -> np.ndarray:
    """Each n-gram as one number, its syllables' rows as digits (unique: every row < base)."""
    base = len(rows) + 1
    codes = []
    for gram in grams:
        code = 0
        for word in gram:
            code = code * base + rows[word]
        codes.append(code)
    return np.unique(np.array(codes, dtype=np.int64))


def _members(codes: np.ndarray, known: np.ndarray) -> np.ndarray:
    if not len(codes) or not len(known):
        return np.zeros(len(codes), bool)
    found = np.minimum(np.searchsorted(known, codes), len(known) - 1)
    return known[found] == codes


def _shifted_right(values: np.ndarray, fill: object) -> np.ndarray:
    """values[i - 1] at i (fill at 0)."""
    return np.concatenate(([fill], values[:-1])).astype(values.dtype, copy=False)


def _shifted_left(values: np.ndarray, fill: object) -> np.ndarray:
    """values[i + 1] at i (fill at the end)."""
    return np.concatenate((values[1:], [fill])).astype(values.dtype, copy=False)
