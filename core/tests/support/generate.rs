//! proptest strategies for small, dense registries and requests: a dozen PC4 areas so that
//! teams overlap, every rule fires, and ties happen.

use proptest::prelude::*;
use wijknet::matching::MatchRequestDoc;
use wijknet::registry::{
    AreaDoc, CapacityDoc, CoordinationPointDoc, MunicipalityDoc, OrganisationDoc, RegistryDoc, TeamDoc,
};
use wijknet::volume::Hours;

pub const CARE: [&str; 5] = ["personal_care", "nursing", "wound_care", "medical_technical", "palliative_terminal"];
pub const TIMES: [&str; 3] = ["day", "evening", "night"];
pub const LEVELS: [&str; 4] = ["level_3", "level_4", "level_5", "level_6"];
pub const STATUS: [&str; 4] = ["accepting", "waitlist", "full", "unknown"];
pub const LETTERS: [&str; 3] = ["AA", "AB", "AC"];

fn pc4(i: u16) -> String {
    (1000 + i).to_string()
}

fn subset<T: Clone + std::fmt::Debug + 'static>(items: &'static [T], min: usize) -> impl Strategy<Value = Vec<T>> {
    proptest::sample::subsequence(items.to_vec(), min..=items.len()).prop_shuffle()
}

fn area() -> impl Strategy<Value = AreaDoc> {
    (
        proptest::collection::vec(0u16..12, 0..3),
        proptest::option::of((0u16..12, 0u16..4)),
        proptest::collection::vec((0u16..12, 0usize..3), 0..2),
        proptest::collection::vec((0u16..12, 0usize..3), 0..2),
        any::<bool>(),
    )
        .prop_map(|(pc4s, range, inc, exc, muni)| {
            let mut a = AreaDoc {
                pc4: pc4s.into_iter().map(pc4).collect(),
                pc4_ranges: range.map(|(lo, len)| (pc4(lo), pc4((lo + len).min(11)))).into_iter().collect(),
                pc6_include: inc.into_iter().map(|(p, l)| format!("{}{}", pc4(p), LETTERS[l])).collect(),
                pc6_exclude: exc.into_iter().map(|(p, l)| format!("{}{}", pc4(p), LETTERS[l])).collect(),
                municipalities: if muni { vec!["GM0001".into()] } else { vec![] },
            };
            if a.pc4.is_empty() && a.pc4_ranges.is_empty() && a.pc6_include.is_empty() && a.municipalities.is_empty() {
                a.pc4.push(pc4(0));
            }
            a
        })
}

const BASE_TS: i64 = 1_795_300_000; // 2026-11-22 around noon UTC

fn instant(offset_hours: i64) -> String {
    chrono::DateTime::from_timestamp(BASE_TS + offset_hours * 3600, 0).unwrap().format("%Y-%m-%dT%H:%M:%SZ").to_string()
}

fn date(offset_days: i64) -> String {
    (chrono::DateTime::from_timestamp(BASE_TS, 0).unwrap().date_naive() + chrono::Duration::days(offset_days))
        .to_string()
}

