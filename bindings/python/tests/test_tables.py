"""Columnar tables: events, referrals and monitoring as wijknet.Table (Apache Arrow), read by
polars and DuckDB through the Arrow PyCapsule interface, written as Parquet (DuckDB reads the
files back), streamed into one Parquet file piece by piece, and pickled."""

from __future__ import annotations

import datetime as dt
import json
import pickle
from pathlib import Path

import pytest

import wijknet


@pytest.fixture(scope="module")
def year_doc() -> str:
    return wijknet.ReferralHistory.generate(23, 400).to_json()


def test_events_table_equals_the_documents_events(year_doc: str) -> None:
    table = wijknet.ReferralHistory.from_json(year_doc).table()
    events = json.loads(year_doc)["events"]
    assert len(table) == table.num_rows == len(events)
    rows = table.to_pylist()
    for row, e in zip(rows, events):
        assert row["id"] == e["id"] and row["referral"] == e["referral"] and row["seq"] == e["seq"]
        assert row["type"] == e["type"] and row["actor_role"] == e["actor"]["role"]
        assert row["at"] == dt.datetime.fromisoformat(e["at"].replace("Z", "+00:00"))
        assert row["team"] == e.get("team")
        assert row["reason_code"] == (e.get("reason") or {}).get("code")
        assert row["care_types"] == e.get("care_types")
    cols = table.to_pydict()
    assert list(cols) == table.column_names and all(len(v) == len(events) for v in cols.values())
    assert "at: Timestamp(µs, \"UTC\")" in table.schema or "at: Timestamp(Microsecond" in table.schema


def test_history_book_and_monitoring_tables(year_doc: str) -> None:
    history = wijknet.ReferralHistory.from_json(year_doc)
    assert len(history) == len(json.loads(year_doc)["events"])
    assert history.table() == wijknet.ReferralHistory.from_json(year_doc).table()
    assert wijknet.ReferralHistory.from_json(history).table() == history.table()
    book = wijknet.ReferralBook.replay(history)
    assert book.summaries() == wijknet.ReferralBook.replay(year_doc).summaries()
    refs = book.referral_table()
    assert refs.name == "referrals" and [r["referral"] for r in refs.to_pylist()] == book.ids()
    assert sum(r["placed"] for r in refs.to_pylist()) == book.monitoring().placed
    mon = book.monitoring().table()
    placed = [r["count"] for r in mon.to_pylist() if r["metric"] == "placed"]
    assert mon.name == "monitoring" and placed == [book.monitoring().placed]
    assert json.loads(history.to_json()) == json.loads(year_doc)


def test_polars_reads_the_tables_without_help(year_doc: str) -> None:
    pl = pytest.importorskip("polars")
    book = wijknet.ReferralBook.replay(year_doc)
    df = pl.DataFrame(book.referral_table())
    assert df.height == len(book) and df["placed"].sum() == book.monitoring().placed
    assert df.schema["created_at"] == pl.Datetime("us", "UTC")
    assert df.schema["care_types"] == pl.List(pl.String)
    ev = pl.DataFrame(wijknet.ReferralHistory.from_json(year_doc).table())
    assert ev.columns == wijknet.ReferralHistory.from_json(year_doc).table().column_names


def test_pandas_gets_a_frame(year_doc: str) -> None:
    pytest.importorskip("pandas")
    df = wijknet.ReferralHistory.from_json(year_doc).table().to_pandas()
    assert len(df) == len(json.loads(year_doc)["events"]) and str(df["at"].dtype).startswith("datetime64")


def test_parquet_files_read_back_in_duckdb(year_doc: str, tmp_path: Path) -> None:
    duckdb = pytest.importorskip("duckdb")
    history = wijknet.ReferralHistory.from_json(year_doc)
    one = tmp_path / "events.parquet"
    assert history.write_parquet(one) == len(history)
    # a multi-year history, written document by document into one file
    many = tmp_path / "years.parquet"
    with wijknet.EventsParquetWriter(many) as w:
        for seed in (1, 2, 3):
            w.write(wijknet.ReferralHistory.generate(seed, 200).to_json())
        rows = w.write(history)
    con = duckdb.connect()
    n, types = con.execute(f"select count(*), count(distinct type) from read_parquet('{one}')").fetchone()
    assert n == len(history) and types >= 8
    total = con.execute(f"select count(*) from read_parquet('{many}')").fetchone()[0]
    assert total == rows
    # the same figures from DuckDB as from wijknet
    placed = con.execute(
        f"select count(distinct referral) from read_parquet('{one}') where type = 'care_started'"
    ).fetchone()[0]
    assert placed == wijknet.ReferralBook.replay(history).monitoring().placed
    refs = tmp_path / "referrals.parquet"
    book = wijknet.ReferralBook.replay(history)
    book.referral_table().write_parquet(refs)
    assert con.execute(f"select count(*) from read_parquet('{refs}')").fetchone()[0] == len(book)


def test_duckdb_reads_a_table_object_directly(year_doc: str) -> None:
    duckdb = pytest.importorskip("duckdb")
    table = wijknet.ReferralHistory.from_json(year_doc).table()
    con = duckdb.connect()
    con.register("events", table)
    assert con.execute("select count(*) from events").fetchone()[0] == len(table)


def test_a_closed_writer_refuses_and_a_bad_document_adds_nothing(tmp_path: Path) -> None:
    w = wijknet.EventsParquetWriter(tmp_path / "x.parquet")
    with pytest.raises(wijknet.ValidationError):
        w.write({"schema": "wijknet.referral-events/v1", "events": [{"id": "x"}]})
    assert w.close() == 0
    with pytest.raises(ValueError, match="closed"):
        w.write([])
    with pytest.raises(ValueError, match="closed"):
        w.close()


def test_tables_and_results_pickle(year_doc: str) -> None:
    table = wijknet.ReferralHistory.from_json(year_doc).table()
    back = pickle.loads(pickle.dumps(table))
    assert back == table and back.name == "events" and back.to_pylist() == table.to_pylist()
    with pytest.raises(Exception):
        wijknet.Table._from_ipc("events", b"garbage")


def test_the_capsules_are_the_arrow_ones(year_doc: str) -> None:
    table = wijknet.ReferralHistory.from_json(year_doc).table()
    assert "arrow_array_stream" in repr(table.__arrow_c_stream__())
    assert "arrow_schema" in repr(table.__arrow_c_schema__())
    pa = pytest.importorskip("pyarrow")
    t = pa.table(table)
    assert t.num_rows == len(table) and t.column_names == table.column_names


def test_results_and_documents_pickle(year_doc: str) -> None:
    from support import VECTORS

    m = wijknet.ReferralBook.replay(year_doc).monitoring()
    back = pickle.loads(pickle.dumps(m))
    assert back == m and back.to_dict() == m.to_dict()
    with pytest.raises(wijknet.JsonError):
        wijknet.Monitoring.from_json('{"referrals": "x"}')
    reg = wijknet.Registry.from_json(VECTORS / "registries" / "basic.json")
    reg2 = pickle.loads(pickle.dumps(reg))
    assert reg2.to_json() == reg.to_json() and reg2.version == reg.version
    req = wijknet.MatchRequest(location="7511AA", care_types=["wound_care"])
    assert pickle.loads(pickle.dumps(req)) == req
    result = reg2.match(req, now="2026-11-22T10:00:00Z")
    assert result == reg.match(req, now="2026-11-22T10:00:00Z")
