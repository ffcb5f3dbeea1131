"""Type stubs of the compiled module ``wijknet._native`` (re-exported by ``wijknet``).

Checked against the compiled module, the one source, in every test run: ``python -m
mypy.stubtest wijknet`` (names both ways, kinds, parameters, defaults, constructors) and
``tests/test_package.py`` (names both ways without mypy, protocol dunders such as ``__len__``,
constructors, ``@final``). Types and docstrings here are written by hand.

Besides the exceptions each docstring names, every function and method here may raise
``wijknet.InternalError`` (a ``WijknetError``, code ``"internal"``): a bug inside wijknet, which
should never happen, reported instead of pyo3's ``PanicException`` so ``except Exception`` holds.
"""

import datetime
import os
from typing import Any, Callable, Dict, List, Mapping, Optional, Sequence, Tuple, Union, final

_Date = Union[datetime.date, str]
_Instant = Union[datetime.datetime, str]
_Source = Union[str, "os.PathLike[str]", bytes, bytearray, Mapping[str, Any]]
_Request = Union["MatchRequest", Mapping[str, Any], str, bytes]
_ConsentRequestArg = Union["ConsentRequest", Mapping[str, Any], str, bytes]
_Events = Union[_Source, List[Mapping[str, Any]], "ReferralHistory"]
# A tqdm bar (anything with ``reset``, ``set_description`` and ``update``) or a function
# ``f(step, done, total)`` returning ``False`` to cancel.
_Progress = Union[Any, Callable[[str, int, int], Optional[bool]]]

__all__ = [
    "__version__",
    "core_version",
    "code_kinds",
    "error_codes",
    "codes",
    "label",
    "local_instant",
    "Registry",
    "SharedRegistry",
    "MatchRequest",
    "MatchResult",
    "Candidate",
    "Exclusion",
    "Accountable",
    "Via",
    "Contact",
    "Agreements",
    "OnCall",
    "Duty",
    "Finding",
    "MandateCheck",
    "events_table",
    "generate_referral_events",
    "ReferralBook",
    "ReferralHistory",
    "EventsParquetWriter",
    "Table",
    "ReferralSummary",
    "Monitoring",
    "WhatIf",
    "ConsentStore",
    "ConsentRequest",
    "ConsentDecision",
    "CategoryDecision",
    "ConsentTrace",
    "FhirDirectory",
    "SharedFhirDirectory",
    "audit_event_to_fhir",
    "referral_events_from_fhir",
    "referral_events_to_fhir",
]

__version__: str

def core_version() -> str:
    """The version of the wijknet core this module was built from (the workspace version)."""

def code_kinds() -> List[str]:
    """The names of every kind of stable code, e.g. ``"care_type"``, ``"exclusion_reason"``."""

def error_codes() -> List[Tuple[str, str]]:
    """Every failure code of wijknet with its meaning, from the core's one table."""

def codes(kind: str) -> List[str]:
    """The stable codes of one kind, in their stable order."""

def local_instant(date: _Date, time: Union[datetime.time, str], occurrence: Optional[str] = None) -> datetime.datetime:
    """The instant (an aware UTC ``datetime``) of a Dutch local date and time (Europe/Amsterdam).

    ``time`` is a naive ``datetime.time`` or ``"HH:MM"``. ``occurrence`` (``"first"``: summer
    time, ``"second"``: winter time) says which moment a repeated time means; it is needed only
    in the hour the clocks go back (02:00-03:00 on the last Sunday of October) and ignored
    otherwise. Raises :class:`wijknet.LocalTimeError` (a ``ValidationError``, code
    ``"local_time"``) when the time does not exist (the hour the clocks skip on the last Sunday of
    March; problem path ``$.time``) or happens twice without an occurrence (``$.occurrence``):
    wijknet never guesses either. Other bad arguments raise ``ValidationError``.
    """

def label(kind: str, code: str, lang: str = "en") -> str:
    """The human label of a code, English (``"en"``) or Dutch (``"nl"``)."""

