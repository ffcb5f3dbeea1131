//! Loading a consent store document record by record: each client, consent and objection is
//! checked as soon as it has been read and appended to the store's flat arrays
//! ([`super::compile`]), and its text dropped before the next one is read.
//!
//! Why: read whole into the wire tree, then checked into a typed document, then compiled, a
//! region's store (100,000 clients, 450,000 consents, 198 MiB of JSON) had all three alive at
//! once (an 829 MiB heap peak for a store that keeps 59 MiB), and most of the 2.6 s its load took
//! went to allocating, growing, copying and freeing them (issue 12).
//!
//! The answer does not change. Every problem is reported in document order — clients, then
//! consents, then objections; within a record its fields in the order of the wire struct;
//! provisions depth-first — at `$`-rooted paths such as
//! `$.consents[3].provision.provisions[1].roles[0]`, with `$.version` before all of them. Records
//! are checked against the clients, and record ids against the earlier consents, so a section is
//! checked as it is read only when the sections before it were (as in every document wijknet
//! writes, and in any JSON whose keys are sorted); a document that lists them in another order has
//! the early section kept and checked after the others, as before. Structural JSON errors still
//! stop the read at the first, and the `schema` tag is still checked after the read
//! ([`crate::input::read_document`]).
//!
//! No message repeats a value of the document: a BSN, a date of birth or a name typed into an id
//! or code field never reaches a problem (ids that a message names go through
//! [`shown`](crate::input::shown)). Every list inside a record is bounded ([`MAX_RECORD_LIST`],
//! [`MAX_REPRESENTATIVES`]) and every membership test is a set lookup (or, in a list of a few, a
//! look at each), so the load is linear in the document, but for repeated record ids, found by
//! one sort of their hashes at the end ([`duplicate_record_ids`], `n log n`).

use std::collections::{HashMap, HashSet};
use std::fmt::{self, Display};

use serde::de::{self, Deserialize, DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};

use super::client::Representative;
use super::codes::{ConsentChannel, ConsentEffect, ConsentRecordStatus, RepresentativeRelation};
use super::compile::{self, ClientEntry, Compiled, RecordEntry, Rule, record_flag, rule_flag};
use super::document::{ClientWire, ConsentWire, DOCUMENT, GivenByWire, ObjectionWire, PeriodWire, ProvisionWire};
use super::record::{MAX_CHILD_PROVISIONS, MAX_PROVISION_DEPTH};
use crate::codes::{Code, CodeSet};
use crate::error::{Problems, Result};
use crate::ids::{Bsn, Id};
use crate::input::{Checker, CodeList, Text, shown};
use crate::limits::{MAX_RECORD_LIST, MAX_REPRESENTATIVES};

const EMPTY_LIST: &str = "empty list matches nothing: leave the field out to mean any";

/// The document's fields, in the order the wire struct declares them (the strict reader finds
/// duplicates and names paths by them; `DocumentWire`, which the schema is generated from, has
/// the same).
const FIELDS: &[&str] = &["schema", "version", "clients", "consents", "objections"];

/// Reads, checks and compiles a consent store document's JSON text.
pub(super) fn read(bytes: &[u8]) -> Result<Loaded> {
    let checked: Checked<'_> = crate::input::read_document(bytes, DOCUMENT, super::SCHEMA)?;
    checked.load.finish()
}

/// [`read`] over values (see [`crate::input::read_values`]).
pub(super) fn read_values<'de, D: Deserializer<'de> + Clone>(values: D) -> Result<Loaded> {
    let checked: Checked<'de> = crate::input::read_document_values(values, DOCUMENT, super::SCHEMA)?;
    checked.load.finish()
}

/// A document read and checked, with its records appended to the store's arrays; what is left
/// is [`Loaded::compile`].
#[derive(Debug)]
pub(super) struct Loaded {
    out: Compiled,
    /// The client of each record, in the order they were read.
    record_client: Vec<u32>,
}

