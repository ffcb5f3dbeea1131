//! The consent store: clients, consent records and objections loaded from a versioned JSON
//! document (`"schema": "wijknet.consent/v1"`), validated with every problem reported at once,
//! exported back losslessly, and compiled into a flat index for fast decisions.

use std::collections::{HashMap, HashSet};
use std::ops::Range;

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use super::audit::Fnv1a64;
use super::client::{Client, Representative};
use super::codes::{Channel, DataCategory, Effect, Purpose, RecipientRole, RecordStatus};
use super::path::ProvisionPath;
use super::record::{ConsentRecord, GivenBy, MAX_CHILD_PROVISIONS, MAX_PROVISION_DEPTH, Objection, Period, Provision};
use crate::codes::CodeSet;
use crate::error::{Problems, Result};
use crate::ids::{Bsn, Id};
use crate::input::read_document as parse_document;

/// Schema tag of the consent store document.
pub const SCHEMA: &str = "wijknet.consent/v1";

const DOCUMENT: &str = "consent store";

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

/// An instant as nanoseconds since the epoch, exact for every `DateTime<Utc>` (an `i64` of
/// nanoseconds would end in 2262), so that comparisons on the hot path are one integer compare.
pub(crate) fn instant(t: DateTime<Utc>) -> i128 {
    i128::from(t.timestamp()) * 1_000_000_000 + i128::from(t.timestamp_subsec_nanos())
}

/// FNV-1a of an id, used by the client index and for actor comparisons.
pub(crate) fn key_hash(s: &str) -> u64 {
    Fnv1a64::new().bytes(s.as_bytes()).value()
}

/// One compiled rule: a consent provision (with the intersection of its own and its ancestors'
/// constraints, and its record's status, channel, period and givers copied in) or an objection.
/// A client's rules are contiguous, so a decision reads one short run of memory.
#[derive(Debug, Clone)]
pub(crate) struct Rule {
    /// Validity: the record's period intersected with every provision period on the path.
    pub(crate) start: i128,
    pub(crate) end: i128,
    pub(crate) recorded_at: i128,
    pub(crate) roles: u32,
    pub(crate) categories: u32,
    pub(crate) purposes: u32,
    /// Actors (indices into the store's actor table) when constrained.
    pub(crate) actors: u32,
    pub(crate) actors_len: u32,
    /// Index of the record in the store's record table; within one client and one kind, index
    /// order is id order.
    pub(crate) record: u32,
    pub(crate) path: ProvisionPath,
    pub(crate) effect: Effect,
    pub(crate) dims: u8,
    pub(crate) status: RecordStatus,
    /// The channel a consent covers; `None` for objections (any channel).
    pub(crate) scope: Option<Channel>,
    pub(crate) objection: bool,
    pub(crate) by_client: bool,
    pub(crate) by_representative: bool,
    /// Whether some provision on the path names recipient roles or organisations.
    pub(crate) names_recipient: bool,
    pub(crate) actors_constrained: bool,
}

/// A consent record or objection, for the trace and for ids in decisions.
#[derive(Debug, Clone)]
pub(crate) struct RecordEntry {
    pub(crate) id: Id,
    pub(crate) objection: bool,
    pub(crate) status: RecordStatus,
    pub(crate) scope: Option<Channel>,
    pub(crate) recorded_at: i128,
    pub(crate) period: Period,
    pub(crate) rules: Range<u32>,
}

#[derive(Debug, Clone)]
pub(crate) struct ClientEntry {
    key_hash: u64,
    /// Position of the client in the document.
    document_index: u32,
    key_len: u8,
    /// The id's bytes inline, so that a lookup compares without following a pointer.
    key: [u8; Id::MAX_LEN],
    pub(crate) date_of_birth: NaiveDate,
    pub(crate) can_decide: bool,
    /// Rules of this client: consents sorted by id (provisions in tree order), then objections
    /// sorted by id, so that document order never matters.
    pub(crate) rules: Range<u32>,
    /// Records of this client in the same order.
    pub(crate) records: Range<u32>,
}

