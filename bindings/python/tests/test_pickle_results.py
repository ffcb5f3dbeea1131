"""Result objects pickle as their JSON text and are read back with the usual checks (a pickle is
no way around the rules): match results (candidates, exclusions of every kind, candidates
through agreements), consent decisions with their categories and traces, and agreements with
the registry they were loaded against."""

from __future__ import annotations

import json
import pickle
from typing import Any, Dict, List

import pytest

import wijknet
from conftest import NOW
from support import VECTORS, cases, document

MATCHING = [(n, c) for n, c in cases("matching") if "expected" in c]
CONSENT = [(n, c) for n, c in cases("consent") if "expected" in c]
WOUND = {"location": "7511AA", "care_types": ["nursing", "wound_care"]}


def match_vector(case: Dict[str, Any]) -> wijknet.MatchResult:
    registry = wijknet.Registry.from_json(document(case["registry"]))
    for update in case.get("capacity_updates", []):
        registry = registry.update_capacities(update)
    options = case["options"]
    return registry.match(case["request"], now=options["now"],
                          stale_after_hours=options.get("stale_after_hours", 72))


def round_trip(x: Any) -> Any:
    back = pickle.loads(pickle.dumps(x))
    assert type(back) is type(x)
    assert back == x
    assert back.to_json() == x.to_json()
    assert back.to_dict() == x.to_dict()
    return back


def test_the_vectors_are_there() -> None:
    assert len(MATCHING) >= 15 and len(CONSENT) >= 10


def test_every_vector_match_result_pickles() -> None:
    kinds = set()
    for _, case in MATCHING:
        result = match_vector(case)
        back = round_trip(result)
        assert [(e.reason, e.detail, e.explanation) for e in back.excluded] == \
            [(e.reason, e.detail, e.explanation) for e in result.excluded]
        assert all(c.contact == d.contact for c, d in zip(back.candidates, result.candidates))
        kinds |= {e["specifics"]["kind"] for e in result.to_dict()["excluded"]}
        # The parts a host may hold alone pickle too.
        for part in [*result.candidates, *result.excluded, *filter(None, [result.accountable])]:
            assert round_trip(part).to_dict() == part.to_dict()
    # Candidates, and exclusions of many kinds, came back.
    assert len(kinds) >= 8, kinds


def test_a_match_result_with_agreements_pickles(region: wijknet.Registry,
                                               region_agreements: wijknet.Agreements) -> None:
    result = region.match(WOUND, NOW, agreements=region_agreements)
    assert any(c.via for c in result.candidates) and result.excluded
    back = round_trip(result)
    assert [v.to_dict() for c in back.candidates for v in c.via] == \
        [v.to_dict() for c in result.candidates for v in c.via]
    for via in (v for c in result.candidates for v in c.via):
        round_trip(via)


def test_a_match_result_read_back_is_checked_without_repeating_values() -> None:
    result = next(match_vector(c) for _, c in MATCHING if match_vector(c).candidates)
    wrong = result.to_dict()
    wrong["candidates"][0]["rank"] = "Jantje-111222333"
    with pytest.raises(wijknet.JsonError) as e:
        wijknet.MatchResult.from_json(json.dumps(wrong))
    assert e.value.problems[0][0] == "$.candidates[0].rank"
    assert "111222333" not in str(e.value) and "Jantje" not in str(e.value)

    excluded = next(r.excluded[0] for r in (match_vector(c) for _, c in MATCHING) if r.excluded)
    wrong_exclusion = excluded.to_dict()
    wrong_exclusion["reason"] = "no_capacity" if excluded.reason != "no_capacity" else "outside_area"
    with pytest.raises(wijknet.ValidationError) as v:
        wijknet.Exclusion.from_json(json.dumps(wrong_exclusion))
    assert v.value.problems[0][0] == "$.reason"

    wrong = result.to_dict()
    wrong["outcome"] = "no_eligible_team"
    with pytest.raises(wijknet.ValidationError) as v:
        wijknet.MatchResult.from_json(json.dumps(wrong))
    assert v.value.problems[0][0] == "$.outcome"


def test_contacts_pickle_and_are_checked_when_read_back() -> None:
    twente = wijknet.Registry.from_json(VECTORS.parent.parent / "examples" / "data" / "twente.json")
    contacts = [c for t in json.loads(twente.to_json())["teams"] for c in t.get("contacts", [])]
    result = twente.match(WOUND, NOW)
    held = [c.contact for c in result.candidates if c.contact]
    assert held and contacts
    for contact in held:
        back = round_trip(contact)
        assert (back.name, back.role, back.phone, back.email, back.hours) == \
            (contact.name, contact.role, contact.phone, contact.email, contact.hours)
        # The JSON is the registry document's contact.
        assert contact.to_dict() in contacts
    wrong = held[0].to_dict()
    wrong["hours"] = [{"days": ["mon"], "from": "17:00", "to": "09:00"}]
    wrong["name"] = "Jantje 111222333"
    with pytest.raises(wijknet.ValidationError) as v:
        wijknet.Contact.from_json(json.dumps(wrong))
    assert v.value.problems[0][0].startswith("$.hours[0]")
    assert "111222333" not in str(v.value)
    with pytest.raises(wijknet.JsonError) as e:
        wijknet.Contact.from_json(json.dumps({**held[0].to_dict(), "role": 7}))
    assert e.value.problems[0][0] == "$.role"


