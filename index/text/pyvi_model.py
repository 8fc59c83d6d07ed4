"""pyvi's word segmentation model and word list, read from the installed pyvi package.

pyvi's `ViTokenizer` unpickles its CRF as a `sklearn_crfsuite.CRF`: that imports scikit-learn and
SciPy (a second and about a hundred megabytes in every process that segments text), and copies
the model into a temporary file that stays behind when the process is ended from outside. The
pickle holds the model's bytes; they are read here, and the CRF's weights taken from them
(`PyviCrf`), so the labels are those pyvi's CRF gives.
"""

from __future__ import annotations

import io
import pickle
from dataclasses import dataclass
from functools import lru_cache
from importlib.resources import files
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from index.text.pyvi_crf import PyviCrf

_MODEL_FILE = "pyvi3.pkl"
_MODEL_BYTES = "__FILE_RESOURCE_DATA__"  # where sklearn_crfsuite's FileResource pickles them


@dataclass(frozen=True)
class PyviModel:
    crf: PyviCrf  # the labeller, with the weights of pyvi's CRF
    bi_grams: frozenset[str]  # pyvi's words of two syllables, lower case ("hội đàm")
    tri_grams: frozenset[str]  # and of three


class _State:
    """Stands for any object of the pickle but its bytes (the estimator, its file, its training
    settings as NumPy scalars): keeps its state, imports nothing."""

    def __init__(self, *_arguments: Any) -> None:
        pass

    def __setstate__(self, state: Any) -> None:
        if isinstance(state, dict):
            self.__dict__.update(state)


class _ModelUnpickler(pickle.Unpickler):
    def find_class(self, module: str, name: str) -> Any:
        if (module, name) == ("_codecs", "encode"):  # how protocol 2 writes bytes
            return super().find_class(module, name)
        return _State


@lru_cache(maxsize=1)
def pyvi_model() -> PyviModel:
    """Read once per process, by the first caller that segments (searching never does)."""
    from index.text.pyvi_crf import PyviCrf  # brings numpy: not for processes that only search

    models = files("pyvi") / "models"
    estimator = _ModelUnpickler(io.BytesIO((models / _MODEL_FILE).read_bytes())).load()
    model_bytes = estimator.modelfile.__dict__[_MODEL_BYTES]
    bi_grams, tri_grams = set(), set()
    # Read as pyvi reads it: lines split at "\n" alone.
    for line in (models / "words.txt").read_bytes().decode("utf-8").split("\n"):
        syllables = line.count(" ") + 1
        if syllables == 2:
            bi_grams.add(line)
        elif syllables == 3:
            tri_grams.add(line)
    return PyviModel(
        PyviCrf.from_model(model_bytes, bi_grams, tri_grams),
        frozenset(bi_grams),
        frozenset(tri_grams),
    )