fn team(i: usize, orgs: usize) -> impl Strategy<Value = TeamDoc> {
    (
        0..orgs,
        area(),
        subset(&CARE, 2),
        0usize..4,
        prop_oneof![3 => Just(vec!["day", "evening"]), 1 => subset(&TIMES, 1)],
        prop_oneof![4 => Just(0usize), 2 => Just(1usize), 1 => Just(2usize), 1 => Just(3usize)],
        proptest::option::weighted(0.3, (0usize..5, 0u32..2)),
        proptest::option::weighted(0.5, 0i64..4),
        prop_oneof![Just(-100i64), Just(-48i64), Just(-2i64)],
        0u64..3,
        // Absent (Dutch only), the common pair, a team with Turkish, one without Dutch.
        prop_oneof![2 => Just(vec![]), 2 => Just(vec!["nl", "en"]), 1 => Just(vec!["nl", "tr"]), 1 => Just(vec!["ar"])],
        // Free hours for up to two care types (hours a request may ask for lie among them).
        proptest::collection::vec((0usize..5, prop_oneof![Just(0.0), Just(1.5), Just(2.5), Just(6.0)]), 0..3),
    )
        .prop_map(
            move |(org, area, care, level, times, status, free, earliest, updated, version, languages, hours)| {
                TeamDoc {
                    id: format!("t{i:02}"),
                    organisation: format!("o{org}"),
                    name: format!("Team {i}"),
                    area,
                    care_types: care.into_iter().map(str::to_owned).collect(),
                    max_nurse_level: LEVELS[level].into(),
                    times_of_day: times.into_iter().map(str::to_owned).collect(),
                    languages: languages.into_iter().map(str::to_owned).collect(),
                    capacity: CapacityDoc {
                        status: STATUS[status].into(),
                        free_places: free.map(|(c, n)| (CARE[c].to_owned(), n)).into_iter().collect(),
                        free_hours: hours
                            .into_iter()
                            .map(|(c, h)| (CARE[c].to_owned(), Hours::new(h).unwrap()))
                            .collect(),
                        earliest_start: earliest.map(date),
                        // few distinct update times so that full ties (and the id tie-break) happen
                        updated_at: instant(updated),
                        version,
                    },
                    contacts: vec![],
                }
            },
        )
}

pub fn registry_doc() -> impl Strategy<Value = RegistryDoc> {
    (1usize..5, proptest::collection::vec(any::<(bool, bool)>(), 5), any::<bool>())
        .prop_flat_map(|(orgs, flags, cp)| {
            let teams: Vec<_> = (0..14).map(|i| team(i, orgs)).collect();
            (Just((orgs, flags, cp)), teams, 0usize..15, area())
        })
        .prop_map(|((_orgs, flags, cp), teams, n, cp_area)| {
            let mut organisations: Vec<OrganisationDoc> = (0..5)
                .map(|i| OrganisationDoc {
                    id: format!("o{i}"),
                    name: format!("Org {i}"),
                    kind: if flags[i].0 { "home_care_provider".into() } else { "solo_nurse".into() },
                    agb: None,
                    ura: None,
                    kvk: None,
                    contracted_insurers: if flags[i].1 { vec!["ins".into()] } else { vec![] },
                    contact: None,
                })
                .collect();
            organisations.push(OrganisationDoc {
                id: "ins".into(),
                name: "Insurer".into(),
                kind: "insurer".into(),
                agb: None,
                ura: None,
                kvk: None,
                contracted_insurers: vec![],
                contact: None,
            });
            RegistryDoc {
                schema: "wijknet.registry/v1".into(),
                version: 1,
                municipalities: vec![MunicipalityDoc {
                    code: "GM0001".into(),
                    name: "M".into(),
                    pc4: (0..4).map(pc4).collect(),
                }],
                organisations,
                teams: teams.into_iter().take(n).collect(),
                coordination_points: if cp {
                    vec![CoordinationPointDoc {
                        id: "cp".into(),
                        organisation: "ins".into(),
                        name: "CP".into(),
                        area: cp_area,
                        contact: None,
                    }]
                } else {
                    vec![]
                },
            }
        })
}