@final
class Registry:
    """The registry of organisations, teams, service areas, capacity and contact persons."""

    @staticmethod
    def from_json(source: _Source, progress: Optional[_Progress] = None) -> Registry:
        """Loads and validates a ``wijknet.registry/v1`` document (path, JSON text, bytes or dict);
        ``progress`` (a tqdm bar or ``f(step, done, total)`` returning ``False`` to cancel) follows
        a long load and can stop it (``CancelledError``)."""
    @staticmethod
    def from_fhir(source: _Source) -> Registry:
        """Reads a FHIR R4 Bundle of mCSD resources into a registry (no later ``_history``)."""
    def to_fhir(self, bundle_type: Optional[str] = None) -> str:
        """The registry as a FHIR R4 mCSD Bundle (JSON text): ``"collection"`` (default),
        ``"transaction"`` or ``"searchset"`` (every entry a ``match``, with the ``total``)."""
    def to_json(self) -> str:
        """The registry as a ``wijknet.registry/v1`` JSON document."""
    def to_dict(self) -> Dict[str, Any]:
        """The registry document as a dict."""
    @property
    def version(self) -> int:
        """Data version: the document's ``version`` plus one per capacity update."""
    def update_capacity(self, update: Union[Mapping[str, Any], str, bytes]) -> Registry:
        """A new registry with one team's capacity replaced; this one is unchanged.

        Two calls with the same ``expected_version`` both succeed; use a :class:`SharedRegistry`
        to have the second refused.
        """
    def update_capacities(self, updates: Union[Sequence[Mapping[str, Any]], str, bytes]) -> Registry:
        """A new registry with several capacity updates applied in order, all or none."""
    def match(
        self,
        request: _Request,
        now: _Instant,
        stale_after_hours: int = 72,
        agreements: Optional[Agreements] = None,
    ) -> MatchResult:
        """Who can take this client? Ranked candidates, explained exclusions, the accountable party."""
    def teams(self) -> List[Dict[str, Any]]:
        """The teams as plain records (one dict per team)."""
    def team(self, id: str) -> Optional[Dict[str, Any]]:
        """A team by id, as the record :meth:`teams` gives for it, or ``None``."""
    def teams_near(self, location: str) -> List[Dict[str, Any]]:
        """The teams whose service area touches the location's PC4 (PC6 or PC4), in document order."""
    def organisations(self) -> List[Dict[str, Any]]:
        """The organisations as plain records (one dict per organisation), in document order."""
    def coordination_point_for(self, location: str) -> Optional[Dict[str, Any]]:
        """The coordination point accountable for a location (PC6 or PC4), or ``None``."""
    def __len__(self) -> int: ...

@final
class SharedRegistry:
    """The current registry of an application, shared by its threads, with capacity updates
    installed by compare-and-swap: of two updates based on the same ``expected_version`` exactly
    one succeeds and the other raises ``VersionConflictError``. Safe to share between threads."""

    def __new__(cls, registry: Registry) -> SharedRegistry: ...
    def current(self) -> Registry:
        """The current registry: a snapshot that never changes."""
    def update_capacity(self, update: Union[Mapping[str, Any], str, bytes]) -> Registry:
        """Applies a capacity update to the current registry, installs the result and returns it."""
    def update_capacities(self, updates: Union[Sequence[Mapping[str, Any]], str, bytes]) -> Registry:
        """Applies several capacity updates at once (all or none), installs the result and returns it."""
    def replace(self, registry: Registry) -> None:
        """Installs ``registry`` (a newly loaded document) as the current one; last writer wins."""

@final
class MatchRequest:
    """A matching request: location, care needed, when, and the client's own choices."""

    def __new__(
        cls,
        location: str,
        care_types: Sequence[str],
        *,
        id: Optional[str] = None,
        urgency: Optional[str] = "planned",
        desired_start: Optional[_Date] = None,
        latest_start: Optional[_Date] = None,
        times_of_day: Optional[Sequence[str]] = None,
        insurer: Optional[str] = None,
        policy: Optional[str] = None,
        contracted_only: Optional[bool] = False,
        min_nurse_level: Optional[str] = None,
        languages: Optional[Sequence[str]] = None,
        preferred_providers: Optional[Sequence[str]] = None,
        refused_providers: Optional[Sequence[str]] = None,
        visits_per_week: Optional[int] = None,
        hours_per_week: Optional[float] = None,
        visit_moments: Optional[Sequence[str]] = None,
    ) -> MatchRequest: ...
    @staticmethod
    def from_dict(data: Mapping[str, Any]) -> MatchRequest:
        """A request from a dict in the request JSON shape."""
    @staticmethod
    def from_json(text: Union[str, bytes]) -> MatchRequest:
        """A request from JSON text or bytes."""
    def to_dict(self) -> Dict[str, Any]:
        """The request JSON shape as a dict."""
    def to_json(self) -> str:
        """The request as JSON text."""
    @property
    def id(self) -> Optional[str]: ...
    @property
    def location(self) -> str: ...
    @property
    def care_types(self) -> List[str]: ...
    @property
    def urgency(self) -> str: ...
    @property
    def desired_start(self) -> Optional[datetime.date]: ...
    @property
    def latest_start(self) -> Optional[datetime.date]: ...
    @property
    def times_of_day(self) -> List[str]: ...
    @property
    def insurer(self) -> Optional[str]: ...
    @property
    def policy(self) -> Optional[str]: ...
    @property
    def contracted_only(self) -> bool: ...
    @property
    def min_nurse_level(self) -> Optional[str]: ...
    @property
    def languages(self) -> List[str]: ...
    @property
    def preferred_providers(self) -> List[str]: ...
    @property
    def refused_providers(self) -> List[str]: ...
    @property
    def visits_per_week(self) -> Optional[int]: ...
    @property
    def hours_per_week(self) -> Optional[float]: ...
    @property
    def visit_moments(self) -> List[str]: ...

