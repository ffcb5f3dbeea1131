"""Referrals from Python: applying events, lifecycle errors, summaries, monitoring, tables."""

from __future__ import annotations

import copy
import datetime as dt
import json
from typing import Any, Dict, List

import pytest

import wijknet
from support import VECTORS

UTC = dt.timezone.utc


def events_doc(name: str = "joint_intake") -> Dict[str, Any]:
    return json.loads((VECTORS / "referral" / f"{name}.json").read_text(encoding="utf-8"))["events"]


@pytest.fixture(scope="module")
def year() -> str:
    return wijknet.ReferralHistory.generate(7, 300).to_json()


def test_replay_and_apply_agree(year: str) -> None:
    replayed = wijknet.ReferralBook.replay(year)
    stepped = wijknet.ReferralBook()
    for event in json.loads(year)["events"]:
        stepped.apply(event)
    assert len(replayed) == len(stepped) == 300
    assert [s.to_dict() for s in replayed.summaries()] == [s.to_dict() for s in stepped.summaries()]
    assert replayed.monitoring() == stepped.monitoring()
    applied_all = wijknet.ReferralBook()
    applied_all.apply_all(json.loads(year)["events"])  # a list of event dicts
    assert applied_all.monitoring() == replayed.monitoring()
    assert replayed.ids() == sorted(replayed.ids())
    assert "referrals=300" in repr(replayed)


def test_generator_is_deterministic(year: str) -> None:
    assert wijknet.ReferralHistory.generate(7, 300).to_json() == year
    assert wijknet.ReferralHistory.generate(8, 300).to_json() != year
    assert json.loads(year)["schema"] == "wijknet.referral-events/v1"


def test_summary_objects() -> None:
    book = wijknet.ReferralBook.replay(events_doc())
    (s,) = book.summaries()
    assert book.referral(s.id) == s and book.referral("nope") is None
    assert s.status in wijknet.codes("referral_status")
    assert isinstance(s.declines, int) and s.declines >= 1
    assert s.placed_team is None or isinstance(s.placed_team, str)
    assert [o["team"] for o in s.offers][:4] == ["t-a", "t-b", "t-c", "t-d"]
    assert all(o["status"] in wijknet.codes("offer_status") for o in s.offers)
    assert s.to_dict()["offers"] == s.offers and s.to_dict()["id"] == s.id
    assert s.escalation is None or set(s.escalation) == {"at", "trigger", "accountable"}
    assert s.reason is None or "code" in s.reason
    assert s.id in repr(s)


def test_monitoring_object(year: str) -> None:
    m = wijknet.ReferralBook.replay(year).monitoring()
    d = m.to_dict()
    assert d == json.loads(m.to_json())
    for key in d:
        assert getattr(m, key) == d[key], key
    assert m.referrals == 300 and 0 < m.placed <= 300
    assert set(m.time_to_placement) == {"count", "median_secs", "p90_secs"}
    assert sum(m.never_placed.values()) + m.placed == m.referrals
    assert all(k in wijknet.codes("referral_reason") for k in m.declines)
    assert "referrals=300" in repr(m)
    rows = m.table().to_pylist()
    assert rows and all(list(r) == list(rows[0]) for r in rows)
    assert {"metric", "dimension", "key", "reason", "count", "median_secs", "p90_secs", "hours_per_week"} == set(rows[0])
    placed = [r for r in rows if r["metric"] == "placed"]
    assert placed == [dict(placed[0], count=m.placed)]


def test_referral_table_rows_and_events_table(year: str) -> None:
    book = wijknet.ReferralBook.replay(year)
    rows = book.referral_table().to_pylist()
    assert len(rows) == 300 and [r["referral"] for r in rows] == book.ids()
    assert all(list(r) == list(rows[0]) for r in rows)
    first = rows[0]
    assert isinstance(first["created_at"], dt.datetime) and first["created_at"].tzinfo is not None
    assert isinstance(first["care_types"], list) and isinstance(first["acute"], bool)
    assert sum(r["placed"] for r in rows) == book.monitoring().placed
    table = wijknet.ReferralHistory.from_json(year).table()
    assert isinstance(table, wijknet.Table) and table.name == "events"
    events = table.to_pylist()
    assert len(events) == len(table) == len(json.loads(year)["events"])
    assert all(list(e) == table.column_names for e in events)
    assert {"id", "referral", "seq", "at", "actor_role", "actor_id", "type"} <= set(events[0])
    assert isinstance(events[0]["at"], dt.datetime) and events[0]["at"].tzinfo == UTC
    assert {e["type"] for e in events} <= set(wijknet.codes("referral_event_type"))
    assert any(e["reason_code"] for e in events)


