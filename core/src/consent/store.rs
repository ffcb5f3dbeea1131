//! The consent store: clients, consent records and objections loaded from a versioned JSON
//! document (`"schema": "wijknet.consent/v1"`), validated with every problem reported at once,
//! exported back losslessly, and compiled into a flat index for fast decisions.

use std::collections::{HashMap, HashSet};
use std::hash::BuildHasherDefault;
use std::ops::Range;

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use super::audit::Fnv1a64;
use super::client::{Client, Representative};
use super::codes::{Channel, DataCategory, Effect, Purpose, RecipientRole, RecordStatus};
use super::path::ProvisionPath;
use super::record::{ConsentRecord, GivenBy, MAX_CHILD_PROVISIONS, MAX_PROVISION_DEPTH, Objection, Period, Provision};
use crate::codes::CodeSet;
use crate::error::{Problems, Result, parse_document};
use crate::ids::{Bsn, Id};

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

/// A hasher for the client index that is the same in every process (std's default hasher is
/// randomly seeded; nothing here depends on iteration order, but the core stays free of hidden
/// randomness). The keys are the host's own pseudonymous ids.
pub(crate) type FnvBuild = BuildHasherDefault<Fnv1a64>;

/// One compiled provision: the intersection of its own and its ancestors' constraints, as
/// bitsets (all bits set = any) and an optional actor list.
#[derive(Debug, Clone)]
pub(crate) struct Node {
    pub(crate) effect: Effect,
    pub(crate) dims: u8,
    pub(crate) path: ProvisionPath,
    pub(crate) roles: u32,
    pub(crate) categories: u32,
    pub(crate) purposes: u32,
    pub(crate) actors: Option<Box<[Id]>>,
    /// Whether some provision on the path names recipient roles or organisations.
    pub(crate) names_recipient: bool,
    pub(crate) start: DateTime<Utc>,
    pub(crate) end: Option<DateTime<Utc>>,
}

impl Node {
    pub(crate) fn matches(&self, role: RecipientRole, org: &str, purpose: Purpose, at: DateTime<Utc>) -> bool {
        self.roles & (1 << role.index()) != 0
            && self.purposes & (1 << purpose.index()) != 0
            && self.start <= at
            && self.end.is_none_or(|e| at < e)
            && self.actors.as_deref().is_none_or(|a| a.iter().any(|x| x.as_str() == org))
    }
}

#[derive(Debug, Clone)]
pub(crate) struct CompiledConsent {
    pub(crate) id: Id,
    pub(crate) status: RecordStatus,
    pub(crate) scope: Channel,
    pub(crate) period: Period,
    pub(crate) recorded_at: DateTime<Utc>,
    pub(crate) by_client: bool,
    pub(crate) by_representative: bool,
    pub(crate) nodes: Range<u32>,
}

#[derive(Debug, Clone)]
pub(crate) struct CompiledObjection {
    pub(crate) id: Id,
    pub(crate) status: RecordStatus,
    pub(crate) period: Period,
    pub(crate) recorded_at: DateTime<Utc>,
    pub(crate) by_client: bool,
    pub(crate) by_representative: bool,
    pub(crate) dims: u8,
    pub(crate) roles: u32,
    pub(crate) categories: u32,
    pub(crate) purposes: u32,
    pub(crate) actors: Option<Box<[Id]>>,
}

impl CompiledObjection {
    pub(crate) fn matches(&self, role: RecipientRole, org: &str, purpose: Purpose, at: DateTime<Utc>) -> bool {
        self.roles & (1 << role.index()) != 0
            && self.purposes & (1 << purpose.index()) != 0
            && self.period.contains(at)
            && self.actors.as_deref().is_none_or(|a| a.iter().any(|x| x.as_str() == org))
    }
}

#[derive(Debug, Clone)]
pub(crate) struct ClientEntry {
    pub(crate) id: Id,
    pub(crate) date_of_birth: NaiveDate,
    pub(crate) can_decide: bool,
    /// Consents of this client, sorted by id so that document order never matters.
    pub(crate) consents: Range<u32>,
    /// Objections of this client, sorted by id.
    pub(crate) objections: Range<u32>,
}

/// The loaded consent store: immutable, `Send + Sync`, cheap to share between threads behind an
/// `Arc`. Lookup by client id is O(1).
#[derive(Debug, Clone)]
pub struct ConsentStore {
    document: StoreDocument,
    index: HashMap<Id, u32, FnvBuild>,
    pub(crate) clients: Vec<ClientEntry>,
    pub(crate) consents: Vec<CompiledConsent>,
    pub(crate) nodes: Vec<Node>,
    pub(crate) objections: Vec<CompiledObjection>,
}