@final
class Contact:
    """A named person to call."""

    @property
    def name(self) -> str: ...
    @property
    def role(self) -> str: ...
    @property
    def phone(self) -> Optional[str]: ...
    @property
    def email(self) -> Optional[str]: ...
    @property
    def hours(self) -> List[Dict[str, Any]]: ...
    def to_dict(self) -> Dict[str, Any]:
        """The contact's JSON shape as a dict."""
    def to_json(self) -> str:
        """The contact as JSON text (as a registry document writes it)."""
    @staticmethod
    def from_json(text: str) -> Contact:
        """A contact written by :meth:`to_json` read back, checked as the registry checks one."""

@final
class Via:
    """Care (or a night) a candidate offers through a collaboration agreement."""

    @property
    def kind(self) -> str: ...
    @property
    def agreement(self) -> str: ...
    @property
    def delivering_team(self) -> str: ...
    @property
    def care_types(self) -> List[str]: ...
    @property
    def times_of_day(self) -> List[str]: ...
    def to_dict(self) -> Dict[str, Any]:
        """The JSON shape as a dict."""
    def to_json(self) -> str:
        """The JSON shape as text."""
    @staticmethod
    def from_json(text: str) -> Via:
        """One written by :meth:`to_json` read back."""

@final
class Candidate:
    """A team that can take the client."""

    @property
    def rank(self) -> int: ...
    @property
    def team(self) -> str: ...
    @property
    def organisation(self) -> str: ...
    @property
    def preferred(self) -> bool: ...
    @property
    def possible_start(self) -> datetime.date: ...
    @property
    def capacity_status(self) -> str: ...
    @property
    def capacity_updated_at(self) -> datetime.datetime: ...
    @property
    def flags(self) -> List[str]: ...
    @property
    def via(self) -> List[Via]: ...
    @property
    def contact(self) -> Optional[Contact]: ...
    @property
    def contact_reachable_now(self) -> bool: ...
    @property
    def free_hours(self) -> Optional[float]: ...
    def to_dict(self) -> Dict[str, Any]:
        """The JSON shape as a dict."""
    def to_json(self) -> str:
        """The JSON shape as text."""
    @staticmethod
    def from_json(text: str) -> Candidate:
        """One written by :meth:`to_json` read back."""

@final
class Exclusion:
    """A team that cannot take the client, with the first rule it failed."""

    @property
    def team(self) -> str: ...
    @property
    def organisation(self) -> str: ...
    @property
    def client_preference(self) -> bool:
        """Whether the request names the team's organisation among the preferred providers."""
    @property
    def reason(self) -> str: ...
    @property
    def detail(self) -> str: ...
    @property
    def explanation(self) -> str:
        """The detail, preceded by "the client's preferred provider: " when
        ``client_preference`` is true."""
    def to_dict(self) -> Dict[str, Any]:
        """The JSON shape as a dict."""
    def to_json(self) -> str:
        """The JSON shape as text."""
    @staticmethod
    def from_json(text: str) -> Exclusion:
        """One written by :meth:`to_json` read back."""

@final
class Accountable:
    """Who answers for a client nobody can take."""

    @property
    def party(self) -> str: ...
    @property
    def source(self) -> str: ...
    @property
    def via(self) -> Optional[str]: ...
    @property
    def contact(self) -> Optional[Contact]: ...
    def to_dict(self) -> Dict[str, Any]:
        """The JSON shape as a dict."""
    def to_json(self) -> str:
        """The JSON shape as text."""
    @staticmethod
    def from_json(text: str) -> Accountable:
        """One written by :meth:`to_json` read back."""

