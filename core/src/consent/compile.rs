//! Compiling a consent store document into flat arrays: the only form a store keeps (issue 12:
//! the typed document beside them doubled the memory). Every consent provision and every
//! objection becomes one [`Rule`] of 12 bytes holding its *own* constraints and its depth in the
//! tree, in tree order (pre-order), so the tree can be walked for a decision (the engine
//! intersects a path's constraints on the way down, a handful of ANDs) and rebuilt exactly for an
//! export ([`Compiled::to_document`]). Everything a record says that a decision does not read
//! (who recorded it, the representatives who gave it, its place in the document) sits beside it
//! as indices, and every organisation id is kept once.
//!
//! The loader ([`super::load`]) appends each record here as soon as it has checked it;
//! [`finish`] then numbers the organisations in id order and groups the records by client.
//! Compiling is linear in the document (plus sorting the organisations, each organisation list
//! and each client's records by id).

use chrono::{DateTime, Utc};

use super::client::{Client, Representative};
use super::codes::{ConsentChannel, ConsentEffect, ConsentRecordStatus, DataCategory, Purpose, RecipientRole};
use super::document::StoreDocument;
use super::record::{ConsentRecord, GivenBy, Objection, Period, Provision};
use super::store::key_hash;
use crate::codes::{Code, CodeSet};
use crate::ids::{Bsn, Id};

/// An instant as nanoseconds since the epoch, so that comparisons on the hot path are one integer
/// compare. An `i64` of nanoseconds spans the years 1677 to 2262, and every instant a store or a
/// decision holds is checked to lie in [`MIN_YEAR`](crate::limits::MIN_YEAR) to
/// [`MAX_YEAR`](crate::limits::MAX_YEAR) (1900 to 2199), so it is exact for all of them (and an
/// export turns it back into the same instant). Beyond the span it saturates (never wrongly
/// ordered against an instant inside it), short of [`i64::MAX`], which stands for "no end".
pub(crate) fn instant(t: DateTime<Utc>) -> i64 {
    t.timestamp_nanos_opt().unwrap_or(if t.timestamp() < 0 { i64::MIN } else { i64::MAX - 1 })
}

/// The instant of [`instant`] back.
fn from_instant(n: i64) -> DateTime<Utc> {
    DateTime::from_timestamp_nanos(n)
}

fn period_of(start: i64, end: i64) -> Period {
    Period { start: from_instant(start), end: (end != i64::MAX).then(|| from_instant(end)) }
}

// Every code set a rule holds fits a byte.
const _: () = assert!(DataCategory::COUNT <= 8);
const _: () = assert!(RecipientRole::ALL.len() <= 8 && Purpose::ALL.len() <= 8);

/// Flags of a [`Rule`].
pub(crate) mod rule_flag {
    /// The effect is deny (an objection always is).
    pub(crate) const DENY: u8 = 1;
    /// The rule names organisations (its run in [`Compiled::actors`](super::Compiled)).
    pub(crate) const ACTORS: u8 = 2;
    /// The rule names roles, categories or purposes (else its byte is "any": all bits).
    pub(crate) const ROLES: u8 = 4;
    pub(crate) const CATEGORIES: u8 = 8;
    pub(crate) const PURPOSES: u8 = 16;
    /// The provision has a period of its own (in [`Compiled::periods`](super::Compiled)).
    pub(crate) const PERIOD: u8 = 32;
}

/// One provision of a consent's tree, or an objection, with its own constraints only: a nested
/// provision applies where its ancestors do, so the engine intersects on the way down. Code sets
/// are bytes, "any" is all bits (with the flag telling an export it was absent).
#[derive(Debug, Clone, Copy)]
pub(crate) struct Rule {
    pub(crate) roles: u8,
    pub(crate) categories: u8,
    pub(crate) purposes: u8,
    pub(crate) flags: u8,
    /// Depth in the tree: 0 for the root provision (and for an objection).
    pub(crate) depth: u8,
    /// Length of the organisation list (at most [`MAX_RECORD_LIST`](crate::limits::MAX_RECORD_LIST)).
    pub(crate) actors_len: u16,
    /// Start of the organisation list in [`Compiled::actors`]: `actors_len` organisation indices
    /// in document order, then the same sorted, for a binary search.
    pub(crate) actors: u32,
}

