//! The care services directory: a [`Registry`] read from, and written as, IHE mCSD / nl-gf
//! resources (Organization, Location, HealthcareService, PractitionerRole, Practitioner,
//! OrganizationAffiliation; Endpoints are read and kept but the registry has nothing for them).
//!
//! A [`Directory`] is the registry together with the FHIR resources it was built from, so that a
//! later `_history` Bundle ([`Directory::apply_history`]) can resolve references to resources it
//! does not repeat (a Location a HealthcareService still covers) and several organisations'
//! directories can be merged ([`merge`]). Like a [`Registry`] it is an immutable value: every
//! change gives a new one, and [`SharedDirectory`] installs changes by compare-and-swap.

mod build;
mod export;
mod history;

use std::collections::HashMap;
use std::collections::hash_map::Entry;
use std::sync::{Arc, OnceLock};

use wijknet::progress::{Observer, ProgressStep, Silent, whole};
use wijknet::{Error, Problems, Registry};

pub use export::{BundleType, to_bundle, to_bundle_json};
pub use history::{MergeSource, SharedDirectory, merge};

use crate::codes::{RESOURCE_TYPES, resource_type_shown};
use crate::json::{self, Node};
use crate::path::{At, Rd};

/// What errors of directory input are called.
pub const DOCUMENT: &str = "FHIR directory bundle";

/// The resource types a directory holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Kind {
    /// Organization (provider, insurer, GP practice, department).
    Organization,
    /// Location (postcode areas and municipalities; other Locations are kept, unused).
    Location,
    /// HealthcareService (a team or a coordination point).
    HealthcareService,
    /// PractitionerRole (a contact person of a team or an organisation).
    PractitionerRole,
    /// Practitioner (the contact person's name).
    Practitioner,
    /// OrganizationAffiliation (an insurer's contract with a provider).
    OrganizationAffiliation,
    /// Endpoint (kept; the registry has no field for it).
    Endpoint,
}

impl Kind {
    /// The FHIR resource type.
    pub fn name(self) -> &'static str {
        match self {
            Kind::Organization => "Organization",
            Kind::Location => "Location",
            Kind::HealthcareService => "HealthcareService",
            Kind::PractitionerRole => "PractitionerRole",
            Kind::Practitioner => "Practitioner",
            Kind::OrganizationAffiliation => "OrganizationAffiliation",
            Kind::Endpoint => "Endpoint",
        }
    }

    fn parse(s: &str) -> Option<Kind> {
        Some(match s {
            "Organization" => Kind::Organization,
            "Location" => Kind::Location,
            "HealthcareService" => Kind::HealthcareService,
            "PractitionerRole" => Kind::PractitionerRole,
            "Practitioner" => Kind::Practitioner,
            "OrganizationAffiliation" => Kind::OrganizationAffiliation,
            "Endpoint" => Kind::Endpoint,
            _ => return None,
        })
    }
}

/// A resource's key: its type and FHIR id.
/// The id is shared: a key is held by the directory's list and its index, and copied with
/// every change set and every compaction, which cost an allocation each when it was a box.
pub(crate) type Key = (Kind, Arc<str>);

/// One resource as the directory keeps it: the JSON tree and where it was read (for problems).
#[derive(Debug, Clone)]
pub(crate) struct Stored {
    pub node: Arc<Node>,
    pub path: Origin,
}

/// Where a stored resource was read, for its problems: the resource of an entry of the bundle it
/// came in, by number (its path is written only for a problem), or a path given as text (a
/// merged directory's `source[i].` paths).
#[derive(Debug, Clone)]
pub(crate) enum Origin {
    /// `Bundle.entry[i].resource`.
    Entry(usize),
    /// Any other path.
    Text(Arc<str>),
}

impl Origin {
    /// The path, to read below it.
    pub fn at(&self) -> At<'_> {
        match self {
            Origin::Entry(i) => At::Entry(*i),
            Origin::Text(t) => At::Text(t),
        }
    }
}

