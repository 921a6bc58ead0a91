"""Matching normalisation: variants fold together, and every folded span maps back to the exact original."""

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from checker.normalise.text import fold, normalise, phrase_pattern


def test_persian_and_arabic_letter_variants_fold_together():
    assert fold("ربیع‌الاول") == fold("ربيعالاول")  # Persian yeh, ZWNJ
    assert fold("كتاب") == fold("کتاب")  # Arabic kaf vs keheh
    assert fold("مدرسة") == fold("مدرسه")  # teh marbuta
    assert fold("مستشفى") == fold("مستشفي")  # alef maksura
    assert fold("أحمد") == fold("احمد") == fold("إحمد") == fold("آحمد")
    assert fold("مؤتمر") == fold("موتمر")
    assert fold("الثمانيَـــة") == fold("الثمانية")  # tatweel and fatha


def test_zwnj_present_or_missing_is_one_word():
    assert fold("می‌کند") == fold("میکند")
    assert re.fullmatch(phrase_pattern("سه شنبه"), fold("سه‌شنبه"))
    assert re.fullmatch(phrase_pattern("سه شنبه"), fold("سه شنبه"))
    assert re.fullmatch(phrase_pattern("سه شنبه"), fold("سهشنبه"))


def test_digits_spaces_and_marks():
    assert fold("۱۴۰۰") == fold("١٤٠٠") == "1400"
    assert fold("١٢٫٥٪") == "12.5%"
    assert fold("٬") == ","
    assert fold("a\u00a0b\u2009c") == "a b c"
    assert fold("\u200fالأربعاء\u200e") == fold("الاربعا") == "الاربعا"  # hamza is spelled or omitted freely
    assert fold("\u202eabc\u202c") == "abc"


def test_presentation_forms_fold_to_letters():
    # Lam-alef ligature and isolated forms, as found in old PDFs and spaCy's broken Arabic list.
    assert fold("\ufefb") == "لا"
    assert fold("\ufe8d\ufee0\ufecc\ufeb8\ufead") == fold("العشر")


def test_span_maps_back_to_exact_original_substring():
    source = "وزير الخارجية قال يوم الأربعاء\u200f ٦ أكتوبر ٢٠٢١م إنَّ"
    text = normalise(source)
    match = re.search(r"6 اكتوبر 2021", text.text)
    assert match
    assert text.original_text(*match.span()) == "٦ أكتوبر ٢٠٢١"
    match = re.search(r"الاربعا", text.text)
    assert text.original_text(*match.span()) == "الأربعاء"


def test_expansion_span_covers_whole_ligature():
    source = "x\ufdf2y"  # the Allah ligature expands to four letters
    text = normalise(source)
    assert text.text == "xاللهy"
    assert text.original_text(1, 5) == "\ufdf2"
    assert text.original_text(2, 3) == "\ufdf2"
    assert text.original_text(5, 6) == "y"


_mixed_text = st.text(
    alphabet=st.sampled_from(
        list("abcXYZ 0123456789\n")
        + list("ابتثجحخدذرزسشصضطظعغفقكلمنهويةىأإآؤئء")
        + list("پچژگکی")
        + list("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹٫٬٪")
        + ["\u200c", "\u200d", "\u200e", "\u200f", "\u061c", "\u202e", "\u2066", "\u0640", "\u064e", "\u0651"]
        + ["\u00a0", "\u2009", "\ufefb", "\ufdf2", "\ufe8d", "İ"]
    ),
    max_size=60,
)


@given(_mixed_text)
@settings(max_examples=300)
def test_every_folded_span_is_an_original_substring_that_folds_back(source):
    text = normalise(source)
    assert text.text == fold(source)
    length = len(text.text)
    for start in range(length):
        for end in range(start + 1, min(length, start + 6) + 1):
            first, last = text.span(start, end)
            assert 0 <= first < last <= len(source)
            # The original span folds to a string that contains the folded span we asked for.
            assert text.text[start:end] in fold(source[first:last])


@given(_mixed_text)
def test_offsets_are_monotonic(source):
    text = normalise(source)
    positions = [text.to_original(i) for i in range(len(text.text) + 1)]
    assert positions == sorted(positions)
    assert positions[-1] == len(source)


@given(st.text(alphabet=st.sampled_from(list("abc لا\u0644\u0627\ufefb\ufef5\u064b\u0651\u200c\u0640إأآيىكیک ۱٢3")), max_size=40))
def test_to_folded_is_the_inverse_of_to_original(text: str) -> None:
    from checker.normalise.text import normalise

    n = normalise(text)
    for original_index in range(len(text) + 1):
        expected = next((i for i in range(len(n.text)) if n.to_original(i) >= original_index), len(n.text))
        assert n.to_folded(original_index) == expected