impl Rule {
    pub(crate) fn has(&self, flag: u8) -> bool {
        self.flags & flag != 0
    }
}

/// Flags of a [`RecordEntry`].
pub(crate) mod record_flag {
    pub(crate) const OBJECTION: u8 = 1;
    /// Given (or made) by the client themself.
    pub(crate) const BY_CLIENT: u8 = 2;
}

/// A consent record or objection: what a decision reads of it (status, channel, period, who gave
/// it), its rules, and what only an export needs, as indices.
#[derive(Debug, Clone)]
pub(crate) struct RecordEntry {
    pub(crate) id: Id,
    pub(crate) recorded_at: i64,
    /// The record's period as instants ([`instant`]; the end [`i64::MAX`] when open).
    pub(crate) start: i64,
    pub(crate) end: i64,
    /// Its rules in [`Compiled::rules`]: `rules..rules_end`, in tree order.
    pub(crate) rules: u32,
    pub(crate) rules_end: u32,
    /// Index of the organisation that recorded it in [`Compiled::orgs`].
    pub(crate) recorded_by: u32,
    /// Position among the document's consents (or objections), for the export's order.
    pub(crate) position: u32,
    /// The representatives who gave it: `given_by..given_by + given_by_len` in
    /// [`Compiled::given_by`].
    pub(crate) given_by: u32,
    pub(crate) given_by_len: u8,
    pub(crate) status: ConsentRecordStatus,
    /// The channel a consent covers; `None` for objections (any channel).
    pub(crate) scope: Option<ConsentChannel>,
    pub(crate) flags: u8,
}

impl RecordEntry {
    pub(crate) fn objection(&self) -> bool {
        self.flags & record_flag::OBJECTION != 0
    }

    pub(crate) fn by_client(&self) -> bool {
        self.flags & record_flag::BY_CLIENT != 0
    }

    pub(crate) fn by_representative(&self) -> bool {
        self.given_by_len > 0
    }
}

/// A client: the facts the age rules need, and where their records are. Holds the BSN (if
/// loaded) so an export gives it back; `Debug` leaves it and the date of birth out. It is itself
/// a slot of the store's client table (the id inline), so a lookup reads one entry.
#[derive(Clone)]
pub(crate) struct ClientEntry {
    pub(crate) id: Id,
    /// [`Bsn::packed`]: the entry stays 48 bytes.
    pub(crate) bsn: Option<std::num::NonZeroU32>,
    pub(crate) date_of_birth: chrono::NaiveDate,
    pub(crate) can_decide: bool,
    pub(crate) representatives_len: u8,
    /// Start of the representatives in [`Compiled::representatives`].
    pub(crate) representatives: u32,
    /// The client's records in [`Compiled::records`]: consents sorted by id, then objections
    /// sorted by id, so that document order never matters to a decision.
    pub(crate) records: u32,
    pub(crate) records_end: u32,
    /// The first rule of the first record: what a decision reads first after the record, known
    /// here so that both loads can start at once ([`ConsentStore::decide`]).
    pub(crate) first_rule: u32,
    /// Position in the document; [`ClientEntry::EMPTY`] in an empty slot of the table.
    pub(crate) position: u32,
}

impl ClientEntry {
    pub(crate) const EMPTY: u32 = u32::MAX;

    pub(crate) fn is_empty(&self) -> bool {
        self.position == Self::EMPTY
    }
}

