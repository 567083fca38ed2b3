"""Plain text from the HTML or entity-laden strings that live-blog markup carries.

Tags, scripts and styles go (``html_text``, built on lxml's cleaner); entities are decoded;
each paragraph, list item or line break becomes one line, and blank lines are dropped.
"""

from __future__ import annotations

import html
import re

import html_text

_TAG = re.compile(r"<(?:[A-Za-z][A-Za-z0-9-]*|/[A-Za-z]|!--)")
_SPACES = re.compile(r"[ \t\f\v\u00a0\u2007\u202f]+")
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


def _lines(text: str) -> str:
    lines = (_SPACES.sub(" ", line).strip() for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n"))
    return "\n".join(line for line in lines if line)


def looks_like_html(text: str) -> bool:
    return _TAG.search(text) is not None


def html_to_text(fragment: str) -> str:
    """The text of an HTML fragment, paragraphs as lines.

    >>> html_to_text("<p>Two &amp; three</p><script>var x = 1;</script><p>More<br>here</p>")
    'Two & three\\nMore\\nhere'
    """
    return _lines(html_text.extract_text(_CONTROL.sub(" ", fragment), guess_layout=True))


def clean_text(value: str) -> str:
    """Plain text of a string that may hold HTML or only entities; newlines of plain text are kept.

    >>> clean_text("Kyiv &#8217;s mayor\\n\\nsaid &quot;no&quot;")
    'Kyiv ’s mayor\\nsaid "no"'
    """
    if looks_like_html(value):
        return html_to_text(value)
    return _lines(html.unescape(_CONTROL.sub(" ", value)))
