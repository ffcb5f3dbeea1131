//! Compiling a consent store document into flat rules: every consent provision (with the
//! intersection of its own and its ancestors' constraints) and every objection becomes one
//! [`Rule`], a client's rules contiguous, so that a decision reads one short run of memory and
//! compares integers.
//!
//! Compiling is linear in the document: a nested provision shares its ancestors' organisation
//! list instead of copying it, and intersects it by binary search.

use std::collections::HashMap;
use std::ops::Range;

use chrono::{DateTime, Utc};

use super::codes::{ConsentChannel, ConsentEffect, ConsentRecordStatus};
use super::document::StoreDocument;
use super::path::ProvisionPath;
use super::record::{ConsentRecord, Objection, Provision, specificity};
use super::store::key_hash;
use crate::codes::CodeSet;
use crate::ids::Id;

/// An instant as nanoseconds since the epoch, so that comparisons on the hot path are one integer
/// compare. An `i64` of nanoseconds spans the years 1677 to 2262, and every instant a store or a
/// decision holds is checked to lie in [`MIN_YEAR`](crate::limits::MIN_YEAR) to
/// [`MAX_YEAR`](crate::limits::MAX_YEAR) (1900 to 2199), so it is exact for all of them; it is
/// half the size of the `i128` it replaced (a compiled rule went from 96 to 72 bytes). Beyond
/// the span it saturates (never wrongly ordered against an instant inside it), short of
/// [`i64::MAX`], which stands for "no end".
pub(crate) fn instant(t: DateTime<Utc>) -> i64 {
    t.timestamp_nanos_opt().unwrap_or(if t.timestamp() < 0 { i64::MIN } else { i64::MAX - 1 })
}

/// One compiled rule: a consent provision (with the intersection of its own and its ancestors'
/// constraints, and its record's status, channel, period and givers copied in) or an objection.
/// A client's rules are contiguous, so a decision reads one short run of memory.
#[derive(Debug, Clone)]
pub(crate) struct Rule {
    /// Validity: the record's period intersected with every provision period on the path.
    pub(crate) start: i64,
    pub(crate) end: i64,
    pub(crate) recorded_at: i64,
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
    pub(crate) effect: ConsentEffect,
    pub(crate) dims: u8,
    pub(crate) status: ConsentRecordStatus,
    /// The channel a consent covers; `None` for objections (any channel).
    pub(crate) scope: Option<ConsentChannel>,
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
    pub(crate) status: ConsentRecordStatus,
    pub(crate) scope: Option<ConsentChannel>,
    pub(crate) recorded_at: i64,
    /// The record's own period as instants ([`instant`]; the end [`i64::MAX`] when open): 16
    /// bytes instead of the 28 of a [`Period`](super::record::Period), for a trace's "not in its period".
    pub(crate) start: i64,
    pub(crate) end: i64,
    pub(crate) rules: Range<u32>,
}

/// Where one client's rules and records are in [`Compiled`].
#[derive(Debug, Clone)]
pub(super) struct ClientRanges {
    pub(super) rules: Range<u32>,
    pub(super) records: Range<u32>,
}

/// The compiled rules of a document.
#[derive(Debug)]
pub(super) struct Compiled {
    pub(super) records: Vec<RecordEntry>,
    pub(super) rules: Vec<Rule>,
    /// Organisation lists of the rules: each rule's run sorted by (hash, id).
    pub(super) actor_ids: Vec<Id>,
    pub(super) actor_hashes: Vec<u64>,
    /// Per client, in document order.
    pub(super) clients: Vec<ClientRanges>,
}

/// Compiles the rules of a (checked) document: per client, its consents sorted by id (provisions
/// in tree order), then its objections sorted by id, so that document order never matters.
pub(super) fn compile(document: &StoreDocument) -> Compiled {
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
    let mut c = Compiler { records: Vec::new(), rules: Vec::new(), actor_ids: Vec::new(), actor_hashes: Vec::new() };
    let mut clients = Vec::with_capacity(n);
    for (consents, objections) in consents_by_client.iter_mut().zip(&mut objections_by_client) {
        let (rules_start, records_start) = (c.rules.len() as u32, c.records.len() as u32);
        consents.sort_by(|a, b| a.id.cmp(&b.id));
        for r in consents.iter() {
            c.consent(r);
        }
        objections.sort_by(|a, b| a.id.cmp(&b.id));
        for o in objections.iter() {
            c.objection(o);
        }
        clients.push(ClientRanges {
            rules: rules_start..c.rules.len() as u32,
            records: records_start..c.records.len() as u32,
        });
    }
    let Compiler { records, rules, actor_ids, actor_hashes } = c;
    Compiled { records, rules, actor_ids, actor_hashes, clients }
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
pub(super) fn sorted_contains(hashes: &[u64], ids: &[Id], hash: u64, id: &str) -> bool {
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
    start: i64,
    end: i64,
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
            end: c.period.end.map_or(i64::MAX, instant),
            dims: 0,
        };
        self.flatten(c, record, &c.provision, ProvisionPath::ROOT, &root);
        self.records.push(RecordEntry {
            id: fresh(&c.id),
            objection: false,
            status: c.status,
            scope: Some(c.scope),
            recorded_at: instant(c.recorded_at),
            start: instant(c.period.start),
            end: c.period.end.map_or(i64::MAX, instant),
            rules: start..self.rules.len() as u32,
        });
    }

    fn flatten(&mut self, c: &ConsentRecord, record: u32, p: &Provision, path: ProvisionPath, parent: &Frame) {
        let actors = self.actors(parent.actors, p.actors.as_deref());
        let (start, end) = match &p.period {
            None => (parent.start, parent.end),
            Some(q) => (parent.start.max(instant(q.start)), parent.end.min(q.end.map_or(i64::MAX, instant))),
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
            dims: specificity(frame.dims & 1 != 0, frame.dims & 2 != 0, frame.dims & 4 != 0, frame.dims & 8 != 0),
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
            end: o.period.end.map_or(i64::MAX, instant),
            recorded_at: instant(o.recorded_at),
            roles: o.roles.map_or(u32::MAX, CodeSet::bits),
            categories: o.categories.map_or(u32::MAX, CodeSet::bits),
            purposes: o.purposes.map_or(u32::MAX, CodeSet::bits),
            actors,
            actors_len,
            record,
            path: ProvisionPath::ROOT,
            effect: ConsentEffect::Deny,
            dims: o.specificity(),
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
            start: instant(o.period.start),
            end: o.period.end.map_or(i64::MAX, instant),
            rules: start..self.rules.len() as u32,
        });
    }
}