impl std::fmt::Display for Origin {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.at().fmt(f)
    }
}

/// One layer of resources in the order their keys were added to it (a `None` value is a delete
/// over the layer below), an index into that order, and `fullUrl` aliases.
#[derive(Debug, Clone, Default)]
struct Layer {
    entries: Vec<(Key, Option<Stored>)>,
    index: HashMap<Key, usize>,
    aliases: HashMap<Box<str>, Key>,
    /// The layer's PractitionerRoles by the Practitioner and the services they name, and its
    /// OrganizationAffiliations by their participating organisation, made the first time a
    /// change needs it ([`Resources::referrers`]). A layer is never changed
    /// once it is the base of a directory, so it stays right as long as the layer lives; a
    /// layer made from another (compaction) starts without it.
    roles: OnceLock<RoleIndex>,
    /// The layer's HealthcareServices by the Locations of their area (`coverageArea` and
    /// exclusions), made the first time a Location gives another area; kept as `roles` is.
    areas: OnceLock<RoleIndex>,
}

impl Layer {
    fn get(&self, key: &Key) -> Option<&Option<Stored>> {
        self.index.get(key).map(|&i| &self.entries[i].1)
    }

    /// The PractitionerRoles of this layer by the Practitioner and the HealthcareServices
    /// their references name, and the OrganizationAffiliations by their
    /// `participatingOrganization`, as positions in its order. A `urn:` reference depends on
    /// the aliases, which later changes may add to: a resource with one is a candidate for
    /// every key.
    fn roles(&self) -> &RoleIndex {
        self.roles.get_or_init(|| {
            self.index_by(|k, node, refs| match k.0 {
                Kind::PractitionerRole => {
                    refs.extend(node.get("practitioner").map(|p| (p, Kind::Practitioner)));
                    refs.extend(items(node.get("healthcareService")).iter().map(|h| (h, Kind::HealthcareService)));
                }
                Kind::OrganizationAffiliation => {
                    refs.extend(node.get("participatingOrganization").map(|p| (p, Kind::Organization)));
                }
                _ => {}
            })
        })
    }

    /// The HealthcareServices of this layer by the Locations their `coverageArea` and
    /// exclusions name, as [`Layer::roles`] indexes roles.
    fn areas(&self) -> &RoleIndex {
        self.areas.get_or_init(|| {
            self.index_by(|k, node, refs| {
                if k.0 != Kind::HealthcareService {
                    return;
                }
                refs.extend(area_references(node).map(|l| (l, Kind::Location)));
            })
        })
    }

    /// The resources of this layer by the keys the references `refs` gives for each name.
    fn index_by<'n>(&'n self, mut refs: impl FnMut(&Key, &'n Node, &mut Vec<(&'n Node, Kind)>)) -> RoleIndex {
        let mut index = RoleIndex::default();
        let mut list = Vec::new();
        for (i, (k, v)) in self.entries.iter().enumerate() {
            let Some(s) = v.as_ref() else { continue };
            list.clear();
            refs(k, &s.node, &mut list);
            let mut by_alias = false;
            for &(r, kind) in &list {
                match r.get("reference").and_then(Node::as_str) {
                    Some(t) if t.starts_with("urn:") => by_alias = true,
                    Some(t) => {
                        if let Ok(key) = resolve_path(t, kind) {
                            let at = index.by_key.entry(key).or_default();
                            // A resource naming one key twice is listed once.
                            if at.last() != Some(&i) {
                                at.push(i);
                            }
                        }
                    }
                    None => {}
                }
            }
            if by_alias {
                index.by_alias.push(i);
            }
        }
        index
    }
}

/// The Location references of a HealthcareService's area: its `coverageArea`, then the
/// `valueReference` of each exclusion.
pub(crate) fn area_references(node: &Node) -> impl Iterator<Item = &Node> {
    items(node.get("coverageArea")).iter().chain(exclusions(node).filter_map(|e| e.get("valueReference")))
}