@final
class MatchResult:
    """The answer to "who can take this client?"."""

    @property
    def outcome(self) -> str: ...
    @property
    def location(self) -> str: ...
    @property
    def needed_from(self) -> datetime.date: ...
    @property
    def needed_by(self) -> datetime.date: ...
    @property
    def candidates(self) -> List[Candidate]: ...
    @property
    def excluded(self) -> List[Exclusion]: ...
    @property
    def teams_elsewhere(self) -> int: ...
    @property
    def accountable(self) -> Optional[Accountable]: ...
    @property
    def registry_version(self) -> int: ...
    def to_dict(self) -> Dict[str, Any]:
        """The result's JSON shape as a dict."""
    def to_json(self) -> str:
        """The result as JSON text."""
    @staticmethod
    def from_json(text: str) -> MatchResult:
        """A result written by :meth:`to_json` read back."""

@final
class Agreements:
    """The collaboration agreements of a region, loaded against a registry."""

    @staticmethod
    def from_json(source: _Source, registry: Registry) -> Agreements:
        """Loads and validates a ``wijknet.agreements/v1`` document against ``registry``."""
    def to_json(self) -> str:
        """The ``wijknet.agreements/v1`` JSON document."""
    def to_dict(self) -> Dict[str, Any]:
        """The agreements document as a dict."""
    @property
    def registry(self) -> Registry:
        """The registry the agreements were loaded (and validated) against."""
    @property
    def version(self) -> int: ...
    def ids(self) -> List[str]:
        """The agreement ids, in document order."""
    def on_call(self, registry: Registry, location: str, at: _Instant) -> OnCall:
        """Who covers this postcode for night care at this instant, and whom do I call?"""
    def check(self, registry: Registry, today: _Date, horizon_days: int) -> List[Finding]:
        """Agreement findings to fix, for nights from ``today`` up to ``horizon_days`` ahead."""
    def may_assess(self, provider: str, care_type: str, date: _Date) -> MandateCheck:
        """Whether a provider's nurse may assess this care on a date under a delegated mandate."""
    def case_team(self, client: str, date: _Date) -> List[str]:
        """Organisations with a case-coordination agreement for this client on a date."""
    def escalation_policy(self, location: str, date: _Date) -> Optional[Dict[str, Any]]:
        """The coordination point's escalation policy for a location on a date, or ``None``."""
    def sharing_agreements_for(self, organisation: str) -> List[Dict[str, Any]]:
        """The data-sharing agreements binding an organisation, in the consent request's shape."""
    def add_consent_facts(self, request: _ConsentRequestArg, date: _Date) -> ConsentRequest:
        """A new consent request with the agreements' treatment relationships and sharing agreements."""
    def __len__(self) -> int: ...

@final
class Duty:
    """One team on night duty."""

    @property
    def agreement(self) -> str: ...
    @property
    def night(self) -> datetime.date: ...
    @property
    def team(self) -> str: ...
    @property
    def organisation(self) -> str: ...
    @property
    def shift_start(self) -> datetime.datetime: ...
    @property
    def shift_end(self) -> datetime.datetime: ...
    @property
    def contact(self) -> Optional[Contact]: ...
    @property
    def accountable(self) -> Optional[Contact]: ...
    def to_dict(self) -> Dict[str, Any]:
        """The JSON shape as a dict."""
    def to_json(self) -> str:
        """The JSON shape as text."""
    @staticmethod
    def from_json(text: str) -> Duty:
        """One written by :meth:`to_json` (saved earlier, or pickled) read back."""

@final
class OnCall:
    """The answer to the on-call query."""

    @property
    def outcome(self) -> str: ...
    @property
    def location(self) -> str: ...
    @property
    def at(self) -> datetime.datetime: ...
    @property
    def duties(self) -> List[Duty]: ...
    @property
    def uncovered(self) -> List[str]: ...
    def to_dict(self) -> Dict[str, Any]:
        """The JSON shape as a dict."""
    def to_json(self) -> str:
        """The JSON shape as text."""
    @staticmethod
    def from_json(text: str) -> OnCall:
        """One written by :meth:`to_json` (saved earlier, or pickled) read back."""

