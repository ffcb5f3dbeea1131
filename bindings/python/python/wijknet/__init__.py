"""wijknet for Python: who can take this client, what have we agreed, may I share this?

A thin Python layer over the wijknet core (Rust): load a provider registry and collaboration
agreements, match referral requests with every exclusion explained, ask who is on night duty,
check agreements, replay referral events into monitoring figures and tables, and decide whether
data may be shared under the client's consents. Every answer is the same as the core's and every
other binding's.

Quick start::

    import wijknet
    registry = wijknet.Registry.from_json("registry.json")
    result = registry.match(
        {"location": "7511AA", "care_types": ["wound_care"]},
        now="2026-11-22T10:00:00Z",
    )
    for c in result.candidates:
        print(c.rank, c.team, c.possible_start)

Objects are immutable and safe to share between threads (a :class:`SharedRegistry` holds the
current registry of an application and applies capacity updates from many threads without losing
one); long calls release the GIL. Codes are
plain strings (``"wound_care"``); :func:`label` gives their Dutch or English label. Errors are
:class:`WijknetError` subclasses carrying the core's ``code`` and ``(path, reason)`` problems; a
bug inside wijknet raises :class:`InternalError` (never pyo3's ``PanicException``).
"""

from __future__ import annotations

# Every public name of the two modules (their `__all__`), re-exported; `__all__` at the end.
from ._errors import *  # noqa: F403
from ._native import *  # noqa: F403
from . import _native
from ._native import __version__ as __version__


def _pickle_by_json(cls: type) -> None:
    """Pickles an immutable document object as its JSON text, read back by ``cls.from_json``
    (the same validation as any document: a pickle is no way around the rules)."""
    import copyreg

    copyreg.pickle(cls, lambda obj: (cls.from_json, (obj.to_json(),)))  # type: ignore[attr-defined]


# Every native class that writes itself as JSON and reads itself back is an immutable document
# object; Agreements also need their registry (below).
for _cls in list(vars(_native).values()):
    if isinstance(_cls, type) and hasattr(_cls, "to_json") and hasattr(_cls, "from_json") and _cls is not Agreements:
        _pickle_by_json(_cls)
del _cls


def _pickle_agreements() -> None:
    """Agreements are valid only against a registry, so they pickle as their JSON text with the
    :class:`Registry` they were loaded against (pickled once, however many objects name it) and
    are read back by ``Agreements.from_json(text, registry)``, validated again."""
    import copyreg

    copyreg.pickle(Agreements, lambda obj: (Agreements.from_json, (obj.to_json(), obj.registry)))


_pickle_agreements()


# The public names (a test checks them against what is importable), for `import *` and for type
# checkers, which read only a list literal. Not counted as hand-written (tests/glue_lines.py).
# __all__: written by generate-stubs.sh
__all__ = [
    "Accountable",
    "Agreements",
    "CancelledError",
    "Candidate",
    "CategoryDecision",
    "ConsentDecision",
    "ConsentRequest",
    "ConsentStore",
    "ConsentTrace",
    "Contact",
    "DuplicateEventError",
    "Duty",
    "EventsParquetWriter",
    "Exclusion",
    "FhirDirectory",
    "Finding",
    "InternalError",
    "JsonError",
    "LocalTimeError",
    "MandateCheck",
    "MatchRequest",
    "MatchResult",
    "Monitoring",
    "NotFoundError",
    "OnCall",
    "ReferralBook",
    "ReferralHistory",
    "ReferralSummary",
    "Registry",
    "SchemaError",
    "SharedFhirDirectory",
    "SharedRegistry",
    "Table",
    "TransitionError",
    "ValidationError",
    "VersionConflictError",
    "Via",
    "WhatIf",
    "WijknetError",
    "WrongActorError",
    "audit_event_to_fhir",
    "code_kinds",
    "codes",
    "core_version",
    "error_codes",
    "label",
    "local_instant",
    "referral_events_from_fhir",
    "referral_events_to_fhir",
]
# end of __all__