/// The exclusion extensions of a HealthcareService's area, in order.
pub(crate) fn exclusions(node: &Node) -> impl Iterator<Item = &Node> {
    items(node.get("extension"))
        .iter()
        .filter(|e| e.get("url").and_then(Node::as_str) == Some(crate::codes::EXT_EXCLUSION))
}

/// The items of an array element (none when it is missing or not an array).
fn items(node: Option<&Node>) -> &[Node] {
    match node {
        Some(Node::Arr(list)) => list,
        _ => &[],
    }
}

/// See [`Layer::roles`].
#[derive(Debug, Clone, Default)]
struct RoleIndex {
    by_key: HashMap<Key, Vec<usize>>,
    by_alias: Vec<usize>,
}

/// The resources of a directory in the order they were first seen, with an index by key and the
/// `fullUrl`s (`urn:uuid:...`) that other resources may use to refer to them.
///
/// Two layers, each shared: the base and the changes since. Copying a directory to change it
/// copies only the changes (bounded by [`Resources::compact`]), so applying a small `_history`
/// Bundle to the national directory costs what the changes cost, not what the directory holds.
#[derive(Debug, Clone, Default)]
pub(crate) struct Resources {
    base: Arc<Layer>,
    top: Arc<Layer>,
}

impl Resources {
    pub fn get(&self, key: &Key) -> Option<&Stored> {
        match self.top.get(key) {
            Some(v) => v.as_ref(),
            None => self.base.get(key).and_then(Option::as_ref),
        }
    }

    /// Every resource with its key, in order.
    pub fn all(&self) -> impl Iterator<Item = (&Key, &Stored)> {
        self.select(None)
    }

    /// Every resource of `kind`, in order.
    pub fn of(&self, kind: Kind) -> impl Iterator<Item = (&Key, &Stored)> {
        self.select(Some(kind))
    }

    /// Every resource (of `kind`), in order. The kind is tested before the changes are looked
    /// up: a look-up per resource of the directory where a kind has a fifth of them.
    fn select(&self, kind: Option<Kind>) -> impl Iterator<Item = (&Key, &Stored)> {
        let top = &self.top;
        let over = !top.index.is_empty();
        let wanted = move |k: &Key| kind.is_none_or(|kind| k.0 == kind);
        let base = self.base.entries.iter().filter(move |(k, _)| wanted(k)).filter_map(move |(k, v)| {
            let v = if over { top.get(k).unwrap_or(v) } else { v };
            v.as_ref().map(|s| (k, s))
        });
        let base_index = &self.base.index;
        let new = top
            .entries
            .iter()
            .filter(move |(k, _)| wanted(k) && !base_index.contains_key(k))
            .filter_map(|(k, v)| v.as_ref().map(|s| (k, s)));
        base.chain(new)
    }

    /// Every key, in order.
    pub fn keys(&self) -> impl Iterator<Item = &Key> {
        self.all().map(|(k, _)| k)
    }

    fn set(&mut self, key: Key, value: Option<Stored>) {
        let top = Arc::make_mut(&mut self.top);
        match top.index.entry(key) {
            Entry::Occupied(e) => top.entries[*e.get()].1 = value,
            Entry::Vacant(e) => {
                top.entries.push((e.key().clone(), value));
                e.insert(top.entries.len() - 1);
            }
        }
    }

    /// Adds a resource whose key the changes do not hold yet (`false`, and nothing added, when
    /// they do): one look-up of the key where [`Resources::put`] after a check took three.
    fn add(&mut self, key: Key, value: Option<Stored>) -> bool {
        let top = Arc::make_mut(&mut self.top);
        match top.index.entry(key) {
            Entry::Occupied(_) => false,
            Entry::Vacant(e) => {
                top.entries.push((e.key().clone(), value));
                e.insert(top.entries.len() - 1);
                true
            }
        }
    }