/// The loaded consent store: immutable, `Send + Sync`, cheap to share between threads behind an
/// `Arc`. Lookup by client id is O(1): an open-addressing table on a stable FNV-1a hash (no hidden
/// randomness) whose slots are the client entries themselves, with the id's bytes inline, so a
/// lookup usually reads one entry and follows no pointer.
#[derive(Debug, Clone)]
pub struct ConsentStore {
    document: StoreDocument,
    /// Open-addressing table, at most half full; an empty slot has `key_len == 0`.
    table: Vec<ClientEntry>,
    pub(crate) records: Vec<RecordEntry>,
    pub(crate) rules: Vec<Rule>,
    pub(crate) actor_ids: Vec<Id>,
    pub(crate) actor_hashes: Vec<u64>,
}

impl ConsentStore {
    /// Loads and validates a `wijknet.consent/v1` JSON document. Structural JSON errors stop at
    /// the first one (with its path); every rule violation is reported at once in
    /// [`Error::Invalid`](crate::Error::Invalid). No message repeats a BSN or a date of birth.
    pub fn from_json(bytes: &[u8]) -> Result<Self> {
        let raw: RawDocument = parse_document(bytes, DOCUMENT, SCHEMA)?;
        let mut problems = Problems::new();
        let document = raw.into_typed(&mut problems);
        problems.finish(DOCUMENT, || ())?;
        Ok(Self::compile(document))
    }

    /// Builds a store from typed values (e.g. assembled by a host). The document goes through the
    /// same validation as [`ConsentStore::from_json`] (by way of its JSON form, so that both
    /// paths can never disagree about what is valid).
    pub fn from_document(document: StoreDocument) -> Result<Self> {
        let json = serde_json::to_vec(&document).expect("serialising plain data cannot fail");
        Self::from_json(&json)
    }

    /// The typed document this store was loaded from.
    pub fn document(&self) -> &StoreDocument {
        &self.document
    }

    /// Exports the store as a `wijknet.consent/v1` JSON document; loading it again gives an equal
    /// store. The export contains BSNs where they were loaded: it is the host's own data.
    pub fn to_json(&self) -> String {
        serde_json::to_string(&self.document).expect("serialising plain data cannot fail")
    }

    /// The data version label, written into audit records.
    pub fn version(&self) -> &str {
        &self.document.version
    }

    /// The client with this pseudonymous id.
    pub fn client(&self, id: &str) -> Option<&Client> {
        self.entry(id).map(|e| &self.document.clients[e.document_index as usize])
    }

    /// Number of clients.
    pub fn len(&self) -> usize {
        self.document.clients.len()
    }

    /// Whether the store has no clients.
    pub fn is_empty(&self) -> bool {
        self.document.clients.is_empty()
    }

    pub(crate) fn entry(&self, id: &str) -> Option<&ClientEntry> {
        let h = key_hash(id);
        let mask = self.table.len() - 1;
        let mut i = h as usize & mask;
        loop {
            let e = &self.table[i];
            if e.key_len == 0 {
                return None;
            }
            if e.key_hash == h && &e.key[..e.key_len as usize] == id.as_bytes() {
                return Some(e);
            }
            i = (i + 1) & mask;
        }
    }

    pub(crate) fn actor_matches(&self, rule: &Rule, org: &str, org_hash: u64) -> bool {
        !rule.actors_constrained || {
            let r = rule.actors as usize..(rule.actors + rule.actors_len) as usize;
            self.actor_hashes[r.clone()]
                .iter()
                .zip(&self.actor_ids[r])
                .any(|(h, a)| *h == org_hash && a.as_str() == org)
        }
    }

