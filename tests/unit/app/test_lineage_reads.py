"""The lineage table refuses the row table's whole-state reads, which would give rows without their stamps."""

from __future__ import annotations

import pytest

from streams.app.lineage import LineageRows
from tests.unit.api.test_asof_cache import MemTable


@pytest.mark.parametrize("read", ["get", "getitem", "items"])
def test_view_state_reads_of_lineage_rows_are_refused_by_name(read: str) -> None:
    rows = LineageRows(MemTable(), lambda: 0)
    with pytest.raises(TypeError, match="read with get_row"):
        if read == "get":
            rows.get("casualties|UA-63/2024-11-20")
        elif read == "getitem":
            rows["casualties|UA-63/2024-11-20"]
        else:
            list(rows.items())
