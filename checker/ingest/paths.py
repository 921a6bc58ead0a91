"""PATH arguments to the files they name, in an order that does not depend on the file system: the same
arguments always give the same documents in the same order, so runs, baselines and finding ids compare."""

from __future__ import annotations

import glob
import os
import stat
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Literal

from checker.ingest.document import Rejected

Kind = Literal["stdin", "text", "html", "csv", "parquet", "jsonl", "json"]

EXTENSIONS: dict[str, Kind] = {
    ".txt": "text",
    ".md": "text",
    ".markdown": "text",
    ".html": "html",
    ".htm": "html",
    ".csv": "csv",
    ".tsv": "csv",
    ".parquet": "parquet",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".json": "json",
}
_GLOB_CHARS = frozenset("*?[")
_KNOWN_LIST = ", ".join(list(EXTENSIONS)[:-1]) + " or " + list(EXTENSIONS)[-1]
NO_KNOWN_FILES = f"directory holds no {_KNOWN_LIST} files"
GLOB_NO_MATCH = "glob matched no files"
GLOB_NO_KNOWN_FILES = f"glob matched only directories without {_KNOWN_LIST} files"
LINK_OUTSIDE = "symbolic link leads outside the folders given, not followed (name it as a PATH to read it)"
# Reading one of these would block (a FIFO), never end (/dev/zero) or fail oddly (a socket).
_SPECIAL_FILES = (
    (stat.S_ISFIFO, "a FIFO"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISSOCK, "a socket"),
)


@dataclass(frozen=True)
class Source:
    """One input to read: a file path as the user can find it again (or `-`), and how to read it."""

    path: str
    kind: Kind


def expand_paths(args: Iterable[str]) -> Iterator[Source | Rejected]:
    """Each argument in the order given: `-` is standard input; a directory is walked recursively in
    sorted order, taking known extensions only; a glob (`*`, `?`, `[`, recursive `**`) expands sorted; a
    file named explicitly, or matched by a glob, is read whatever its extension (plain text if unknown).
    An argument that names an existing file is taken literally even if it holds glob characters.
    FIFOs, devices and sockets are refused unread; a walk does not follow a symbolic link to a file
    outside every folder named in `args` (a link named outright, or matched by a glob, is followed)."""
    args = list(args)
    roots = [os.path.realpath(arg) for arg in args if arg != "-" and os.path.isdir(arg)]
    for arg in args:
        if arg == "-":
            yield Source("-", "stdin")
        elif os.path.isdir(arg):
            yield from _walk(arg, roots)
        elif os.path.lexists(arg):
            yield _file_source(arg, kind_of(arg))
        elif _GLOB_CHARS.intersection(arg):
            yield from _expand_glob(arg)
        else:
            yield Rejected(arg, None, "no such file or directory")


def walk_order(args: Iterable[str]) -> list[str]:
    """PATH arguments sorted as one walk of their folders would meet them (by their parts, so that a
    folder's files stay beside it: a/b/c.txt before a/b.txt, as `b` sorts before `b.txt`): the same
    arguments named in any order then read the same documents in the same order."""
    return sorted(args, key=lambda arg: os.path.normpath(arg).split(os.sep))


def kind_of(path: str) -> Kind:
    """How a file is read, from its extension; plain text when the extension is unknown."""
    return EXTENSIONS.get(os.path.splitext(path)[1].lower(), "text")


def os_reason(err: OSError) -> str:
    """An OSError as a one-line reason without the path, which the Rejected already names."""
    reason = " ".join((err.strerror or str(err)).split())
    return reason[:1].lower() + reason[1:]


def _file_source(path: str, kind: Kind) -> Source | Rejected:
    """`path` to read, or refused when it is a FIFO, a device or a socket. A path that cannot be
    examined is left to the reader, which reports why it cannot open it."""
    try:
        mode = os.stat(path).st_mode
    except OSError:
        return Source(path, kind)
    for is_special, what in _SPECIAL_FILES:
        if is_special(mode):
            return Rejected(path, None, f"{what}, not a regular file: refused unread")
    return Source(path, kind)


def _leads_outside(link: str, roots: Sequence[str]) -> bool:
    target = os.path.realpath(link)
    return not any(os.path.commonpath((target, root)) == root for root in roots)


def _expand_glob(pattern: str) -> Iterator[Source | Rejected]:
    matches = sorted(glob.glob(pattern, recursive=True))
    if not matches:
        yield Rejected(pattern, None, GLOB_NO_MATCH)
        return
    seen: set[str] = set()  # `dir/**` matches a directory and the files under it: read each file once
    for match in matches:
        found = _walk(match, [], report_empty=False) if os.path.isdir(match) else [_file_source(match, kind_of(match))]
        for item in found:
            if isinstance(item, Source):
                key = os.path.normpath(item.path)
                if key in seen:
                    continue
                seen.add(key)
            yield item
    if not seen:
        yield Rejected(pattern, None, GLOB_NO_KNOWN_FILES)


def _walk(top: str, roots: Sequence[str], *, report_empty: bool = True) -> Iterator[Source | Rejected]:
    """Files with known extensions under `top`, depth first, entries sorted by name. Hidden entries
    (`.git`, `.ipynb_checkpoints`) are skipped and symbolic links to directories are not followed, so a
    link loop cannot make the walk endless. A link to a file outside `top` and `roots` is rejected
    unread: a folder of articles must not carry `/etc/shadow` into a report. A directory named outright
    that holds no such file is reported; one a glob matched (`data/*` over `data/images/`) is not, as
    the glob is judged whole."""
    roots = [os.path.realpath(top), *roots]
    found = False
    stack: list[Iterator[os.DirEntry[str]]] = []
    entries = _sorted_entries(top)
    if isinstance(entries, Rejected):
        yield entries
        return
    stack.append(iter(entries))
    while stack:
        entry = next(stack[-1], None)
        if entry is None:
            stack.pop()
            continue
        if entry.name.startswith("."):
            continue
        if entry.is_dir(follow_symlinks=False):
            entries = _sorted_entries(entry.path)
            if isinstance(entries, Rejected):
                yield entries
            else:
                stack.append(iter(entries))
            continue
        kind = EXTENSIONS.get(os.path.splitext(entry.name)[1].lower())
        if kind is not None and not os.path.isdir(entry.path):
            found = True
            if entry.is_symlink() and _leads_outside(entry.path, roots):
                yield Rejected(entry.path, None, LINK_OUTSIDE)
            else:
                yield _file_source(entry.path, kind)
    if report_empty and not found:
        yield Rejected(top, None, NO_KNOWN_FILES)


def _sorted_entries(directory: str) -> list[os.DirEntry[str]] | Rejected:
    try:
        with os.scandir(directory) as it:
            return sorted(it, key=lambda entry: entry.name)
    except OSError as err:
        return Rejected(directory, None, os_reason(err))