impl Loaded {
    /// Clients, consents and objections: what the compile step reports its progress in.
    pub(super) fn records(&self) -> u64 {
        (self.out.clients.len() + self.out.records.len()) as u64
    }

    /// The compiled store ([`compile::finish`]).
    pub(super) fn compile(self) -> Compiled {
        compile::finish(self.out, &self.record_client)
    }
}

/// The document read: its `schema` tag and the checks' outcome.
struct Checked<'de> {
    schema: Text<'de>,
    load: Load<'de>,
}

impl crate::input::SchemaTagged for Checked<'_> {
    fn schema_tag(&self) -> &str {
        &self.schema
    }
}

impl<'de> Deserialize<'de> for Checked<'de> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        d.deserialize_struct("DocumentWire", FIELDS, DocVisitor)
    }
}

enum Field {
    Schema,
    Version,
    Clients,
    Consents,
    Objections,
}

impl<'de> Deserialize<'de> for Field {
    fn deserialize<D: Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        struct V;
        impl Visitor<'_> for V {
            type Value = Field;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("field identifier")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> std::result::Result<Field, E> {
                Ok(match v {
                    "schema" => Field::Schema,
                    "version" => Field::Version,
                    "clients" => Field::Clients,
                    "consents" => Field::Consents,
                    "objections" => Field::Objections,
                    // As `deny_unknown_fields` words it (the strict reader keeps the key out).
                    _ => return Err(E::unknown_field(v, FIELDS)),
                })
            }
        }
        d.deserialize_identifier(V)
    }
}

struct DocVisitor;

impl<'de> Visitor<'de> for DocVisitor {
    type Value = Checked<'de>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("struct DocumentWire")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> std::result::Result<Checked<'de>, A::Error> {
        let mut schema: Option<Text<'de>> = None;
        let mut version: Option<String> = None;
        // A section that came before one it is checked against, kept to be checked at the end.
        let mut consents_kept: Option<Vec<ConsentWire<'de>>> = None;
        let mut objections_kept: Option<Vec<ObjectionWire<'de>>> = None;
        // Which sections have been checked (as they were read).
        let (mut clients_done, mut consents_done, mut objections_done) = (false, false, false);
        let mut load = Load::default();
        while let Some(key) = map.next_key::<Field>()? {
            match key {
                Field::Schema => once(&mut map, &mut schema, "schema")?,
                Field::Version => once(&mut map, &mut version, "version")?,
                Field::Clients => {
                    if clients_done {
                        return Err(de::Error::duplicate_field("clients"));
                    }
                    map.next_value_seed(Stream { load: &mut load, section: Section::Clients })?;
                    clients_done = true;
                }
                Field::Consents => {
                    if consents_done || consents_kept.is_some() {
                        return Err(de::Error::duplicate_field("consents"));
                    }
                    if clients_done {
                        map.next_value_seed(Stream { load: &mut load, section: Section::Consents })?;
                        consents_done = true;
                    } else {
                        consents_kept = Some(map.next_value()?);
                    }
                }
                Field::Objections => {
                    if objections_done || objections_kept.is_some() {
                        return Err(de::Error::duplicate_field("objections"));
                    }
                    if clients_done && consents_done {
                        map.next_value_seed(Stream { load: &mut load, section: Section::Objections })?;
                        objections_done = true;
                    } else {
                        objections_kept = Some(map.next_value()?);
                    }
                }
            }
        }
        let schema = schema.ok_or_else(|| de::Error::missing_field("schema"))?;
        let version = version.ok_or_else(|| de::Error::missing_field("version"))?;
        for (i, w) in consents_kept.iter().flatten().enumerate() {
            load.consent(i, w);
        }
        for (i, w) in objections_kept.iter().flatten().enumerate() {
            load.objection(i, w);
        }
        load.version(version);
        Ok(Checked { schema, load })
    }
}

