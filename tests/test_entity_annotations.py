"""The tagger scored on 94 real articles annotated by hand before the tagger ever ran on them.

`tests/data/entity_annotations*.jsonl` hold only ids and labels (see their `.md`); the articles are
read from `../shared/corpus` through the product's own reader, and the test skips cleanly without
it. Scores are micro precision, recall and F1 over (article, entity) pairs, per kind.
"""

from __future__ import annotations

import json
import tarfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

import pytest

from index.build.annotate import Annotator
from index.entities import load_gazetteer
from index.ingest.articles import read_text_file
from index.text.vietnamese import SYLLABLE_RE, fold

# The second file was annotated after the tagger's rules were written: articles none of them saw.
DATA_FILES = (
    Path(__file__).parent / "data" / "entity_annotations.jsonl",
    Path(__file__).parent / "data" / "entity_annotations_heldout.jsonl",
)
SHARED_CORPUS = Path(__file__).resolve().parent.parent.parent / "shared" / "corpus"
ARCHIVES = {
    "baomoi": ("baomoi-2017.tar.xz", "baomoi"),
    "dantri": ("dantri-unc.tar.xz", "dantri-unc"),
}

# The annotation's organisation keys and the gazetteer ids they stand for.
ORGANISATION_IDS = {
    "UN": "un", "UNSC": "unsc", "UNGA": "unga", "ECOSOC": "ecosoc", "HRC": "unhrc",
    "UNESCO": "unesco", "UNICEF": "unicef", "WHO": "who", "FAO": "fao", "ILO": "ilo",
    "IAEA": "iaea", "UNHCR": "unhcr", "UNDP": "undp", "WFP": "wfp", "WIPO": "wipo",
    "ASEAN": "asean", "APEC": "apec", "EU": "eu", "NATO": "nato", "WTO": "wto", "IMF": "imf",
    "WB": "wb", "ADB": "adb", "AIIB": "aiib", "G7": "g7", "G20": "g20", "BRICS": "brics",
    "OPEC": "opec", "AU": "au", "SCO": "sco", "QUAD": "quad", "MLC": "mlc", "MRC": "mrc",
    "OECD": "oecd", "WEF": "wef", "ICC": "icc", "ICJ": "icj", "PCA": "pca",
    "INTERPOL": "interpol", "EAS": "eas", "ARF": "arf", "AIPA": "aipa", "IPU": "ipu",
    "GCC": "gcc", "ARAB LEAGUE": "arab-league", "OSCE": "osce", "ICRC": "icrc",
}
THRESHOLDS = {"leaders": 0.95, "countries": 0.97, "organisations": 0.95}


@dataclass
class Score:
    true_positives: int = 0
    false_positives: int = 0
    false_negatives: int = 0

    def add(self, gold: int, found: int, matched: int) -> None:
        self.true_positives += matched
        self.false_positives += found - matched
        self.false_negatives += gold - matched

    def precision(self) -> float:
        found = self.true_positives + self.false_positives
        return self.true_positives / found if found else 1.0

    def recall(self) -> float:
        gold = self.true_positives + self.false_negatives
        return self.true_positives / gold if gold else 1.0

    def f1(self) -> float:
        p, r = self.precision(), self.recall()
        return 2 * p * r / (p + r) if p + r else 0.0


def folded_name(name: str) -> str:
    return " ".join(fold(w).lower() for w in SYLLABLE_RE.findall(name))


def read_annotations() -> list[dict]:
    return [
        json.loads(line)
        for data in DATA_FILES
        for line in data.read_text(encoding="utf-8").splitlines()
        if line
    ]


def extract_articles(records: list[dict], target: Path) -> dict[str, Path]:
    """Only the annotated members of each archive, unpacked under `target`."""
    paths: dict[str, Path] = {}
    for corpus, (archive, folder) in ARCHIVES.items():
        wanted = {f"{folder}/{r['file']}": r["id"] for r in records if r["corpus"] == corpus}
        with tarfile.open(SHARED_CORPUS / archive) as tar:
            for member in tar:
                if member.name in wanted:
                    tar.extract(member, target, filter="data")
                    paths[wanted[member.name]] = target / member.name
    return paths


def leader_forms(annotator: Annotator) -> Callable[[str, Iterable], set[str]]:
    """A tagged leader id → every folded form of its name (gazetteer names, or as discovered)."""
    gazetteer, _ = load_gazetteer()
    forms = {k: {folded_name(n) for n in v.names} for k, v in gazetteer.leaders.items()}

    def of(leader_id: str, discovered: Iterable) -> set[str]:
        found = {folded_name(d.name) for d in discovered if d.id == leader_id}
        return forms.get(leader_id, set()) | found

    return of


def score_all(records: list[dict], paths: dict[str, Path], annotator: Annotator) -> dict:
    scores = {kind: Score() for kind in THRESHOLDS}
    misses: list[tuple[str, str, str]] = []
    forms_of = leader_forms(annotator)
    for record in records:
        path = paths[record["id"]]
        article = read_text_file(path, path.read_bytes(), source=record["corpus"])
        annotation = annotator.annotate(article)
        discovered = getattr(annotation, "discovered", ())
        gold_leaders = {folded_name(leader["name"]) for leader in record["leaders"]}
        tagged = [forms_of(i, discovered) for i in annotation.leaders]
        matched = {g for g in gold_leaders if any(g in forms for forms in tagged)}
        right_tags = sum(1 for forms in tagged if forms & gold_leaders)
        scores["leaders"].add(len(gold_leaders), len(tagged), min(len(matched), right_tags))
        misses += [(record["id"], "leader-", g) for g in gold_leaders - matched]
        wrong = [i for i, f in zip(annotation.leaders, tagged, strict=True) if not f & gold_leaders]
        misses += [(record["id"], "leader+", i) for i in wrong]
        for kind, gold, found in (
            ("countries", set(record["countries"]), set(annotation.countries)),
            ("organisations", {ORGANISATION_IDS.get(k.upper(), k) for k in record["organisations"]},
             set(getattr(annotation, "organisations", ()))),
        ):
            scores[kind].add(len(gold), len(found), len(gold & found))
            misses += [(record["id"], f"{kind}-", x) for x in sorted(gold - found)]
            misses += [(record["id"], f"{kind}+", x) for x in sorted(found - gold)]
    return {"scores": scores, "misses": misses}


@pytest.fixture(scope="module")
def scored(tmp_path_factory: pytest.TempPathFactory) -> dict:
    if not all((SHARED_CORPUS / archive).is_file() for archive, _ in ARCHIVES.values()):
        pytest.skip("../shared/corpus is absent")
    records = read_annotations()
    paths = extract_articles(records, tmp_path_factory.mktemp("annotated"))
    assert len(paths) == len(records)
    annotator = Annotator(user_file=tmp_path_factory.mktemp("user") / "none.jsonl")
    return score_all(records, paths, annotator)


def test_the_annotated_set_is_complete() -> None:
    records = read_annotations()
    assert len(records) >= 90
    assert len({r["id"] for r in records}) == len(records)


@pytest.mark.parametrize("kind", sorted(THRESHOLDS))
def test_tagger_f1_on_the_annotated_articles(scored: dict, kind: str) -> None:
    score = scored["scores"][kind]
    misses = [m for m in scored["misses"] if m[1].rstrip("+-") in (kind, kind.removesuffix("s"))]
    summary = f"P {score.precision():.3f} R {score.recall():.3f} F1 {score.f1():.3f}"
    assert score.f1() >= THRESHOLDS[kind], (summary, misses)
