//! The consent store: clients, consent records and objections loaded from a versioned JSON
//! document (`"schema": "wijknet.consent/v1"`, read and checked in [`super::document`]),
//! exported back losslessly, and compiled into a flat index for fast decisions.
//!
//! # What a decision costs
//!
//! A decision finds its client in O(1) (at most [`MAX_PROBE`] slots of an open-addressing table,
//! then a binary search among the few clients whose slots were taken, so ids chosen to collide
//! cannot make a lookup scan the store), then reads that client's compiled rules once. A rule
//! that names organisations holds them sorted, so matching the recipient costs O(log n) in the
//! rule's list (at most [`MAX_RECORD_LIST`](crate::limits::MAX_RECORD_LIST) entries), never a
//! scan. Compiling is linear in the document: a nested provision shares its ancestors'
//! organisation list instead of copying it, and intersects it by binary search.

use std::collections::HashMap;
use std::fmt;
use std::ops::Range;

use chrono::{DateTime, NaiveDate, Utc};
use serde::Serialize;

use super::audit::Fnv1a64;
use super::client::Client;
use super::codes::{Channel, Effect, RecordStatus};
use super::path::ProvisionPath;
use super::record::{ConsentRecord, Objection, Period, Provision};
use crate::codes::CodeSet;
use crate::error::Result;
use crate::ids::Id;

pub use super::document::SCHEMA;

/// Most slots of the client table a lookup reads before it searches the clients that did not
/// find a slot that close to their hash's (only ids chosen to collide end up there).
pub(crate) const MAX_PROBE: usize = 32;

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

#[derive(Clone)]
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

impl ClientEntry {
    fn key(&self) -> &[u8] {
        &self.key[..self.key_len as usize]
    }
}

/// The date of birth stays out of `Debug`.
impl fmt::Debug for ClientEntry {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ClientEntry")
            .field("key", &String::from_utf8_lossy(self.key()))
            .field("document_index", &self.document_index)
            .field("can_decide", &self.can_decide)
            .field("rules", &self.rules)
            .field("records", &self.records)
            .finish_non_exhaustive()
    }
}

/// The loaded consent store: immutable, `Send + Sync`, cheap to share between threads behind an
/// `Arc`. Lookup by client id is O(1): an open-addressing table on a stable FNV-1a hash (no hidden
/// randomness) whose slots are the client entries themselves, with the id's bytes inline, so a
/// lookup usually reads one entry and follows no pointer. A client that finds no free slot within
/// [`MAX_PROBE`] of its hash's goes to a short sorted overflow list instead, so ids chosen to
/// collide cost a binary search, not a scan.
#[derive(Debug, Clone)]
pub struct ConsentStore {
    document: StoreDocument,
    /// Open-addressing table, at most half full; an empty slot has `key_len == 0`.
    table: Vec<ClientEntry>,
    /// Clients without a slot within [`MAX_PROBE`], sorted by hash and id.
    overflow: Vec<ClientEntry>,
    pub(crate) records: Vec<RecordEntry>,
    pub(crate) rules: Vec<Rule>,
    /// Organisation lists of the rules: each rule's run sorted by (hash, id).
    pub(crate) actor_ids: Vec<Id>,
    pub(crate) actor_hashes: Vec<u64>,
}

impl ConsentStore {
    /// Loads and validates a `wijknet.consent/v1` JSON document. Structural JSON errors (malformed
    /// JSON, a wrong type, a duplicate key, an array where an object belongs, a bound of
    /// [`crate::limits`]) stop at the first one, with its `$`-rooted path; every other problem is
    /// reported at once, in document order, in [`Error::Invalid`](crate::Error::Invalid). No
    /// message repeats a value of the document (a BSN, a date of birth, a name).
    pub fn from_json(bytes: &[u8]) -> Result<Self> {
        Ok(Self::compile(super::document::read(bytes)?))
    }