    fn compile(document: StoreDocument) -> Self {
        let n = document.clients.len();
        let mut position: HashMap<&str, usize> = HashMap::with_capacity(n);
        for (i, c) in document.clients.iter().enumerate() {
            position.insert(c.id.as_str(), i);
        }
        let mut consents_by_client: Vec<Vec<&ConsentRecord>> = vec![Vec::new(); n];
        for c in &document.consents {
            consents_by_client[position[c.client.as_str()]].push(c);
        }
        let mut objections_by_client: Vec<Vec<&Objection>> = vec![Vec::new(); n];
        for o in &document.objections {
            objections_by_client[position[o.client.as_str()]].push(o);
        }
        let mut c =
            Compiler { records: Vec::new(), rules: Vec::new(), actor_ids: Vec::new(), actor_hashes: Vec::new() };
        let empty = ClientEntry {
            key_hash: 0,
            document_index: 0,
            key_len: 0,
            key: [0; Id::MAX_LEN],
            date_of_birth: NaiveDate::MIN,
            can_decide: false,
            rules: 0..0,
            records: 0..0,
        };
        let mut table = vec![empty; (2 * n).next_power_of_two().max(2)];
        let mask = table.len() - 1;
        for (i, client) in document.clients.iter().enumerate() {
            let (rules_start, records_start) = (c.rules.len() as u32, c.records.len() as u32);
            let consents = &mut consents_by_client[i];
            consents.sort_by(|a, b| a.id.cmp(&b.id));
            for r in consents.iter() {
                c.consent(r);
            }
            let objections = &mut objections_by_client[i];
            objections.sort_by(|a, b| a.id.cmp(&b.id));
            for o in objections.iter() {
                c.objection(o);
            }
            let mut key = [0u8; Id::MAX_LEN];
            let id = client.id.as_str().as_bytes();
            key[..id.len()].copy_from_slice(id);
            let h = key_hash(client.id.as_str());
            let mut slot = h as usize & mask;
            while table[slot].key_len != 0 {
                slot = (slot + 1) & mask;
            }
            table[slot] = ClientEntry {
                key_hash: h,
                document_index: i as u32,
                key_len: id.len() as u8,
                key,
                date_of_birth: client.date_of_birth,
                can_decide: client.can_decide,
                rules: rules_start..c.rules.len() as u32,
                records: records_start..c.records.len() as u32,
            };
        }
        let Compiler { records, rules, actor_ids, actor_hashes } = c;
        Self { document, table, records, rules, actor_ids, actor_hashes }
    }
}

/// A new allocation of the same id: the records of one client are compiled together, so their
/// ids end up next to each other in memory and a decision's references touch one cache line
/// rather than wherever the parser happened to put each string.
fn fresh(id: &Id) -> Id {
    Id::parse(id.as_str()).expect("already a valid id")
}

struct Compiler {
    records: Vec<RecordEntry>,
    rules: Vec<Rule>,
    actor_ids: Vec<Id>,
    actor_hashes: Vec<u64>,
}

/// Constraints accumulated from the root down to one provision.
struct Frame {
    roles: u32,
    categories: u32,
    purposes: u32,
    actors: Option<Vec<Id>>,
    named: bool,
    start: i128,
    end: i128,
    /// Bits of the dimensions constrained on the path: actors, roles, categories, purposes.
    dims: u8,
}

impl Compiler {
    fn actors(&mut self, actors: &Option<Vec<Id>>) -> (u32, u32, bool) {
        match actors {
            None => (0, 0, false),
            Some(list) => {
                let start = self.actor_ids.len() as u32;
                for a in list {
                    self.actor_ids.push(a.clone());
                    self.actor_hashes.push(key_hash(a.as_str()));
                }
                (start, list.len() as u32, true)
            }
        }
    }

    fn consent(&mut self, c: &ConsentRecord) {
        let record = self.records.len() as u32;
        let start = self.rules.len() as u32;
        let root = Frame {
            roles: u32::MAX,
            categories: u32::MAX,
            purposes: u32::MAX,
            actors: None,
            named: false,
            start: instant(c.period.start),
            end: c.period.end.map_or(i128::MAX, instant),
            dims: 0,
        };
        self.flatten(c, record, &c.provision, ProvisionPath::ROOT, &root);
        self.records.push(RecordEntry {
            id: fresh(&c.id),
            objection: false,
            status: c.status,
            scope: Some(c.scope),
            recorded_at: instant(c.recorded_at),
            period: c.period,
            rules: start..self.rules.len() as u32,
        });
    }