    /// Room for `n` more resources in the changes.
    fn reserve(&mut self, n: usize) {
        let top = Arc::make_mut(&mut self.top);
        top.entries.reserve(n);
        top.index.reserve(n);
    }

    /// Inserts or replaces (keeping the first position).
    pub fn put(&mut self, key: Key, stored: Stored) {
        self.set(key, Some(stored));
    }

    /// Removes a resource.
    pub fn remove(&mut self, key: &Key) -> bool {
        let present = self.get(key).is_some();
        if present {
            self.set(key.clone(), None);
        }
        present
    }

    pub fn alias(&mut self, full_url: &str, key: Key) {
        Arc::make_mut(&mut self.top).aliases.insert(full_url.into(), key);
    }

    fn alias_of(&self, full_url: &str) -> Option<&Key> {
        self.top.aliases.get(full_url).or_else(|| self.base.aliases.get(full_url))
    }

    pub fn len(&self) -> usize {
        self.all().count()
    }

    /// Folds the changes into the base once they are more than a small share of it (so the cost
    /// of copying the changes stays bounded, and each resource is copied a bounded number of
    /// times on average). An empty base simply becomes the changes.
    pub fn compact(&mut self, force: bool) {
        if self.base.entries.is_empty() && self.top.entries.iter().all(|(_, v)| v.is_some()) {
            std::mem::swap(&mut self.base, &mut self.top);
            return;
        }
        if !force && self.top.entries.len() <= 1024 + self.base.entries.len() / 16 {
            return;
        }
        let removes_from_base = self.top.entries.iter().any(|(k, v)| v.is_none() && self.base.index.contains_key(k));
        let mut layer = if removes_from_base {
            // Every resource in order again: the ones after a removed one move up.
            let n = self.base.entries.len() + self.top.entries.len();
            let mut layer =
                Layer { entries: Vec::with_capacity(n), index: HashMap::with_capacity(n), ..Layer::default() };
            for (k, s) in self.all() {
                layer.index.insert(k.clone(), layer.entries.len());
                layer.entries.push((k.clone(), Some(s.clone())));
            }
            layer.aliases = self.base.aliases.clone();
            layer
        } else {
            // Nothing of the base removed (capacity changes, new resources): the base with the
            // changes written over it and the new resources after it, which is the order above,
            // without hashing and inserting every key of the directory again.
            let mut layer = (*self.base).clone();
            layer.roles = OnceLock::new();
            layer.areas = OnceLock::new();
            for (k, v) in &self.top.entries {
                match layer.index.get(k) {
                    Some(&i) => layer.entries[i].1 = v.clone(),
                    None => {
                        if let Some(s) = v {
                            layer.index.insert(k.clone(), layer.entries.len());
                            layer.entries.push((k.clone(), Some(s.clone())));
                        }
                    }
                }
            }
            layer
        };
        layer.aliases.extend(self.top.aliases.iter().map(|(a, k)| (a.clone(), k.clone())));
        *self = Resources { base: Arc::new(layer), top: Arc::default() };
    }

    /// The PractitionerRoles that may name the Practitioner or HealthcareService `key`, in the
    /// directory's order: a superset (the caller resolves each reference), found through the
    /// base's index and the changes instead of reading every role of the directory.
    pub fn roles_naming(&self, key: &Key) -> Vec<(&Key, &Stored)> {
        self.referrers(key, Kind::PractitionerRole)
    }

