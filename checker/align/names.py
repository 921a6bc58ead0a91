"""Names across scripts: Lavrov / لافروف / لاوروف, Stoltenberg / ستولتنبرغ / ستولتنبرج / استولتنبرگ.

Two consonant skeletons (checker/normalise/names.py) name the same thing when rapidfuzz finds them close
enough; whole names name the same person when close enough or one ends the other.
"""

from __future__ import annotations

from collections.abc import Iterator

from rapidfuzz import fuzz, process

from checker.disjoint import DisjointSets

SAME_NAME_SCORE = 80  # lfrf (Lavrov, لافروف) against lrf (لاوروف) scores 86
MIN_SKELETON = 3  # shorter skeletons (rs: Russia, روسيه) must match exactly


def same_name(a: str, b: str) -> bool:
    """Whether two skeletons are one name written in two ways."""
    if not a or not b:
        return False
    if min(len(a), len(b)) < MIN_SKELETON:
        return a == b
    return fuzz.ratio(a, b) >= SAME_NAME_SCORE


def canonical_names(skeletons: list[str]) -> dict[str, str]:
    """Map skeletons to one representative of those in the list that name the same thing (lrf -> lfrf:
    لاوروف and Lavrov); skeletons that stand alone are left out. Compared with rapidfuzz only within
    blocks of one first letter, last letter and length, and against the block one letter longer, so a
    large run costs many small matrices, not one comparison per pair of names."""
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


# Whole names share their surname, which lifts their score: Camilla and Jens Stoltenberg score 82.
SAME_PERSON_SCORE = 88
MIN_PARTIAL_NAME = 6  # a name this long written at the end of another (Ahmadinejad, Mahmoud Ahmadinejad) is it


def same_people(skeletons: list[str]) -> dict[str, str]:
    """Map whole-name skeletons (person_skeleton) to one representative of those naming the same person:
    close enough for rapidfuzz (compared within blocks of one last letter, where every spelling of a
    surname ends alike), or one the end of the other (a first name left out)."""
    names = sorted(set(s for s in skeletons if s))
    sets = DisjointSets()
    for name in names:
        sets.add(name)
    for a, b in (*_close_spellings(names), *_ends_of_others(names)):
        sets.union(a, b)
    return {name: sets.find(name) for name in names if sets.find(name) != name}


def _close_spellings(names: list[str]) -> Iterator[tuple[str, str]]:
    """Pairs of names close enough for rapidfuzz, compared within blocks of one last letter."""
    blocks: dict[str, list[str]] = {}
    for name in names:
        blocks.setdefault(name[-1], []).append(name)
    for block in blocks.values():
        if len(block) < 2:
            continue
        scores = process.cdist(block, block, scorer=fuzz.ratio, score_cutoff=SAME_PERSON_SCORE, dtype="uint8")
        for i, j in zip(*scores.nonzero()):
            if i < j:
                yield block[i], block[j]


def _ends_of_others(names: list[str]) -> Iterator[tuple[str, str]]:
    """(short, long) pairs where the long name ends with the whole short one (a first name left out)."""
    tails: dict[str, list[str]] = {}
    for name in names:
        if len(name) >= MIN_PARTIAL_NAME:
            tails.setdefault(name[-MIN_PARTIAL_NAME:], []).append(name)
    for group in tails.values():
        for short in group:
            for long in group:
                if len(long) > len(short) and long.endswith(short):
                    yield short, long