    fn flatten(&mut self, c: &ConsentRecord, record: u32, p: &Provision, path: ProvisionPath, parent: &Frame) {
        let actors = match (&parent.actors, &p.actors) {
            (None, None) => None,
            (Some(a), None) => Some(a.clone()),
            (None, Some(b)) => Some(b.clone()),
            (Some(a), Some(b)) => Some(a.iter().filter(|x| b.contains(x)).cloned().collect()),
        };
        let (start, end) = match &p.period {
            None => (parent.start, parent.end),
            Some(q) => (parent.start.max(instant(q.start)), parent.end.min(q.end.map_or(i128::MAX, instant))),
        };
        let frame = Frame {
            roles: parent.roles & p.roles.map_or(u32::MAX, CodeSet::bits),
            categories: parent.categories & p.categories.map_or(u32::MAX, CodeSet::bits),
            purposes: parent.purposes & p.purposes.map_or(u32::MAX, CodeSet::bits),
            named: parent.named || p.roles.is_some() || p.actors.is_some(),
            actors,
            start,
            end,
            dims: parent.dims
                | u8::from(p.actors.is_some())
                | (u8::from(p.roles.is_some()) << 1)
                | (u8::from(p.categories.is_some()) << 2)
                | (u8::from(p.purposes.is_some()) << 3),
        };
        let (actors, actors_len, actors_constrained) = self.actors(&frame.actors);
        self.rules.push(Rule {
            start: frame.start,
            end: frame.end,
            recorded_at: instant(c.recorded_at),
            roles: frame.roles,
            categories: frame.categories,
            purposes: frame.purposes,
            actors,
            actors_len,
            record,
            path,
            effect: p.effect,
            dims: frame.dims.count_ones() as u8,
            status: c.status,
            scope: Some(c.scope),
            objection: false,
            by_client: c.given_by.client,
            by_representative: !c.given_by.representatives.is_empty(),
            names_recipient: frame.named,
            actors_constrained,
        });
        for (i, child) in p.provisions.iter().enumerate() {
            if let Some(child_path) = path.child(i as u8) {
                self.flatten(c, record, child, child_path, &frame);
            }
        }
    }

    fn objection(&mut self, o: &Objection) {
        let record = self.records.len() as u32;
        let start = self.rules.len() as u32;
        let (actors, actors_len, actors_constrained) = self.actors(&o.actors);
        self.rules.push(Rule {
            start: instant(o.period.start),
            end: o.period.end.map_or(i128::MAX, instant),
            recorded_at: instant(o.recorded_at),
            roles: o.roles.map_or(u32::MAX, CodeSet::bits),
            categories: o.categories.map_or(u32::MAX, CodeSet::bits),
            purposes: o.purposes.map_or(u32::MAX, CodeSet::bits),
            actors,
            actors_len,
            record,
            path: ProvisionPath::ROOT,
            effect: Effect::Deny,
            dims: o.constrained_dimensions(),
            status: o.status,
            scope: None,
            objection: true,
            by_client: o.made_by.client,
            by_representative: !o.made_by.representatives.is_empty(),
            names_recipient: true,
            actors_constrained,
        });
        self.records.push(RecordEntry {
            id: fresh(&o.id),
            objection: true,
            status: o.status,
            scope: None,
            recorded_at: instant(o.recorded_at),
            period: o.period,
            rules: start..self.rules.len() as u32,
        });
    }
}

