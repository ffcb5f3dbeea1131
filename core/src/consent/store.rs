//! The consent store: the loaded document ([`StoreDocument`], read and checked in
//! [`super::document`]), its rules compiled into flat arrays ([`super::compile`]), and the client
//! table a decision starts from.
//!
//! # What a decision costs
//!
//! A decision finds its client in O(1) (at most [`MAX_PROBE`] slots of an open-addressing table,
//! then a binary search among the few clients whose slots were taken, so ids chosen to collide
//! cannot make a lookup scan the store), then reads that client's compiled rules once. A rule
//! that names organisations holds them sorted, so matching the recipient costs O(log n) in the
//! rule's list (at most [`MAX_RECORD_LIST`](crate::limits::MAX_RECORD_LIST) entries), never a
//! scan. Compiling is linear in the document (see [`super::compile`]).

use std::fmt;
use std::ops::Range;

use chrono::NaiveDate;

use super::client::Client;
use super::compile::{self, Compiled, RecordEntry, Rule, sorted_contains};
use super::document::StoreDocument;
use crate::error::Result;
use crate::fnv::fnv1a64;
use crate::ids::Id;

/// Most slots of the client table a lookup reads before it searches the clients that did not
/// find a slot that close to their hash's (only ids chosen to collide end up there).
pub(crate) const MAX_PROBE: usize = 32;

/// FNV-1a of an id, used by the client index and for actor comparisons.
pub(crate) fn key_hash(s: &str) -> u64 {
    fnv1a64(s.as_bytes())
}

#[derive(Clone)]
pub(crate) struct ClientEntry {
    key_hash: u64,
    /// Position of the client in the document.
    document_index: u32,
    /// The client's id; `None` in an empty slot. An [`Id`] of up to 14 bytes (as client ids
    /// are) holds its bytes inline, so a lookup compares without following a pointer, in 16
    /// bytes rather than the 65 of a buffer for the longest id: the table has two slots per
    /// client, and that buffer made it 27 MB of a 100,000-client store instead of 15.
    key: Option<Id>,
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
        self.key.as_ref().map_or(&[], Id::as_bytes)
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
/// 32 slots of its hash's goes to a short sorted overflow list instead, so ids chosen to collide
/// cost a binary search, not a scan.
#[derive(Debug, Clone)]
pub struct ConsentStore {
    document: StoreDocument,
    /// Open-addressing table, at most half full; an empty slot has no key.
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

    /// [`ConsentStore::from_json`], reporting to `observer` and stopping with
    /// [`Error::Cancelled`](crate::Error::Cancelled) when it asks to. Two steps, each reported at
    /// its start and end: `read` (bytes: parsing and checking every record) and `index` (records:
    /// compiling the rules and the client index). A region's store (a hundred thousand clients)
    /// takes long enough that a host wants to show it is busy, and to let the user stop it.
    pub fn from_json_with_progress(bytes: &[u8], observer: &mut dyn crate::progress::Observer) -> Result<Self> {
        use crate::progress::{ProgressStep, whole};
        let document = whole(observer, ProgressStep::Read, bytes.len() as u64, || super::document::read(bytes))?;
        let records = (document.clients.len() + document.consents.len() + document.objections.len()) as u64;
        whole(observer, ProgressStep::Index, records, || Ok(Self::compile(document)))
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
            // An empty slot ends the search: a client in the overflow found every slot up to
            // MAX_PROBE taken.
            let key = e.key.as_ref()?;
            if e.key_hash == h && key.as_bytes() == id.as_bytes() {
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

    /// Compiles the document's rules ([`compile`]) and builds the client table on top of them.
    fn compile(document: StoreDocument) -> Self {
        let Compiled { records, rules, actor_ids, actor_hashes, clients } = compile::compile(&document);
        let empty = ClientEntry {
            key_hash: 0,
            document_index: 0,
            key: None,
            date_of_birth: NaiveDate::MIN,
            can_decide: false,
            rules: 0..0,
            records: 0..0,
        };
        let mut table = vec![empty; (2 * clients.len()).next_power_of_two().max(2)];
        let mut overflow = Vec::new();
        let mask = table.len() - 1;
        for (i, (client, ranges)) in document.clients.iter().zip(clients).enumerate() {
            let h = key_hash(client.id.as_str());
            let mut probe = h as usize & mask;
            let mut free = None;
            for _ in 0..MAX_PROBE {
                if table[probe].key.is_none() {
                    free = Some(probe);
                    break;
                }
                probe = (probe + 1) & mask;
            }
            let entry = ClientEntry {
                key_hash: h,
                document_index: i as u32,
                key: Some(client.id.clone()),
                date_of_birth: client.date_of_birth,
                can_decide: client.can_decide,
                rules: ranges.rules,
                records: ranges.records,
            };
            match free {
                Some(s) => table[s] = entry,
                None => overflow.push(entry),
            }
        }
        overflow.sort_unstable_by(|a, b| (a.key_hash, a.key()).cmp(&(b.key_hash, b.key())));
        Self { document, table, overflow, records, rules, actor_ids, actor_hashes }
    }
}
