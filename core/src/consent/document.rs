//! The consent store document (`"schema": "wijknet.consent/v1"`): its typed content
//! ([`StoreDocument`], which serialises back to the same JSON shape), and reading it through the
//! input layer: one strict read into the wire shape below (ids, codes and instants still text),
//! then one walk with the [`Checker`] that reports every problem in document order — clients, then
//! consents, then objections; within a record its fields in the order of the wire struct;
//! provisions depth-first — at `$`-rooted paths such as
//! `$.consents[3].provision.provisions[1].roles[0]`.
//!
//! No message repeats a value of the document: a BSN, a date of birth or a name typed into an id
//! or code field never reaches a problem (ids that a message names go through
//! [`shown`](crate::input::shown)). Every list inside a record is bounded
//! ([`MAX_RECORD_LIST`], [`MAX_REPRESENTATIVES`]) and every membership test is a set lookup, so
//! the walk is linear in the document.

use std::collections::{HashMap, HashSet};
use std::fmt::Display;

use serde::{Deserialize, Serialize};

use super::client::{Client, Representative};
use super::codes::{
    ConsentChannel, ConsentEffect, ConsentRecordStatus, DataCategory, Purpose, RecipientRole, RepresentativeRelation,
};
use super::record::{ConsentRecord, GivenBy, MAX_CHILD_PROVISIONS, MAX_PROVISION_DEPTH, Objection, Period, Provision};
use crate::codes::{Code, CodeSet, UnknownCode};
use crate::error::{Problems, Result};
use crate::ids::{Bsn, Id};
use crate::input::Text;
use crate::input::{self, Checker, shown};
use crate::limits::{MAX_RECORD_LIST, MAX_REPRESENTATIVES};

/// Schema tag of the consent store document.
pub const SCHEMA: &str = "wijknet.consent/v1";

pub(super) const DOCUMENT: &str = "consent store";

/// The content of a consent store document, as typed values. Clients, consents and objections
/// keep their document order so that an export gives back what was loaded.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct StoreDocument {
    /// The host's version label of this data (e.g. an export timestamp or sequence number); it is
    /// written into every audit record so a decision can be replayed on the same data.
    pub version: String,
    /// Clients.
    pub clients: Vec<Client>,
    /// Consent records.
    pub consents: Vec<ConsentRecord>,
    /// Objections.
    pub objections: Vec<Objection>,
}

impl Serialize for StoreDocument {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        #[derive(Serialize)]
        struct Out<'a> {
            schema: &'static str,
            version: &'a str,
            clients: &'a [Client],
            consents: &'a [ConsentRecord],
            objections: &'a [Objection],
        }
        Out {
            schema: SCHEMA,
            version: &self.version,
            clients: &self.clients,
            consents: &self.consents,
            objections: &self.objections,
        }
        .serialize(s)
    }
}

const EMPTY_LIST: &str = "empty list matches nothing: leave the field out to mean any";

/// Reads and checks a consent store document.
pub(super) fn read(bytes: &[u8]) -> Result<StoreDocument> {
    check(input::read_document(bytes, DOCUMENT, SCHEMA)?)
}

/// Reads and checks a consent store document given as values (see [`input::read_values`]).
pub(super) fn read_values<'de, D: serde::Deserializer<'de> + Clone>(values: D) -> Result<StoreDocument> {
    check(input::read_document_values(values, DOCUMENT, SCHEMA)?)
}

fn check(wire: DocumentWire<'_>) -> Result<StoreDocument> {
    let mut problems = Problems::new();
    let document = wire.check(&mut Checker { problems: &mut problems });
    problems.finish(DOCUMENT, || document)
}

// ---- wire shape ------------------------------------------------------------------------------

