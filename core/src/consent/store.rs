//! The consent store: the compiled rules of a loaded document ([`super::compile`]; the document
//! is read, checked and compiled record by record in [`super::load`] and not kept) and the client
//! table a decision starts from.
//!
//! # What a decision costs
//!
//! A decision finds its client in O(1) (at most [`MAX_PROBE`] slots of an open-addressing table,
//! then a binary search among the few clients whose slots were taken, so ids chosen to collide
//! cannot make a lookup scan the store), then reads that client's records and rules once. A rule
//! that names organisations holds them sorted, so matching the recipient costs O(log n) in the
//! rule's list (at most [`MAX_RECORD_LIST`](crate::limits::MAX_RECORD_LIST) entries), never a
//! scan. Compiling is linear in the document (see [`super::compile`]).
//!
//! # What a store keeps
//!
//! Only the compiled form: 12 bytes per provision, 64 per record, 48 per slot of the client
//! table (which holds the clients themselves, at most half full), each organisation id once. An export
//! ([`ConsentStore::to_document`]) rebuilds the document from it.

use super::client::Client;
use super::compile::{ClientEntry, Compiled};
use super::document::StoreDocument;
use crate::error::Result;
use crate::fnv::fnv1a64;

/// Most slots of the client table a lookup reads before it searches the clients that did not
/// find a slot that close to their hash's (only ids chosen to collide end up there).
pub(crate) const MAX_PROBE: usize = 32;

/// FNV-1a of an id, used by the client index and to find an organisation.
pub(crate) fn key_hash(s: &[u8]) -> u64 {
    fnv1a64(s)
}

/// The loaded consent store: immutable, `Send + Sync`, cheap to share between threads behind an
/// `Arc`. Lookup by client id is O(1): an open-addressing table on a stable FNV-1a hash (no hidden
/// randomness). A client that finds no free slot within 32 slots of its hash's goes to a short
/// sorted overflow list instead, so ids chosen to collide cost a binary search, not a scan.
///
/// `Debug` shows ids and counts, never a BSN or a date of birth.
#[derive(Debug, Clone)]
pub struct ConsentStore {
    pub(crate) compiled: Compiled,
    /// Open-addressing table of the clients, at most half full; an empty slot is
    /// [`ClientEntry::is_empty`].
    table: Vec<ClientEntry>,
    /// Clients without a slot within [`MAX_PROBE`], sorted by hash and id.
    overflow: Vec<ClientEntry>,
    clients: usize,
}

impl ConsentStore {
    /// Loads and validates a `wijknet.consent/v1` JSON document. Structural JSON errors (malformed
    /// JSON, a wrong type, a duplicate key, an array where an object belongs, a bound of
    /// [`crate::limits`]) stop at the first one, with its `$`-rooted path; every other problem is
    /// reported at once, in document order, in [`Error::Invalid`](crate::Error::Invalid). No
    /// message repeats a value of the document (a BSN, a date of birth, a name).
    pub fn from_json(bytes: &[u8]) -> Result<Self> {
        Ok(Self::index(super::load::read(bytes)?.compile()))
    }

    /// [`ConsentStore::from_json`], reporting to `observer` and stopping with
    /// [`Error::Cancelled`](crate::Error::Cancelled) when it asks to. Two steps, each reported at
    /// its start and end: `read` (bytes: parsing, checking and compiling every record as it is
    /// read) and `index` (records: grouping them by client, and the client index). A region's
    /// store (a hundred thousand clients) takes long enough that a host wants to show it is busy,
    /// and to let the user stop it.
    pub fn from_json_with_progress(bytes: &[u8], observer: &mut dyn crate::progress::Observer) -> Result<Self> {
        use crate::progress::{ProgressStep, whole};
        let loaded = whole(observer, ProgressStep::Read, bytes.len() as u64, || super::load::read(bytes))?;
        let records = loaded.records();
        whole(observer, ProgressStep::Index, records, || Ok(Self::index(loaded.compile())))
    }

    /// Loads a consent store document given as values, as [`ConsentStore::from_json`] loads its
    /// JSON text.
    ///
    /// The values are anything a serde `Deserializer` reads (a binding's deserializer over its
    /// host language's dicts and lists, or a `&serde_json::Value`): read as strictly as the JSON
    /// text, with the same answer and the same errors.
    pub fn from_values<'de, D: serde::Deserializer<'de> + Clone>(values: D) -> Result<Self> {
        Ok(Self::index(super::load::read_values(values)?.compile()))
    }