impl ConsentStore {
    /// Loads and validates a `wijknet.consent/v1` JSON document. Structural JSON errors stop at
    /// the first one (with its path); every rule violation is reported at once in
    /// [`Error::Invalid`]. No message repeats a BSN or a date of birth.
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
        self.index.get(id).map(|&i| &self.document.clients[i as usize])
    }

    /// Number of clients.
    pub fn len(&self) -> usize {
        self.clients.len()
    }

    /// Whether the store has no clients.
    pub fn is_empty(&self) -> bool {
        self.clients.is_empty()
    }

    pub(crate) fn entry(&self, id: &str) -> Option<&ClientEntry> {
        self.index.get(id).map(|&i| &self.clients[i as usize])
    }

    fn compile(document: StoreDocument) -> Self {
        let mut index = HashMap::with_capacity_and_hasher(document.clients.len(), FnvBuild::default());
        for (i, c) in document.clients.iter().enumerate() {
            index.insert(c.id.clone(), i as u32);
        }
        let mut consents_by_client: Vec<Vec<&ConsentRecord>> = vec![Vec::new(); document.clients.len()];
        for c in &document.consents {
            consents_by_client[index[c.client.as_str()] as usize].push(c);
        }
        let mut objections_by_client: Vec<Vec<&Objection>> = vec![Vec::new(); document.clients.len()];
        for o in &document.objections {
            objections_by_client[index[o.client.as_str()] as usize].push(o);
        }
        let mut clients = Vec::with_capacity(document.clients.len());
        let mut consents = Vec::with_capacity(document.consents.len());
        let mut objections = Vec::with_capacity(document.objections.len());
        let mut nodes = Vec::new();
        for (i, client) in document.clients.iter().enumerate() {
            let list = &mut consents_by_client[i];
            list.sort_by(|a, b| a.id.cmp(&b.id));
            let c_start = consents.len() as u32;
            for c in list.iter() {
                let n_start = nodes.len() as u32;
                let root = Frame {
                    roles: u32::MAX,
                    categories: u32::MAX,
                    purposes: u32::MAX,
                    actors: None,
                    named: false,
                    start: c.period.start,
                    end: c.period.end,
                    dims: 0,
                };
                flatten(&c.provision, ProvisionPath::ROOT, &root, &mut nodes);
                consents.push(CompiledConsent {
                    id: c.id.clone(),
                    status: c.status,
                    scope: c.scope,
                    period: c.period,
                    recorded_at: c.recorded_at,
                    by_client: c.given_by.client,
                    by_representative: !c.given_by.representatives.is_empty(),
                    nodes: n_start..nodes.len() as u32,
                });
            }
            let olist = &mut objections_by_client[i];
            olist.sort_by(|a, b| a.id.cmp(&b.id));
            let o_start = objections.len() as u32;
            for o in olist.iter() {
                objections.push(CompiledObjection {
                    id: o.id.clone(),
                    status: o.status,
                    period: o.period,
                    recorded_at: o.recorded_at,
                    by_client: o.made_by.client,
                    by_representative: !o.made_by.representatives.is_empty(),
                    dims: o.constrained_dimensions(),
                    roles: o.roles.map_or(u32::MAX, CodeSet::bits),
                    categories: o.categories.map_or(u32::MAX, CodeSet::bits),
                    purposes: o.purposes.map_or(u32::MAX, CodeSet::bits),
                    actors: o.actors.as_ref().map(|a| a.clone().into_boxed_slice()),
                });
            }
            clients.push(ClientEntry {
                id: client.id.clone(),
                date_of_birth: client.date_of_birth,
                can_decide: client.can_decide,
                consents: c_start..consents.len() as u32,
                objections: o_start..objections.len() as u32,
            });
        }
        Self { document, index, clients, consents, nodes, objections }
    }
}

struct Frame {
    roles: u32,
    categories: u32,
    purposes: u32,
    actors: Option<Vec<Id>>,
    named: bool,
    start: DateTime<Utc>,
    end: Option<DateTime<Utc>>,
    dims: u8,
}

fn flatten(p: &Provision, path: ProvisionPath, parent: &Frame, out: &mut Vec<Node>) {
    let actors = match (&parent.actors, &p.actors) {
        (None, None) => None,
        (Some(a), None) => Some(a.clone()),
        (None, Some(b)) => Some(b.clone()),
        (Some(a), Some(b)) => Some(a.iter().filter(|x| b.contains(x)).cloned().collect()),
    };
    let (start, end) = match &p.period {
        None => (parent.start, parent.end),
        Some(q) => (
            parent.start.max(q.start),
            match (parent.end, q.end) {
                (Some(a), Some(b)) => Some(a.min(b)),
                (a, b) => a.or(b),
            },
        ),
    };
    let frame = Frame {
        roles: parent.roles & p.roles.map_or(u32::MAX, CodeSet::bits),
        categories: parent.categories & p.categories.map_or(u32::MAX, CodeSet::bits),
        purposes: parent.purposes & p.purposes.map_or(u32::MAX, CodeSet::bits),
        named: parent.named || p.roles.is_some() || p.actors.is_some(),
        actors,
        start,
        end,
        // Specificity counts the dimensions constrained anywhere on the path (kept as bits).
        dims: parent.dims
            | u8::from(p.actors.is_some())
            | u8::from(p.roles.is_some()) << 1
            | u8::from(p.categories.is_some()) << 2
            | u8::from(p.purposes.is_some()) << 3,
    };
    out.push(Node {
        effect: p.effect,
        dims: frame.dims.count_ones() as u8,
        path,
        roles: frame.roles,
        categories: frame.categories,
        purposes: frame.purposes,
        actors: frame.actors.as_ref().map(|a| a.clone().into_boxed_slice()),
        names_recipient: frame.named,
        start: frame.start,
        end: frame.end,
    });
    for (i, child) in p.provisions.iter().enumerate() {
        if let Some(child_path) = path.child(i as u8) {
            flatten(child, child_path, &frame, out);
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Raw document: codes, ids and dates as text, so that every problem can be reported at once,
// including rules that span records (unknown client, representatives, duplicate ids).

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawDocument {
    #[allow(dead_code)]
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