    /// The resources of `kind` (PractitionerRoles naming a Practitioner or HealthcareService,
    /// OrganizationAffiliations naming their participating Organization, HealthcareServices
    /// naming a Location in their area) that may name `key`,
    /// in the directory's order: a superset (the caller resolves each reference), found
    /// through the base's index and the changes instead of reading every one of the directory.
    pub fn referrers(&self, key: &Key, kind: Kind) -> Vec<(&Key, &Stored)> {
        let index = if kind == Kind::HealthcareService { self.base.areas() } else { self.base.roles() };
        let mut at: Vec<usize> = index.by_key.get(key).into_iter().flatten().copied().collect();
        at.extend_from_slice(&index.by_alias);
        // One of the base that the changes hold may name other keys now.
        let changed = self.top.entries.iter().filter(|(k, _)| k.0 == kind);
        at.extend(changed.clone().filter_map(|(k, _)| self.base.index.get(k).copied()));
        at.sort_unstable();
        at.dedup();
        let base = at.into_iter().filter_map(|i| {
            let k = &self.base.entries[i].0;
            self.get(k).filter(|_| k.0 == kind).map(|s| (k, s))
        });
        let new =
            changed.filter(|(k, _)| !self.base.index.contains_key(k)).filter_map(|(k, v)| v.as_ref().map(|s| (k, s)));
        base.chain(new).collect()
    }

    /// A resource's place in the directory's order (as [`Resources::all`] gives it, counting
    /// removed ones), to tell which of two comes first.
    pub fn position(&self, key: &Key) -> Option<usize> {
        match self.base.index.get(key) {
            Some(&i) => Some(i),
            None => self.top.index.get(key).map(|&j| self.base.entries.len() + j),
        }
    }

    /// The `fullUrl` aliases of both layers.
    pub fn aliases(&self) -> impl Iterator<Item = (&Box<str>, &Key)> {
        self.base.aliases.iter().chain(self.top.aliases.iter())
    }

    /// Resolves a reference (`Organization/x`, an absolute URL ending in it, a version-specific
    /// one, or a `urn:uuid:` fullUrl) to a key of the expected kind.
    pub fn resolve(&self, reference: &str, expected: Kind) -> Result<Key, &'static str> {
        if reference.starts_with("urn:") {
            return match self.alias_of(reference) {
                Some(k) if k.0 == expected => Ok(k.clone()),
                Some(_) => Err("refers to a resource of another type"),
                None => Err("refers to a fullUrl that is not in the directory"),
            };
        }
        resolve_path(reference, expected)
    }
}

/// Resolves a reference that is not a `urn:` (`Organization/x`, an absolute URL ending in it, a
/// version-specific one) to a key of the expected kind: the text alone says which.
fn resolve_path(reference: &str, expected: Kind) -> Result<Key, &'static str> {
    // The last four parts are all that matter: `.../Type/id` or `.../Type/id/_history/v`.
    let mut parts = reference.rsplit('/');
    let (last, second, third, fourth) = (parts.next(), parts.next(), parts.next(), parts.next());
    let (ty, id) = match (last, second, third, fourth) {
        (Some(_), Some("_history"), Some(id), Some(ty)) => (ty, id),
        (Some(id), Some(ty), _, _) => (ty, id),
        _ => return Err("expected a reference `Type/id`"),
    };
    if !RESOURCE_TYPES.contains(&ty) {
        return Err("expected a reference `Type/id`");
    }
    match Kind::parse(ty) {
        Some(k) if k == expected => Ok((k, id.into())),
        _ => Err("refers to a resource of another type"),
    }
}

/// A registry and the FHIR resources it was read from.
#[derive(Debug, Clone)]
pub struct Directory {
    registry: Registry,
    resources: Arc<Resources>,
}

impl Directory {
    /// Reads a FHIR R4 Bundle (`searchset`, `collection`, `transaction` or `history`) of mCSD /
    /// nl-gf resources into a directory. Structural JSON problems (malformed JSON, a key twice, a
    /// bound of [`wijknet::limits`]) stop at the first, as [`Error::Json`]; every other problem
    /// is reported at once as [`Error::Invalid`], at FHIRPath-like paths
    /// (`Bundle.entry[3].resource.coverageArea[0]`), repeating no value.
    ///
    /// A `history` Bundle gives the latest version of each resource (its first entry: history
    /// lists newest first) and leaves out deleted ones. Resources of other types are a problem:
    /// a directory holds only the types of [`Kind`].
    pub fn from_json(bytes: &[u8]) -> Result<Self, Error> {
        let node = json::parse(bytes, "Bundle", DOCUMENT)?;
        Self::from_node(node)
    }

