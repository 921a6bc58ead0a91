"""Text made safe for the HTML report: escaped, layout controls shown and never obeyed, quotes isolated so
right-to-left text cannot reorder a sentence, `lang`/`dir` for a language, ids safe in fragments, and the
page's inlined resources with their CSP hashes."""

from __future__ import annotations

import base64
import hashlib
import html
import re
from importlib.resources import files
from typing import Any

from checker.report.base import BIDI_CONTROL_NAMES

RTL_LANGS = frozenset({"ar", "fa", "ur", "ps", "ckb", "he", "yi", "dv"})

# Controls that change the layout of everything after them, and C0 controls: shown, never obeyed.
CONTROLS = re.compile("[\u202a-\u202e\u2066-\u2069\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_QUOTED = re.compile("«([^«»]*)»")


def _control(match: re.Match[str]) -> str:
    char = match.group()
    name = BIDI_CONTROL_NAMES.get(char, "CTRL")
    return f'<span class="ctl" title="U+{ord(char):04X}">{name}</span>'


def escape_text(value: Any) -> str:
    """Source text as inert HTML: escaped, with layout controls made visible."""
    return CONTROLS.sub(_control, html.escape("" if value is None else str(value), quote=True))


def escape_attr(value: Any) -> str:
    """A value for an attribute: escaped, layout controls replaced by their code point."""
    plain = CONTROLS.sub(lambda m: f"[U+{ord(m.group()):04X}]", "" if value is None else str(value))
    return html.escape(plain, quote=True)


def quoted_message(message: str) -> str:
    """An English sentence quoting sources «like this»: each quote isolated so RTL text cannot reorder it."""
    return _QUOTED.sub(lambda m: f"«<bdi>{m.group(1)}</bdi>»", escape_text(message))


def anchor(prefix: str, ident: str) -> str:
    """An id safe in attributes, fragments and CSS selectors, one-to-one with `ident` ('#' and '~' in fact
    ids): every other character, '-' included, becomes -hex-."""
    return prefix + re.sub(r"[^A-Za-z0-9_]", lambda m: f"-{ord(m.group()):x}-", ident)


def text_direction(lang: str | None) -> str:
    if not lang:
        return "auto"
    return "rtl" if lang.split("-")[0] in RTL_LANGS else "ltr"


def lang_attrs(lang: str | None) -> str:
    lang_part = f' lang="{escape_attr(lang)}"' if lang else ""
    return f'{lang_part} dir="{text_direction(lang)}"'


def resource(name: str) -> str:
    return files("checker.report").joinpath("html", name).read_text(encoding="utf-8")


def csp_hash(text: str) -> str:
    return "sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii")
