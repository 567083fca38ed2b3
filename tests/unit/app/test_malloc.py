"""The worker's malloc controls take effect on this (glibc) machine."""

from __future__ import annotations

import ctypes

from streams.app.malloc import limit_arenas, trim


def test_the_arena_cap_is_taken() -> None:
    assert limit_arenas(8) is True  # the glibc default on 1 core; any positive cap is accepted


def test_trim_gives_freed_pages_back() -> None:
    blocks = [ctypes.create_string_buffer(64 * 1024) for _ in range(2000)]  # 128 MB from malloc's heap
    del blocks[::2]  # holes that stay inside the heap: only a trim gives them back
    assert trim() is True