    /// [`Directory::from_json`], reporting to `observer` and stopping with
    /// [`Error::Cancelled`] when it asks to. Three steps, each reported at its start and end:
    /// `read` (bytes: the JSON text), `check` (the Bundle's entries: every resource read and
    /// checked) and `index` (resources: the registry built and indexed). A national directory
    /// takes long enough that a host shows it is busy and lets its user stop; a cancelled load
    /// returns no directory.
    pub fn from_json_with_progress(bytes: &[u8], observer: &mut dyn Observer) -> Result<Self, Error> {
        let node = whole(observer, ProgressStep::Read, bytes.len() as u64, || json::parse(bytes, "Bundle", DOCUMENT))?;
        Self::from_node_with_progress(node, observer)
    }

    /// [`Directory::from_json`] for a bundle already parsed (by [`crate::json::parse`]).
    pub fn from_node(bundle: Node) -> Result<Self, Error> {
        Self::from_node_with_progress(bundle, &mut Silent)
    }

    fn from_node_with_progress(mut bundle: Node, observer: &mut dyn Observer) -> Result<Self, Error> {
        let entries = match bundle.get("entry") {
            Some(Node::Arr(entries)) => entries.len() as u64,
            _ => 0,
        };
        let version = bundle_version(&bundle);
        let resources = whole(observer, ProgressStep::Check, entries, || {
            let mut problems = Problems::new();
            let mut resources = Resources::default();
            read_bundle(&mut Rd { problems: &mut problems }, &mut bundle, &mut resources, Entries::Import);
            if !problems.is_empty() {
                return Err(crate::path::invalid(DOCUMENT, problems));
            }
            Ok(resources)
        })?;
        drop(bundle);
        whole(observer, ProgressStep::Index, resources.len() as u64, || {
            let mut resources = resources;
            resources.compact(true);
            let registry = build::build(&resources, version)?;
            Ok(Self { registry, resources: Arc::new(resources) })
        })
    }

    /// The directory of a registry: its resources as [`to_bundle`] writes them.
    pub fn from_registry(registry: &Registry) -> Self {
        let mut bundle = Node::from_value(to_bundle(registry, BundleType::Collection));
        let mut problems = Problems::new();
        let mut resources = Resources::default();
        read_bundle(&mut Rd { problems: &mut problems }, &mut bundle, &mut resources, Entries::Import);
        debug_assert!(problems.is_empty(), "an export reads back");
        resources.compact(true);
        Self { registry: registry.clone(), resources: Arc::new(resources) }
    }

    /// The registry.
    pub fn registry(&self) -> &Registry {
        &self.registry
    }

    /// Number of FHIR resources held.
    pub fn resource_count(&self) -> usize {
        self.resources.len()
    }
}

/// The registry version a bundle carries in `Bundle.meta.versionId` (digits), 0 otherwise.
fn bundle_version(bundle: &Node) -> u64 {
    bundle.get("meta").and_then(|m| m.get("versionId")).and_then(Node::as_str).and_then(|v| v.parse().ok()).unwrap_or(0)
}

/// How a bundle's entries are taken.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Entries {
    /// A whole directory (a history bundle: latest version of each resource).
    Import,
}

/// One change of a `_history` or `transaction` bundle.
#[derive(Debug, Clone)]
pub(crate) struct Change {
    pub key: Key,
    /// The new version; `None` for a delete.
    pub resource: Option<Stored>,
    pub full_url: Option<Box<str>>,
}

