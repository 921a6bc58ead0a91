"""Names across scripts: Lavrov / لافروف / لاوروف, Stoltenberg / ستولتنبرغ / ستولتنبرج / استولتنبرگ.

A word is reduced to a consonant skeleton with the per-language `[romanise]` table in
checker/lang/<code>/language.toml (letters that mostly write vowels drop, since Arabic script leaves
short vowels out), and two skeletons name the same thing when rapidfuzz finds them close enough.
"""

from __future__ import annotations

import re
from functools import lru_cache

from rapidfuzz import fuzz

from checker.lang import LANGUAGES, table
from checker.normalise.text import fold, phrase_key

SAME_NAME_SCORE = 80  # lfrf (Lavrov, لافروف) against lrf (لاوروف) scores 86
MIN_SKELETON = 3  # shorter skeletons (rs: Russia, روسيه) must match exactly
_WORD = re.compile(r"[^\W\d_]+")


@lru_cache(maxsize=None)
def _rules(lang: str) -> tuple[tuple[str, ...], dict[str, str], dict[str, str], dict[str, str]]:
    data = table(lang, "language").get("romanise", {})
    prefixes = tuple(sorted((fold(p) for p in data.get("drop_prefixes", [])), key=len, reverse=True))
    return prefixes, data.get("digraphs", {}), _folded_keys(data.get("letters", {})), _folded_keys(data.get("final", {}))


def _folded_keys(table: dict[str, str]) -> dict[str, str]:
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
    for prefix in prefixes:
        if folded.startswith(prefix) and len(folded) - len(prefix) >= 3:
            folded = folded[len(prefix) :]
            break
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


def same_name(a: str, b: str) -> bool:
    """Whether two skeletons are one name written in two ways."""
    if not a or not b:
        return False
    if min(len(a), len(b)) < MIN_SKELETON:
        return a == b
    return fuzz.ratio(a, b) >= SAME_NAME_SCORE


# skeleton of a configured spelling -> skeleton of its name (checker/config.py)
_ALIASES: dict[str, str] = {}


def set_aliases(aliases: dict[str, tuple[str, ...]]) -> None:
    """Spellings of one name that the letter tables do not join (Zelensky, Zelenskyy, زيلينسكي)."""
    _ALIASES.clear()
    for name, spellings in aliases.items():
        for spelling in spellings:
            for word_skeleton, name_skeleton in zip(map(skeleton, spelling.split()), map(skeleton, name.split())):
                if word_skeleton and name_skeleton:
                    _ALIASES[word_skeleton] = name_skeleton


def name_keys(text: str) -> set[str]:
    """Skeletons of the words of `text` that can carry a name (three letters or more, not a function word)."""
    keys = {s for w in _WORD.findall(fold(text)) if len(w) >= 3 and w not in _function_words() and (s := skeleton(w))}
    return {_ALIASES.get(k, k) for k in keys}


@lru_cache(maxsize=1)
def _function_words() -> frozenset[str]:
    return frozenset(fold(w) for lang in LANGUAGES for w in table(lang, "language").get("words", []))


def canonical_names(skeletons: list[str]) -> dict[str, str]:
    """Map skeletons to one representative of those in the list that name the same thing (lrf -> lfrf:
    لاوروف and Lavrov); skeletons that stand alone are left out. Compared with rapidfuzz only within
    blocks of one first letter, last letter and length, and against the block one letter longer, so a
    large run costs many small matrices, not one comparison per pair of names."""
    from rapidfuzz import process

    blocks: dict[tuple[str, str, int], list[str]] = {}
    for name in sorted(set(skeletons)):
        if len(name) >= MIN_SKELETON:
            blocks.setdefault((name[0], name[-1], len(name)), []).append(name)
    # Each name maps to the first spelling it matches directly: no chains, so that a run of near names
    # (stltnbrk, stltnbr, sltnbr, ...) does not pull unrelated ones together.
    canonical: dict[str, str] = {}
    for (first, last, length), block in blocks.items():
        for other in (block, blocks.get((first, last, length + 1), [])):
            if not other:
                continue
            scores = process.cdist(block, other, scorer=fuzz.ratio, score_cutoff=SAME_NAME_SCORE, dtype="uint8")
            for i, j in zip(*scores.nonzero()):
                a, b = sorted((block[i], other[j]))
                if a != b and a < canonical.get(b, b):
                    canonical[b] = a
    return canonical


@lru_cache(maxsize=1)
def _titles() -> frozenset[str]:
    return frozenset(phrase_key(t) for lang in LANGUAGES for t in table(lang, "language").get("romanise", {}).get("titles", []))


def person_skeleton(name: str) -> str:
    """The skeleton of a whole name, its words joined and titles left out; digits stay as written (the 2020
    and the 2024 election are two subjects)."""
    words = re.findall(r"\d+|[^\W\d_]+", fold(name))
    kept = [w for w in words if phrase_key(w) not in _titles()] or words
    return "".join(w if w.isdigit() else skeleton(w) for w in kept)


# Whole names share their surname, which lifts their score: Camilla and Jens Stoltenberg score 82.
SAME_PERSON_SCORE = 88
MIN_PARTIAL_NAME = 6  # a name this long written at the end of another (Ahmadinejad, Mahmoud Ahmadinejad) is it


def same_people(skeletons: list[str]) -> dict[str, str]:
    """Map whole-name skeletons (person_skeleton) to one representative of those naming the same person:
    close enough for rapidfuzz (compared within blocks of one last letter, where every spelling of a
    surname ends alike), or one the end of the other (a first name left out)."""
    from rapidfuzz import process

    from checker.disjoint import DisjointSets

    names = sorted(set(s for s in skeletons if s))
    sets = DisjointSets()
    blocks: dict[str, list[str]] = {}
    tails: dict[str, list[str]] = {}
    for name in names:
        sets.add(name)
        blocks.setdefault(name[-1], []).append(name)
        if len(name) >= MIN_PARTIAL_NAME:
            tails.setdefault(name[-MIN_PARTIAL_NAME:], []).append(name)
    for block in blocks.values():
        if len(block) < 2:
            continue
        scores = process.cdist(block, block, scorer=fuzz.ratio, score_cutoff=SAME_PERSON_SCORE, dtype="uint8")
        for i, j in zip(*scores.nonzero()):
            if i < j:
                sets.union(block[i], block[j])
    for group in tails.values():
        for short in group:
            for long in group:
                if len(long) > len(short) and long.endswith(short):
                    sets.union(short, long)
    return {name: sets.find(name) for name in names if sets.find(name) != name}
