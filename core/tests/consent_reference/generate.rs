//! Seeded proptest generators for consent stores and requests over a small universe of
//! organisations, so that provisions, objections and requests actually meet.

use chrono::{DateTime, Duration, NaiveDate, TimeZone, Utc};
use proptest::prelude::*;
use wijknet::consent::{
    Client, CombiningPolicy, ConsentChannel, ConsentEffect, ConsentRecord, ConsentRecordStatus, ConsentRequest,
    DataCategory, DataForm, Emergency, EmergencyReason, GivenBy, Objection, Party, Period, Provision, Purpose,
    RecipientRole, Representative, RepresentativeRelation, SharingAgreement, StoreDocument,
};
use wijknet::{Bsn, CodeSet, Id};

pub const ORGS: [&str; 4] = ["org-a", "org-b", "org-c", "org-d"];

pub fn id(s: &str) -> Id {
    Id::parse(s).unwrap()
}

pub fn base() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 1, 1, 0, 0, 0).unwrap()
}

pub fn day(n: i64) -> DateTime<Utc> {
    base() + Duration::days(n)
}

fn set<T: wijknet::codes::Code>(bits: u32) -> CodeSet<T> {
    T::all().iter().copied().filter(|c| bits & (1 << c.bit_index()) != 0).collect()
}

fn opt_set<T: wijknet::codes::Code + std::fmt::Debug>() -> impl Strategy<Value = Option<CodeSet<T>>> {
    let n = T::all().len() as u32;
    prop_oneof![2 => Just(None), 1 => (1u32..(1 << n)).prop_map(|b| Some(set::<T>(b)))]
}

fn nonempty_set<T: wijknet::codes::Code + std::fmt::Debug>() -> impl Strategy<Value = CodeSet<T>> {
    let n = T::all().len() as u32;
    (1u32..(1 << n)).prop_map(set::<T>)
}

fn one<T: wijknet::codes::Code + std::fmt::Debug>() -> impl Strategy<Value = T> {
    proptest::sample::select(T::all().to_vec())
}

fn opt_actors() -> impl Strategy<Value = Option<Vec<Id>>> {
    prop_oneof![3 => Just(None), 1 => (1u32..16).prop_map(|m| Some(
        ORGS.iter().enumerate().filter(|(i, _)| m & (1 << i) != 0).map(|(_, o)| id(o)).collect()
    ))]
}

pub fn period() -> impl Strategy<Value = Period> {
    (0i64..900, proptest::option::of(1i64..700))
        .prop_map(|(s, len)| Period { start: day(s), end: len.map(|l| day(s + l)) })
}

pub fn provision(depth: u32) -> BoxedStrategy<Provision> {
    let children = if depth <= 1 {
        Just(Vec::new()).boxed()
    } else {
        proptest::collection::vec(provision(depth - 1), 0..3).boxed()
    };
    (
        one::<ConsentEffect>(),
        opt_actors(),
        opt_set::<RecipientRole>(),
        opt_set::<DataCategory>(),
        opt_set::<Purpose>(),
        proptest::option::weighted(0.2, period()),
        children,
    )
        .prop_map(|(effect, actors, roles, categories, purposes, period, provisions)| Provision {
            effect,
            actors,
            roles,
            categories,
            purposes,
            period,
            provisions,
        })
        .boxed()
}

pub fn given_by() -> impl Strategy<Value = GivenBy> {
    (any::<bool>(), 0u8..4).prop_map(|(client, reps)| {
        let representatives: Vec<Id> =
            [(1, "rep-1"), (2, "rep-2")].iter().filter(|(bit, _)| reps & bit != 0).map(|(_, r)| id(r)).collect();
        GivenBy { client: client || representatives.is_empty(), representatives }
    })
}

/// A valid BSN: eight random digits and a ninth that passes the eleven-test.
pub fn bsn() -> impl Strategy<Value = String> {
    proptest::collection::vec(0u8..10, 8).prop_filter_map("no check digit fits", |d| {
        let sum: i32 = d.iter().enumerate().map(|(i, x)| (9 - i as i32) * i32::from(*x)).sum();
        let check = sum % 11;
        let s = format!("{}{}", d.iter().map(|x| x.to_string()).collect::<String>(), check);
        (check < 10 && Bsn::parse(&s).is_ok()).then_some(s)
    })
}

pub fn client(n: usize) -> impl Strategy<Value = Client> {
    (
        proptest::option::of(bsn()),
        prop_oneof![2 => 0i64..(96 * 366), 1 => (10i64 * 365)..(18 * 366)],
        prop::bool::weighted(0.1),
        prop::bool::weighted(0.85),
    )
        .prop_map(move |(bsn, age_days, leap, can_decide)| {
            let dob = if leap {
                NaiveDate::from_ymd_opt(2012 - (age_days % 80) as i32 / 4 * 4, 2, 29).unwrap()
            } else {
                (day(600) - Duration::days(age_days)).date_naive()
            };
            Client {
                id: id(&format!("cl-{n}")),
                bsn: bsn.map(|b| Bsn::parse(&b).unwrap()),
                date_of_birth: dob,
                can_decide,
                representatives: vec![
                    Representative { id: id("rep-1"), relation: RepresentativeRelation::Parent },
                    Representative { id: id("rep-2"), relation: RepresentativeRelation::Mentor },
                ],
            }
        })
}

fn status() -> impl Strategy<Value = ConsentRecordStatus> {
    prop_oneof![6 => Just(ConsentRecordStatus::Active), 1 => Just(ConsentRecordStatus::Withdrawn), 1 => Just(ConsentRecordStatus::Superseded)]
}