@final
class Finding:
    """One thing to fix in the agreements."""

    @property
    def code(self) -> str: ...
    @property
    def agreement(self) -> str: ...
    @property
    def field(self) -> str: ...
    @property
    def from_date(self) -> Optional[datetime.date]: ...
    @property
    def to_date(self) -> Optional[datetime.date]: ...
    @property
    def message(self) -> str: ...
    def to_dict(self) -> Dict[str, Any]:
        """The JSON shape as a dict (dates under ``from`` and ``to``)."""
    def to_json(self) -> str:
        """The JSON shape as text."""
    @staticmethod
    def from_json(text: str) -> Finding:
        """One written by :meth:`to_json` (saved earlier, or pickled) read back."""

@final
class MandateCheck:
    """The answer to a delegated-mandate check."""

    @property
    def outcome(self) -> str: ...
    @property
    def agreement(self) -> Optional[str]: ...
    @property
    def municipality(self) -> Optional[str]: ...
    @property
    def assessment_valid_until(self) -> Optional[datetime.date]: ...
    @property
    def allowed(self) -> bool: ...
    def to_dict(self) -> Dict[str, Any]:
        """The JSON shape as a dict."""
    def to_json(self) -> str:
        """The JSON shape as text."""
    @staticmethod
    def from_json(text: str) -> MandateCheck:
        """One written by :meth:`to_json` (saved earlier, or pickled) read back."""

def events_table(events: _Events) -> Table:
    """Parses an events document into a :class:`Table`, one row per event."""

@final
class Table:
    """A table of typed columns (Apache Arrow), read by polars, pyarrow and DuckDB without copying."""

    @property
    def name(self) -> str: ...
    @property
    def num_rows(self) -> int: ...
    @property
    def column_names(self) -> List[str]: ...
    @property
    def schema(self) -> str: ...
    def __len__(self) -> int: ...
    def __eq__(self, value: object, /) -> bool: ...
    def __arrow_c_schema__(self) -> Any:
        """The Arrow PyCapsule interface: the schema."""
    def __arrow_c_stream__(self, requested_schema: Optional[Any] = None) -> Any:
        """The Arrow PyCapsule interface: the data as a stream."""
    def to_pylist(self) -> List[Dict[str, Any]]:
        """One dict per row."""
    def to_pydict(self) -> Dict[str, List[Any]]:
        """One list per column."""
    def to_polars(self) -> Any:
        """A ``polars.DataFrame`` (needs polars)."""
    def to_pandas(self) -> Any:
        """A ``pandas.DataFrame`` (needs pandas)."""
    def write_parquet(self, path: Union[str, "os.PathLike[str]"]) -> int:
        """Writes the table as a Parquet file; returns the rows written."""
    def __reduce__(self) -> Tuple[Any, Tuple[str, bytes]]: ...
    @staticmethod
    def _from_ipc(name: str, data: bytes) -> Table: ...

@final
class ReferralHistory:
    """A referral history held in wijknet (too large for one JSON document, or read once)."""

    @staticmethod
    def from_json(source: _Events, progress: Optional[_Progress] = None) -> ReferralHistory:
        """Reads an events document."""
    @staticmethod
    def generate(seed: int, referrals: int) -> ReferralHistory:
        """A deterministic national year of referral events."""
    def __len__(self) -> int: ...
    def table(self) -> Table:
        """The events as a :class:`Table`."""
    def to_json(self) -> str:
        """The ``wijknet.referral-events/v1`` document."""
    def write_parquet(self, path: Union[str, "os.PathLike[str]"]) -> int:
        """Writes the events as a Parquet file; returns the rows written."""

@final
class EventsParquetWriter:
    """Writes referral events into one Parquet file, one document at a time."""

    def __new__(cls, path: Union[str, "os.PathLike[str]"]) -> EventsParquetWriter: ...
    def write(self, events: _Events) -> int:
        """Adds one document's events; returns the rows written so far."""
    def close(self) -> int:
        """Finishes the file; returns the rows written."""
    def __enter__(self) -> EventsParquetWriter: ...
    def __exit__(self, *args: Any) -> bool: ...

def generate_referral_events(
    seed: int,
    referrals: int,
    registry: Optional[Registry] = None,
    agreements: Optional[Agreements] = None,
) -> str:
    """A deterministic year of referral events (for ``registry`` when given), as a ``wijknet.referral-events/v1`` document."""