    /// Loads a consent store document given as values, as [`ConsentStore::from_json`] loads its
    /// JSON text.
    ///
    /// The values are anything a serde `Deserializer` reads (a binding's deserializer over its
    /// host language's dicts and lists, or a `&serde_json::Value`): read as strictly as the JSON
    /// text, with the same answer and the same errors.
    pub fn from_values<'de, D: serde::Deserializer<'de> + Clone>(values: D) -> Result<Self> {
        Ok(Self::compile(super::document::read_values(values)?))
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

    /// Clients that found no slot within [`MAX_PROBE`] of their hash's.
    #[cfg(test)]
    pub(crate) fn overflow_len(&self) -> usize {
        self.overflow.len()
    }

    /// Whether the store has no clients.
    pub fn is_empty(&self) -> bool {
        self.document.clients.is_empty()
    }

    pub(crate) fn entry(&self, id: &str) -> Option<&ClientEntry> {
        let h = key_hash(id);
        let mask = self.table.len() - 1;
        let mut i = h as usize & mask;
        for _ in 0..MAX_PROBE {
            let e = &self.table[i];
            if e.key_len == 0 {
                // A client in the overflow found every slot up to MAX_PROBE taken.
                return None;
            }
            if e.key_hash == h && e.key() == id.as_bytes() {
                return Some(e);
            }
            i = (i + 1) & mask;
        }
        let k = self.overflow.binary_search_by(|e| (e.key_hash, e.key()).cmp(&(h, id.as_bytes()))).ok()?;
        Some(&self.overflow[k])
    }

    /// Whether the rule applies to organisation `org` (whose [`key_hash`] is `org_hash`): a
    /// binary search of the rule's sorted list, O(log n), allocation-free.
    pub(crate) fn actor_matches(&self, rule: &Rule, org: &str, org_hash: u64) -> bool {
        !rule.actors_constrained || {
            let start = rule.actors as usize;
            let r = start..start + rule.actors_len as usize;
            sorted_contains(&self.actor_hashes[r.clone()], &self.actor_ids[r], org_hash, org)
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
        let mut overflow = Vec::new();
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
            let mut probe = h as usize & mask;
            let mut free = None;
            for _ in 0..MAX_PROBE {
                if table[probe].key_len == 0 {
                    free = Some(probe);
                    break;
                }
                probe = (probe + 1) & mask;
            }
            let entry = ClientEntry {
                key_hash: h,
                document_index: i as u32,
                key_len: id.len() as u8,
                key,
                date_of_birth: client.date_of_birth,
                can_decide: client.can_decide,
                rules: rules_start..c.rules.len() as u32,
                records: records_start..c.records.len() as u32,
            };
            match free {
                Some(s) => table[s] = entry,
                None => overflow.push(entry),
            }
        }
        overflow.sort_unstable_by(|a, b| (a.key_hash, a.key()).cmp(&(b.key_hash, b.key())));
        let Compiler { records, rules, actor_ids, actor_hashes } = c;
        Self { document, table, overflow, records, rules, actor_ids, actor_hashes }
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

/// Whether the run `hashes`/`ids`, sorted by (hash, id), holds `id` (whose hash is `hash`).
fn sorted_contains(hashes: &[u64], ids: &[Id], hash: u64, id: &str) -> bool {
    let (mut lo, mut hi) = (0, hashes.len());
    while lo < hi {
        let mid = lo + (hi - lo) / 2;
        match (hashes[mid], ids[mid].as_str()).cmp(&(hash, id)) {
            std::cmp::Ordering::Less => lo = mid + 1,
            std::cmp::Ordering::Greater => hi = mid,
            std::cmp::Ordering::Equal => return true,
        }
    }
    false
}

/// Constraints accumulated from the root down to one provision.
struct Frame {
    roles: u32,
    categories: u32,
    purposes: u32,
    /// The organisations the path names, as a run of the actor table (start, length).
    actors: Option<(u32, u32)>,
    named: bool,
    start: i128,
    end: i128,
    /// Bits of the dimensions constrained on the path: actors, roles, categories, purposes.
    dims: u8,
}

impl Compiler {
    /// The organisations of a path: a provision without its own list shares its parent's run
    /// (nothing is copied); its own list becomes a new run, sorted by (hash, id) and, under a
    /// constrained ancestor, holding only those the ancestors name too (found by binary search,
    /// so a long list under a long list stays O(n log n)).
    fn actors(&mut self, parent: Option<(u32, u32)>, own: Option<&[Id]>) -> Option<(u32, u32)> {
        let Some(own) = own else {
            return parent;
        };
        let mut list: Vec<(u64, &Id)> = own.iter().map(|a| (key_hash(a.as_str()), a)).collect();
        if let Some((start, len)) = parent {
            let r = start as usize..start as usize + len as usize;
            let (hashes, ids) = (&self.actor_hashes[r.clone()], &self.actor_ids[r]);
            list.retain(|(h, a)| sorted_contains(hashes, ids, *h, a.as_str()));
        }
        list.sort_unstable_by(|a, b| (a.0, a.1.as_str()).cmp(&(b.0, b.1.as_str())));
        let start = self.actor_ids.len() as u32;
        for (h, a) in &list {
            self.actor_ids.push((*a).clone());
            self.actor_hashes.push(*h);
        }
        Some((start, list.len() as u32))
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
        let actors = self.actors(parent.actors, p.actors.as_deref());
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
        let (actors, actors_len) = frame.actors.unwrap_or((0, 0));
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
            actors_constrained: frame.actors.is_some(),
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
        let constrained = self.actors(None, o.actors.as_deref());
        let (actors, actors_len) = constrained.unwrap_or((0, 0));
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
            actors_constrained: constrained.is_some(),
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