/// The consent store document as read.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema), schemars(rename = "ConsentStore"))]
pub(crate) struct DocumentWire<'a> {
    /// Always `wijknet.consent/v1`.
    schema: String,
    /// The host's version label of this data (an export timestamp or sequence number), written into every
    /// audit record so a decision can be replayed on the same data.
    #[cfg_attr(feature = "schema", schemars(regex(pattern = r"\S")))]
    version: String,
    /// Clients.
    #[serde(default)]
    #[serde(borrow)]
    clients: Vec<ClientWire<'a>>,
    /// Consent records.
    #[serde(default)]
    #[serde(borrow)]
    consents: Vec<ConsentWire<'a>>,
    /// Objections.
    #[serde(default)]
    #[serde(borrow)]
    objections: Vec<ObjectionWire<'a>>,
}

impl input::SchemaTagged for DocumentWire<'_> {
    fn schema_tag(&self) -> &str {
        &self.schema
    }
}

/// A client whose data may be shared.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema), schemars(rename = "Client"))]
struct ClientWire<'a> {
    #[cfg_attr(feature = "schema", schemars(with = "crate::schema::IdText"))]
    #[serde(borrow)]
    id: Text<'a>,
    /// Citizen service number, when the host keeps it here.
    #[serde(default)]
    #[cfg_attr(feature = "schema", schemars(with = "Option<crate::schema::BsnText>"))]
    #[serde(borrow)]
    bsn: Option<Text<'a>>,
    /// Date of birth: who decides (the client, a representative or both) follows from the age.
    #[cfg_attr(feature = "schema", schemars(with = "crate::schema::DateText"))]
    #[serde(borrow)]
    date_of_birth: Text<'a>,
    /// Whether the client is able to decide about sharing (*wilsbekwaam*).
    can_decide: bool,
    /// Representatives (at most 100), each id once.
    #[serde(default)]
    #[cfg_attr(feature = "schema", schemars(length(max = 100)))]
    #[serde(borrow)]
    representatives: Vec<RepresentativeWire<'a>>,
}

/// Someone who may decide for the client.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema), schemars(rename = "Representative"))]
struct RepresentativeWire<'a> {
    /// Id of the representative, unique for the client.
    #[cfg_attr(feature = "schema", schemars(with = "crate::schema::IdText"))]
    #[serde(borrow)]
    id: Text<'a>,
    /// How the representative is related to the client.
    #[cfg_attr(feature = "schema", schemars(with = "crate::consent::RepresentativeRelation"))]
    #[serde(borrow)]
    relation: Text<'a>,
}

/// A validity period.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema), schemars(rename = "Period"))]
struct PeriodWire<'a> {
    /// First instant in force.
    #[cfg_attr(feature = "schema", schemars(with = "crate::schema::InstantText"))]
    #[serde(borrow)]
    start: Text<'a>,
    /// First instant no longer in force, after `start`; absent means open-ended.
    #[serde(default)]
    #[cfg_attr(feature = "schema", schemars(with = "Option<crate::schema::InstantText>"))]
    #[serde(borrow)]
    end: Option<Text<'a>>,
}

/// Who gave a consent or made an objection: the client, representatives of the record's client, or both;
/// somebody.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema), schemars(rename = "GivenBy"))]
struct GivenByWire<'a> {
    /// The client.
    #[serde(default)]
    client: bool,
    /// Representatives of the record's client, each once (at most 100).
    #[serde(default)]
    #[cfg_attr(feature = "schema", schemars(with = "Vec<crate::schema::IdText>", length(max = 100)))]
    #[serde(borrow)]
    representatives: Vec<Text<'a>>,
}

