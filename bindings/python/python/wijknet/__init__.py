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

Objects are immutable and safe to share between threads; long calls release the GIL. Codes are
plain strings (``"wound_care"``); :func:`label` gives their Dutch or English label. Errors are
:class:`WijknetError` subclasses carrying the core's ``code`` and ``(path, reason)`` problems.
"""

from __future__ import annotations

from ._errors import (
    DuplicateEventError,
    JsonError,
    NotFoundError,
    SchemaError,
    TransitionError,
    ValidationError,
    VersionConflictError,
    WijknetError,
    WrongActorError,
)
from ._native import (
    Accountable,
    Agreements,
    Candidate,
    CategoryDecision,
    ConsentDecision,
    ConsentRequest,
    ConsentStore,
    ConsentTrace,
    Contact,
    Duty,
    Exclusion,
    Finding,
    MandateCheck,
    MatchRequest,
    MatchResult,
    Monitoring,
    OnCall,
    ReferralBook,
    ReferralSummary,
    Registry,
    Via,
    code_kinds,
    codes,
    core_version,
    events_table,
    generate_referral_events,
    label,
)
from ._native import __version__ as __version__

__all__ = [
    "Accountable",
    "Agreements",
    "Candidate",
    "CategoryDecision",
    "ConsentDecision",
    "ConsentRequest",
    "ConsentStore",
    "ConsentTrace",
    "Contact",
    "DuplicateEventError",
    "Duty",
    "Exclusion",
    "Finding",
    "JsonError",
    "MandateCheck",
    "MatchRequest",
    "MatchResult",
    "Monitoring",
    "NotFoundError",
    "OnCall",
    "ReferralBook",
    "ReferralSummary",
    "Registry",
    "SchemaError",
    "TransitionError",
    "ValidationError",
    "VersionConflictError",
    "Via",
    "WijknetError",
    "WrongActorError",
    "code_kinds",
    "codes",
    "core_version",
    "events_table",
    "generate_referral_events",
    "label",
]