/// Reads the value of a field that may appear once (a second is an error, as serde's derive
/// words it).
fn once<'de, A: MapAccess<'de>, T: Deserialize<'de>>(
    map: &mut A,
    slot: &mut Option<T>,
    name: &'static str,
) -> std::result::Result<(), A::Error> {
    if slot.is_some() {
        return Err(de::Error::duplicate_field(name));
    }
    *slot = Some(map.next_value()?);
    Ok(())
}

#[derive(Clone, Copy)]
enum Section {
    Clients,
    Consents,
    Objections,
}

/// A section's array, each entry checked as it is read.
struct Stream<'l, 'de> {
    load: &'l mut Load<'de>,
    section: Section,
}

impl<'de> DeserializeSeed<'de> for Stream<'_, 'de> {
    type Value = ();
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> std::result::Result<(), D::Error> {
        d.deserialize_seq(self)
    }
}

impl<'de> Visitor<'de> for Stream<'_, 'de> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a sequence")
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> std::result::Result<(), A::Error> {
        let mut i = 0;
        while seq.next_element_seed(Entry { load: &mut *self.load, section: self.section, i })?.is_some() {
            i += 1;
        }
        Ok(())
    }
}

/// One entry of a section, checked where it was read: a record's wire struct is a few hundred
/// bytes, and returned up through the reader's layers it was copied at each of them.
struct Entry<'l, 'de> {
    load: &'l mut Load<'de>,
    section: Section,
    i: usize,
}

impl<'de> DeserializeSeed<'de> for Entry<'_, 'de> {
    type Value = ();
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> std::result::Result<(), D::Error> {
        match self.section {
            Section::Clients => self.load.client(self.i, ClientWire::deserialize(d)?),
            Section::Consents => self.load.consent(self.i, &ConsentWire::deserialize(d)?),
            Section::Objections => self.load.objection(self.i, &ObjectionWire::deserialize(d)?),
        }
        Ok(())
    }
}

/// What records are checked against: a client read earlier (the first of a repeated id, even an
/// invalid one, as a silent first look at the clients found them before), its place, and its
/// representatives' ids sorted in [`Load::known_reps`] (`None` when its list is over the limit:
/// that client has a problem of its own, and references to its representatives are not checked).
#[derive(Clone, Copy)]
struct Known {
    position: u32,
    representatives: Option<(u32, u32)>,
}

/// The state of one load: the problems so far and the store's arrays, appended to record by
/// record. Once there is a problem the arrays are never used (the load fails), so a record with
/// a problem may leave part of itself in them.
#[derive(Default)]
struct Load<'de> {
    /// The problem of `$.version`, reported before every other whichever came first.
    head: Problems,
    problems: Problems,
    /// By id: the id inline in the table, so a lookup reads no text elsewhere in the document.
    known: HashMap<ById, Known>,
    /// Those whose id is not valid (a record naming one is still checked against them).
    known_other: HashMap<Text<'de>, Known>,
    known_reps: Vec<Text<'de>>,
    /// The client found last: a client's records usually follow one another, and each asks
    /// twice (its client, and who gave it), so most lookups compare one id instead of hashing.
    last: Option<(Id, Known)>,
    /// Consent and objection ids, in the order they were read; duplicates are found in
    /// [`Load::finish`].
    record_ids: Vec<RecordId>,
    /// Each organisation's number in [`Compiled::orgs`], in the order they were met.
    orgs: HashMap<ById, u32>,
    out: Compiled,
    record_client: Vec<u32>,
}

impl<'de> Load<'de> {
    fn version(&mut self, version: String) {
        if version.trim().is_empty() {
            self.head.push("$.version", "must not be empty");
        }
        self.out.version = version;
    }

    /// Every problem (or the compiled arrays when there is none).
    fn finish(self) -> Result<Loaded> {
        let Load { mut head, mut problems, out, record_client, record_ids, .. } = self;
        problems.interleave(duplicate_record_ids(&record_ids));
        head.append(problems);
        head.finish(DOCUMENT, || Loaded { out, record_client })
    }