pub fn consent(clients: usize) -> impl Strategy<Value = ConsentRecord> {
    (0..clients, 0i64..30, given_by(), prop::bool::weighted(0.8), status(), period(), provision(3)).prop_map(
        |(c, rec, given_by, direct, status, period, provision)| ConsentRecord {
            id: id("placeholder"),
            client: id(&format!("cl-{c}")),
            recorded_by: id("org-a"),
            recorded_at: day(rec * 20),
            given_by,
            scope: if direct { ConsentChannel::Direct } else { ConsentChannel::ExchangeSystem },
            status,
            period,
            provision,
        },
    )
}

pub fn objection(clients: usize) -> impl Strategy<Value = Objection> {
    (
        (0..clients, 0i64..40, given_by(), status(), period()),
        (opt_actors(), opt_set::<RecipientRole>(), opt_set::<DataCategory>(), opt_set::<Purpose>()),
    )
        .prop_map(|((c, rec, made_by, status, period), (actors, roles, categories, purposes))| Objection {
            id: id("placeholder"),
            client: id(&format!("cl-{c}")),
            recorded_by: id("org-b"),
            recorded_at: day(rec * 20),
            made_by,
            status,
            period,
            actors,
            roles,
            categories,
            purposes,
        })
}

/// A valid store document with 1 to 3 clients. Record ids are shuffled relative to document
/// order so that the id tie-break is not the document order.
pub fn document() -> impl Strategy<Value = StoreDocument> {
    (1usize..4)
        .prop_flat_map(|n| {
            let clients: Vec<_> = (0..n).map(client).collect();
            (
                clients,
                proptest::collection::vec(consent(n), 0..9),
                proptest::collection::vec(objection(n), 0..4),
                any::<u64>(),
            )
        })
        .prop_map(|(clients, mut consents, mut objections, salt)| {
            let total = consents.len() + objections.len();
            let mut ids: Vec<usize> = (0..total).collect();
            // A deterministic permutation from the salt.
            ids.sort_by_key(|i| (i.wrapping_mul(2654435761) ^ salt as usize) % 1009);
            for (k, c) in consents.iter_mut().enumerate() {
                c.id = id(&format!("r-{:02}", ids[k]));
            }
            for (k, o) in objections.iter_mut().enumerate() {
                o.id = id(&format!("r-{:02}", ids[consents.len() + k]));
            }
            StoreDocument { version: "test-1".into(), clients, consents, objections }
        })
}

fn party() -> impl Strategy<Value = Party> {
    (proptest::sample::select(ORGS.to_vec()), one::<RecipientRole>()).prop_map(|(o, role)| Party {
        organisation: Some(id(o)),
        role,
        kind: None,
    })
}

/// A recipient, named by its role only one time in five.
fn recipient() -> impl Strategy<Value = Party> {
    (party(), prop::bool::weighted(0.2))
        .prop_map(|(p, unnamed)| Party { organisation: p.organisation.filter(|_| !unnamed), ..p })
}

fn agreement() -> impl Strategy<Value = SharingAgreement> {
    (
        1u32..16,
        nonempty_set::<DataCategory>(),
        nonempty_set::<Purpose>(),
        0i64..900,
        proptest::option::of(1i64..700),
        prop::bool::weighted(0.8),
    )
        .prop_map(|(m, categories, purposes, from, len, active)| SharingAgreement {
            id: id(&format!("ag-{m}")),
            parties: ORGS.iter().enumerate().filter(|(i, _)| m & (1 << i) != 0).map(|(_, o)| id(o)).collect(),
            categories,
            purposes,
            valid_from: day(from),
            valid_until: len.map(|l| day(from + l)),
            active,
        })
}

pub fn request(clients: usize) -> impl Strategy<Value = ConsentRequest> {
    (
        (0..clients, party(), recipient(), one::<Purpose>(), nonempty_set::<DataCategory>()),
        (
            prop::bool::weighted(0.8),
            one::<CombiningPolicy>(),
            proptest::option::weighted(0.15, one::<EmergencyReason>()),
            proptest::option::weighted(0.4, one::<DataForm>()),
        ),
        (0u32..16, proptest::collection::vec(agreement(), 0..3)),
    )
        .prop_map(
            |(
                (c, discloser, recipient, purpose, categories),
                (direct, policy, emergency, data_form),
                (tr, agreements),
            )| {
                ConsentRequest {
                    client: id(&format!("cl-{c}")),
                    discloser,
                    recipient,
                    purpose,
                    categories,
                    channel: if direct { ConsentChannel::Direct } else { ConsentChannel::ExchangeSystem },
                    data_form,
                    policy,
                    emergency: emergency.map(|reason| Emergency { reason }),
                    treatment_relationships: ORGS
                        .iter()
                        .enumerate()
                        .filter(|(i, _)| tr & (1 << i) != 0)
                        .map(|(_, o)| id(o))
                        .collect(),
                    agreements,
                }
            },
        )
}

pub fn at() -> impl Strategy<Value = DateTime<Utc>> {
    (200i64..1100, 0i64..24).prop_map(|(d, h)| day(d) + Duration::hours(h))
}

/// A document, a request about one of its clients, and a decision time.
pub fn case() -> impl Strategy<Value = (StoreDocument, ConsentRequest, DateTime<Utc>)> {
    document().prop_flat_map(|doc| {
        let n = doc.clients.len();
        (Just(doc), request(n), at())
    })
}