def test_data_frames_take_the_tables(year: str) -> None:
    pd = pytest.importorskip("pandas")
    book = wijknet.ReferralBook.replay(year)
    df = pd.DataFrame(book.referral_table().to_pylist())
    assert len(df) == 300 and df["placed"].sum() == book.monitoring().placed
    assert str(df["created_at"].dtype).startswith("datetime64")
    ev = wijknet.ReferralHistory.from_json(year).table().to_pandas()
    assert str(ev["at"].dtype).startswith("datetime64")
    assert (ev.groupby("type").size() > 0).all()
    assert len(book.monitoring().table().to_pandas()) == len(book.monitoring().table())


def test_polars_takes_the_tables(year: str) -> None:
    pl = pytest.importorskip("polars")
    book = wijknet.ReferralBook.replay(year)
    df = pl.DataFrame(book.referral_table())
    assert df.height == 300 and df["placed"].sum() == book.monitoring().placed
    assert df.schema["created_at"].is_temporal()
    # The events table has typed columns: polars needs no inference, even for rare columns.
    table = wijknet.ReferralHistory.from_json(year).table()
    events = table.to_pylist()
    for ev in (pl.DataFrame(table), table.to_polars()):
        assert ev.height == len(json.loads(year)["events"]) and ev.schema["at"].is_temporal()
        assert ev["reason_code"].drop_nulls().len() == sum(1 for e in events if e["reason_code"])
    figures = book.monitoring().table()
    assert pl.DataFrame(figures.to_pydict()).height == len(figures) == pl.DataFrame(figures).height


def created(referral: str = "r1") -> Dict[str, Any]:
    return {"id": f"{referral}.1", "referral": referral, "seq": 1, "at": "2026-03-02T09:00:00Z",
            "actor": {"role": "referrer", "id": "gp-1"}, "type": "created", "referrer": "gp-1",
            "care_types": ["wound_care"], "pc4": "7511", "municipality": "GM0153", "acute": False,
            "policy": {"accountable": "cp-1", "max_unplaced_acute_secs": 86400,
                       "max_unplaced_non_acute_secs": 432000, "max_declines": 3}}


def test_lifecycle_errors_are_typed_and_change_nothing() -> None:
    book = wijknet.ReferralBook()
    book.apply(created())
    before = book.referral("r1")
    with pytest.raises(wijknet.DuplicateEventError) as dup:
        book.apply(dict(created(), seq=2))
    assert isinstance(dup.value, wijknet.TransitionError) and dup.value.code == "duplicate_event"
    with pytest.raises(wijknet.VersionConflictError):
        book.apply({"id": "r1.x", "referral": "r1", "seq": 5, "at": "2026-03-02T09:01:00Z",
                    "actor": {"role": "referrer", "id": "gp-1"}, "type": "submitted"})
    with pytest.raises(wijknet.WrongActorError) as wrong:
        book.apply({"id": "r1.2", "referral": "r1", "seq": 2, "at": "2026-03-02T09:01:00Z",
                    "actor": {"role": "team", "id": "t-a"}, "type": "submitted"})
    assert wrong.value.code == "wrong_actor"
    with pytest.raises(wijknet.NotFoundError):
        book.apply({"id": "r2.2", "referral": "r2", "seq": 2, "at": "2026-03-02T09:01:00Z",
                    "actor": {"role": "referrer", "id": "gp-1"}, "type": "submitted"})
    assert book.referral("r1") == before
    book.apply({"id": "r1.2", "referral": "r1", "seq": 2, "at": "2026-03-02T09:01:00Z",
                "actor": {"role": "referrer", "id": "gp-1"}, "type": "submitted"})
    with pytest.raises(wijknet.TransitionError) as t:
        book.apply({"id": "r1.3", "referral": "r1", "seq": 3, "at": "2026-03-02T09:02:00Z",
                    "actor": {"role": "team", "id": "t-a"}, "type": "offer_accepted", "team": "t-a"})
    assert t.value.code in ("transition", "wrong_actor")


