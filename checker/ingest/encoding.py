"""Bytes to text for article files. News archives come as UTF-8 (with or without BOM), UTF-16 from Windows
tools, and Windows-1256 from older Arabic sites; anything else is refused rather than guessed, because a
wrong guess silently corrupts every offset and every number in the text."""

from __future__ import annotations

import codecs
import re

from checker.errors import CheckerError

_BOMS = (
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")  # C0 controls other than \t \n \r
# Of the characters, the share of controls (and NULs) past which data is binary: images and archives hold
# 10% and more, while a text may carry a stray ESC or a form feed between pages, which stays in it.
_MAX_CONTROL_SHARE = 0.05
_NEWLINE = re.compile(r"\r\n?")
_NON_ASCII = re.compile(r"[^\x00-\x7f]")
# What Windows-1256 Arabic text holds beyond ASCII: the Arabic block and the punctuation and joiners its
# code page carries (NBSP, « », ZWNJ, ZWJ, LRM, RLM, dashes, curly quotes, ellipsis).
_ARABIC_TEXT = re.compile(r"[\u0600-\u06ff\u00a0\u00ab\u00bb\u200c-\u200f\u2013\u2014\u2018\u2019\u201c\u201d\u2026]")
_ARABIC_LETTER = re.compile(r"[\u0621-\u064a]")
_MAX_FOREIGN_SHARE = 0.1  # of non-ASCII characters, before a cp1256 reading stops looking like Arabic
_UTF16_MIN_NUL_SHARE = 0.1  # of 2-byte units whose high byte is NUL: spaces and digits even in Arabic text
_UTF16_MAX_STRAY_NUL_SHARE = 0.01  # NUL low bytes: U+xx00 characters are rare in running text

BINARY = "binary file, not text"
NOT_TEXT = "not UTF-8, UTF-16 or Windows-1256 text"


def decode(data: bytes, path: str) -> str:
    """The text of a file, without BOM and with line endings normalised to \\n (\\r\\n and \\r both
    become \\n), so offsets into an article index the normalised text. An empty file is empty text.

    Raises CheckerError naming `path` for binary data and for bytes in no accepted encoding."""
    if not data:
        return ""
    for bom, codec in _BOMS:
        if data.startswith(bom):
            try:
                text = data[len(bom) :].decode(codec)
            except UnicodeDecodeError as err:
                reason = f"invalid {codec.upper()} after its byte-order mark (byte {len(bom) + err.start})"
                raise CheckerError(reason, path=path) from None
            return _checked(text, path)
    if b"\x00" in data and (utf16 := _utf16_without_bom(data)):
        try:
            text = data.decode(utf16)
        except UnicodeDecodeError:
            raise CheckerError(BINARY, path=path) from None
        return _checked(text, path)
    try:
        return _checked(data.decode("utf-8"), path)
    except UnicodeDecodeError as err:
        utf8_error = err
    text = data.decode("cp1256")  # every byte is defined in Windows-1256
    if _is_binary(text):
        raise CheckerError(BINARY, path=path)
    if not _looks_arabic(text):
        raise CheckerError(f"{NOT_TEXT} (invalid UTF-8 at byte {utf8_error.start})", path=path)
    return normalise_newlines(text)


SNIFF_CHUNK = 1 << 16  # small: the decoded chunk is thrown away, memory stays flat


def table_encoding(path: str) -> str:
    """The codec to stream a text table with: "utf-16" with a BOM, "utf-8-sig" when the whole file is
    valid UTF-8, else "cp1256" when its reading looks like Arabic. The check reads the file once in
    chunks, so memory does not grow with it. Raises CheckerError naming `path` otherwise."""
    with open(path, "rb") as raw:
        head = raw.read(2)
        if head in (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE):
            return "utf-16"
        raw.seek(0)
        decoder = codecs.getincrementaldecoder("utf-8")()
        offset = 0
        try:
            while chunk := raw.read(SNIFF_CHUNK):
                decoder.decode(chunk)
                offset += len(chunk)
            decoder.decode(b"", final=True)
            return "utf-8-sig"
        except UnicodeDecodeError as err:
            utf8_error_at = offset + err.start
        raw.seek(0)
        sample = raw.read(SNIFF_CHUNK).decode("cp1256")
    if _is_binary(sample):
        raise CheckerError(BINARY, path=path)
    if not _looks_arabic(sample):
        raise CheckerError(f"{NOT_TEXT} (invalid UTF-8 at byte {utf8_error_at})", path=path)
    return "cp1256"


def normalise_newlines(text: str) -> str:
    """\\r\\n and lone \\r become \\n: one line-ending convention, whatever the file's origin."""
    return _NEWLINE.sub("\n", text) if "\r" in text else text


def _checked(text: str, path: str) -> str:
    if _is_binary(text):
        raise CheckerError(BINARY, path=path)
    return normalise_newlines(text)


def _is_binary(text: str) -> bool:
    """True when controls and NULs are more than a stray few of the characters; the few are kept, so
    offsets stay those of the file (reporters show them as visible tokens)."""
    if not _CONTROL.search(text):
        return False
    return len(_CONTROL.findall(text)) > len(text) * _MAX_CONTROL_SHARE


def _utf16_without_bom(data: bytes) -> str | None:
    """'utf-16-le' or 'utf-16-be' when NUL bytes sit at one parity only, as the high bytes of ASCII
    characters do in UTF-16; None for any other data holding NUL bytes."""
    units = len(data) // 2
    if len(data) % 2 or not units:
        return None
    even, odd = data[0::2].count(0), data[1::2].count(0)
    for codec, high, low in (("utf-16-le", odd, even), ("utf-16-be", even, odd)):
        if high >= units * _UTF16_MIN_NUL_SHARE and low <= units * _UTF16_MAX_STRAY_NUL_SHARE:
            return codec
    return None


def _looks_arabic(text: str) -> bool:
    """True when the non-ASCII characters of a Windows-1256 reading are Arabic letters and the punctuation
    that goes with them; Latin-1 French or UTF-8 mojibake read as cp1256 is mostly Latin letters and
    symbols instead."""
    if not _ARABIC_LETTER.search(text):
        return False
    non_ascii = len(_NON_ASCII.findall(text))
    foreign = non_ascii - len(_ARABIC_TEXT.findall(text))
    return foreign <= non_ascii * _MAX_FOREIGN_SHARE