    /// Builds a store from typed values (e.g. assembled by a host). The document goes through the
    /// same validation as [`ConsentStore::from_json`] (by way of its JSON form, so that both
    /// paths can never disagree about what is valid).
    pub fn from_document(document: StoreDocument) -> Result<Self> {
        let json = serde_json::to_vec(&document).expect("serialising plain data cannot fail");
        Self::from_json(&json)
    }

    /// The clients in document order.
    fn entries(&self) -> Vec<&ClientEntry> {
        let mut all: Vec<&ClientEntry> = self.table.iter().filter(|c| !c.is_empty()).chain(&self.overflow).collect();
        all.sort_unstable_by_key(|c| c.position);
        all
    }

    /// The document this store was loaded from, rebuilt from the compiled rules (the store does
    /// not keep it: that halved its memory): the same clients, consents and objections in their
    /// document order, with every list in its order; code sets come out in their canonical
    /// order, as they always serialise. Loading it again gives an equal store. Costs a pass over
    /// the store and a new document's memory.
    pub fn to_document(&self) -> StoreDocument {
        self.compiled.to_document(&self.entries())
    }

    /// Exports the store as a `wijknet.consent/v1` JSON document; loading it again gives an equal
    /// store. The export contains BSNs where they were loaded: it is the host's own data.
    pub fn to_json(&self) -> String {
        serde_json::to_string(&self.to_document()).expect("serialising plain data cannot fail")
    }

    /// The data version label, written into audit records.
    pub fn version(&self) -> &str {
        &self.compiled.version
    }

    /// The client with this pseudonymous id (a new value: the store keeps its compiled form).
    pub fn client(&self, id: &str) -> Option<Client> {
        self.entry(id.as_bytes()).map(|e| self.compiled.client(e))
    }

    /// Every client, in document order.
    pub fn clients(&self) -> Vec<Client> {
        self.entries().into_iter().map(|c| self.compiled.client(c)).collect()
    }

    /// Number of clients.
    pub fn len(&self) -> usize {
        self.clients
    }

    /// Clients that found no slot within [`MAX_PROBE`] of their hash's.
    #[cfg(test)]
    pub(crate) fn overflow_len(&self) -> usize {
        self.overflow.len()
    }

    /// Whether the store has no clients.
    pub fn is_empty(&self) -> bool {
        self.clients == 0
    }

    /// The client with id `id` (its bytes: an [`Id`](crate::ids::Id)'s bytes are read without
    /// the UTF-8 check its text costs, and a decision looks up two or three ids).
    pub(crate) fn entry(&self, id: &[u8]) -> Option<&ClientEntry> {
        let h = key_hash(id);
        let mask = self.table.len() - 1;
        let mut i = h as usize & mask;
        for _ in 0..MAX_PROBE {
            let c = &self.table[i];
            // An empty slot ends the search: a client in the overflow found every slot up to
            // MAX_PROBE taken.
            if c.is_empty() {
                return None;
            }
            if c.id.as_bytes() == id {
                return Some(c);
            }
            i = (i + 1) & mask;
        }
        let k = self.overflow.binary_search_by(|c| overflow_key(c).cmp(&(h, id))).ok()?;
        Some(&self.overflow[k])
    }

    /// Moves the compiled store's clients into the client table.
    fn index(mut compiled: Compiled) -> Self {
        let clients = std::mem::take(&mut compiled.clients);
        let count = clients.len();
        // An empty slot: no client, marked by its position (the id is never compared).
        let empty = ClientEntry {
            id: crate::ids::Id::parse("-").expect("a valid id"),
            bsn: None,
            date_of_birth: chrono::NaiveDate::MIN,
            can_decide: false,
            representatives_len: 0,
            representatives: 0,
            records: 0,
            records_end: 0,
            first_rule: 0,
            position: ClientEntry::EMPTY,
        };
        let mut table = vec![empty; (2 * count).next_power_of_two().max(2)];
        let mut overflow = Vec::new();
        let mask = table.len() - 1;
        for client in clients {
            let mut probe = key_hash(client.id.as_bytes()) as usize & mask;
            let mut free = None;
            for _ in 0..MAX_PROBE {
                if table[probe].is_empty() {
                    free = Some(probe);
                    break;
                }
                probe = (probe + 1) & mask;
            }
            match free {
                Some(s) => table[s] = client,
                None => overflow.push(client),
            }
        }
        overflow.sort_unstable_by(|a, b| overflow_key(a).cmp(&overflow_key(b)));
        Self { compiled, table, overflow, clients: count }
    }
}

fn overflow_key(c: &ClientEntry) -> (u64, &[u8]) {
    (key_hash(c.id.as_bytes()), c.id.as_bytes())
}
