"""Progress reports and cancellation of the long calls (Registry.from_json, ReferralBook.replay):
a function or a tqdm bar sees every step start and end, answers stay the same, and a cancel (a
``False`` answer, an exception in the callback) stops the call with nothing loaded."""

from __future__ import annotations

import json
from typing import Any, List, Optional, Tuple

import pytest

import wijknet
from support import VECTORS

REGISTRY = VECTORS / "registries" / "basic.json"
CONSENT_STORE = VECTORS.parent.parent / "examples" / "data" / "twente.consent.json"


def _events_doc() -> str:
    case = json.loads((VECTORS / "referral" / "escalation_and_outcomes.json").read_text(encoding="utf-8"))
    return json.dumps(case["events"])


class Recorder:
    def __init__(self, cancel_step: Optional[str] = None, cancel_after: int = 0) -> None:
        self.reports: List[Tuple[str, int, int]] = []
        self.cancel_step = cancel_step
        self.cancel_after = cancel_after

    def __call__(self, step: str, done: int, total: int) -> Optional[bool]:
        self.reports.append((step, done, total))
        if step == self.cancel_step and done >= self.cancel_after:
            return False
        return None  # nothing returned goes on

    def steps(self) -> List[str]:
        out: List[str] = []
        for s, _, _ in self.reports:
            if not out or out[-1] != s:
                out.append(s)
        return out

    def well_formed(self) -> bool:
        last: dict[str, int] = {}
        for s, d, t in self.reports:
            if d > t or d < last.get(s, 0):
                return False
            last[s] = d
        return True


def test_registry_load_reports_read_check_index_and_gives_the_same_registry() -> None:
    r = Recorder()
    reg = wijknet.Registry.from_json(REGISTRY, progress=r)
    assert r.steps() == ["read", "check", "index"]
    assert r.well_formed()
    assert r.reports[0] == ("read", 0, REGISTRY.stat().st_size)
    assert r.reports[-1][1] == r.reports[-1][2] == len(reg)
    assert reg.to_json() == wijknet.Registry.from_json(REGISTRY).to_json()


@pytest.mark.parametrize("step", ["read", "check", "index"])
def test_registry_load_cancelled_at_any_step_raises_cancelled(step: str) -> None:
    r = Recorder(cancel_step=step)
    with pytest.raises(wijknet.CancelledError) as e:
        wijknet.Registry.from_json(REGISTRY.read_bytes(), progress=r)
    assert e.value.code == "cancelled"
    assert r.reports[-1][0] == step
    assert isinstance(e.value, wijknet.WijknetError)


def test_an_exception_in_the_callback_stops_the_call_and_is_raised_as_it_is() -> None:
    class Stop(Exception):
        pass

    def boom(step: str, done: int, total: int) -> None:
        if step == "check":
            raise Stop("user pressed stop")

    with pytest.raises(Stop):
        wijknet.Registry.from_json(str(REGISTRY), progress=boom)
    with pytest.raises(Stop):
        wijknet.ReferralBook.replay(_events_doc(), progress=boom)


def test_replay_reports_read_check_replay_and_equals_a_replay_without() -> None:
    doc = _events_doc()
    n = len(json.loads(doc)["events"])
    r = Recorder()
    book = wijknet.ReferralBook.replay(doc, progress=r)
    assert r.steps() == ["read", "check", "replay"]
    assert r.well_formed()
    assert r.reports[-1] == ("replay", n, n)
    assert book.summaries() == wijknet.ReferralBook.replay(doc).summaries()
    # a list of event dicts is read without reports, and its replay is reported
    r2 = Recorder()
    wijknet.ReferralBook.replay(json.loads(doc)["events"], progress=r2)
    assert r2.steps() == ["replay"]