@final
class ReferralSummary:
    """One referral: status, declines, placement, escalation and every offer."""

    @property
    def id(self) -> str: ...
    @property
    def status(self) -> str: ...
    @property
    def declines(self) -> int: ...
    @property
    def placed_team(self) -> Optional[str]: ...
    @property
    def escalation(self) -> Optional[Dict[str, Any]]: ...
    @property
    def reason(self) -> Optional[Dict[str, Any]]: ...
    @property
    def offers(self) -> List[Dict[str, Any]]: ...
    def to_dict(self) -> Dict[str, Any]:
        """The JSON shape as a dict."""
    def to_json(self) -> str:
        """The summary as JSON text."""
    @staticmethod
    def from_json(text: str) -> ReferralSummary:
        """A summary written by :meth:`to_json` read back."""

@final
class Monitoring:
    """The monitoring figures of a set of referrals."""

    @property
    def referrals(self) -> int: ...
    @property
    def placed(self) -> int: ...
    @property
    def placed_hours_per_week(self) -> float: ...
    @property
    def placed_without_hours(self) -> int: ...
    @property
    def time_to_placement(self) -> Dict[str, Any]: ...
    @property
    def time_to_placement_by_care_type(self) -> Dict[str, Dict[str, Any]]: ...
    @property
    def time_to_placement_by_pc4(self) -> Dict[str, Dict[str, Any]]: ...
    @property
    def time_to_placement_by_municipality(self) -> Dict[str, Dict[str, Any]]: ...
    @property
    def teams_contacted(self) -> Dict[str, Any]: ...
    @property
    def declines(self) -> Dict[str, int]: ...
    @property
    def declines_by_care_type(self) -> Dict[str, Dict[str, int]]: ...
    @property
    def declines_by_pc4(self) -> Dict[str, Dict[str, int]]: ...
    @property
    def declines_by_municipality(self) -> Dict[str, Dict[str, int]]: ...
    @property
    def escalated(self) -> int: ...
    @property
    def escalated_by_trigger(self) -> Dict[str, int]: ...
    @property
    def never_placed(self) -> Dict[str, int]: ...
    def rows(self) -> List[Dict[str, Any]]:
        """Every figure as a flat record, for data frames."""
    def table(self) -> Table:
        """Every figure as a row of a :class:`Table`."""
    @staticmethod
    def from_json(text: str) -> Monitoring:
        """Figures written by :meth:`to_json` read back."""
    def __reduce__(self) -> Tuple[Any, Tuple[str]]: ...
    def to_dict(self) -> Dict[str, Any]:
        """The JSON shape as a dict."""
    def to_json(self) -> str:
        """The figures as JSON text."""

@final
class WhatIf:
    """What a proposal changes in a referral history (``wijknet.what-if/v1``)."""

    @property
    def not_submitted(self) -> int: ...
    @property
    def referrals_omitted(self) -> int: ...
    @property
    def total(self) -> Dict[str, Any]: ...
    @property
    def by_change(self) -> Dict[str, int]: ...
    @property
    def by_pc4(self) -> Dict[str, Dict[str, Any]]: ...
    @property
    def by_municipality(self) -> Dict[str, Dict[str, Any]]: ...
    @property
    def by_care_type(self) -> Dict[str, Dict[str, Any]]: ...
    @property
    def by_time_of_day(self) -> Dict[str, Dict[str, Any]]: ...
    @property
    def referrals(self) -> List[Dict[str, Any]]: ...
    def to_dict(self) -> Dict[str, Any]:
        """The ``wijknet.what-if/v1`` document as a dict."""
    def to_json(self) -> str:
        """The ``wijknet.what-if/v1`` document as JSON text."""
    @staticmethod
    def from_json(text: str) -> WhatIf:
        """A result written by :meth:`to_json` read back."""
    def table(self) -> Table:
        """The total and every group as a :class:`Table`."""

