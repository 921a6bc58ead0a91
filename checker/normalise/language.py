"""Which language a text is in, from script and lexical cues kept in checker/lang/<code>/language.toml."""

from __future__ import annotations

import re
from functools import lru_cache

from checker.lang import LANGUAGES, load
from checker.normalise.text import fold

_ARABIC_SCRIPT = re.compile("[\u0600-\u06ff\u0750-\u077f\ufb50-\ufdff\ufe70-\ufefe]")
_LATIN_LETTER = re.compile("[A-Za-z\u00c0-\u024f]")
_WORD = re.compile(r"\w+")


@lru_cache(maxsize=None)
def _cues(lang: str) -> tuple[str, frozenset[str], frozenset[str]]:
    cues = load(lang).cues
    return cues.script, frozenset(cues.letters), frozenset(fold(w) for w in cues.words)


def script_of(text: str) -> str | None:
    """"arabic" or "latin", whichever has more characters in `text`; None if it has neither."""
    arabic = len(_ARABIC_SCRIPT.findall(text))
    latin = len(_LATIN_LETTER.findall(text))
    if not arabic and not latin:
        return None
    return "arabic" if arabic >= latin else "latin"


_UNKNOWN = object()


def detect_language(text: str, default: str = "en", script: str | None | object = _UNKNOWN) -> str:
    """The language of `text`: the script picks the candidates, distinctive letters and words pick among
    them. `script` skips counting letters when the caller knows it already (a layout block)."""
    # With no letters, digits still tell something: Persian and Arabic-Indic digits are distinctive letters.
    if script is _UNKNOWN:
        script = script_of(text)
    words = _WORD.findall(fold(text))
    best, best_score = default, 0.0
    for lang in LANGUAGES:
        lang_script, letters, function_words = _cues(lang)
        if script is not None and lang_script != script:
            continue
        score = sum(1 for ch in text if ch in letters) + 2 * sum(1 for w in words if w in function_words)
        if score > best_score:
            best, best_score = lang, score
    if best_score == 0 and script is not None:
        # No distinctive cue: the first language of the script is the best guess.
        best = next((lang for lang in LANGUAGES if _cues(lang)[0] == script), default)
    return best


def language_order(text: str, lang: str | None = None) -> tuple[str, ...]:
    """Languages whose tables read `text`, most likely first; words the first does not know fall to the next."""
    primary = lang if lang and lang != "auto" else detect_language(text)
    return (primary, *(other for other in LANGUAGES if other != primary))