impl std::fmt::Debug for ClientEntry {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ClientEntry")
            .field("id", &self.id)
            .field("can_decide", &self.can_decide)
            .field("records", &(self.records..self.records_end))
            .finish_non_exhaustive()
    }
}

/// The compiled document.
#[derive(Debug, Clone, Default)]
pub(crate) struct Compiled {
    pub(crate) version: String,
    /// In document order, until the store moves them into its client table.
    pub(crate) clients: Vec<ClientEntry>,
    pub(crate) representatives: Vec<Representative>,
    pub(crate) records: Vec<RecordEntry>,
    pub(crate) given_by: Vec<Id>,
    pub(crate) rules: Vec<Rule>,
    /// Provision periods, by rule index (ascending): (rule, start, end).
    pub(crate) periods: Vec<(u32, i64, i64)>,
    /// Organisation lists of the rules (see [`Rule::actors`]).
    pub(crate) actors: Vec<u32>,
    /// Every organisation the document names, sorted by id, once.
    pub(crate) orgs: Vec<Id>,
    /// Indices into `orgs` sorted by (hash, id), to find a recipient's index in O(log n).
    pub(crate) org_lookup: Vec<(u64, u32)>,
}

impl Compiled {
    /// The index of organisation `id` (its bytes), if the document names it.
    pub(crate) fn org_index(&self, id: &[u8]) -> Option<u32> {
        let hash = key_hash(id);
        // Hashes first: only an equal hash reads an id.
        let from = self.org_lookup.partition_point(|&(h, _)| h < hash);
        self.org_lookup[from..]
            .iter()
            .take_while(|&&(h, _)| h == hash)
            .find(|&&(_, i)| self.orgs[i as usize].as_bytes() == id)
            .map(|&(_, i)| i)
    }

    /// Whether the rule's own organisation list holds organisation `org`: a binary search of
    /// its sorted half.
    pub(crate) fn names(&self, rule: &Rule, org: u32) -> bool {
        let (start, len) = (rule.actors as usize, rule.actors_len as usize);
        self.actors[start + len..start + 2 * len].binary_search(&org).is_ok()
    }

    /// The period of a rule with [`rule_flag::PERIOD`].
    pub(crate) fn period(&self, rule: u32) -> (i64, i64) {
        let k = self.periods.binary_search_by_key(&rule, |p| p.0).expect("a rule with the flag has a period");
        (self.periods[k].1, self.periods[k].2)
    }

    pub(crate) fn client(&self, c: &ClientEntry) -> Client {
        let r = c.representatives as usize..c.representatives as usize + c.representatives_len as usize;
        Client {
            id: c.id.clone(),
            bsn: c.bsn.map(Bsn::unpacked),
            date_of_birth: c.date_of_birth,
            can_decide: c.can_decide,
            representatives: self.representatives[r].to_vec(),
        }
    }

    /// The document back, in its order: clients (given in document order), consents and
    /// objections as loaded, every list in its order (code sets in their canonical order, as
    /// always).
    pub(crate) fn to_document(&self, clients: &[&ClientEntry]) -> StoreDocument {
        let mut consents = Vec::new();
        let mut objections = Vec::new();
        for &c in clients {
            for r in &self.records[c.records as usize..c.records_end as usize] {
                if r.objection() {
                    objections.push((r.position, self.objection(c, r)));
                } else {
                    consents.push((r.position, self.consent(c, r)));
                }
            }
        }
        consents.sort_unstable_by_key(|p| p.0);
        objections.sort_unstable_by_key(|p| p.0);
        StoreDocument {
            version: self.version.clone(),
            clients: clients.iter().map(|c| self.client(c)).collect(),
            consents: consents.into_iter().map(|p| p.1).collect(),
            objections: objections.into_iter().map(|p| p.1).collect(),
        }
    }

    fn given_by(&self, r: &RecordEntry) -> GivenBy {
        let run = r.given_by as usize..r.given_by as usize + r.given_by_len as usize;
        GivenBy { client: r.by_client(), representatives: self.given_by[run].to_vec() }
    }