@final
class ReferralBook:
    """The referrals of a region or the country, rebuilt from their lifecycle events."""

    def __new__(cls) -> ReferralBook: ...
    @staticmethod
    def replay(events: _Events, progress: Optional[_Progress] = None) -> ReferralBook:
        """A book rebuilt from an events document; a refused event raises with ``event_index``;
        ``progress`` (a tqdm bar or ``f(step, done, total)`` returning ``False`` to cancel) follows
        a long replay and can stop it (``CancelledError``)."""
    def apply(self, event: Union[Mapping[str, Any], str]) -> None:
        """Applies one event; on error nothing changes."""
    def apply_all(self, events: _Events) -> None:
        """Applies the events of a document in order; stops at the first refused one."""
    def referral(self, id: str) -> Optional[ReferralSummary]:
        """One referral's summary, or ``None``."""
    def summaries(self) -> List[ReferralSummary]:
        """Every referral's summary, sorted by id."""
    def ids(self) -> List[str]:
        """The referral ids, sorted."""
    def what_if(
        self,
        registry: Registry,
        agreements: Optional[Agreements] = None,
        proposed_agreements: Optional[Agreements] = None,
        proposed_registry: Optional[Registry] = None,
        max_referrals: int = 1000,
        progress: Optional[_Progress] = None,
    ) -> WhatIf:
        """Every submitted referral matched again under the baseline and the proposal."""
    def monitoring(self) -> Monitoring:
        """The monitoring figures of every referral in the book."""
    def referral_rows(self) -> List[Dict[str, Any]]:
        """One flat record per referral, for data frames."""
    def referral_table(self) -> Table:
        """One row per referral as a :class:`Table`."""
    def check_escalation(
        self, referral: str, policy: Mapping[str, Any], now: _Instant
    ) -> Optional[Dict[str, Any]]:
        """The ``escalated`` event to apply now under ``policy``, or ``None``."""
    def __len__(self) -> int: ...

@final
class ConsentRequest:
    """A data-sharing question about one (pseudonymous) client."""

    def __new__(
        cls,
        client: str,
        discloser: Mapping[str, Any],
        recipient: Mapping[str, Any],
        purpose: str,
        categories: Sequence[str],
        *,
        channel: Optional[str] = None,
        data_form: Optional[str] = None,
        policy: Optional[str] = None,
        emergency: Optional[Mapping[str, Any]] = None,
        treatment_relationships: Optional[Sequence[str]] = None,
        agreements: Optional[Sequence[Mapping[str, Any]]] = None,
    ) -> ConsentRequest: ...
    @staticmethod
    def from_dict(data: Mapping[str, Any]) -> ConsentRequest:
        """A request from a dict."""
    @staticmethod
    def from_json(text: Union[str, bytes]) -> ConsentRequest:
        """A request from JSON text or bytes."""
    def to_dict(self) -> Dict[str, Any]:
        """The JSON shape as a dict."""
    def to_json(self) -> str:
        """The request as JSON text."""
    @property
    def client(self) -> str: ...
    @property
    def purpose(self) -> str: ...
    @property
    def categories(self) -> List[str]: ...
    @property
    def channel(self) -> str: ...
    @property
    def data_form(self) -> Optional[str]: ...
    @property
    def policy(self) -> str: ...

@final
class CategoryDecision:
    """The decision for one data category."""

    @property
    def category(self) -> str: ...
    @property
    def outcome(self) -> str: ...
    @property
    def permitted(self) -> bool: ...
    @property
    def basis(self) -> str: ...
    @property
    def provision(self) -> Optional[Dict[str, Any]]: ...
    @property
    def obligations(self) -> List[str]: ...
    def to_dict(self) -> Dict[str, Any]:
        """The JSON shape as a dict."""
    def to_json(self) -> str:
        """The JSON shape as text."""
    @staticmethod
    def from_json(text: str) -> CategoryDecision:
        """A category decision written by :meth:`to_json` read back."""

@final
class ConsentDecision:
    """The answer to "may I share this?", per category."""

    @property
    def client(self) -> str: ...
    @property
    def at(self) -> datetime.datetime: ...
    @property
    def policy(self) -> str: ...
    @property
    def who_decides(self) -> str: ...
    @property
    def categories(self) -> List[CategoryDecision]: ...
    @property
    def permitted(self) -> List[str]: ...
    @property
    def all_permitted(self) -> bool: ...
    @property
    def redact(self) -> List[str]: ...
    def get(self, category: str) -> Optional[CategoryDecision]:
        """The decision for one category code, or ``None``."""
    def to_dict(self) -> Dict[str, Any]:
        """The JSON shape as a dict."""
    def to_json(self) -> str:
        """The decision as JSON text."""
    @staticmethod
    def from_json(text: str) -> ConsentDecision:
        """A decision written by :meth:`to_json` read back."""