/// Reads the entries of a bundle: its type, then each entry's resource of a directory type.
pub(crate) fn read_bundle(rd: &mut Rd<'_>, bundle: &mut Node, out: &mut Resources, _mode: Entries) {
    let at = At::Root("Bundle");
    let Some(changes) = read_changes(rd, bundle, &at, &["searchset", "collection", "transaction", "history"]) else {
        return;
    };
    let history = bundle.get("type").and_then(Node::as_str) == Some("history");
    // A key seen before is in `out` (read into an empty one) or among the deleted ones.
    debug_assert!(out.top.entries.is_empty() && out.base.entries.is_empty(), "read into an empty directory");
    out.reserve(changes.len());
    let mut deleted: std::collections::HashSet<Key> = std::collections::HashSet::new();
    for Change { key, resource, full_url } in changes {
        let kind = key.0;
        let path = resource.as_ref().map(|s| s.path.clone());
        let alias = full_url.map(|url| (url, key.clone()));
        let first = match resource {
            Some(s) => !deleted.contains(&key) && out.add(key, Some(s)),
            None => !out.top.index.contains_key(&key) && deleted.insert(key),
        };
        if !first {
            // A history lists the newest version first: the first entry of a resource is its
            // current version. Any other bundle holds a resource once.
            if !history {
                let path = path.map(|p| p.to_string()).unwrap_or_default();
                rd.problems.push(path, format!("a second {} with the same id", kind.name()));
            }
            continue;
        }
        if let Some((url, key)) = alias {
            out.alias(&url, key);
        }
    }
}