    fn actor_list(&self, rule: &Rule) -> Option<Vec<Id>> {
        rule.has(rule_flag::ACTORS).then(|| {
            let start = rule.actors as usize;
            self.actors[start..start + rule.actors_len as usize]
                .iter()
                .map(|&o| self.orgs[o as usize].clone())
                .collect()
        })
    }

    fn consent(&self, client: &ClientEntry, r: &RecordEntry) -> ConsentRecord {
        let mut next = r.rules as usize;
        ConsentRecord {
            id: r.id.clone(),
            client: client.id.clone(),
            recorded_by: self.orgs[r.recorded_by as usize].clone(),
            recorded_at: from_instant(r.recorded_at),
            given_by: self.given_by(r),
            scope: r.scope.unwrap_or(ConsentChannel::Direct),
            status: r.status,
            period: period_of(r.start, r.end),
            provision: self.provision(&mut next, r.rules_end as usize),
        }
    }

    /// The provision at rule `*next` with its subtree (the rules after it that are deeper).
    fn provision(&self, next: &mut usize, end: usize) -> Provision {
        let i = *next;
        let rule = &self.rules[i];
        *next += 1;
        let mut provisions = Vec::new();
        while *next < end && self.rules[*next].depth > rule.depth {
            provisions.push(self.provision(next, end));
        }
        Provision {
            effect: if rule.has(rule_flag::DENY) { ConsentEffect::Deny } else { ConsentEffect::Permit },
            actors: self.actor_list(rule),
            roles: codes(rule, rule_flag::ROLES, rule.roles),
            categories: codes(rule, rule_flag::CATEGORIES, rule.categories),
            purposes: codes(rule, rule_flag::PURPOSES, rule.purposes),
            period: rule.has(rule_flag::PERIOD).then(|| {
                let (start, end) = self.period(i as u32);
                period_of(start, end)
            }),
            provisions,
        }
    }

    fn objection(&self, client: &ClientEntry, r: &RecordEntry) -> Objection {
        let rule = &self.rules[r.rules as usize];
        Objection {
            id: r.id.clone(),
            client: client.id.clone(),
            recorded_by: self.orgs[r.recorded_by as usize].clone(),
            recorded_at: from_instant(r.recorded_at),
            made_by: self.given_by(r),
            status: r.status,
            period: period_of(r.start, r.end),
            actors: self.actor_list(rule),
            roles: codes(rule, rule_flag::ROLES, rule.roles),
            categories: codes(rule, rule_flag::CATEGORIES, rule.categories),
            purposes: codes(rule, rule_flag::PURPOSES, rule.purposes),
        }
    }
}

fn codes<T: Code>(rule: &Rule, flag: u8, bits: u8) -> Option<CodeSet<T>> {
    rule.has(flag).then(|| T::all().iter().copied().filter(|c| bits & (1 << c.bit_index()) != 0).collect())
}

/// The byte of an optional code set: "any" (all bits) when absent.
pub(super) fn byte<T: Code>(set: Option<CodeSet<T>>) -> u8 {
    set.map_or(u8::MAX, |s| s.bits() as u8)
}

