"""A name's consonant skeleton, in any script: Lavrov / لافروف / لاوروف -> lfrf, Stoltenberg / ستولتنبرغ /
ستولتنبرج / استولتنبرگ -> stltnbrk.

A word is reduced with the per-language `[romanise]` table in checker/lang/<code>/language.toml (letters
that mostly write vowels drop, since Arabic script leaves short vowels out). Which skeletons name the same
thing is alignment's question (checker/align/names.py).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from functools import lru_cache
from types import MappingProxyType

from checker.lang import LANGUAGES, load
from checker.normalise.text import fold, phrase_key

_WORD = re.compile(r"[^\W\d_]+")
NO_ALIASES: Mapping[str, str] = MappingProxyType({})


@lru_cache(maxsize=None)
def _rules(lang: str) -> tuple[tuple[str, ...], Mapping[str, str], dict[str, str], dict[str, str]]:
    rules = load(lang).cues.romanise
    prefixes = tuple(sorted((fold(p) for p in rules.drop_prefixes), key=len, reverse=True))
    return prefixes, rules.digraphs, _folded_keys(rules.letters), _folded_keys(rules.final)


def _folded_keys(table: Mapping[str, str]) -> dict[str, str]:
    """Letters keyed as the folded text shows them. Where two letters fold to one (ة to ه), the letter
    that is its own folded form decides: ه is h, even though ة, which folds to it, is a vowel."""
    out = {fold(k) or k: v for k, v in table.items() if (fold(k) or k) != k}
    out.update({k: v for k, v in table.items() if (fold(k) or k) == k})
    return out


def _owner(word: str) -> str | None:
    """The language whose table romanises the word: the first that knows all its letters, else the most."""
    best, best_known = None, 0
    for lang in LANGUAGES:
        letters = _rules(lang)[2]
        known = sum(ch in letters for ch in word)
        if known == len(word):
            return lang
        if known > best_known:
            best, best_known = lang, known
    return best


@lru_cache(maxsize=65_536)
def skeleton(word: str) -> str:
    """The consonant skeleton of one word in any script we have a table for ('' if it has none)."""
    folded = fold(word).replace(" ", "")
    owner = _owner(folded)
    if owner is None:
        return ""
    prefixes, digraphs, letters, final = _rules(owner)
    folded = _without_prefix(folded, prefixes)
    for pair, sound in digraphs.items():
        folded = folded.replace(pair, sound.upper())  # upper case marks an already romanised sound
    out: list[str] = []
    for index, ch in enumerate(folded):
        if ch.isupper():
            sound = ch.lower()
        elif index == len(folded) - 1 and ch in final:
            sound = final[ch]
        else:
            sound = letters.get(ch, "")
        if sound and not (out and out[-1] == sound):  # doubled letters (Russia, Kremlin's ll) are one
            out.append(sound)
    return "".join(out)


def _without_prefix(folded: str, prefixes: tuple[str, ...]) -> str:
    """The word without the first (longest) prefix that leaves three letters or more (ال, a prosthetic ا)."""
    for prefix in prefixes:
        if folded.startswith(prefix) and len(folded) - len(prefix) >= 3:
            return folded[len(prefix) :]
    return folded


def name_keys(text: str, aliases: Mapping[str, str] = NO_ALIASES) -> set[str]:
    """Skeletons of the words of `text` that can carry a name (three letters or more, not a function word);
    `aliases` maps the skeleton of a configured spelling to its name's (checker.config.Config.name_aliases)."""
    keys = {s for w in _WORD.findall(fold(text)) if len(w) >= 3 and w not in _function_words() and (s := skeleton(w))}
    return {aliases.get(k, k) for k in keys}


@lru_cache(maxsize=1)
def _function_words() -> frozenset[str]:
    return frozenset(fold(w) for lang in LANGUAGES for w in load(lang).cues.words)


@lru_cache(maxsize=1)
def _name_words() -> tuple[frozenset[str], frozenset[str], int]:
    """Phrase keys of every language's titles and honorifics (checker/lang/<code>/names.toml), those of its
    words of descent, and the most words a title has."""
    names = [load(lang).names for lang in LANGUAGES]
    before = [t for n in names for t in (*n.titles, *n.honorifics)]
    longest = max((len(fold(t).split()) for t in before), default=1)
    return frozenset(phrase_key(t) for t in before), frozenset(phrase_key(w) for n in names for w in n.lineage), longest


def _without_titles(words: list[str], titles: frozenset[str], lineage: frozenset[str], longest: int) -> list[str]:
    """The words after every title and honorific in front (His Majesty King Salman -> Salman), written
    joined or apart (آیت‌الله, آیت الله). A title stays when no name follows it: Sultan bin Abdulaziz is a
    man called Sultan, and "King" alone is all there is."""
    start = 0
    while True:
        for size in range(min(longest, len(words) - start - 1), 0, -1):
            rest = words[start + size :]
            if phrase_key("".join(words[start : start + size])) in titles and rest and phrase_key(rest[0]) not in lineage:
                start += size
                break
        else:
            return words[start:]


def name_parts(name: str) -> tuple[str, tuple[str, ...]]:
    """A person's name as its own part and its chain of descent, each a skeleton: titles and honorifics
    left out, digits as written. «الملك سلمان بن عبدالعزيز» and King Salman bin Abdulaziz give
    ('slmn', ('bdlz',)); King Salman gives ('slmn', ())."""
    titles, lineage, longest = _name_words()
    words = _without_titles(re.findall(r"\d+|[^\W\d_]+", fold(name)), titles, lineage, longest)
    groups: list[list[str]] = [[]]
    for index, word in enumerate(words):
        if index and phrase_key(word) in lineage and index + 1 < len(words):
            groups.append([])
        else:
            groups[-1].append(word)
    own = "".join(w if w.isdigit() else skeleton(w) for w in groups[0])
    # A forebear is read as one word, so that عبد العزيز, عبدالعزيز and Abdul Aziz give one skeleton.
    return own, tuple(skeleton("".join(group)) for group in groups[1:])


def person_skeleton(name: str) -> str:
    """The skeleton of a whole name, its words joined, titles and honorifics in front left out; digits stay
    as written (the 2020 and the 2024 election are two subjects). The chain of descent is kept: compare
    with `name_parts` where it may be left out."""
    own, forebears = name_parts(name)
    return own + "".join(forebears)