/// The entries of a bundle of one of `types` as changes, in bundle order (the resources are
/// moved out of the bundle). `None` when the bundle itself is unusable (problems recorded).
pub(crate) fn read_changes(rd: &mut Rd<'_>, bundle: &mut Node, at: &At<'_>, types: &[&str]) -> Option<Vec<Change>> {
    rd.item(bundle, at)?;
    match rd.req_str(bundle, at, "resourceType") {
        Some("Bundle") => {}
        Some(t) => {
            rd.push(&at.f("resourceType"), format_args!("expected a Bundle, found {}", resource_type_shown(t)));
            return None;
        }
        None => return None,
    }
    rd.no_modifiers(bundle, at);
    let ty = rd.req_str(bundle, at, "type")?;
    if !types.contains(&ty) {
        rd.push(&at.f("type"), format_args!("expected a bundle of type {}", types.join(", ")));
        return None;
    }
    rd.arr(bundle, at, "entry");
    let entries = match bundle.get_mut("entry") {
        Some(Node::Arr(items)) => std::mem::take(items),
        _ => Vec::new(),
    };
    let at_entry = at.f("entry");
    let mut out = Vec::with_capacity(entries.len());
    for (i, mut e) in entries.into_iter().enumerate() {
        let at = at_entry.i(i);
        if rd.item(&e, &at).is_none() {
            continue;
        }
        let owned = e.get_mut("resource").map(std::mem::take);
        let e = &e;
        if let Some(search) = rd.obj(e, &at, "search") {
            if search.get("mode").and_then(Node::as_str) == Some("outcome") {
                continue;
            }
        }
        let full_url = rd.str(e, &at, "fullUrl");
        let method = rd.obj(e, &at, "request").and_then(|r| rd.str(r, &at.f("request"), "method"));
        let at_res = at.f("resource");
        let resource = match &owned {
            Some(n @ Node::Obj(_)) => Some(n),
            Some(Node::Null) | None => None,
            Some(other) => {
                rd.push(&at_res, format_args!("expected an object, found {}", other.kind()));
                continue;
            }
        };
        if method == Some("DELETE") {
            let url = rd.obj(e, &at, "request").and_then(|r| rd.req_str(r, &at.f("request"), "url"));
            let Some(url) = url else { continue };
            let path = at.f("request");
            let mut parts = url.split('/');
            match (parts.next().and_then(Kind::parse), parts.next(), parts.next()) {
                (Some(kind), Some(id), None | Some("_history")) if crate::codes::is_fhir_id(id) => {
                    out.push(Change { key: (kind, id.into()), resource: None, full_url: None })
                }
                _ => rd.push(&path.f("url"), "expected `Type/id` of a directory resource type"),
            }
            continue;
        }
        let Some(resource) = resource else {
            rd.push(&at_res, "required (only a DELETE entry has no resource)");
            continue;
        };
        let Some(ty) = rd.req_str(resource, &at_res, "resourceType") else { continue };
        let Some(kind) = Kind::parse(ty) else {
            rd.push(
                &at_res.f("resourceType"),
                format_args!(
                    "{} is not part of a care services directory (Organization, Location, HealthcareService, PractitionerRole, Practitioner, OrganizationAffiliation, Endpoint)",
                    resource_type_shown(ty)
                ),
            );
            continue;
        };
        rd.no_modifiers(resource, &at_res);
        let id = match rd.str(resource, &at_res, "id") {
            Some(id) if crate::codes::is_fhir_id(id) => id.to_owned(),
            Some(_) => {
                rd.push(&at_res.f("id"), "expected a FHIR id: 1 to 64 of A-Z, a-z, 0-9, `-`, `.`");
                continue;
            }
            None => match full_url.and_then(|u| u.strip_prefix("urn:uuid:")) {
                Some(uuid) if crate::codes::is_fhir_id(uuid) => uuid.to_owned(),
                _ => {
                    rd.push(&at_res.f("id"), "required (or a `urn:uuid:` fullUrl)");
                    continue;
                }
            },
        };
        out.push(Change {
            key: (kind, id.into()),
            resource: Some(Stored { node: Arc::new(owned.expect("checked above")), path: Origin::Entry(i) }),
            full_url: full_url.filter(|u| u.starts_with("urn:")).map(Into::into),
        });
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::json::Num;

    fn key(i: usize) -> Key {
        (Kind::Location, format!("l{i}").into())
    }

    fn stored(n: usize) -> Stored {
        Stored { node: Arc::new(Node::Num(Num::U(n as u64))), path: Origin::Entry(n) }
    }

    fn listing(r: &Resources) -> Vec<(Key, Node)> {
        r.all().map(|(k, s)| (k.clone(), (*s.node).clone())).collect()
    }

    #[test]
    fn compaction_keeps_every_resource_in_its_order() {
        for removing_from_base in [false, true] {
            let mut base = Resources::default();
            for i in 0..50 {
                base.put(key(i), stored(i));
            }
            base.alias("urn:uuid:a", key(3));
            base.compact(true);
            let before_changes = listing(&base);
            let mut r = base.clone();
            for i in (0..50).step_by(7) {
                r.put(key(i), stored(1000 + i));
            }
            for i in 60..70 {
                r.put(key(i), stored(i));
            }
            r.put(key(65), stored(2065));
            assert!(r.remove(&key(62)), "added in the changes, removed again");
            r.alias("urn:uuid:b", key(61));
            if removing_from_base {
                assert!(r.remove(&key(10)));
                r.put(key(20), stored(2020));
            }
            let listed = listing(&r);
            assert_eq!(listed.len(), if removing_from_base { 58 } else { 59 });
            r.compact(true);
            assert!(r.top.entries.is_empty(), "all in the base");
            assert_eq!(listing(&r), listed, "same resources, same order");
            assert_eq!(r.len(), listed.len());
            assert_eq!(r.alias_of("urn:uuid:a"), Some(&key(3)));
            assert_eq!(r.alias_of("urn:uuid:b"), Some(&key(61)));
            for (k, _) in &listed {
                assert!(r.get(k).is_some());
            }
            assert!(r.get(&key(62)).is_none());
            assert_eq!(r.get(&key(10)).is_none(), removing_from_base);
            assert_eq!(listing(&base), before_changes, "the directory changed from is as it was");
        }
    }
}