/// Finishes what [`super::load`] appended record by record into `out`: the organisations sorted
/// by id (the loader numbered them as it met them) with every index into them renumbered, each
/// rule's organisation list followed by its sorted copy, and the records grouped by client
/// (`record_client[k]` is the client of record `k`, in the order they were read), each client's
/// consents sorted by id and then its objections sorted by id, so that a decision never depends
/// on document order.
///
/// Linear in the store, plus sorting the organisations, each list and each client's records.
pub(super) fn finish(mut out: Compiled, record_client: &[u32]) -> Compiled {
    // Organisations by id: `renumber[k]` is the sorted place of the k-th one met.
    let mut by_id: Vec<u32> = (0..out.orgs.len() as u32).collect();
    by_id.sort_unstable_by(|&a, &b| out.orgs[a as usize].cmp(&out.orgs[b as usize]));
    let mut renumber = vec![0u32; out.orgs.len()];
    for (place, &k) in by_id.iter().enumerate() {
        renumber[k as usize] = place as u32;
    }
    out.orgs = by_id.iter().map(|&k| out.orgs[k as usize].clone()).collect();
    out.org_lookup = (0..out.orgs.len() as u32).map(|i| (key_hash(out.orgs[i as usize].as_bytes()), i)).collect();
    let orgs = &out.orgs;
    out.org_lookup.sort_unstable_by(|a, b| (a.0, orgs[a.1 as usize].as_str()).cmp(&(b.0, orgs[b.1 as usize].as_str())));

    // Each rule's list as read (document order), renumbered, then the same sorted.
    let read = std::mem::take(&mut out.actors);
    let listed: usize = out.rules.iter().filter(|r| r.has(rule_flag::ACTORS)).map(|r| r.actors_len as usize).sum();
    out.actors = Vec::with_capacity(2 * listed);
    for rule in out.rules.iter_mut().filter(|r| r.has(rule_flag::ACTORS)) {
        let (from, len) = (rule.actors as usize, rule.actors_len as usize);
        let start = out.actors.len();
        out.actors.extend(read[from..from + len].iter().map(|&k| renumber[k as usize]));
        out.actors.extend_from_within(start..);
        out.actors[start + len..].sort_unstable();
        rule.actors = start as u32;
    }

    // Records grouped by client (a counting sort keeps their order of reading within a client:
    // consents before objections), then sorted by id within each group.
    let clients = out.clients.len();
    let mut starts = vec![0u32; clients + 1];
    for &c in record_client {
        starts[c as usize + 1] += 1;
    }
    for i in 0..clients {
        starts[i + 1] += starts[i];
    }
    let mut next = starts.clone();
    let mut order = vec![0u32; record_client.len()];
    for (k, &c) in record_client.iter().enumerate() {
        order[next[c as usize] as usize] = k as u32;
        next[c as usize] += 1;
    }
    let mut records: Vec<RecordEntry> = order.iter().map(|&k| out.records[k as usize].clone()).collect();
    drop(std::mem::take(&mut out.records));
    for (i, client) in out.clients.iter_mut().enumerate() {
        let (start, end) = (starts[i] as usize, starts[i + 1] as usize);
        let group = &mut records[start..end];
        let consents = group.partition_point(|r| !r.objection());
        let (consents, objections) = group.split_at_mut(consents);
        consents.sort_by(|a, b| a.id.cmp(&b.id));
        objections.sort_by(|a, b| a.id.cmp(&b.id));
        for r in group.iter_mut() {
            r.recorded_by = renumber[r.recorded_by as usize];
        }
        (client.records, client.records_end) = (start as u32, end as u32);
        client.first_rule = group.first().map_or(0, |r| r.rules);
    }
    out.records = records;
    // Grown by doubling as records were read: the store keeps only what they hold.
    out.rules.shrink_to_fit();
    out.periods.shrink_to_fit();
    out.given_by.shrink_to_fit();
    out.representatives.shrink_to_fit();
    out
}

/// The flags of a rule.
pub(super) fn flags(
    deny: bool,
    actors: bool,
    roles: Option<CodeSet<RecipientRole>>,
    categories: Option<CodeSet<DataCategory>>,
    purposes: Option<CodeSet<Purpose>>,
) -> u8 {
    let mut f = 0;
    for (on, flag) in [
        (deny, rule_flag::DENY),
        (actors, rule_flag::ACTORS),
        (roles.is_some(), rule_flag::ROLES),
        (categories.is_some(), rule_flag::CATEGORIES),
        (purposes.is_some(), rule_flag::PURPOSES),
    ] {
        if on {
            f |= flag;
        }
    }
    f
}