/// A consent record: what the client (or a representative) permitted or refused.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema), schemars(rename = "Consent"))]
struct ConsentWire<'a> {
    /// Record id, unique among the consents and objections.
    #[cfg_attr(feature = "schema", schemars(with = "crate::schema::IdText"))]
    #[serde(borrow)]
    id: Text<'a>,
    /// The client: a client in `clients`.
    #[cfg_attr(feature = "schema", schemars(with = "crate::schema::IdText"))]
    #[serde(borrow)]
    client: Text<'a>,
    /// Organisation that recorded it.
    #[cfg_attr(feature = "schema", schemars(with = "crate::schema::IdText"))]
    #[serde(borrow)]
    recorded_by: Text<'a>,
    /// When it was recorded.
    #[cfg_attr(feature = "schema", schemars(with = "crate::schema::InstantText"))]
    #[serde(borrow)]
    recorded_at: Text<'a>,
    /// Who gave it.
    #[serde(borrow)]
    given_by: GivenByWire<'a>,
    /// The channel it covers (direct disclosure or an exchange system).
    #[cfg_attr(feature = "schema", schemars(with = "crate::consent::ConsentChannel"))]
    #[serde(borrow)]
    scope: Text<'a>,
    /// Whether it is in force.
    #[cfg_attr(feature = "schema", schemars(with = "crate::consent::ConsentRecordStatus"))]
    #[serde(borrow)]
    status: Text<'a>,
    /// When it is in force.
    #[serde(borrow)]
    period: PeriodWire<'a>,
    /// What it permits or denies.
    #[serde(borrow)]
    provision: ProvisionWire<'a>,
}

/// A rule of a consent: an effect for the actors, roles, categories and purposes it names (a field left
/// out means any; a list given must name something), refined by nested provisions (at most 255 per
/// level, 8 levels deep).
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema), schemars(rename = "Provision"))]
struct ProvisionWire<'a> {
    /// Permit or deny.
    #[cfg_attr(feature = "schema", schemars(with = "crate::consent::ConsentEffect"))]
    #[serde(borrow)]
    effect: Text<'a>,
    /// Organisations it applies to, each once.
    #[serde(default)]
    #[cfg_attr(feature = "schema", schemars(with = "Option<crate::schema::UniqueIds>", length(min = 1)))]
    #[serde(borrow)]
    actors: Option<Vec<Text<'a>>>,
    /// Recipient roles it applies to.
    #[serde(default)]
    #[cfg_attr(
        feature = "schema",
        schemars(with = "Option<crate::schema::Codes<crate::consent::RecipientRole>>", length(min = 1))
    )]
    #[serde(borrow)]
    roles: Option<Vec<Text<'a>>>,
    /// Data categories it applies to.
    #[serde(default)]
    #[cfg_attr(
        feature = "schema",
        schemars(with = "Option<crate::schema::Codes<crate::consent::DataCategory>>", length(min = 1))
    )]
    #[serde(borrow)]
    categories: Option<Vec<Text<'a>>>,
    /// Purposes it applies to.
    #[serde(default)]
    #[cfg_attr(
        feature = "schema",
        schemars(with = "Option<crate::schema::Codes<crate::consent::Purpose>>", length(min = 1))
    )]
    #[serde(borrow)]
    purposes: Option<Vec<Text<'a>>>,
    /// When it applies, within the consent's period.
    #[serde(default)]
    #[serde(borrow)]
    period: Option<PeriodWire<'a>>,
    /// Exceptions and refinements.
    #[serde(default)]
    #[cfg_attr(feature = "schema", schemars(length(max = 255)))]
    #[serde(borrow)]
    provisions: Vec<ProvisionWire<'a>>,
}

