import os
import subprocess
import sys
import unicodedata
from collections import Counter
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from index.text.vietnamese import (
    SYLLABLE_RE,
    fold,
    normalise_term,
    old_tone_placement,
    words,
)

REPO = Path(__file__).resolve().parent.parent


def test_fold_strips_diacritics_and_maps_d_bar():
    assert fold("Đà Nẵng HỘI ĐÀM") == "da nang hoi dam"


def test_old_and_new_tone_placement_meet():
    assert old_tone_placement("hòa bình, thủy sản, khỏe") == "hoà bình, thuỷ sản, khoẻ"
    assert normalise_term("Thụy") == normalise_term("Thuỵ")
    # A final consonant or the qu- onset keeps the tone where it is.
    assert old_tone_placement("hoàng quý") == "hoàng quý"


def test_nfd_text_folds_like_nfc_after_normalisation():
    nfd = unicodedata.normalize("NFD", "Hội đàm")
    assert fold(unicodedata.normalize("NFC", nfd)) == "hoi dam"


def test_words_join_syllables_and_keep_offsets():
    text = "Chủ tịch nước Trần Đại Quang hội đàm tại TP.HCM."
    found = words(text)
    assert [w.text for w in found][:2] == ["chủ_tịch", "nước"]
    assert "hội_đàm" in [w.text for w in found]
    for word in found:
        source = text[word.start : word.end]
        assert normalise_term(source).replace(" ", "_").replace(".", "_").strip("_") == word.text


def test_words_survive_a_very_long_line():
    text = "Hội đàm cấp cao. " * 5000
    assert sum(1 for w in words(text) if w.text == "hội_đàm") == 5000


vietnamese_letters = st.sampled_from(
    list("aăâbcdđeêghiklmnoôơpqrstuưvxyáàảãạấầẩẫậéèẻẽẹốồổỗộớờởỡợúùủũụứừửữựíìỉĩịýỳỷỹỵ")
)


@given(
    st.text(alphabet=st.one_of(vietnamese_letters, st.sampled_from(" .,-0123456789")), max_size=80)
)
def test_fold_and_tone_placement_preserve_offsets(text):
    assert len(fold(text)) == len(text)
    assert len(old_tone_placement(text)) == len(text)
    folded = fold(text)
    for syllable in SYLLABLE_RE.finditer(text):
        assert folded[syllable.start() : syllable.end()] == fold(syllable.group())


def _pyvi_labels(text: str) -> tuple[list[str], list[int]]:
    """pyvi's own tokens and the labels its CRFsuite tagger gives them (1 for I_W)."""
    from pyvi.ViTokenizer import ViTokenizer

    _text, tokens = ViTokenizer.sylabelize(text)
    tagged = ViTokenizer.model.tagger_.tag(ViTokenizer.sent2features(tokens, False))
    return tokens, [int(label == "I_W") for label in tagged]


def _our_labels(tokens: list[str]) -> list[int]:
    from index.text.pyvi_model import pyvi_model

    crf = pyvi_model().crf
    return [int(label == crf.inside) for label in crf.labels(tokens, [(0, len(tokens))])]


def test_the_crf_labels_every_seed_token_as_pyvis_tagger_does():
    for path in sorted((REPO / "seeds").glob("*.txt")):
        for line in path.read_text(encoding="utf-8").splitlines():
            tokens, theirs = _pyvi_labels(line)
            if tokens:
                assert _our_labels(tokens) == theirs, (path.name, line[:60])


def test_the_crf_labels_real_news_as_pyvis_tagger_does(baomoi_sample, dantri_sample):
    """Over hundreds of thousands of tokens of the shared corpora: not one label differs."""
    files = sorted(baomoi_sample.rglob("*.txt"))[:150] + sorted(dantri_sample.rglob("*.txt"))[:150]
    compared = 0
    for path in files:
        for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
            tokens, theirs = _pyvi_labels(line)
            if tokens:
                assert _our_labels(tokens) == theirs, (path.name, line[:60])
                compared += len(tokens)
    assert compared > 100_000


def test_words_agree_with_pyvi_on_the_seeds():
    from pyvi.ViTokenizer import ViTokenizer

    for path in sorted((REPO / "seeds").glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        ours = [w.text for w in words(text)]
        theirs = [
            "_".join(SYLLABLE_RE.findall(token)).lower()
            for token in ViTokenizer.tokenize(old_tone_placement(text)).split()
            if SYLLABLE_RE.search(token)
        ]
        shared = sum((Counter(ours) & Counter(theirs)).values())
        assert shared / len(theirs) > 0.97, path.name


def test_segmenting_loads_no_scikit_learn_and_leaves_no_temporary_file(tmp_path):
    """pyvi's own loader imports scikit-learn and copies its model into a temporary file that a
    process ended from outside leaves behind; the index reads the model in memory."""
    temporary = tmp_path / "tmp"
    temporary.mkdir()
    script = (
        "import os, sys\n"
        "from index.text.vietnamese import words\n"
        "assert [w.text for w in words('Hai bên hội đàm')] == ['hai', 'bên', 'hội_đàm']\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('sklearn', 'scipy')))\n"
        "os._exit(0)\n"  # as a sub-writer ends: no clean-up of any kind
    )
    done = subprocess.run(
        [sys.executable, "-c", script],
        env={**os.environ, "TMPDIR": str(temporary), "PYTHONPATH": str(REPO)},
        capture_output=True,
        text=True,
        check=True,
    )
    assert done.stdout.strip() == "[]"
    assert list(temporary.iterdir()) == []
