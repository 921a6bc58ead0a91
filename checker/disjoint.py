"""Disjoint sets (union-find) of string keys: stories of documents, groups of agreeing facts."""

from __future__ import annotations


class DisjointSets:
    """Each key starts in a set of its own; `union` merges two sets, and a set is named by its smallest key,
    so that the grouping, and every id derived from it, does not depend on the order of the unions."""

    def __init__(self) -> None:
        self._parent: dict[str, str] = {}

    def add(self, key: str) -> None:
        self._parent.setdefault(key, key)

    def find(self, key: str) -> str:
        parent = self._parent
        parent.setdefault(key, key)
        while parent[key] != key:
            parent[key] = parent[parent[key]]  # path halving keeps the trees flat
            key = parent[key]
        return key

    def union(self, a: str, b: str) -> str:
        """Merge the sets of a and b; return the name of the merged set."""
        root_a, root_b = self.find(a), self.find(b)
        if root_a != root_b:
            self._parent[max(root_a, root_b)] = min(root_a, root_b)
        return min(root_a, root_b)

    def __contains__(self, key: str) -> bool:
        return key in self._parent

    def __iter__(self):
        return iter(self._parent)