/// An objection: the client (or a representative) refuses sharing (a field left out means any; a list
/// given must name something).
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema), schemars(rename = "Objection"))]
struct ObjectionWire<'a> {
    /// Record id, unique among the consents and objections.
    #[cfg_attr(feature = "schema", schemars(with = "crate::schema::IdText"))]
    #[serde(borrow)]
    id: Text<'a>,
    /// The client: a client in `clients`.
    #[cfg_attr(feature = "schema", schemars(with = "crate::schema::IdText"))]
    #[serde(borrow)]
    client: Text<'a>,
    /// Organisation that recorded it.
    #[cfg_attr(feature = "schema", schemars(with = "crate::schema::IdText"))]
    #[serde(borrow)]
    recorded_by: Text<'a>,
    /// When it was recorded.
    #[cfg_attr(feature = "schema", schemars(with = "crate::schema::InstantText"))]
    #[serde(borrow)]
    recorded_at: Text<'a>,
    /// Who made it.
    #[serde(borrow)]
    made_by: GivenByWire<'a>,
    /// Whether it is in force.
    #[cfg_attr(feature = "schema", schemars(with = "crate::consent::ConsentRecordStatus"))]
    #[serde(borrow)]
    status: Text<'a>,
    /// When it is in force.
    #[serde(borrow)]
    period: PeriodWire<'a>,
    /// Organisations it applies to, each once.
    #[serde(default)]
    #[cfg_attr(feature = "schema", schemars(with = "Option<crate::schema::UniqueIds>", length(min = 1)))]
    #[serde(borrow)]
    actors: Option<Vec<Text<'a>>>,
    /// Recipient roles it applies to.
    #[serde(default)]
    #[cfg_attr(
        feature = "schema",
        schemars(with = "Option<crate::schema::Codes<crate::consent::RecipientRole>>", length(min = 1))
    )]
    #[serde(borrow)]
    roles: Option<Vec<Text<'a>>>,
    /// Data categories it applies to.
    #[serde(default)]
    #[cfg_attr(
        feature = "schema",
        schemars(with = "Option<crate::schema::Codes<crate::consent::DataCategory>>", length(min = 1))
    )]
    #[serde(borrow)]
    categories: Option<Vec<Text<'a>>>,
    /// Purposes it applies to.
    #[serde(default)]
    #[cfg_attr(
        feature = "schema",
        schemars(with = "Option<crate::schema::Codes<crate::consent::Purpose>>", length(min = 1))
    )]
    #[serde(borrow)]
    purposes: Option<Vec<Text<'a>>>,
}

// ---- checks ----------------------------------------------------------------------------------

/// What records are checked against, from a silent first look at the clients: each client id
/// (the first of a repeated one) with the set of its representatives' ids, or `None` when its
/// list is over the limit (that client has a problem of its own, and references to its
/// representatives are not checked).
type Known<'a> = HashMap<&'a str, Option<HashSet<&'a str>>>;

/// A validity period: an instant in the supported years, an optional later end.
fn period(c: &mut Checker<'_>, path: impl Display + Copy, p: &PeriodWire) -> Option<Period> {
    let start = c.instant(format_args!("{path}.start"), &p.start);
    let end = match &p.end {
        None => Some(None),
        Some(e) => c.instant(format_args!("{path}.end"), e).map(Some),
    };
    let (start, end) = (start?, end?);
    if end.is_some_and(|e| e <= start) {
        c.push(format_args!("{path}.end"), "period ends before or when it starts");
        return None;
    }
    Some(Period { start, end })
}

/// An optional list of organisation ids: absent means any; present must name some, each at most
/// once, and at most [`MAX_RECORD_LIST`].
fn opt_actors(c: &mut Checker<'_>, path: impl Display + Copy, list: &Option<Vec<Text<'_>>>) -> Option<Option<Vec<Id>>> {
    match list {
        None => Some(None),
        Some(l) if l.is_empty() => {
            c.push(path, EMPTY_LIST);
            None
        }
        Some(l) => c.ids(path, l, MAX_RECORD_LIST).map(Some),
    }
}

