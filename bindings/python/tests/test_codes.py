"""Stable codes and their labels."""

from __future__ import annotations

import pytest

import wijknet

KINDS = wijknet.code_kinds()


def test_kinds_cover_the_result_codes() -> None:
    for k in ["care_type", "exclusion_reason", "candidate_flag", "match_outcome", "finding_code", "mandate_outcome"]:
        assert k in KINDS


@pytest.mark.parametrize("kind", KINDS)
def test_every_code_has_both_labels(kind: str) -> None:
    codes = wijknet.codes(kind)
    assert codes and len(set(codes)) == len(codes)
    for c in codes:
        assert c == c.lower() and " " not in c
        assert wijknet.label(kind, c, "nl")
        assert wijknet.label(kind, c) == wijknet.label(kind, c, lang="en")


def test_known_labels() -> None:
    assert wijknet.label("care_type", "wound_care", "nl") == "wondzorg"
    assert wijknet.label("care_type", "wound_care") == "wound care"
    assert wijknet.codes("time_of_day") == ["day", "evening", "night"]


@pytest.mark.parametrize(
    "args,path",
    [(("colour", "red"), "$.kind"), (("care_type", "massage"), "$.code"), (("care_type", "wound_care", "fr"), "$.lang")],
)
def test_unknown_kind_code_or_language(args: tuple, path: str) -> None:
    with pytest.raises(wijknet.ValidationError) as e:
        wijknet.label(*args)
    assert e.value.problems[0][0] == path
    assert e.value.code == "invalid"


def test_unknown_kind_in_codes() -> None:
    with pytest.raises(wijknet.ValidationError):
        wijknet.codes("colour")


def test_every_code_python_raises_has_its_own_class() -> None:
    from wijknet import _errors

    codes = dict(wijknet.error_codes())
    assert "internal" in codes and "version_conflict" in codes and codes["json"]
    python_raises = {"json", "schema", "invalid", "version_conflict", "not_found", "transition",
                     "duplicate_event", "wrong_actor", "local_time", "cancelled", "internal"}
    assert python_raises <= set(codes)
    assert set(_errors._CLASS_BY_CODE) == python_raises