def test_event_index_names_the_refused_event() -> None:
    doc = events_doc()
    doc = copy.deepcopy(doc)
    doc["events"].insert(3, copy.deepcopy(doc["events"][2]))  # a duplicate of event 2
    with pytest.raises(wijknet.TransitionError) as e:
        wijknet.ReferralBook.replay(doc)
    assert e.value.event_index == 3
    book = wijknet.ReferralBook()
    with pytest.raises(wijknet.TransitionError) as e2:
        book.apply_all(doc)
    assert e2.value.event_index == 3 and len(book) == 1  # events before it stay applied


def test_bad_events_name_the_path() -> None:
    bad = dict(created(), care_types=["wound_care", "massage"], pc4="75")
    with pytest.raises(wijknet.ValidationError) as e:
        wijknet.ReferralBook().apply(bad)
    assert {p for p, _ in e.value.problems} == {"$.care_types[1]", "$.pc4"}
    with pytest.raises(wijknet.ValidationError) as doc_err:
        wijknet.ReferralBook.replay({"schema": "wijknet.referral-events/v1", "events": [created(), bad]})
    assert {p for p, _ in doc_err.value.problems} == {"$.events[1].care_types[1]", "$.events[1].pc4"}
    assert doc_err.value.event_index is None
    with pytest.raises(wijknet.JsonError):
        wijknet.ReferralBook().apply(dict(created(), seq="one"))
    with pytest.raises(wijknet.JsonError):
        wijknet.ReferralBook().apply("{not json")
    with pytest.raises(wijknet.SchemaError):
        wijknet.ReferralBook.replay({"schema": "x", "events": []})
    with pytest.raises(TypeError):
        wijknet.ReferralBook().apply(42)  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        wijknet.ReferralHistory.from_json(42).table()  # type: ignore[arg-type]


def test_check_escalation() -> None:
    book = wijknet.ReferralBook()
    book.apply(created())
    book.apply({"id": "r1.2", "referral": "r1", "seq": 2, "at": "2026-03-02T09:00:00Z",
                "actor": {"role": "referrer", "id": "gp-1"}, "type": "submitted"})
    policy = {"accountable": "cp-1", "max_unplaced_acute_secs": 3600, "max_unplaced_non_acute_secs": 7200,
              "max_declines": 2}
    assert book.check_escalation("r1", policy, "2026-03-02T10:00:00Z") is None
    event = book.check_escalation("r1", policy, dt.datetime(2026, 3, 2, 11, 0, 1, tzinfo=UTC))
    assert event is not None and event["type"] == "escalated" and event["trigger"] == "unplaced_too_long"
    book.apply(event)
    assert book.referral("r1").escalation["accountable"] == "cp-1"  # type: ignore[index,union-attr]
    with pytest.raises(wijknet.NotFoundError):
        book.check_escalation("zz", policy, "2026-03-02T10:00:00Z")
    with pytest.raises(wijknet.ValidationError) as e:
        book.check_escalation("r1", {"accountable": "", "max_unplaced_acute_secs": 0}, "2026-03-02T10:00:00Z")
    assert {p for p, _ in e.value.problems} == {"$.accountable", "$.max_unplaced_acute_secs",
                                                 "$.max_unplaced_non_acute_secs"}
    with pytest.raises(wijknet.ValidationError) as naive:
        book.check_escalation("r1", policy, dt.datetime(2026, 3, 2, 10))
    assert naive.value.problems[0][0] == "$.now"


def test_escalation_policy_from_agreements(region_agreements: wijknet.Agreements) -> None:
    p = region_agreements.escalation_policy("7511AA", "2026-11-22")
    assert p is not None and set(p) == {"accountable", "max_unplaced_acute_secs", "max_unplaced_non_acute_secs",
                                         "max_declines"}
    assert p["accountable"] == "cp"
    assert region_agreements.escalation_policy("9999", dt.date(2026, 11, 22)) is None
    book = wijknet.ReferralBook()
    book.apply(created())
    assert book.check_escalation("r1", p, "2026-03-02T10:00:00Z") is None  # policy shape round-trips


def test_book_is_mutable_but_its_summaries_are_not() -> None:
    book = wijknet.ReferralBook()
    book.apply(created())
    s: Any = book.referral("r1")
    with pytest.raises(AttributeError):
        s.status = "x"
    summaries: List[Any] = book.summaries()
    assert len(summaries) == 1