/// An optional list of codes: absent means any; present must name some, each known and at most
/// once. `None` when a problem was recorded.
fn opt_codes<T: Code>(
    c: &mut Checker<'_>,
    path: impl Display + Copy,
    list: &Option<Vec<Text<'_>>>,
    parse: impl Fn(&str) -> std::result::Result<T, UnknownCode>,
) -> Option<Option<CodeSet<T>>> {
    match list {
        None => Some(None),
        Some(l) if l.is_empty() => {
            c.push(path, EMPTY_LIST);
            None
        }
        Some(l) => {
            let set = c.codes(path, l, parse);
            // Every entry a known code, none repeated: the set is as long as the list.
            (set.len() == l.len()).then_some(Some(set))
        }
    }
}

/// The client a record belongs to: a valid id of a client in the document.
fn client_ref(c: &mut Checker<'_>, path: impl Display + Copy, s: &str, known: &Known<'_>) -> Option<Id> {
    let id = c.id(path, s)?;
    if !known.contains_key(s) {
        c.push(path, format_args!("unknown client {}: no client in `clients` has this id", shown(s)));
        return None;
    }
    Some(id)
}

/// Who gave a consent or made an objection: somebody, and only representatives of the record's
/// client, each named once.
fn given_by(
    c: &mut Checker<'_>,
    path: impl Display + Copy,
    g: &GivenByWire,
    client: &str,
    known: &Known<'_>,
) -> Option<GivenBy> {
    let mut ok = true;
    if !g.client && g.representatives.is_empty() {
        c.push(path, "given by nobody: set `client` or name a representative");
        ok = false;
    }
    if !c.bounded(format_args!("{path}.representatives"), g.representatives.len(), MAX_REPRESENTATIVES) {
        return None;
    }
    let of_client = known.get(client).and_then(Option::as_ref);
    let mut seen = HashSet::with_capacity(g.representatives.len());
    let mut representatives = Vec::with_capacity(g.representatives.len());
    for (j, r) in g.representatives.iter().enumerate() {
        let Some(id) = c.id(format_args!("{path}.representatives[{j}]"), r) else {
            ok = false;
            continue;
        };
        if !seen.insert(&**r) {
            c.push(format_args!("{path}.representatives[{j}]"), format_args!("duplicate representative {}", shown(r)));
            ok = false;
        } else if of_client.is_some_and(|reps| !reps.contains(&**r)) {
            c.push(
                format_args!("{path}.representatives[{j}]"),
                format_args!("{} is not a representative of client {}", shown(r), shown(client)),
            );
            ok = false;
        } else {
            representatives.push(id);
        }
    }
    ok.then_some(GivenBy { client: g.client, representatives })
}

/// One provision and, depth-first, the provisions nested in it.
fn provision(c: &mut Checker<'_>, path: impl Display + Copy, p: &ProvisionWire, depth: usize) -> Option<Provision> {
    if depth > MAX_PROVISION_DEPTH {
        c.push(path, format_args!("provision tree deeper than the limit of {MAX_PROVISION_DEPTH} levels"));
        return None;
    }
    let effect = c.code(format_args!("{path}.effect"), ConsentEffect::from_code(&p.effect));
    let actors = opt_actors(c, format_args!("{path}.actors"), &p.actors);
    let roles = opt_codes(c, format_args!("{path}.roles"), &p.roles, RecipientRole::from_code);
    let categories = opt_codes(c, format_args!("{path}.categories"), &p.categories, DataCategory::from_code);
    let purposes = opt_codes(c, format_args!("{path}.purposes"), &p.purposes, Purpose::from_code);
    let period = match &p.period {
        None => Some(None),
        Some(q) => period(c, format_args!("{path}.period"), q).map(Some),
    };
    let mut provisions = Some(Vec::with_capacity(p.provisions.len().min(MAX_CHILD_PROVISIONS)));
    if p.provisions.len() > MAX_CHILD_PROVISIONS {
        c.push(
            format_args!("{path}.provisions"),
            format_args!("{} nested provisions, more than the limit of {MAX_CHILD_PROVISIONS}", p.provisions.len()),
        );
        provisions = None;
    }
    for (i, child) in p.provisions.iter().enumerate() {
        let child = provision(c, format_args!("{path}.provisions[{i}]"), child, depth + 1);
        match (&mut provisions, child) {
            (Some(list), Some(child)) => list.push(child),
            _ => provisions = None,
        }
    }
    Some(Provision {
        effect: effect?,
        actors: actors?,
        roles: roles?,
        categories: categories?,
        purposes: purposes?,
        period: period?,
        provisions: provisions?,
    })
}