def test_a_large_replay_reports_a_bounded_number_of_times_and_cancels_midway() -> None:
    doc = wijknet.ReferralHistory.generate(7, 3000).to_json()
    n = len(json.loads(doc)["events"])
    r = Recorder()
    wijknet.ReferralBook.replay(doc, progress=r)
    replay = [x for x in r.reports if x[0] == "replay"]
    assert replay[0] == ("replay", 0, n) and replay[-1] == ("replay", n, n)
    assert 150 <= len(replay) <= 203, len(replay)
    half = Recorder(cancel_step="replay", cancel_after=n // 2)
    with pytest.raises(wijknet.CancelledError):
        wijknet.ReferralBook.replay(doc, progress=half)
    assert n // 2 <= half.reports[-1][1] < n


class FakeBar:
    """What a tqdm bar offers that wijknet uses: reset(total=), set_description(), update(n)."""

    def __init__(self) -> None:
        self.calls: List[Tuple[str, Any]] = []
        self.n = 0
        self.total: Optional[int] = None

    def reset(self, total: Optional[int] = None) -> None:
        self.calls.append(("reset", total))
        self.n, self.total = 0, total

    def set_description(self, desc: str) -> None:
        self.calls.append(("desc", desc))

    def update(self, n: int = 1) -> None:
        self.n += n


def test_a_tqdm_like_bar_is_reset_per_step_and_filled() -> None:
    bar = FakeBar()
    wijknet.ReferralBook.replay(_events_doc(), progress=bar)
    assert [c for c in bar.calls if c[0] == "desc"] == [("desc", "read"), ("desc", "check"), ("desc", "replay")]
    assert bar.n == bar.total  # the last step ran to its end


def test_real_tqdm_works_when_installed() -> None:
    tqdm = pytest.importorskip("tqdm")
    import io

    with tqdm.tqdm(file=io.StringIO()) as bar:  # a disabled bar ignores updates: write to nowhere
        reg = wijknet.Registry.from_json(REGISTRY, progress=bar)
        assert bar.n == bar.total == len(reg)


def test_a_wrong_progress_argument_is_a_type_error() -> None:
    with pytest.raises(TypeError, match="progress"):
        wijknet.Registry.from_json(REGISTRY, progress=42)
    # None is no progress
    assert len(wijknet.Registry.from_json(REGISTRY, progress=None)) > 0


def test_cancelled_is_in_the_error_table() -> None:
    assert "cancelled" in dict(wijknet.error_codes())


def test_consent_store_load_reports_read_and_index_and_gives_the_same_store() -> None:
    r = Recorder()
    store = wijknet.ConsentStore.from_json(CONSENT_STORE, progress=r)
    assert r.steps() == ["read", "index"]
    assert r.well_formed() and len(r.reports) == 4
    assert r.reports[0] == ("read", 0, CONSENT_STORE.stat().st_size)
    doc = json.loads(CONSENT_STORE.read_text(encoding="utf-8"))
    assert r.reports[-1] == ("index",) + (len(doc["clients"]) + len(doc["consents"]) + len(doc["objections"]),) * 2
    assert store.to_json() == wijknet.ConsentStore.from_json(CONSENT_STORE).to_json()


@pytest.mark.parametrize("step", ["read", "index"])
def test_consent_store_load_cancelled_at_any_step_raises_cancelled(step: str) -> None:
    r = Recorder(cancel_step=step)
    with pytest.raises(wijknet.CancelledError):
        wijknet.ConsentStore.from_json(CONSENT_STORE.read_bytes(), progress=r)
    assert r.reports[-1][0] == step


def test_fhir_directory_load_reports_read_check_index_and_gives_the_same_registry() -> None:
    registry = wijknet.Registry.from_json(REGISTRY)
    bundle = registry.to_fhir("collection")
    r = Recorder()
    directory = wijknet.FhirDirectory.from_json(bundle, progress=r)
    assert r.steps() == ["read", "check", "index"]
    assert r.well_formed() and len(r.reports) == 6
    assert r.reports[0] == ("read", 0, len(bundle.encode("utf-8")))
    assert r.reports[2] == ("check", 0, len(json.loads(bundle)["entry"]))
    assert r.reports[-1] == ("index", directory.resource_count, directory.resource_count)
    assert directory.registry().to_json() == registry.to_json()


@pytest.mark.parametrize("step", ["read", "check", "index"])
def test_fhir_directory_load_cancelled_at_any_step_raises_cancelled(step: str) -> None:
    bundle = wijknet.Registry.from_json(REGISTRY).to_fhir("collection")
    r = Recorder(cancel_step=step)
    with pytest.raises(wijknet.CancelledError):
        wijknet.FhirDirectory.from_json(bundle, progress=r)
    assert r.reports[-1] == (step, 0, r.reports[-1][2])
