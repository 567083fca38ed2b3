"""The timeline's ``limit`` is ASCII digits: other characters are a 400 naming the parameter, never a 500.

``str.isdigit`` holds for "²" and other Unicode digits, which ``int`` then refuses with a
ValueError that no handler of the API catches (the server answered 500).
"""

from __future__ import annotations

import pytest

from liveledger.api.routes import _limit
from streams.query.documents import QueryError


@pytest.mark.parametrize("text", ["²", "١٢", "3²", "0", "-1", "1.5", "", " 2", "two"])
def test_anything_but_a_whole_number_from_1_is_a_query_error(text: str) -> None:
    with pytest.raises(QueryError, match="limit: "):
        _limit(text)


def test_a_whole_number_is_taken() -> None:
    assert (_limit("1"), _limit("25"), _limit(None)) == (1, 25, None)
