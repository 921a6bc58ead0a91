"""Inputs shared by the report tests: a story with a hostile article among honest ones."""

from __future__ import annotations

import shutil
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BLAST = ROOT / "fixtures" / "stories" / "blast"

HOSTILE_MARKUP = (
    '<script>window.__pwned = "script"</script><img src=x onerror="window.__pwned = \'img\'">'
    '<a href="javascript:window.__pwned = \'link\'">click</a> \u202e'
)
# A file name is source text too: it becomes the document id printed everywhere.
HOSTILE_NAME = 'blast<img src=x onerror="window.__pwned=1">'


def hostile_story(folder: Path) -> Path:
    """The blast story, one article with markup, a javascript: link and a bidi override on the line of its
    explosion date (so quotes carry them), under a file name that is markup too; and an HTML article
    whose canonical URL is javascript:."""
    story = folder / "hostile"
    shutil.copytree(BLAST, story)
    article = story / "blast_ar.txt"
    text = article.read_text(encoding="utf-8")
    text = text.replace("يوم الثلاثاء 5 مارس 2024", f"{HOSTILE_MARKUP} يوم الثلاثاء 5 مارس 2024 \u202e{HOSTILE_MARKUP}", 1)
    (story / f"{HOSTILE_NAME}.txt").write_text(text, encoding="utf-8")
    article.unlink()
    body = (story / "blast_en.txt").read_text(encoding="utf-8")
    paragraphs = "".join(f"<p>{line}</p>" for line in body.splitlines() if line.strip())
    (story / "blast_en.txt").unlink()
    (story / "blast_en.html").write_text(
        '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Blast</title>'
        '<link rel="canonical" href="javascript:window.__pwned=\'url\'">'
        '<meta property="og:url" content="javascript:window.__pwned=\'url\'"></head>'
        f"<body><article>{paragraphs}<script>window.__pwned='inline'</script></article></body></html>",
        encoding="utf-8",
    )
    return story
