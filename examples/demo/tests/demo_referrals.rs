//! The embedded region loads and every demo referral gives the answer the demo promises. The
//! expectations follow from the region's data (see `examples/data/README.md`), not from a
//! recorded output: each assertion names the rule that produces it.

use wijknet::matching::{CandidateFlag, ExclusionReason, MatchOutcome, MatchResult};
use wijknet::registry::REGISTRY_SCHEMA;
use wijknet::{OrganisationKind, Registry};
use wijknet_demo::{REFERRALS, region, report};

fn run(i: usize) -> (Registry, MatchResult) {
    let registry = region().expect("the embedded region is valid");
    let (_, result) = REFERRALS[i].run(&registry).expect("every demo request is valid");
    (registry, result)
}

fn ranked(r: &MatchResult) -> Vec<&str> {
    r.candidates.iter().map(|c| c.team.as_str()).collect()
}

fn exclusion(r: &MatchResult, team: &str) -> ExclusionReason {
    r.excluded.iter().find(|e| e.team.as_str() == team).unwrap_or_else(|| panic!("{team} is not excluded")).reason
}

#[test]
fn region_is_realistic() {
    let r = region().unwrap();
    assert!(wijknet_demo::REGION_JSON.contains(REGISTRY_SCHEMA));
    let kinds: Vec<OrganisationKind> = r.organisations().iter().map(|o| o.kind).collect();
    for k in [
        OrganisationKind::Insurer,
        OrganisationKind::HomeCareProvider,
        OrganisationKind::SoloNurse,
        OrganisationKind::GpPractice,
        OrganisationKind::HospitalTransferOffice,
        OrganisationKind::MunicipalitySocialTeam,
        OrganisationKind::CoordinationPoint,
    ] {
        assert!(kinds.contains(&k), "no {k}");
    }
    assert!(r.teams().iter().any(|t| t.times_of_day.len() == 1 && t.times_of_day.contains(wijknet::TimeOfDay::Night)));
    assert!(!r.coordination_points().is_empty());
    // Every team is in the municipalities of the region, on real PC4 codes from the shipped table.
    let csv = include_str!("../../data/nl-pc4.csv");
    for t in r.teams() {
        for p in t.area.covered_pc4().iter() {
            assert!(csv.contains(&format!("\n{p},")), "{} covers {p}, which is not in nl-pc4.csv", t.id);
        }
    }
    // Loading what we export gives the same registry.
    assert_eq!(Registry::from_json(r.to_json().as_bytes()).unwrap().to_doc(), r.to_doc());
}

#[test]
fn showering_in_boekelo_ranks_fresh_capacity_before_stale() {
    let (_, r) = run(0);
    assert_eq!(r.outcome, MatchOutcome::CandidatesFound);
    assert_eq!(ranked(&r), ["tubantia-zuid", "haaksbergen-buurse", "oostplus-enschede"]);
    assert!(r.candidates[1].flags.contains(CandidateFlag::CapacityStale));
    // Natura policy with Tubantia: the provider contracted only by the other insurer is flagged.
    assert!(r.candidates[2].flags.contains(CandidateFlag::NotContracted));
    // The village team has no place for personal care; the night team does not work by day.
    assert_eq!(exclusion(&r, "linde-boekelo"), ExclusionReason::NoCapacity);
    assert_eq!(exclusion(&r, "nacht-enschede"), ExclusionReason::TimeOfDayNotCovered);
    assert_eq!(exclusion(&r, "wondzorg-enschede"), ExclusionReason::CareTypeNotOffered);
}

#[test]
fn acute_discharge_needs_a_team_that_works_at_night() {
    let (_, r) = run(1);
    assert_eq!(ranked(&r), ["mth-twente", "oostplus-enschede"]);
    assert!(r.candidates.iter().all(|c| c.possible_start == r.needed_from));
    assert_eq!(exclusion(&r, "essen-zuid"), ExclusionReason::TimeOfDayNotCovered);
    assert_eq!(exclusion(&r, "nacht-enschede"), ExclusionReason::CareTypeNotOffered);
    assert_eq!(exclusion(&r, "wondzorg-enschede"), ExclusionReason::CareTypeNotOffered);
    assert!(r.candidates[0].contact_reachable_now);
}

#[test]
fn preferred_but_full_provider_is_excluded_and_others_rank() {
    let (_, r) = run(2);
    assert_eq!(exclusion(&r, "roombeek-oost"), ExclusionReason::NoCapacity);
    // The preferred provider's other team is named, so it is explained rather than counted.
    assert_eq!(exclusion(&r, "roombeek-noord"), ExclusionReason::OutsideArea);
    assert_eq!(exclusion(&r, "oostplus-enschede"), ExclusionReason::RefusedByClient);
    assert!(r.candidates.iter().all(|c| !c.preferred && c.organisation.as_str() != "org-roombeek"));
    assert_eq!(ranked(&r), ["essen-oost", "zzp-nijhuis"]);
    assert!(r.candidates[1].flags.contains(CandidateFlag::Waitlist));
}

#[test]
fn nobody_in_overdinkel_names_the_coordination_point() {
    let (_, r) = run(3);
    assert_eq!(r.outcome, MatchOutcome::NoEligibleTeam);
    assert!(r.candidates.is_empty() && !r.excluded.is_empty());
    assert_eq!(exclusion(&r, "zzp-nijhuis"), ExclusionReason::NoCapacityInTime);
    let a = r.accountable.expect("someone is accountable");
    assert_eq!(a.party.as_str(), "cp-twente");
    assert!(a.contact.is_some());
}

#[test]
fn report_mentions_every_referral_and_candidate() {
    let registry = region().unwrap();
    let text = report(&registry).unwrap();
    for referral in REFERRALS {
        assert!(text.contains(referral.title));
    }
    assert!(text.contains("MTH-team Twente (gezamenlijk)"));
    assert!(text.contains("Accountable next"));
    for team in registry.teams() {
        assert!(!text.contains(team.id.as_str()), "team id `{}` printed instead of its name", team.id);
    }
    // Codes are shown as labels: no code of a kind the demo shows appears in backticks or bare.
    assert!(!text.contains('`'), "a code or id quoted raw: {}", text.lines().find(|l| l.contains('`')).unwrap());
    for kind in ["care_type", "time_of_day", "nurse_level", "exclusion_reason", "referral_reason", "finding_code"] {
        for code in wijknet::codes::kind(kind).unwrap().codes.iter().map(|c| c.code) {
            if code.contains('_') {
                assert!(!text.contains(code), "the {kind} code `{code}` printed instead of its label");
            }
        }
    }
    // One date format: no ISO dates, and no "1 teams".
    let iso = text.split(|c: char| !c.is_ascii_digit() && c != '-').any(|w| w.len() == 10 && w.as_bytes()[4] == b'-');
    assert!(!iso, "an ISO date in the demo's text");
    assert!(!text.contains("(1 teams") && !text.contains(" 1 teams") && !text.contains(" 1 findings"));
}
