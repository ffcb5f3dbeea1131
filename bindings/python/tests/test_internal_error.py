"""A Rust panic reaches Python as ``wijknet.InternalError``, never as pyo3's ``PanicException``.

``PanicException`` derives from ``BaseException``, so ``except Exception`` (and every web
framework's error handler) would miss it. Every native function and method runs inside the
binding's panic guard (``#[catch_panics]``; a Rust test checks that none lacks it), which raises
the binding's own ``InternalError`` instead. ``_panic_for_tests`` is a hidden native function
that panics on purpose, so these tests do not depend on a bug staying in the core.
"""

from __future__ import annotations

import threading
from typing import Any, Callable, List

import pytest

import wijknet
from wijknet import _native

REQUEST = {"location": "7511AA", "care_types": ["nursing"]}
NOW = "2026-11-22T10:00:00Z"
U32_MAX = 2**32 - 1


def test_internal_error_is_an_ordinary_wijknet_error() -> None:
    assert issubclass(wijknet.InternalError, wijknet.WijknetError)
    assert issubclass(wijknet.InternalError, Exception)
    assert not issubclass(wijknet.InternalError, wijknet.ValidationError)
    assert "InternalError" in wijknet.__all__
    assert "never happen" in (wijknet.InternalError.__doc__ or "")


def test_a_panic_raises_internal_error() -> None:
    with pytest.raises(wijknet.InternalError) as raised:
        _native._panic_for_tests()
    e = raised.value
    assert e.code == "internal"
    assert e.problems == []
    message = str(e)
    assert message == message.lower() and not message.endswith(".")
    # The message names the entry point, and a literal panic message is kept for the bug report.
    assert "`_panic_for_tests`" in message and "_panic_for_tests was called" in message
    assert "bug" in message


def test_except_exception_catches_it() -> None:
    caught: List[BaseException] = []
    try:
        _native._panic_for_tests()
    except Exception as e:  # what a host writes; a PanicException would fly past this
        caught.append(e)
    assert len(caught) == 1 and isinstance(caught[0], wijknet.InternalError)


def test_the_library_stays_usable_after_a_panic(basic: wijknet.Registry) -> None:
    for _ in range(3):
        with pytest.raises(wijknet.InternalError):
            _native._panic_for_tests()
    assert basic.match(REQUEST, NOW).candidates
    assert wijknet.core_version() == wijknet.__version__


def test_the_panic_function_is_hidden() -> None:
    assert "_panic_for_tests" not in _native.__all__
    assert not hasattr(wijknet, "_panic_for_tests")


def test_panics_in_threads_are_internal_errors_too() -> None:
    errors: List[BaseException] = []

    def worker() -> None:
        for _ in range(10):
            try:
                _native._panic_for_tests()
            except BaseException as e:  # noqa: B036 - the class is what is tested
                errors.append(e)

    threads = [threading.Thread(target=worker) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(errors) == 40
    assert all(type(e) is wijknet.InternalError for e in errors)


# Hostile values from issue 10 that panic(ked) inside the core. Whether the core refuses them
# (a ValidationError, once it range-checks them) or still panics (an InternalError), the caller
# gets an ordinary WijknetError whose text does not echo the value.
HOSTILE: List[Any] = [
    pytest.param(lambda b, r, a: b.match(REQUEST, NOW, U32_MAX), id="match-stale_after_hours-u32-max"),
    pytest.param(
        lambda b, r, a: b.match(REQUEST, "9999-12-31T23:59:59Z", U32_MAX), id="match-latest-now-u32-max-hours"
    ),
    pytest.param(lambda b, r, a: a.check(r, "2026-11-22", U32_MAX), id="check-horizon_days-u32-max"),
]


@pytest.mark.parametrize("call", HOSTILE)
def test_hostile_values_raise_an_ordinary_error(
    call: Callable[..., Any], basic: wijknet.Registry, region: wijknet.Registry, region_agreements: wijknet.Agreements
) -> None:
    try:
        call(basic, region, region_agreements)
    except wijknet.WijknetError as e:
        assert str(U32_MAX) not in str(e) and all(str(U32_MAX) not in r for _, r in e.problems)
    except BaseException as e:  # noqa: B036 - a PanicException is a BaseException: that is what is tested
        raise AssertionError(f"{type(e).__module__}.{type(e).__name__} escaped: {e}") from e
