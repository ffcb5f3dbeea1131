"""The exception classes of wijknet, and the one table that maps the core's error codes to them.

Every error the library raises on purpose is a :class:`WijknetError`. Errors about the input
(malformed JSON, a wrong schema tag, broken rules, bad arguments) are :class:`ValidationError`
and carry ``problems``: every ``(path, reason)`` found, so all of them can be fixed at once.
Messages never contain a BSN, a client's name or other personal data. A bug inside wijknet (a
Rust panic) is an :class:`InternalError`, so ``except Exception`` and ``except WijknetError``
catch it too.
"""

from __future__ import annotations

# No `__all__`: `from ._errors import *` takes every public name, the classes below, and
# generate-stubs.sh lists them in the package's `__all__` from their definitions.


class WijknetError(Exception):
    """Base class of every error wijknet raises on purpose.

    ``code`` is the core's stable error code (``"invalid"``, ``"json"``, ``"schema"``,
    ``"version_conflict"``, ``"not_found"``, ...), the same in every binding; ``problems`` is a
    list of ``(path, reason)`` pairs (empty when the error is not about a place in a document);
    ``str(error)`` is the message.
    """

    code: str
    problems: list[tuple[str, str]]
    #: For errors raised while applying a list of events: the 0-based index of the refused event.
    event_index: int | None = None

    def __init__(
        self,
        message: str,
        code: str = "error",
        problems: list[tuple[str, str]] | tuple[tuple[str, str], ...] = (),
    ) -> None:
        super().__init__(message)
        self.message = message
        self.code = code
        self.problems = [(str(p), str(r)) for p, r in problems]

    def __str__(self) -> str:
        return self.message


class ValidationError(WijknetError, ValueError):
    """The input breaks a rule: every problem is listed in ``problems`` as ``(path, reason)``.

    Paths are JSON paths rooted at ``$``, the document itself (``$.teams[3].area.pc4[0]``), or
    for a call's argument ``$.`` and its name (``$.now``, ``$.location``). Reasons say what was
    expected, never the value found. Also a ``ValueError``.
    """


class JsonError(ValidationError):
    """The input is not well-formed JSON, a value has the wrong type, or a key is missing or
    unknown; ``problems`` holds the one path where reading stopped."""


class SchemaError(ValidationError):
    """The document's ``schema`` tag is missing or names another schema or version."""


class VersionConflictError(WijknetError):
    """An optimistic update was based on stale data (someone else changed it first): reload and
    apply the update again."""


class NotFoundError(WijknetError, LookupError):
    """A referenced record (team, organisation, ...) does not exist. Also a ``LookupError``."""


class TransitionError(WijknetError):
    """A referral event was refused by the lifecycle: this change is not allowed in the
    referral's (or offer's) current state. Nothing was changed."""


class DuplicateEventError(TransitionError):
    """A referral event with this id was already applied to the referral."""


class WrongActorError(TransitionError):
    """A referral event was made by an actor whose role may not make this change (e.g. a
    referrer accepting an offer)."""


class LocalTimeError(ValidationError):
    """A Dutch local time names no instant or two (code ``"local_time"``): it falls in the hour
    the clocks skip on the last Sunday of March (problem path ``$.time``), or in the hour they
    repeat on the last Sunday of October and no ``occurrence`` (``"first"`` or ``"second"``) was
    given (path ``$.occurrence``). wijknet never guesses which instant was meant."""


class CancelledError(WijknetError):
    """A long call (loading a national document, replaying a history) was stopped by its
    ``progress`` callback returning ``False`` (code ``"cancelled"``). The call had no effect:
    nothing was loaded or changed."""


class InternalError(WijknetError):
    """A bug inside wijknet: the native code panicked (``code`` is ``"internal"``). It should
    never happen; please report it with the message, which names the function that failed.

    The library stays usable. Immutable objects are unaffected; a :class:`ReferralBook` whose
    method raised it may hold part of that call's change, so rebuild it from its events.
    Raised instead of pyo3's ``PanicException``, which derives from ``BaseException`` and so
    would escape ``except Exception``.
    """


# The one mapping from the core's stable `Error::code()` to a class. Codes this table does not
# know (added by a newer core) still raise a WijknetError with the code.
_CLASS_BY_CODE = {
    "invalid": ValidationError,
    "json": JsonError,
    "schema": SchemaError,
    "version_conflict": VersionConflictError,
    "not_found": NotFoundError,
    "transition": TransitionError,
    "duplicate_event": DuplicateEventError,
    "wrong_actor": WrongActorError,
    "local_time": LocalTimeError,
    "cancelled": CancelledError,
    # The binding's own code for a panic, never one of the core's.
    "internal": InternalError,
}


def _from_core(code: str, message: str, problems: list[tuple[str, str]]) -> WijknetError:
    """Builds the exception for a core error (called by the native module)."""
    cls = _CLASS_BY_CODE.get(code, WijknetError)
    return cls(message, code, problems)