def decide(case: Dict[str, Any]) -> Any:
    store = wijknet.ConsentStore.from_json(case["store"])
    return store.decide_with_trace(case["request"], case["at"])


def test_every_vector_consent_decision_pickles() -> None:
    for _, case in CONSENT:
        decision, trace = decide(case)
        back = round_trip(decision)
        assert back.to_dict() == case["expected"]
        assert (back.permitted, back.redact, back.all_permitted) == \
            (decision.permitted, decision.redact, decision.all_permitted)
        round_trip(trace)
        categories: List[wijknet.CategoryDecision] = decision.categories
        for c in categories:
            assert round_trip(c).category == c.category
        # Pickled together, the parts come back as they went.
        assert pickle.loads(pickle.dumps((decision, trace, categories))) == (decision, trace, categories)


def test_a_decision_read_back_is_checked() -> None:
    partial = next(decide(c)[0] for _, c in CONSENT if decide(c)[0].redact)
    wrong = partial.to_dict()
    del wrong["redact"]
    with pytest.raises(wijknet.ValidationError) as v:
        wijknet.ConsentDecision.from_json(json.dumps(wrong))
    assert v.value.problems[0][0] == "$.redact"
    wrong = partial.to_dict()
    wrong["categories"][0]["outcome"] = "Jantje-111222333"
    with pytest.raises(wijknet.JsonError) as e:
        wijknet.ConsentDecision.from_json(json.dumps(wrong))
    assert e.value.problems[0][0] == "$.categories[0].outcome" and "111222333" not in str(e.value)
    with pytest.raises(wijknet.JsonError):
        wijknet.ConsentTrace.from_json(partial.to_json())
    with pytest.raises(wijknet.JsonError):
        wijknet.CategoryDecision.from_json(partial.to_json())


def test_agreements_pickle_with_their_registry(region: wijknet.Registry,
                                               region_agreements: wijknet.Agreements) -> None:
    assert region_agreements.registry is region
    back = pickle.loads(pickle.dumps(region_agreements))
    assert back.to_json() == region_agreements.to_json() and back.to_dict() == region_agreements.to_dict()
    assert back.registry.to_json() == region.to_json()
    # The agreements read back still count in a match, against either registry.
    with_agreements = region.match(WOUND, NOW, agreements=region_agreements)
    assert any(c.via for c in with_agreements.candidates)
    assert region.match(WOUND, NOW, agreements=back) == with_agreements
    assert back.registry.match(WOUND, NOW, agreements=back) == with_agreements
    # Pickled together, the registry is pickled once and the agreements name that copy.
    registry, agreements = pickle.loads(pickle.dumps((region, region_agreements)))
    assert agreements.registry is registry
    assert registry.match(WOUND, NOW, agreements=agreements) == with_agreements


def test_agreements_are_validated_again_when_unpickled(region: wijknet.Registry,
                                                       region_agreements: wijknet.Agreements) -> None:
    import copyreg

    # What a pickle holds: the reader, the document and the registry. The reader validates the
    # document against the registry, as loading does: with a registry that lacks the parties
    # the agreements name, unpickling is refused.
    reduced: Any = copyreg.dispatch_table[wijknet.Agreements](region_agreements)
    read, (text, registry) = reduced
    assert registry is region and text == region_agreements.to_json()
    assert read(text, registry).to_json() == text
    other = wijknet.Registry.from_json(document("registries/basic.json"))
    with pytest.raises(wijknet.ValidationError):
        read(text, other)


def test_agreement_answers_pickle(region: wijknet.Registry, region_agreements: wijknet.Agreements) -> None:
    covered = region_agreements.on_call(region, "7514AB", "2026-03-29T04:30:00Z")
    gap = region_agreements.on_call(region, "7511AA", "2026-12-24T23:00:00Z")
    assert covered.duties and covered.duties[0].contact and not gap.duties and gap.uncovered
    for answer in (covered, gap, *covered.duties):
        round_trip(answer)
    findings = region_agreements.check(region, "2026-11-22", 60)
    assert findings and any(f.from_date for f in findings)
    assert pickle.loads(pickle.dumps(findings)) == findings
    checks = [region_agreements.may_assess("p1", "wmo_household_help", d) for d in ("2026-03-01", "2026-11-22")]
    checks.append(region_agreements.may_assess("zz", "wmo_household_help", "2026-11-22"))
    assert [c.outcome for c in checks] == ["allowed", "mandate_expired", "no_mandate"]
    for check in checks:
        round_trip(check)
    # Read back as strictly as a document: an outcome its duties do not give is refused.
    wrong = covered.to_dict()
    wrong["outcome"] = "nobody_on_duty"
    with pytest.raises(wijknet.ValidationError) as v:
        wijknet.OnCall.from_json(json.dumps(wrong))
    assert v.value.problems[0][0] == "$.outcome"
    wrong = covered.duties[0].to_dict()
    wrong["night"] = "Jantje 111222333"
    with pytest.raises(wijknet.JsonError) as e:
        wijknet.Duty.from_json(json.dumps(wrong))
    assert e.value.problems[0][0] == "$.night" and "111222333" not in str(e.value)


def test_a_referral_history_pickles_as_its_events() -> None:
    history = wijknet.ReferralHistory.generate(7, 200)
    back = pickle.loads(pickle.dumps(history))
    assert type(back) is wijknet.ReferralHistory and len(back) == len(history) > 200
    assert back.to_json() == history.to_json()
    assert back.table() == history.table()