pub fn request_doc() -> impl Strategy<Value = MatchRequestDoc> {
    (
        (0u16..13, proptest::option::of(0usize..3)),
        proptest::sample::subsequence(CARE[..3].to_vec(), 1..=2),
        proptest::bool::weighted(0.2),
        proptest::option::of((-2i64..4, 0i64..4)),
        prop_oneof![3 => Just(vec!["day"]), 1 => subset(&TIMES, 1)],
        proptest::option::of((0usize..3, any::<bool>())),
        proptest::option::of(0usize..4),
        proptest::collection::vec(0usize..5, 0..3),
        prop_oneof![3 => Just(vec![]), 1 => Just(vec!["tr"]), 1 => Just(vec!["en", "ar"]), 1 => Just(vec!["nl"])],
        proptest::option::weighted(0.4, prop_oneof![Just(1.5), Just(2.5), Just(4.0)]),
        prop_oneof![3 => Just(vec![]), 1 => Just(vec!["morning"]), 1 => Just(vec!["morning", "evening"]), 1 => Just(vec!["night"])],
    )
        .prop_map(|((p, letters), care, acute, dates, times, insurer, level, named, languages, hours, moments)| {
            let (mut preferred, mut refused) = (vec![], vec![]);
            for (k, o) in named.into_iter().enumerate() {
                let id = format!("o{o}");
                if preferred.contains(&id) || refused.contains(&id) {
                    continue;
                }
                if k % 2 == 0 { preferred.push(id) } else { refused.push(id) }
            }
            MatchRequestDoc {
                id: None,
                location: match letters {
                    Some(l) => format!("{}{}", pc4(p), LETTERS[l]),
                    None => pc4(p),
                },
                care_types: care.into_iter().map(str::to_owned).collect(),
                urgency: Some(if acute { "acute" } else { "planned" }.into()),
                desired_start: if acute { None } else { dates.map(|(d, _)| date(d)) },
                latest_start: if acute { None } else { dates.map(|(d, l)| date(d + l)) },
                times_of_day: times.into_iter().map(str::to_owned).collect(),
                insurer: insurer.map(|_| "ins".into()),
                policy: insurer.map(|(p, _)| ["natura", "restitution", "combination"][p].into()),
                contracted_only: insurer.is_some_and(|(_, c)| c),
                min_nurse_level: level.map(|l| LEVELS[l].into()),
                languages: languages.into_iter().map(str::to_owned).collect(),
                preferred_providers: preferred,
                refused_providers: refused,
                visits_per_week: hours.map(|_| 7),
                hours_per_week: hours.map(|h| Hours::new(h).unwrap()),
                visit_moments: moments.into_iter().map(str::to_owned).collect(),
            }
        })
}

/// The first generated registry (a deterministic run) with at least two teams, with its
/// document: for the example-based tests beside the property tests.
pub fn small_registry() -> (RegistryDoc, wijknet::Registry) {
    use proptest::strategy::ValueTree;
    let mut runner = proptest::test_runner::TestRunner::deterministic();
    loop {
        let doc = registry_doc().new_tree(&mut runner).unwrap().current();
        if doc.teams.len() >= 2 {
            let r = wijknet::Registry::from_doc(&doc).unwrap();
            return (doc, r);
        }
    }
}

pub fn now() -> chrono::DateTime<chrono::Utc> {
    chrono::DateTime::from_timestamp(BASE_TS, 0).unwrap()
}