@final
class ConsentTrace:
    """Why each consent and objection did or did not take part."""

    @property
    def who_decides(self) -> str: ...
    @property
    def records(self) -> List[Dict[str, Any]]: ...
    @property
    def categories(self) -> List[Dict[str, Any]]: ...
    def to_dict(self) -> Dict[str, Any]:
        """The JSON shape as a dict."""
    def to_json(self) -> str:
        """The JSON shape as text."""
    @staticmethod
    def from_json(text: str) -> ConsentTrace:
        """A trace written by :meth:`to_json` read back."""

@final
class ConsentStore:
    """The consents, objections and representatives of clients."""

    @staticmethod
    def from_json(source: _Source, progress: Optional[_Progress] = None) -> ConsentStore:
        """Loads and validates a ``wijknet.consent/v1`` document; ``progress`` (a tqdm bar or
        ``f(step, done, total)`` returning ``False`` to cancel) follows the steps ``read`` and
        ``index`` of a long load and can stop it (``CancelledError``)."""
    @staticmethod
    def from_fhir(bundle: _Source, clients: ConsentStore) -> ConsentStore:
        """A store of FHIR R4 Consents with the clients and data version of ``clients``."""
    def to_fhir(self) -> str:
        """The consents and objections as a FHIR ``collection`` Bundle of Consents (JSON text)."""
    def to_json(self) -> str:
        """The ``wijknet.consent/v1`` JSON document."""
    @property
    def version(self) -> str: ...
    def decide(
        self, request: _ConsentRequestArg, at: _Instant, agreements: Optional[Agreements] = None
    ) -> ConsentDecision:
        """May this be shared? Per category, with basis and obligations; with ``agreements``,
        their data-sharing agreements in force that day are added first."""
    def decide_with_trace(
        self, request: _ConsentRequestArg, at: _Instant, agreements: Optional[Agreements] = None
    ) -> Tuple[ConsentDecision, ConsentTrace]:
        """The decision plus the trace of every consent and objection."""
    def audit_record(
        self, request: _ConsentRequestArg, at: _Instant, agreements: Optional[Agreements] = None
    ) -> Dict[str, Any]:
        """Decides and returns the audit record a host stores."""
    def __len__(self) -> int: ...

@final
class FhirDirectory:
    """A care services directory read from FHIR (IHE mCSD / nl-gf): a registry and the resources
    it was built from, so that ``_history`` Bundles can be applied. Immutable."""

    @staticmethod
    def from_json(source: _Source, progress: Optional[_Progress] = None) -> FhirDirectory:
        """Reads a FHIR R4 Bundle (searchset, collection, transaction or history) of mCSD resources;
        ``progress`` (a tqdm bar or ``f(step, done, total)`` returning ``False`` to cancel) follows
        the steps ``read``, ``check`` and ``index`` and can stop the load (``CancelledError``)."""
    def apply_history(self, bundle: _Source) -> FhirDirectory:
        """The next directory with a ``_history`` or transaction Bundle applied; this one is unchanged."""
    @staticmethod
    def merge(directories: List[FhirDirectory]) -> FhirDirectory:
        """One directory of several read one per organisation; the later ``meta.lastUpdated`` wins."""
    def registry(self) -> Registry:
        """The directory's registry."""
    @property
    def resource_count(self) -> int: ...

@final
class SharedFhirDirectory:
    """The current directory of an application, shared by its threads, with ``_history`` Bundles
    installed by compare-and-swap: of two capacity changes based on the same version exactly one
    is installed and the other raises ``VersionConflictError``. Safe to share between threads."""

    def __new__(cls, directory: FhirDirectory) -> SharedFhirDirectory: ...
    def current(self) -> FhirDirectory:
        """The current directory: a snapshot that never changes."""
    def apply_history(self, bundle: _Source) -> FhirDirectory:
        """Applies a ``_history`` Bundle to the current directory, installs the result and returns it."""
    def replace(self, directory: FhirDirectory) -> None:
        """Installs ``directory`` (a newly read full Bundle) as the current one; last writer wins."""

def audit_event_to_fhir(record: Union[Mapping[str, Any], str, bytes], bsn: Optional[str] = None) -> str:
    """An audit record (as :meth:`ConsentStore.audit_record` gives it) as a FHIR AuditEvent (JSON text)."""

def referral_events_from_fhir(bundle: _Source) -> List[Dict[str, Any]]:
    """Referral events (event dicts) from a FHIR ``history`` Bundle of ServiceRequest and Task versions."""

def referral_events_to_fhir(events: _Events) -> str:
    """Referral events as a FHIR ``history`` Bundle of ServiceRequest and Task versions (JSON text)."""