    /// The number of the organisation with this (checked) id; `None` only if it is not an id.
    fn org(&mut self, s: &str) -> Option<u32> {
        if let Some(&k) = self.orgs.get(s.as_bytes()) {
            return Some(k);
        }
        let id = Id::parse(s).ok()?;
        let k = self.out.orgs.len() as u32;
        self.out.orgs.push(id.clone());
        self.orgs.insert(ById(id), k);
        Some(k)
    }

    fn client(&mut self, i: usize, w: ClientWire<'de>) {
        let c = &mut Checker { problems: &mut self.problems };
        let mut id = c.id(format_args!("$.clients[{i}].id"), &w.id);
        let key = id.clone();
        let first = match &key {
            Some(key) => !self.known.contains_key(key.as_bytes()),
            None => !self.known_other.contains_key(&*w.id),
        };
        if id.is_some() && !first {
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
        let start = self.out.representatives.len();
        let mut representatives_ok =
            c.bounded(format_args!("$.clients[{i}].representatives"), w.representatives.len(), MAX_REPRESENTATIVES);
        if representatives_ok {
            let mut seen = Seen::default();
            for (j, r) in w.representatives.iter().enumerate() {
                let mut rid = c.id(format_args!("$.clients[{i}].representatives[{j}].id"), &r.id);
                if rid.is_some() && !seen.insert(&r.id) {
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
                match (rid, relation) {
                    (Some(id), Some(relation)) => self.out.representatives.push(Representative { id, relation }),
                    _ => representatives_ok = false,
                }
            }
        }
        if let (Some(id), Some(bsn), Some(date_of_birth), true) = (id, bsn, date_of_birth, representatives_ok) {
            self.out.clients.push(ClientEntry {
                id,
                bsn: bsn.map(|b| b.packed()),
                date_of_birth,
                can_decide: w.can_decide,
                representatives_len: (self.out.representatives.len() - start) as u8,
                representatives: start as u32,
                records: 0,
                records_end: 0,
                first_rule: 0,
                position: i as u32,
            });
        } else {
            self.out.representatives.truncate(start);
        }
        if first {
            let representatives = (w.representatives.len() <= MAX_REPRESENTATIVES).then(|| {
                let from = self.known_reps.len();
                self.known_reps.extend(w.representatives.into_iter().map(|r| r.id));
                self.known_reps[from..].sort_unstable();
                (from as u32, self.known_reps.len() as u32)
            });
            let known = Known { position: i as u32, representatives };
            match key {
                Some(key) => self.known.insert(ById(key), known),
                None => self.known_other.insert(w.id, known),
            };
        }
    }

    /// A record id: valid. Whether an earlier consent or objection has it too is found at the
    /// end ([`duplicate_record_ids`]); the record is kept meanwhile, which only matters if the
    /// load succeeds, and then no id is repeated.
    fn record_id(&mut self, i: usize, objection: bool, s: &str) -> Option<Id> {
        let section = section(objection);
        let id = Checker { problems: &mut self.problems }.id(format_args!("$.{section}[{i}].id"), s)?;
        let before = self.problems.count();
        self.record_ids.push(RecordId { id: id.clone(), before, i: i as u32, objection });
        Some(id)
    }

    /// The client read earlier with this id, if any.
    fn known(&mut self, s: &str) -> Option<Known> {
        if let Some((id, k)) = &self.last {
            if id.as_bytes() == s.as_bytes() {
                return Some(*k);
            }
        }
        if Id::check(s).is_err() {
            return self.known_other.get(s).copied();
        }
        let (id, k) = self.known.get_key_value(s.as_bytes())?;
        self.last = Some((id.0.clone(), *k));
        Some(*k)
    }

    /// The client a record belongs to: a valid id of a client in the document; its place.
    fn client_ref(&mut self, path: impl Display + Copy, s: &str) -> Option<u32> {
        Checker { problems: &mut self.problems }.id_text(path, s)?;
        match self.known(s) {
            Some(k) => Some(k.position),
            None => {
                let reason = format!("unknown client {}: no client in `clients` has this id", shown(s));
                self.problems.push(path.to_string(), reason);
                None
            }
        }
    }

    /// Who gave a consent or made an objection: somebody, and only representatives of the
    /// record's client, each named once. Appends them to [`Compiled::given_by`]; their run.
    fn given_by(&mut self, path: impl Display + Copy, g: &GivenByWire, client: &str) -> Option<(u32, u8)> {
        let of_client = self.known(client).and_then(|k| k.representatives);
        let c = &mut Checker { problems: &mut self.problems };
        let mut ok = true;
        if !g.client && g.representatives.is_empty() {
            c.push(path, "given by nobody: set `client` or name a representative");
            ok = false;
        }
        if !c.bounded(format_args!("{path}.representatives"), g.representatives.len(), MAX_REPRESENTATIVES) {
            return None;
        }
        let of_client = of_client.map(|(from, to)| &self.known_reps[from as usize..to as usize]);
        let start = self.out.given_by.len();
        let mut seen = Seen::default();
        for (j, r) in g.representatives.iter().enumerate() {
            let Some(id) = c.id(format_args!("{path}.representatives[{j}]"), r) else {
                ok = false;
                continue;
            };
            if !seen.insert(r) {
                c.push(
                    format_args!("{path}.representatives[{j}]"),
                    format_args!("duplicate representative {}", shown(r)),
                );
                ok = false;
            } else if of_client.is_some_and(|reps| reps.binary_search_by(|k| (**k).cmp(&**r)).is_err()) {
                c.push(
                    format_args!("{path}.representatives[{j}]"),
                    format_args!("{} is not a representative of client {}", shown(r), shown(client)),
                );
                ok = false;
            } else {
                self.out.given_by.push(id);
            }
        }
        ok.then_some((start as u32, (self.out.given_by.len() - start) as u8))
    }

    /// An optional list of organisation ids: absent means any; present must name some, each at
    /// most once, and at most [`MAX_RECORD_LIST`]. Appends their numbers to
    /// [`Compiled::actors`] (in document order: [`compile::finish`] adds the sorted copy); the
    /// run, `None` for "any".
    fn actors(&mut self, path: impl Display + Copy, list: &Option<Vec<Text<'_>>>) -> Option<Option<(u32, u16)>> {
        let c = &mut Checker { problems: &mut self.problems };
        let list = match list {
            None => return Some(None),
            Some(l) if l.is_empty() => {
                c.push(path, EMPTY_LIST);
                return None;
            }
            Some(l) => l,
        };
        if !c.bounded(path, list.len(), MAX_RECORD_LIST) {
            return None;
        }
        let mut ok = true;
        let mut seen = Seen::default();
        let start = self.out.actors.len();
        for (i, s) in list.iter().enumerate() {
            let c = &mut Checker { problems: &mut self.problems };
            match c.id_text(format_args!("{path}[{i}]"), s) {
                Some(()) if !seen.insert(s) => {
                    c.push(format_args!("{path}[{i}]"), format_args!("duplicate id {}", shown(s)));
                    ok = false;
                }
                Some(()) => match self.org(s) {
                    Some(org) => self.out.actors.push(org),
                    None => ok = false,
                },
                None => ok = false,
            }
        }
        ok.then_some(Some((start as u32, list.len() as u16)))
    }

    /// One provision and, depth-first, the provisions nested in it: its rule appended before
    /// theirs. Whether all of them are valid.
    fn provision(&mut self, path: impl Display + Copy, p: &ProvisionWire, depth: usize) -> bool {
        if depth > MAX_PROVISION_DEPTH {
            self.problems.push(
                path.to_string(),
                format!("provision tree deeper than the limit of {MAX_PROVISION_DEPTH} levels"),
            );
            return false;
        }
        let c = &mut Checker { problems: &mut self.problems };
        let effect = c.code(format_args!("{path}.effect"), ConsentEffect::from_code(&p.effect));
        let actors = self.actors(format_args!("{path}.actors"), &p.actors);
        let c = &mut Checker { problems: &mut self.problems };
        let roles = opt_codes(c, format_args!("{path}.roles"), &p.roles);
        let categories = opt_codes(c, format_args!("{path}.categories"), &p.categories);
        let purposes = opt_codes(c, format_args!("{path}.purposes"), &p.purposes);
        let period = match &p.period {
            None => Some(None),
            Some(q) => period(c, format_args!("{path}.period"), q).map(Some),
        };
        let mut ok = true;
        if p.provisions.len() > MAX_CHILD_PROVISIONS {
            c.push(
                format_args!("{path}.provisions"),
                format_args!("{} nested provisions, more than the limit of {MAX_CHILD_PROVISIONS}", p.provisions.len()),
            );
            ok = false;
        }
        match (effect, actors, roles, categories, purposes, period) {
            (Some(effect), Some(actors), Some(roles), Some(categories), Some(purposes), Some(period)) => {
                let index = self.out.rules.len() as u32;
                if let Some((start, end)) = period {
                    self.out.periods.push((index, start, end));
                }
                let (actors, actors_len) = actors.unwrap_or((0, 0));
                self.out.rules.push(Rule {
                    roles: compile::byte(roles),
                    categories: compile::byte(categories),
                    purposes: compile::byte(purposes),
                    flags: compile::flags(effect == ConsentEffect::Deny, actors_len > 0, roles, categories, purposes)
                        | if period.is_some() { rule_flag::PERIOD } else { 0 },
                    depth: (depth - 1) as u8,
                    actors_len,
                    actors,
                });
            }
            _ => ok = false,
        }
        for (i, child) in p.provisions.iter().enumerate() {
            ok &= self.provision(format_args!("{path}.provisions[{i}]"), child, depth + 1);
        }
        ok
    }

    fn consent(&mut self, i: usize, w: &ConsentWire) {
        let id = self.record_id(i, false, &w.id);
        let client = self.client_ref(format_args!("$.consents[{i}].client"), &w.client);
        let c = &mut Checker { problems: &mut self.problems };
        let recorded_by = c.id_text(format_args!("$.consents[{i}].recorded_by"), &w.recorded_by);
        let recorded_at = c.moment(format_args!("$.consents[{i}].recorded_at"), w.recorded_at);
        let given_by = self.given_by(format_args!("$.consents[{i}].given_by"), &w.given_by, &w.client);
        let c = &mut Checker { problems: &mut self.problems };
        let scope = c.code(format_args!("$.consents[{i}].scope"), ConsentChannel::from_code(&w.scope));
        let status = c.code(format_args!("$.consents[{i}].status"), ConsentRecordStatus::from_code(&w.status));
        let period = period(c, format_args!("$.consents[{i}].period"), &w.period);
        let rules = self.out.rules.len() as u32;
        let provision = self.provision(format_args!("$.consents[{i}].provision"), &w.provision, 1);
        if let (
            Some(id),
            Some(client),
            Some(()),
            Some(recorded_at),
            Some(given_by),
            Some(scope),
            Some(status),
            Some((start, end)),
            true,
        ) = (id, client, recorded_by, recorded_at, given_by, scope, status, period, provision)
        {
            let Some(recorded_by) = self.org(&w.recorded_by) else {
                return;
            };
            self.out.records.push(RecordEntry {
                id,
                recorded_at,
                start,
                end,
                rules,
                rules_end: self.out.rules.len() as u32,
                recorded_by,
                position: i as u32,
                given_by: given_by.0,
                given_by_len: given_by.1,
                status,
                scope: Some(scope),
                flags: if w.given_by.client { record_flag::BY_CLIENT } else { 0 },
            });
            self.record_client.push(client);
        }
    }

    fn objection(&mut self, i: usize, w: &ObjectionWire) {
        let id = self.record_id(i, true, &w.id);
        let client = self.client_ref(format_args!("$.objections[{i}].client"), &w.client);
        let c = &mut Checker { problems: &mut self.problems };
        let recorded_by = c.id_text(format_args!("$.objections[{i}].recorded_by"), &w.recorded_by);
        let recorded_at = c.moment(format_args!("$.objections[{i}].recorded_at"), w.recorded_at);
        let made_by = self.given_by(format_args!("$.objections[{i}].made_by"), &w.made_by, &w.client);
        let c = &mut Checker { problems: &mut self.problems };
        let status = c.code(format_args!("$.objections[{i}].status"), ConsentRecordStatus::from_code(&w.status));
        let period = period(c, format_args!("$.objections[{i}].period"), &w.period);
        let actors = self.actors(format_args!("$.objections[{i}].actors"), &w.actors);
        let c = &mut Checker { problems: &mut self.problems };
        let roles = opt_codes(c, format_args!("$.objections[{i}].roles"), &w.roles);
        let categories = opt_codes(c, format_args!("$.objections[{i}].categories"), &w.categories);
        let purposes = opt_codes(c, format_args!("$.objections[{i}].purposes"), &w.purposes);
        if let (
            Some(id),
            Some(client),
            Some(()),
            Some(recorded_at),
            Some(made_by),
            Some(status),
            Some((start, end)),
            Some(actors),
            Some(roles),
            Some(categories),
            Some(purposes),
        ) = (id, client, recorded_by, recorded_at, made_by, status, period, actors, roles, categories, purposes)
        {
            let rules = self.out.rules.len() as u32;
            let (actors, actors_len) = actors.unwrap_or((0, 0));
            self.out.rules.push(Rule {
                roles: compile::byte(roles),
                categories: compile::byte(categories),
                purposes: compile::byte(purposes),
                flags: compile::flags(true, actors_len > 0, roles, categories, purposes),
                depth: 0,
                actors_len,
                actors,
            });
            let Some(recorded_by) = self.org(&w.recorded_by) else {
                return;
            };
            self.out.records.push(RecordEntry {
                id,
                recorded_at,
                start,
                end,
                rules,
                rules_end: rules + 1,
                recorded_by,
                position: i as u32,
                given_by: made_by.0,
                given_by_len: made_by.1,
                status,
                scope: None,
                flags: record_flag::OBJECTION | if w.made_by.client { record_flag::BY_CLIENT } else { 0 },
            });
            self.record_client.push(client);
        }
    }
}

/// An id as a hash map key looked up by the bytes of a text: a lookup by `&str` through
/// `Id: Borrow<str>` checks the key's UTF-8 at every comparison ([`Id::as_str`]), which was 2% of
/// a region's load (issue 12). An id is ASCII, so its bytes are its text.
#[derive(PartialEq, Eq)]
struct ById(Id);

impl std::hash::Hash for ById {
    /// The hash of the bytes as `[u8]`, so that `Borrow<[u8]>` lookups find it.
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        self.0.as_bytes().hash(state);
    }
}

impl std::borrow::Borrow<[u8]> for ById {
    fn borrow(&self) -> &[u8] {
        self.0.as_bytes()
    }
}

/// A valid consent or objection id as read, and where its problem goes if an earlier record has
/// it too.
struct RecordId {
    id: Id,
    /// The problems recorded before it ([`Problems::count`]).
    before: usize,
    /// Its place in its section.
    i: u32,
    objection: bool,
}

/// The section a record is in.
fn section(objection: bool) -> &'static str {
    if objection { "objections" } else { "consents" }
}

