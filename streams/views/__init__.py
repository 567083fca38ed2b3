"""The pure view core: reducers shared by the live faust agents and replay.

No faust, no aiokafka, no I/O. See :mod:`streams.views.contrib` (state and
:func:`apply`), :mod:`streams.views.routing` (keys, :func:`route`, :func:`plan`),
:mod:`streams.views.render` (documents), :mod:`streams.views.rollup` and
:mod:`streams.views.memory` (:class:`ViewSet`; not re-exported here, as it runs the batch step
of :mod:`streams.core.step`, which itself builds on this package).
"""

from streams.views.contrib import Contribution, apply, is_empty
from streams.views.render import document_digest, render, view_document
from streams.views.routing import VIEWS, plan, route

__all__ = [
    "VIEWS",
    "Contribution",
    "apply",
    "document_digest",
    "is_empty",
    "plan",
    "render",
    "route",
    "view_document",
]
