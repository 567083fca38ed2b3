"""The pure view core: reducers shared by the live faust agents and replay.

No faust, no aiokafka, no I/O. See :mod:`streams.views.contrib` (state and
:func:`apply`), :mod:`streams.views.routing` (keys, :func:`route`, :func:`plan`),
:mod:`streams.views.render` (documents) and :mod:`streams.views.rollup`. The in-memory
:class:`streams.core.viewset.ViewSet` runs them through the batch step; this package never imports the core.
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