/// The problems of every record whose id an earlier consent or objection has (each where
/// [`Load::record_id`] would have pushed it), in reading order.
///
/// Why not a set of the ids seen: a region's store has 450,000 records, and inserting each into
/// a hash set that outgrows the caches was a tenth of the load (issue 12), almost all of it
/// waiting for memory. Here the ids are written one after another, and only their hashes are
/// sorted: equal ids have equal hashes, and the few equal hashes (all of them, in a hostile
/// document) are told apart by sorting their ids, so the cost stays `n log n` whatever the hash.
fn duplicate_record_ids(ids: &[RecordId]) -> Vec<(usize, crate::error::Problem)> {
    let mut hashes: Vec<(u64, u32)> = ids
        .iter()
        .enumerate()
        .map(|(k, r)| (crate::fnv::Fnv1a64::new().bytes(r.id.as_bytes()).value(), k as u32))
        .collect();
    hashes.sort_unstable();
    let mut later: Vec<u32> = Vec::new();
    let mut group: Vec<u32> = Vec::new();
    for run in hashes.chunk_by(|a, b| a.0 == b.0).filter(|run| run.len() > 1) {
        group.clear();
        group.extend(run.iter().map(|&(_, k)| k));
        // By id, then reading order: the first of each id is the one that stays.
        group.sort_unstable_by(|&a, &b| {
            ids[a as usize].id.as_bytes().cmp(ids[b as usize].id.as_bytes()).then(a.cmp(&b))
        });
        for same in group.chunk_by(|&a, &b| ids[a as usize].id == ids[b as usize].id) {
            later.extend_from_slice(&same[1..]);
        }
    }
    later.sort_unstable();
    later
        .into_iter()
        .enumerate()
        .map(|(n, k)| {
            let r = &ids[k as usize];
            // Past the bound, a problem is only counted: at least that many come before it.
            if n >= crate::limits::MAX_PROBLEMS {
                return (r.before, crate::error::Problem { path: String::new(), reason: String::new() });
            }
            let path = format!("$.{}[{}].id", section(r.objection), r.i);
            let reason = format!("duplicate record id {}", shown(r.id.as_str()));
            (r.before, crate::error::Problem { path, reason })
        })
        .collect()
}