// ---------------------------------------------------------------------------------------------
// Raw document: codes, ids and dates as text, so that every problem can be reported at once,
// including rules that span records (unknown client, representatives, duplicate ids).

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawDocument {
    schema: String,
    version: String,
    #[serde(default)]
    clients: Vec<RawClient>,
    #[serde(default)]
    consents: Vec<RawConsent>,
    #[serde(default)]
    objections: Vec<RawObjection>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawClient {
    id: String,
    #[serde(default)]
    bsn: Option<String>,
    date_of_birth: String,
    can_decide: bool,
    #[serde(default)]
    representatives: Vec<RawRepresentative>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawRepresentative {
    id: String,
    relation: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawPeriod {
    start: String,
    #[serde(default)]
    end: Option<String>,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct RawGivenBy {
    #[serde(default)]
    client: bool,
    #[serde(default)]
    representatives: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawConsent {
    id: String,
    client: String,
    recorded_by: String,
    recorded_at: String,
    given_by: RawGivenBy,
    scope: String,
    status: String,
    period: RawPeriod,
    provision: RawProvision,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawProvision {
    effect: String,
    #[serde(default)]
    actors: Option<Vec<String>>,
    #[serde(default)]
    roles: Option<Vec<String>>,
    #[serde(default)]
    categories: Option<Vec<String>>,
    #[serde(default)]
    purposes: Option<Vec<String>>,
    #[serde(default)]
    period: Option<RawPeriod>,
    #[serde(default)]
    provisions: Vec<RawProvision>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawObjection {
    id: String,
    client: String,
    recorded_by: String,
    recorded_at: String,
    made_by: RawGivenBy,
    status: String,
    period: RawPeriod,
    #[serde(default)]
    actors: Option<Vec<String>>,
    #[serde(default)]
    roles: Option<Vec<String>>,
    #[serde(default)]
    categories: Option<Vec<String>>,
    #[serde(default)]
    purposes: Option<Vec<String>>,
}

/// Converts text fields, recording every problem. A returned `None` means a problem was recorded.
struct Conv<'a> {
    problems: &'a mut Problems,
    /// Appended to every reason, naming the record (e.g. `` in consent `c-1` ``).
    record: String,
}

const EMPTY_LIST: &str = "empty list matches nothing: leave the field out to mean any";

impl Conv<'_> {
    fn push(&mut self, path: String, reason: impl std::fmt::Display) {
        self.problems.push(path, format!("{reason}{}", self.record));
    }

    fn id(&mut self, s: &str, path: String) -> Option<Id> {
        Id::parse(s).map_err(|e| self.push(path, e)).ok()
    }

    fn time(&mut self, s: &str, path: String) -> Option<DateTime<Utc>> {
        match DateTime::parse_from_rfc3339(s) {
            Ok(t) => Some(t.with_timezone(&Utc)),
            Err(_) => {
                self.push(path, format!("expected an RFC 3339 date-time such as `2026-01-31T09:00:00Z`, got `{s}`"));
                None
            }
        }
    }

    fn period(&mut self, p: &RawPeriod, path: &str) -> Option<Period> {
        let start = self.time(&p.start, format!("{path}.start"));
        let end = match &p.end {
            None => Some(None),
            Some(e) => self.time(e, format!("{path}.end")).map(Some),
        };
        let (start, end) = (start?, end?);
        if end.is_some_and(|e| e <= start) {
            self.push(format!("{path}.end"), "period ends before or when it starts");
            return None;
        }
        Some(Period { start, end })
    }

    fn ids(&mut self, list: &[String], path: &str) -> Option<Vec<Id>> {
        let mut ok = true;
        let mut out = Vec::with_capacity(list.len());
        for (i, s) in list.iter().enumerate() {
            match self.id(s, format!("{path}[{i}]")) {
                Some(id) if out.contains(&id) => {
                    self.push(format!("{path}[{i}]"), format!("duplicate id `{id}`"));
                    ok = false;
                }
                Some(id) => out.push(id),
                None => ok = false,
            }
        }
        ok.then_some(out)
    }

    fn codes<T>(&mut self, list: &[String], path: &str) -> Option<CodeSet<T>>
    where
        T: crate::codes::Code + std::fmt::Display + std::str::FromStr<Err = crate::codes::UnknownCode>,
    {
        let mut ok = true;
        let mut set = CodeSet::empty();
        for (i, s) in list.iter().enumerate() {
            match s.parse::<T>() {
                Ok(c) if set.contains(c) => {
                    self.push(format!("{path}[{i}]"), format!("duplicate code `{c}`"));
                    ok = false;
                }
                Ok(c) => set.insert(c),
                Err(e) => {
                    self.push(format!("{path}[{i}]"), e);
                    ok = false;
                }
            }
        }
        ok.then_some(set)
    }

    fn code<T: std::str::FromStr<Err = crate::codes::UnknownCode>>(&mut self, s: &str, path: String) -> Option<T> {
        s.parse().map_err(|e| self.push(path, e)).ok()
    }

    /// An optional constraint list: absent means any; present must not be empty.
    fn opt<T>(
        &mut self,
        v: &Option<Vec<String>>,
        path: String,
        f: impl FnOnce(&mut Self, &[String], &str) -> Option<T>,
    ) -> Option<Option<T>> {
        match v {
            None => Some(None),
            Some(list) if list.is_empty() => {
                self.push(path, EMPTY_LIST);
                None
            }
            Some(list) => f(self, list, &path).map(Some),
        }
    }

    /// Who gave a consent or made an objection: somebody, and only the client's own representatives.
    fn given_by(
        &mut self,
        g: &RawGivenBy,
        path: &str,
        client: &str,
        reps: &HashMap<&str, Vec<&str>>,
    ) -> Option<GivenBy> {
        let mut ok = true;
        if !g.client && g.representatives.is_empty() {
            self.push(path.to_owned(), "given by nobody: set `client` or name a representative");
            ok = false;
        }
        let representatives = self.ids(&g.representatives, &format!("{path}.representatives"));
        if let Some(known) = reps.get(client) {
            for (j, r) in g.representatives.iter().enumerate() {
                if !known.contains(&r.as_str()) {
                    self.push(
                        format!("{path}.representatives[{j}]"),
                        format!("`{r}` is not a representative of client `{client}`"),
                    );
                    ok = false;
                }
            }
        }
        let representatives = representatives?;
        ok.then_some(GivenBy { client: g.client, representatives })
    }

    fn provision(&mut self, p: &RawProvision, path: &str, depth: usize) -> Option<Provision> {
        if depth > MAX_PROVISION_DEPTH {
            self.push(path.to_owned(), format!("provision tree deeper than the limit of {MAX_PROVISION_DEPTH} levels"));
            return None;
        }
        let effect = self.code::<Effect>(&p.effect, format!("{path}.effect"));
        let actors = self.opt(&p.actors, format!("{path}.actors"), |c, l, p| c.ids(l, p));
        let roles = self.opt(&p.roles, format!("{path}.roles"), |c, l, p| c.codes::<RecipientRole>(l, p));
        let categories = self.opt(&p.categories, format!("{path}.categories"), |c, l, p| c.codes::<DataCategory>(l, p));
        let purposes = self.opt(&p.purposes, format!("{path}.purposes"), |c, l, p| c.codes::<Purpose>(l, p));
        let period = match &p.period {
            None => Some(None),
            Some(q) => self.period(q, &format!("{path}.period")).map(Some),
        };
        let mut provisions = Some(Vec::with_capacity(p.provisions.len()));
        if p.provisions.len() > MAX_CHILD_PROVISIONS {
            self.push(format!("{path}.provisions"), format!("more than {MAX_CHILD_PROVISIONS} nested provisions"));
            provisions = None;
        }
        for (i, child) in p.provisions.iter().enumerate() {
            let c = self.provision(child, &format!("{path}.provisions[{i}]"), depth + 1);
            match (&mut provisions, c) {
                (Some(list), Some(c)) => list.push(c),
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

    /// The client a record belongs to: a valid id of a client in the document.
    fn client_ref(&mut self, s: &str, path: String, known: &HashMap<&str, Vec<&str>>) -> Option<Id> {
        let id = self.id(s, path.clone())?;
        if !known.contains_key(s) {
            self.push(path, format!("unknown client `{s}`"));
            return None;
        }
        Some(id)
    }
}

impl RawDocument {
    fn into_typed(self, problems: &mut Problems) -> StoreDocument {
        if self.version.trim().is_empty() {
            problems.push("version", "must not be empty");
        }
        // Clients first: records refer to them and to their representatives by id.
        let mut reps: HashMap<&str, Vec<&str>> = HashMap::new();
        for (i, c) in self.clients.iter().enumerate() {
            let list = c.representatives.iter().map(|r| r.id.as_str()).collect();
            if reps.insert(c.id.as_str(), list).is_some() {
                problems.push(format!("clients[{i}].id"), format!("duplicate client id `{}`", c.id));
            }
        }
        let mut clients = Vec::new();
        for (i, c) in self.clients.iter().enumerate() {
            let path = format!("clients[{i}]");
            let mut cv = Conv { problems, record: String::new() };
            let id = cv.id(&c.id, format!("{path}.id"));
            if let Some(id) = &id {
                cv.record = format!(" in client `{id}`");
            }
            let bsn = match &c.bsn {
                None => Some(None),
                // The BSN error never repeats the digits.
                Some(b) => Bsn::parse(b).map(Some).map_err(|e| cv.push(format!("{path}.bsn"), e)).ok(),
            };
            let date_of_birth = match NaiveDate::parse_from_str(&c.date_of_birth, "%Y-%m-%d") {
                Ok(d) => Some(d),
                // The value is personal data: not echoed.
                Err(_) => {
                    cv.push(format!("{path}.date_of_birth"), "expected a date `YYYY-MM-DD`");
                    None
                }
            };
            let mut representatives = Some(Vec::new());
            for (j, r) in c.representatives.iter().enumerate() {
                let rid = cv.id(&r.id, format!("{path}.representatives[{j}].id"));
                if c.representatives[..j].iter().any(|o| o.id == r.id) {
                    cv.push(format!("{path}.representatives[{j}].id"), format!("duplicate representative `{}`", r.id));
                    representatives = None;
                }
                let rel = cv.code(&r.relation, format!("{path}.representatives[{j}].relation"));
                match (&mut representatives, rid, rel) {
                    (Some(list), Some(id), Some(relation)) => list.push(Representative { id, relation }),
                    _ => representatives = None,
                }
            }
            if let (Some(id), Some(bsn), Some(date_of_birth), Some(representatives)) =
                (id, bsn, date_of_birth, representatives)
            {
                clients.push(Client { id, bsn, date_of_birth, can_decide: c.can_decide, representatives });
            }
        }
        let mut record_ids = HashSet::new();
        let mut consents = Vec::new();
        for (i, c) in self.consents.iter().enumerate() {
            let path = format!("consents[{i}]");
            let mut cv = Conv { problems, record: format!(" in consent `{}`", c.id) };
            let id = cv.id(&c.id, format!("{path}.id"));
            if !record_ids.insert(c.id.as_str()) {
                cv.push(format!("{path}.id"), format!("duplicate record id `{}`", c.id));
            }
            let client = cv.client_ref(&c.client, format!("{path}.client"), &reps);
            let recorded_by = cv.id(&c.recorded_by, format!("{path}.recorded_by"));
            let recorded_at = cv.time(&c.recorded_at, format!("{path}.recorded_at"));
            let given_by = cv.given_by(&c.given_by, &format!("{path}.given_by"), &c.client, &reps);
            let scope = cv.code(&c.scope, format!("{path}.scope"));
            let status = cv.code(&c.status, format!("{path}.status"));
            let period = cv.period(&c.period, &format!("{path}.period"));
            let provision = cv.provision(&c.provision, &format!("{path}.provision"), 1);
            if let (Some(id), Some(client), Some(recorded_by), Some(recorded_at)) =
                (id, client, recorded_by, recorded_at)
                && let (Some(given_by), Some(scope), Some(status), Some(period), Some(provision)) =
                    (given_by, scope, status, period, provision)
            {
                consents.push(ConsentRecord {
                    id,
                    client,
                    recorded_by,
                    recorded_at,
                    given_by,
                    scope,
                    status,
                    period,
                    provision,
                });
            }
        }
        let mut objections = Vec::new();
        for (i, o) in self.objections.iter().enumerate() {
            let path = format!("objections[{i}]");
            let mut cv = Conv { problems, record: format!(" in objection `{}`", o.id) };
            let id = cv.id(&o.id, format!("{path}.id"));
            if !record_ids.insert(o.id.as_str()) {
                cv.push(format!("{path}.id"), format!("duplicate record id `{}`", o.id));
            }
            let client = cv.client_ref(&o.client, format!("{path}.client"), &reps);
            let recorded_by = cv.id(&o.recorded_by, format!("{path}.recorded_by"));
            let recorded_at = cv.time(&o.recorded_at, format!("{path}.recorded_at"));
            let made_by = cv.given_by(&o.made_by, &format!("{path}.made_by"), &o.client, &reps);
            let status = cv.code(&o.status, format!("{path}.status"));
            let period = cv.period(&o.period, &format!("{path}.period"));
            let actors = cv.opt(&o.actors, format!("{path}.actors"), |c, l, p| c.ids(l, p));
            let roles = cv.opt(&o.roles, format!("{path}.roles"), |c, l, p| c.codes::<RecipientRole>(l, p));
            let categories =
                cv.opt(&o.categories, format!("{path}.categories"), |c, l, p| c.codes::<DataCategory>(l, p));
            let purposes = cv.opt(&o.purposes, format!("{path}.purposes"), |c, l, p| c.codes::<Purpose>(l, p));
            if let (Some(id), Some(client), Some(recorded_by), Some(recorded_at), Some(made_by)) =
                (id, client, recorded_by, recorded_at, made_by)
                && let (Some(status), Some(period), Some(actors), Some(roles), Some(categories), Some(purposes)) =
                    (status, period, actors, roles, categories, purposes)
            {
                objections.push(Objection {
                    id,
                    client,
                    recorded_by,
                    recorded_at,
                    made_by,
                    status,
                    period,
                    actors,
                    roles,
                    categories,
                    purposes,
                });
            }
        }
        StoreDocument { version: self.version, clients, consents, objections }
    }
}

impl crate::input::SchemaTagged for RawDocument {
    fn schema_tag(&self) -> &str {
        &self.schema
    }
}