/// A record id: valid, and not the id of an earlier consent or objection.
fn record_id<'a>(
    c: &mut Checker<'_>,
    path: impl Display + Copy,
    s: &'a str,
    seen: &mut HashSet<&'a str>,
) -> Option<Id> {
    let id = c.id(path, s)?;
    if !seen.insert(s) {
        c.push(path, format_args!("duplicate record id {}", shown(s)));
        return None;
    }
    Some(id)
}

impl DocumentWire<'_> {
    /// The silent first look: every client id (the first of a repeated one) with its
    /// representatives.
    fn known(&self) -> Known<'_> {
        let mut known: Known<'_> = HashMap::with_capacity(self.clients.len());
        for c in &self.clients {
            known.entry(&*c.id).or_insert_with(|| {
                (c.representatives.len() <= MAX_REPRESENTATIVES)
                    .then(|| c.representatives.iter().map(|r| &*r.id).collect())
            });
        }
        known
    }

    fn client<'a>(c: &mut Checker<'_>, i: usize, w: &'a ClientWire, seen: &mut HashSet<&'a str>) -> Option<Client> {
        let mut id = c.id(format_args!("$.clients[{i}].id"), &w.id);
        if id.is_some() && !seen.insert(&*w.id) {
            c.push(format_args!("$.clients[{i}].id"), format_args!("duplicate client id {}", shown(&w.id)));
            id = None;
        }
        let bsn = match &w.bsn {
            None => Some(None),
            // The BSN's error never repeats the digits.
            Some(b) => c.record(format_args!("$.clients[{i}].bsn"), Bsn::parse(b)).map(Some),
        };
        // The date of birth is personal data: the checker's message does not repeat it.
        let date_of_birth = c.date(format_args!("$.clients[{i}].date_of_birth"), &w.date_of_birth);
        let mut representatives = Some(Vec::with_capacity(w.representatives.len().min(MAX_REPRESENTATIVES)));
        if c.bounded(format_args!("$.clients[{i}].representatives"), w.representatives.len(), MAX_REPRESENTATIVES) {
            let mut seen_reps = HashSet::with_capacity(w.representatives.len());
            for (j, r) in w.representatives.iter().enumerate() {
                let mut rid = c.id(format_args!("$.clients[{i}].representatives[{j}].id"), &r.id);
                if rid.is_some() && !seen_reps.insert(&*r.id) {
                    c.push(
                        format_args!("$.clients[{i}].representatives[{j}].id"),
                        format_args!("duplicate representative {}", shown(&r.id)),
                    );
                    rid = None;
                }
                let relation = c.code(
                    format_args!("$.clients[{i}].representatives[{j}].relation"),
                    RepresentativeRelation::from_code(&r.relation),
                );
                match (&mut representatives, rid, relation) {
                    (Some(list), Some(id), Some(relation)) => list.push(Representative { id, relation }),
                    _ => representatives = None,
                }
            }
        } else {
            representatives = None;
        }
        Some(Client {
            id: id?,
            bsn: bsn?,
            date_of_birth: date_of_birth?,
            can_decide: w.can_decide,
            representatives: representatives?,
        })
    }

    fn consent<'a>(
        c: &mut Checker<'_>,
        i: usize,
        w: &'a ConsentWire,
        known: &Known<'_>,
        record_ids: &mut HashSet<&'a str>,
    ) -> Option<ConsentRecord> {
        let id = record_id(c, format_args!("$.consents[{i}].id"), &w.id, record_ids);
        let client = client_ref(c, format_args!("$.consents[{i}].client"), &w.client, known);
        let recorded_by = c.id(format_args!("$.consents[{i}].recorded_by"), &w.recorded_by);
        let recorded_at = c.instant(format_args!("$.consents[{i}].recorded_at"), &w.recorded_at);
        let given_by = given_by(c, format_args!("$.consents[{i}].given_by"), &w.given_by, &w.client, known);
        let scope = c.code(format_args!("$.consents[{i}].scope"), ConsentChannel::from_code(&w.scope));
        let status = c.code(format_args!("$.consents[{i}].status"), ConsentRecordStatus::from_code(&w.status));
        let period = period(c, format_args!("$.consents[{i}].period"), &w.period);
        let provision = provision(c, format_args!("$.consents[{i}].provision"), &w.provision, 1);
        Some(ConsentRecord {
            id: id?,
            client: client?,
            recorded_by: recorded_by?,
            recorded_at: recorded_at?,
            given_by: given_by?,
            scope: scope?,
            status: status?,
            period: period?,
            provision: provision?,
        })
    }

    fn objection<'a>(
        c: &mut Checker<'_>,
        i: usize,
        w: &'a ObjectionWire,
        known: &Known<'_>,
        record_ids: &mut HashSet<&'a str>,
    ) -> Option<Objection> {
        let id = record_id(c, format_args!("$.objections[{i}].id"), &w.id, record_ids);
        let client = client_ref(c, format_args!("$.objections[{i}].client"), &w.client, known);
        let recorded_by = c.id(format_args!("$.objections[{i}].recorded_by"), &w.recorded_by);
        let recorded_at = c.instant(format_args!("$.objections[{i}].recorded_at"), &w.recorded_at);
        let made_by = given_by(c, format_args!("$.objections[{i}].made_by"), &w.made_by, &w.client, known);
        let status = c.code(format_args!("$.objections[{i}].status"), ConsentRecordStatus::from_code(&w.status));
        let period = period(c, format_args!("$.objections[{i}].period"), &w.period);
        let actors = opt_actors(c, format_args!("$.objections[{i}].actors"), &w.actors);
        let roles = opt_codes(c, format_args!("$.objections[{i}].roles"), &w.roles, RecipientRole::from_code);
        let categories =
            opt_codes(c, format_args!("$.objections[{i}].categories"), &w.categories, DataCategory::from_code);
        let purposes = opt_codes(c, format_args!("$.objections[{i}].purposes"), &w.purposes, Purpose::from_code);
        Some(Objection {
            id: id?,
            client: client?,
            recorded_by: recorded_by?,
            recorded_at: recorded_at?,
            made_by: made_by?,
            status: status?,
            period: period?,
            actors: actors?,
            roles: roles?,
            categories: categories?,
            purposes: purposes?,
        })
    }

    /// The walk: every problem in document order, and the typed document when there is none.
    fn check(&self, c: &mut Checker<'_>) -> StoreDocument {
        if self.version.trim().is_empty() {
            c.push("$.version", "must not be empty");
        }
        let known = self.known();
        let mut seen_clients = HashSet::with_capacity(self.clients.len());
        let clients: Vec<Client> =
            (self.clients.iter().enumerate()).filter_map(|(i, w)| Self::client(c, i, w, &mut seen_clients)).collect();
        let mut record_ids = HashSet::with_capacity(self.consents.len() + self.objections.len());
        let consents: Vec<ConsentRecord> = (self.consents.iter().enumerate())
            .filter_map(|(i, w)| Self::consent(c, i, w, &known, &mut record_ids))
            .collect();
        let objections: Vec<Objection> = (self.objections.iter().enumerate())
            .filter_map(|(i, w)| Self::objection(c, i, w, &known, &mut record_ids))
            .collect();
        StoreDocument { version: self.version.clone(), clients, consents, objections }
    }
}