/// A validity period: an instant in the supported years, an optional later end; as instants
/// ([`compile::instant`]'s nanoseconds, an open end [`i64::MAX`]).
fn period(c: &mut Checker<'_>, path: impl Display + Copy, p: &PeriodWire) -> Option<(i64, i64)> {
    let start = c.moment(format_args!("{path}.start"), p.start);
    let end = match p.end {
        None => Some(None),
        Some(e) => c.moment(format_args!("{path}.end"), e).map(Some),
    };
    let (start, end) = (start?, end?);
    if end.is_some_and(|e| e <= start) {
        c.push(format_args!("{path}.end"), "period ends before or when it starts");
        return None;
    }
    Some((start, end.unwrap_or(i64::MAX)))
}

/// An optional list of codes: absent means any; present must name some, each known and at most
/// once. `None` when a problem was recorded.
fn opt_codes<T: Code + Display>(
    c: &mut Checker<'_>,
    path: impl Display + Copy,
    list: &Option<CodeList<T>>,
) -> Option<Option<CodeSet<T>>> {
    match list {
        None => Some(None),
        Some(l) if l.is_empty() => {
            c.push(path, EMPTY_LIST);
            None
        }
        Some(l) => c.code_list(path, l).map(Some),
    }
}

/// The texts of one list seen so far: looked at one by one while they are few (a record's list
/// names one or two: no hashing, no allocation), in a hash set beyond, so that a list of
/// thousands still costs linear time.
#[derive(Default)]
struct Seen<'s> {
    few: [&'s str; Seen::FEW],
    len: usize,
    many: HashSet<&'s str>,
}

impl<'s> Seen<'s> {
    const FEW: usize = 8;

    /// Whether `s` is new.
    fn insert(&mut self, s: &'s str) -> bool {
        if self.len < Self::FEW {
            if self.few[..self.len].contains(&s) {
                return false;
            }
            self.few[self.len] = s;
            self.len += 1;
            return true;
        }
        if self.many.is_empty() {
            self.many.extend(self.few);
        }
        self.many.insert(s)
    }
}