/// Agreements over a generated registry: subcontracting, shared teams, night rotations and
/// coordination points with random parties, periods and statuses, always referring to records
/// that exist so the document loads.
pub fn agreements_doc(reg: &RegistryDoc) -> impl Strategy<Value = wijknet::agreements::AgreementsDoc> + use<> {
    use wijknet::agreements::{AgreementDoc, AgreementsDoc, PartyDoc};
    let teams: Vec<(String, String)> = reg.teams.iter().map(|t| (t.id.clone(), t.organisation.clone())).collect();
    let one = (
        0usize..4,
        0usize..5,
        proptest::option::of(0usize..64),
        subset(&CARE, 1),
        area(),
        proptest::option::weighted(0.5, area()),
        prop_oneof![4 => Just("active"), 1 => Just("suspended"), 1 => Just("draft")],
        (-3i64..2, proptest::option::of(0i64..5)),
        (
            proptest::collection::vec(0usize..64, 1..4),
            -5i64..2,
            any::<bool>(),
            proptest::option::of((0i64..6, proptest::option::of(0usize..64))),
        ),
        proptest::collection::vec(0usize..5, 0..3),
    );
    proptest::collection::vec(one, 0..5).prop_map(move |items| {
        let contact = wijknet::registry::ContactDoc { name: "P".into(), role: "r".into(), phone: None, email: None, hours: vec![] };
        let party = |o: &str| PartyDoc { organisation: o.to_owned(), accountable: contact.clone() };
        let mut agreements = Vec::new();
        for (i, (kind, principal, team, care, area_a, area_b, status, (from, until), (rota, rota_start, weekly, ovr), extra)) in items.into_iter().enumerate() {
            let org = |k: usize| format!("o{}", k % 5);
            let team_pick = team.filter(|_| !teams.is_empty()).map(|t| teams[t % teams.len()].clone());
            let mut parties: Vec<String> = vec![org(principal)];
            let terms = match kind {
                0 => {
                    let Some((tid, torg)) = team_pick else { continue };
                    if torg != org(principal) {
                        parties.push(torg.clone());
                    }
                    serde_json::json!({"principal": org(principal), "subcontractor": torg, "delivering_team": tid,
                        "care_types": care, "area": area_a})
                }
                1 => {
                    let Some((tid, _)) = team_pick else { continue };
                    for e in &extra {
                        if !parties.contains(&org(*e)) {
                            parties.push(org(*e));
                        }
                    }
                    let mut t = serde_json::json!({"members": parties.clone(), "delivering_team": tid, "care_types": care});
                    if let Some(b) = area_b {
                        t["area"] = serde_json::to_value(b).unwrap();
                    }
                    t
                }
                2 => {
                    if teams.is_empty() {
                        continue;
                    }
                    for e in &extra {
                        if !parties.contains(&org(*e)) {
                            parties.push(org(*e));
                        }
                    }
                    let rota: Vec<_> = rota.iter().map(|r| teams[r % teams.len()].0.clone()).collect();
                    let overrides: Vec<_> = ovr
                        .map(|(d, t)| serde_json::json!({"night": date(d), "team": t.map(|t| teams[t % teams.len()].0.clone())}))
                        .into_iter()
                        .collect();
                    serde_json::json!({"area": area_a, "shift": {"start": "23:00", "end": "07:00"}, "rota_start": date(rota_start),
                        "cycle": if weekly { "weekly" } else { "daily" }, "rota": rota, "overrides": overrides})
                }
                _ => serde_json::json!({"area": area_a, "accountable": org(principal), "max_unplaced_hours_acute": 4,
                    "max_unplaced_hours_planned": 72, "max_declines": 3}),
            };
            let kinds = ["subcontracting", "shared_specialist_team", "night_rotation", "coordination_point"];
            agreements.push(AgreementDoc {
                id: format!("ag{i}"),
                title: format!("Agreement {i}"),
                kind: kinds[kind].into(),
                parties: parties.iter().map(|p| party(p)).collect(),
                theme_owner: None,
                valid_from: date(from),
                valid_until: until.map(|u| date(from + u)),
                status: status.into(),
                review_date: date(30),
                funding: None,
                terms,
            });
        }
        AgreementsDoc { schema: "wijknet.agreements/v1".into(), version: 1, agreements }
    })
}

/// `req` at every street any area of `doc` lists (included or excluded), once naming every
/// organisation of `doc` as preferred and once as refused: the requests whose answers depend
/// on what a registry keeps of each named provider's teams, streets and all, including the
/// teams that do not touch the client's PC4.
pub fn named_at_every_street(doc: &RegistryDoc, req: &MatchRequestDoc) -> Vec<MatchRequestDoc> {
    let mut streets: Vec<&String> =
        doc.teams.iter().flat_map(|t| t.area.pc6_include.iter().chain(&t.area.pc6_exclude)).collect();
    streets.sort_unstable();
    streets.dedup();
    let all: Vec<String> = doc.organisations.iter().map(|o| o.id.clone()).collect();
    let mut out = Vec::with_capacity(streets.len() * 2);
    for street in streets {
        for refuse in [false, true] {
            let mut r = req.clone();
            r.location = street.clone();
            (r.preferred_providers, r.refused_providers) =
                if refuse { (Vec::new(), all.clone()) } else { (all.clone(), Vec::new()) };
            out.push(r);
        }
    }
    out
}
