//! Changes to a directory: a `_history` (or `transaction`) Bundle applied to give the next
//! directory, several organisations' directories merged into one, and the shared current
//! directory that installs changes by compare-and-swap.

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::sync::Arc;

use arc_swap::ArcSwap;
use chrono::{DateTime, Utc};
use wijknet::registry::{CapacityUpdate, CapacityUpdateDoc, ContactDoc, HoursDoc};
use wijknet::{Error, Problems};

use super::build::{self, capacity_version};
use super::{DOCUMENT, Directory, Key, Kind, Origin, Resources, Stored, read_changes};
use crate::codes::EXT_CAPACITY;
use crate::json::{self, Node};
use crate::path::{At, Rd};

/// Whether two resources say the same, leaving out what changes with every version but says
/// nothing about the service (`meta`, `text`) and, with `skip_capacity`, the capacity extension.
/// Compares in place, without copying either.
fn same_essence(a: &Node, b: &Node, skip_capacity: bool) -> bool {
    let (Node::Obj(x), Node::Obj(y)) = (a, b) else { return a == b };
    let kept = |m: &'_ (crate::json::Text, Node)| &*m.0 != "meta" && &*m.0 != "text";
    let mut xs = x.iter().filter(|m| kept(m));
    let mut ys = y.iter().filter(|m| kept(m));
    loop {
        match (xs.next(), ys.next()) {
            (None, None) => return true,
            (Some((ka, va)), Some((kb, vb))) => {
                if ka != kb {
                    return false;
                }
                let equal = match (&**ka, va, vb) {
                    ("extension", Node::Arr(ea), Node::Arr(eb)) if skip_capacity => {
                        let not_capacity = |e: &&Node| e.get("url").and_then(Node::as_str) != Some(EXT_CAPACITY);
                        ea.iter().filter(not_capacity).eq(eb.iter().filter(not_capacity))
                    }
                    _ => va == vb,
                };
                if !equal {
                    return false;
                }
            }
            _ => return false,
        }
    }
}

/// The capacity extension of a HealthcareService, if any.
fn capacity_ext(node: &Node) -> Option<&Node> {
    match node.get("extension") {
        Some(Node::Arr(a)) => a.iter().find(|e| e.get("url").and_then(Node::as_str) == Some(EXT_CAPACITY)),
        _ => None,
    }
}

/// Sets the `version` part of a HealthcareService's capacity extension (for a source that does
/// not carry it, the change is the next version).
fn with_capacity_version(node: &Node, version: u64) -> Node {
    let mut node = node.clone();
    if let Node::Obj(members) = &mut node {
        for (k, v) in members.iter_mut() {
            if &**k != "extension" {
                continue;
            }
            let Node::Arr(exts) = v else { continue };
            for e in exts.iter_mut() {
                if e.get("url").and_then(Node::as_str) != Some(EXT_CAPACITY) {
                    continue;
                }
                let Node::Obj(parts) = e else { continue };
                for (pk, pv) in parts.iter_mut() {
                    if &**pk == "extension" {
                        if let Node::Arr(subs) = pv {
                            subs.retain(|s| s.get("url").and_then(Node::as_str) != Some("version"));
                            subs.push(Node::from_value(
                                serde_json::json!({"url": "version", "valueString": version.to_string()}),
                            ));
                        }
                    }
                }
            }
        }
    }
    node
}

/// The registry id of a stored HealthcareService.
fn service_id(node: &Node, key: &Key) -> String {
    let mut problems = Problems::new();
    build::registry_id(&mut Rd { problems: &mut problems }, node, &At::Root("HealthcareService"), &key.1).to_owned()
}

/// A change of an existing team that the registry takes without being built again: a new
/// capacity, or the service described anew (`only_capacity` false).
struct ServiceChange {
    id: String,
    stored: Stored,
    /// The team's capacity version after the change (the next one when its capacity changed).
    capacity_version: u64,
    only_capacity: bool,
    /// The service's area elements are as the registry read them (neither this change nor one
    /// before it in the bundle changed them), so its area is the registry's.
    same_area: bool,
}

/// A HealthcareService new to the directory that the registry takes as a new team
/// ([`wijknet::Registry::add_teams`]) without being built again.
struct NewService {
    id: String,
    stored: Stored,
    /// The registry id of the organisation that provides it.
    organisation: String,
}

/// The contact lists of teams that changed PractitionerRoles gave anew (as the registry document
/// writes contacts), in the order the teams were first changed, with the key of each team's
/// service.
#[derive(Default)]
struct ContactChanges {
    teams: Vec<(String, Key, Option<Vec<ContactDoc>>)>,
    by_id: HashMap<String, usize>,
    /// The services new to the directory that become new teams ([`NewService`]), by registry
    /// id: the roles after them in the bundle give their contacts, starting from none.
    new_teams: HashMap<String, Key>,
    /// The teams removed by this bundle, by registry id: a role cannot give them contacts.
    removed: BTreeSet<String>,
    /// The teams whose services this bundle described anew, by registry id.
    described: HashSet<String>,
    /// The teams new in this bundle that a later entry made inactive again, by registry id.
    withdrawn: HashSet<String>,
}

impl ContactChanges {
    /// Whether this bundle already described team `id` anew, added it or removed it.
    fn touched(&self, id: &str) -> bool {
        self.new_teams.contains_key(id) || self.removed.contains(id) || self.described.contains(id)
    }

    /// Team `id` leaves the registry: the contacts roles gave it before are dropped.
    fn remove_team(&mut self, id: String) {
        self.drop_contacts(&id);
        self.removed.insert(id);
    }

    /// Team `id`, new in this bundle, is not added after all: the contacts roles gave it before
    /// are dropped.
    fn withdraw_team(&mut self, id: String) {
        self.drop_contacts(&id);
        self.new_teams.remove(&id);
        self.withdrawn.insert(id);
    }

    fn drop_contacts(&mut self, id: &str) {
        if let Some(&i) = self.by_id.get(id) {
            self.teams[i].2 = None;
        }
    }
}

impl ContactChanges {
    fn is_empty(&self) -> bool {
        self.teams.is_empty()
    }

    /// Team `id`'s new contact list, taken out (`None` when no role changed it).
    fn take(&mut self, id: &str) -> Option<Vec<ContactDoc>> {
        self.by_id.get(id).and_then(|&i| self.teams[i].2.take())
    }
}

/// The contact a PractitionerRole gives, as the registry document writes it; `None` when it
/// has a problem (the registry built again reports it).
fn role_contact(res: &Resources, role: &Node) -> Option<ContactDoc> {
    let mut problems = Problems::new();
    let c = build::contact(&mut Rd { problems: &mut problems }, res, role, &At::Root("PractitionerRole"))?;
    problems.is_empty().then(|| map_contact(c, std::borrow::Cow::into_owned))
}

/// The services a role names (resolved; `None` on a problem, or beyond the registry's limit of
/// services a role names, which the registry built again reports).
fn service_keys(res: &Resources, role: &Node) -> Option<Vec<Key>> {
    let Some(Node::Arr(list)) = role.get("healthcareService") else { return None };
    if list.is_empty() || list.len() > build::MAX_ROLE_SERVICES {
        return None;
    }
    let mut problems = Problems::new();
    let rd = &mut Rd { problems: &mut problems };
    let at = At::Root("PractitionerRole");
    let keys: Option<Vec<Key>> =
        list.iter().map(|h| build::reference(rd, res, h, &at, Kind::HealthcareService)).collect();
    keys.filter(|_| problems.is_empty())
}

/// How many contacts the team of `service` lists from the roles before the role `key` (at
/// `mine` in the directory's order): one per reference to the service of each active role
/// that gives a contact, as the registry reads them. `None` when a role before it has a
/// problem (the registry built again reports it).
fn contacts_before(res: &Resources, key: &Key, mine: usize, service: &Key) -> Option<usize> {
    let mut n = 0;
    for (k, s) in res.roles_naming(service) {
        if k == key || res.position(k)? > mine {
            continue;
        }
        if build::inactive(&s.node) {
            continue;
        }
        // (A role naming no service is an organisation's fixed contact.)
        if !matches!(s.node.get("healthcareService"), Some(Node::Arr(a)) if !a.is_empty()) {
            continue;
        }
        let refs = service_keys(res, &s.node)?.iter().filter(|k| *k == service).count();
        if refs > 0 {
            role_contact(res, &s.node)?;
            n += refs;
        }
    }
    Some(n)
}

/// Replaces `before` by `after` in a team's list, where it is there exactly once.
fn replace(contacts: &mut [ContactDoc], before: &ContactDoc, after: &ContactDoc) -> bool {
    match unique(contacts, before) {
        Some(j) => {
            contacts[j] = after.clone();
            true
        }
        None => false,
    }
}

/// The place of `contact` in a team's list, when it is there exactly once.
fn unique(contacts: &[ContactDoc], contact: &ContactDoc) -> Option<usize> {
    let mut at = contacts.iter().enumerate().filter(|(_, c)| *c == contact).map(|(i, _)| i);
    match (at.next(), at.next()) {
        (Some(j), None) => Some(j),
        _ => None,
    }
}

/// A contact with its texts turned by `f` (between the registry document's owned texts and the
/// borrowed ones of a document read from the resources).
fn map_contact<A, B>(c: ContactDoc<A>, mut f: impl FnMut(A) -> B) -> ContactDoc<B> {
    ContactDoc {
        name: f(c.name),
        role: f(c.role),
        phone: c.phone.map(&mut f),
        email: c.email.map(&mut f),
        hours: c
            .hours
            .into_iter()
            .map(|h| HoursDoc { days: h.days.into_iter().map(&mut f).collect(), from: f(h.from), to: f(h.to) })
            .collect(),
    }
}

/// Whether a changed Organization is a department (`partOf`) that stays one of the same
/// organisation, active, with a registry id without a problem: the registry holds no
/// department, only the organisation its services and contracts count for, so a new name or
/// identifier changes nothing it holds.
fn same_department(old: &Node, new: &Node, key: &Key) -> bool {
    let mut problems = Problems::new();
    let rd = &mut Rd { problems: &mut problems };
    let same = new.get("partOf").is_some()
        && old.get("partOf") == new.get("partOf")
        && !build::inactive(old)
        && !build::inactive(new);
    // (Checked for departments too when the registry is built again.)
    build::registry_id(rd, new, &At::Root("Organization"), &key.1);
    same && problems.is_empty()
}

/// Whether a new Organization is one the registry holds nothing of until another resource
/// refers to it: inactive (reading the resources skips it), or an active department (`partOf`)
/// whose registry id reads without a problem (the one check reading the resources makes of a
/// department nothing refers to). A service it provides later in the bundle is a new team of
/// its top organisation; a contract or fixed contact naming it is one the registry cannot take
/// alone: built again.
fn unheld_organisation(new: &Node, key: &Key) -> bool {
    if build::inactive(new) {
        return true;
    }
    let mut problems = Problems::new();
    let rd = &mut Rd { problems: &mut problems };
    build::registry_id(rd, new, &At::Root("Organization"), &key.1);
    new.get("partOf").is_some() && problems.is_empty()
}

/// Whether a Location is a municipality of the registry (its `identifier`), which the registry
/// holds with its name and PC4s.
fn is_municipality(node: &Node) -> bool {
    matches!(node.get("identifier"), Some(Node::Arr(list))
        if list.iter().any(|i| i.get("system").and_then(Node::as_str) == Some(crate::codes::MUNICIPALITY)))
}

/// What a changed Location (not a municipality either time, read without a problem) does to the
/// services that name it: `Some(false)` when it gives them the same part of their area (a new
/// name, address line, position or status changes nothing the registry holds), `Some(true)`
/// when another (a new postcode, PC4 range or kind: their areas are read again). `None` for a
/// municipality (the registry holds it, with its name and PC4s) or a problem: the registry is
/// built again.
fn moved_area_part(old: &Node, new: &Node) -> Option<bool> {
    let mut problems = Problems::new();
    let rd = &mut Rd { problems: &mut problems };
    let at = At::Root("Location");
    if is_municipality(old) || is_municipality(new) {
        return None;
    }
    let moved = build::area_part(rd, old, &at) != build::area_part(rd, new, &at);
    problems.is_empty().then_some(moved)
}

/// Whether a service's area names the Location `key` (its `coverageArea` or an exclusion).
fn names_location(res: &Resources, service: &Node, key: &Key) -> bool {
    super::area_references(service).any(|r| {
        r.get("reference").and_then(Node::as_str).is_some_and(|t| res.resolve(t, Kind::Location).as_ref() == Ok(key))
    })
}

/// Whether two versions of a service give the same area: the same `coverageArea` and the same
/// exclusions (the Locations they name cannot have changed: that is a rebuild).
fn same_area(old: &Node, new: &Node) -> bool {
    old.get("coverageArea") == new.get("coverageArea") && super::exclusions(old).eq(super::exclusions(new))
}

/// Whether team `id` keeps the area the registry holds after this change, noting in `changed`
/// the teams whose area a change of the bundle has changed.
fn kept_area(changed: &mut HashSet<String>, id: &str, old: &Node, new: &Node) -> bool {
    if !same_area(old, new) {
        changed.insert(id.to_owned());
    }
    !changed.contains(id)
}

/// Whether a changed HealthcareService still describes the same team of the same organisation
/// in the same way the registry holds it, so that [`wijknet::Registry::replace_teams`] can take
/// it: active before and after, a team (not a coordination point) with the same registry id and
/// the same `providedBy`, and a capacity extension (without one, the capacity is read from
/// `meta.lastUpdated`, which only a rebuild reads the same way). Other changes (and changes of
/// other resources) rebuild the registry.
fn team_local(old: &Node, new: &Node, id: &str, key: &Key) -> bool {
    let mut problems = Problems::new();
    let rd = &mut Rd { problems: &mut problems };
    let at = At::Root("HealthcareService");
    capacity_ext(new).is_some()
        && !build::inactive(old)
        && !build::inactive(new)
        && old.get("providedBy") == new.get("providedBy")
        && service_id(old, key) == id
        && !build::is_coordination_point(rd, old, &at)
        && !build::is_coordination_point(rd, new, &at)
}

/// A changed Organization that is the same organisation of the registry described anew.
struct OrganisationChange {
    key: Key,
    stored: Stored,
}

impl Directory {
    /// Whether a changed Organization describes the same organisation of the registry anew:
    /// active before and after, not a department (`partOf`) either time, with the same registry
    /// id, the kind the registry holds and no problem. Its contracts and fixed contact come from
    /// other resources (OrganizationAffiliations, PractitionerRoles), which are as before, or
    /// their change rebuilds the registry.
    fn organisation_local(&self, old: &Node, new: &Node, key: &Key) -> bool {
        let mut problems = Problems::new();
        let rd = &mut Rd { problems: &mut problems };
        let at = At::Root("Organization");
        if build::inactive(old) || build::inactive(new) || old.get("partOf").is_some() || new.get("partOf").is_some() {
            return false;
        }
        let id = build::registry_id(rd, new, &at, &key.1);
        if id != build::registry_id(rd, old, &at, &key.1) {
            return false;
        }
        let Some(current) = self.registry.organisation(id) else { return false };
        let kind = build::organisation(rd, new, &at, std::borrow::Cow::Borrowed(id)).map(|o| o.kind);
        kind.as_deref() == Some(current.kind.code()) && problems.is_empty()
    }

    /// The registry id of an Organization new to the directory, when the registry can take it
    /// as a new organisation without being built again: active, not a department (`partOf`),
    /// an id no organisation of the registry (or one before it in the bundle) has, without a
    /// problem. Its contracts and fixed contact come from other resources, which make it
    /// anew.
    fn new_organisation(&self, new: &Node, key: &Key, new_orgs: &HashSet<String>) -> Option<String> {
        let mut problems = Problems::new();
        let rd = &mut Rd { problems: &mut problems };
        let at = At::Root("Organization");
        if build::inactive(new) || new.get("partOf").is_some() {
            return None;
        }
        let id = build::registry_id(rd, new, &at, &key.1);
        if self.registry.organisation(id).is_some() || new_orgs.contains(id) {
            return None;
        }
        build::organisation(rd, new, &at, std::borrow::Cow::Borrowed(id))?;
        problems.is_empty().then(|| id.to_owned())
    }

    /// The organisation (its registry id) of a HealthcareService new to the directory, when the
    /// registry can take the service as a new team without being built again: active, a team
    /// (not a coordination point) with the capacity extension, provided by an active
    /// organisation of the registry or a department of one ([`Directory::providing_organisation`]),
    /// without a problem. A new team comes after every other in the directory's order, as it
    /// does in the registry's list of teams.
    fn new_team(&self, res: &Resources, new: &Node, new_orgs: &HashSet<String>) -> Option<String> {
        let mut problems = Problems::new();
        let rd = &mut Rd { problems: &mut problems };
        let at = At::Root("HealthcareService");
        if build::inactive(new) || capacity_ext(new).is_none() || build::is_coordination_point(rd, new, &at) {
            return None;
        }
        if !problems.is_empty() {
            return None;
        }
        self.providing_organisation(res, new.get("providedBy"), new_orgs)
    }

    /// The registry id of the organisation a service's `providedBy` counts for, as reading the
    /// resources anew finds it: the Organization referred to (active), or, for a department,
    /// the organisation at the top of its `partOf` chain; that organisation as
    /// [`Directory::held_organisation`] takes it. `None` when the chain ends elsewhere, runs in a
    /// cycle or a reference has a problem: the registry built again reports it. A department's
    /// team counts for its top organisation, so a new department and the services it provides
    /// need no rebuild.
    fn providing_organisation(
        &self,
        res: &Resources,
        reference: Option<&Node>,
        new_orgs: &HashSet<String>,
    ) -> Option<String> {
        let mut problems = Problems::new();
        let rd = &mut Rd { problems: &mut problems };
        let at = At::Root("Organization");
        let mut key = build::reference(rd, res, reference?, &at, Kind::Organization)?;
        let mut org = &res.get(&key)?.node;
        if build::inactive(org) {
            return None;
        }
        // Each department of the chain once: a chain that comes back is a cycle (refused).
        let mut departments: HashSet<Key> = HashSet::new();
        while let Some(parent) = org.get("partOf") {
            let next = build::reference(rd, res, parent, &at.f("partOf"), Kind::Organization)?;
            if !departments.insert(std::mem::replace(&mut key, next)) {
                return None;
            }
            org = &res.get(&key)?.node;
        }
        let id = self.held_organisation(rd, res, &key, new_orgs)?;
        problems.is_empty().then_some(id)
    }

    /// The key and registry id of the Organization that `reference` (an element with a
    /// `reference`) names, when [`Directory::held_organisation`] takes it: an insurer or
    /// provider whose contracts the registry can change without being built again.
    fn direct_organisation(
        &self,
        res: &Resources,
        reference: Option<&Node>,
        new_orgs: &HashSet<String>,
    ) -> Option<(Key, String)> {
        let mut problems = Problems::new();
        let rd = &mut Rd { problems: &mut problems };
        let key = build::reference(rd, res, reference?, &At::Root("Organization"), Kind::Organization)?;
        let id = self.held_organisation(rd, res, &key, new_orgs)?;
        problems.is_empty().then_some((key, id))
    }

    /// The registry id of Organization `key` when it is an active organisation of the registry
    /// (or new in this bundle, `new_orgs`) that is not a department; its id's problems go to `rd`.
    fn held_organisation(
        &self,
        rd: &mut Rd<'_>,
        res: &Resources,
        key: &Key,
        new_orgs: &HashSet<String>,
    ) -> Option<String> {
        let org = &res.get(key)?.node;
        if build::inactive(org) || org.get("partOf").is_some() {
            return None;
        }
        let id = build::registry_id(rd, org, &At::Root("Organization"), &key.1).to_owned();
        (self.registry.organisation(&id).is_some() || new_orgs.contains(&id)).then_some(id)
    }

    /// The insurers (registry ids) that provider `key` contracts as the registry reads them,
    /// when every contract naming it names it directly (not through a department) and an
    /// insurer of the registry: the active insurer-contract OrganizationAffiliations whose
    /// participating organisation is `key`, in the directory's order. `None` when one of them
    /// does not (the registry built again reads it).
    fn direct_insurers(&self, res: &Resources, key: &Key, new_orgs: &HashSet<String>) -> Option<Vec<String>> {
        let mut insurers = Vec::new();
        for (_, s) in res.referrers(key, Kind::OrganizationAffiliation) {
            let mut problems = Problems::new();
            let rd = &mut Rd { problems: &mut problems };
            let at = At::Root("OrganizationAffiliation");
            if !build::is_contract(rd, &s.node, &at) || build::inactive(&s.node) {
                if !rd.problems.is_empty() {
                    return None;
                }
                continue;
            }
            let provider = build::reference(rd, res, s.node.get("participatingOrganization")?, &at, Kind::Organization);
            if provider.as_ref() != Some(key) {
                // Another organisation's contract (the index gives a superset), or a problem.
                if !rd.problems.is_empty() {
                    return None;
                }
                continue;
            }
            insurers.push(self.direct_organisation(res, s.node.get("organization"), new_orgs)?.1);
        }
        Some(insurers)
    }

    /// Whether a changed, new or removed OrganizationAffiliation changes only the contracts of
    /// providers the registry can describe anew: every contract among its versions (`old`,
    /// `new`) names a provider and an insurer that are organisations of the registry, not
    /// departments, and each provider's contracts as the registry holds them are its direct
    /// ones ([`Directory::direct_insurers`], checked the first time the bundle changes one of
    /// its contracts). The providers go to `providers`, to have their contracts read again
    /// once the bundle is applied. An affiliation that is no contract either time changes
    /// nothing the registry holds.
    fn contract_changed(
        &self,
        res: &Resources,
        versions: [Option<&Node>; 2],
        providers: &mut BTreeSet<Key>,
        new_orgs: &HashSet<String>,
    ) -> bool {
        for node in versions.into_iter().flatten() {
            let mut problems = Problems::new();
            let contract =
                build::is_contract(&mut Rd { problems: &mut problems }, node, &At::Root("OrganizationAffiliation"));
            if !problems.is_empty() {
                return false;
            }
            if !contract || build::inactive(node) {
                continue;
            }
            let (Some((key, provider)), Some(_)) = (
                self.direct_organisation(res, node.get("participatingOrganization"), new_orgs),
                self.direct_organisation(res, node.get("organization"), new_orgs),
            ) else {
                return false;
            };
            if !providers.contains(&key) {
                // (An organisation new in this bundle holds no contracts yet.)
                let held = match self.registry.organisation(&provider) {
                    Some(o) => Some(&o.contracted_insurers[..]),
                    None => new_orgs.contains(&provider).then_some(&[][..]),
                };
                let direct = self.direct_insurers(res, &key, new_orgs);
                let same = match (held, direct) {
                    (Some(held), Some(direct)) => held.iter().map(|i| i.as_str()).eq(direct.iter().map(String::as_str)),
                    _ => false,
                };
                if !same {
                    return false;
                }
                providers.insert(key);
            }
        }
        true
    }

    /// The registry id of the team a HealthcareService removed from the registry was (deleted,
    /// or made inactive: `inactive`), when the registry can drop it without being built again:
    /// an active team of the registry (not a coordination point) that no change before it in the
    /// bundle described anew, added or removed (`touched`; the contacts roles gave it are
    /// dropped with it); a deleted one also named by no active PractitionerRole (the
    /// directory built again refuses the dangling reference).
    fn team_removed(
        &self,
        res: &Resources,
        key: &Key,
        old: &Node,
        inactive: bool,
        changes: &ContactChanges,
    ) -> Option<String> {
        let mut problems = Problems::new();
        let rd = &mut Rd { problems: &mut problems };
        if build::inactive(old) || build::is_coordination_point(rd, old, &At::Root("HealthcareService")) {
            return None;
        }
        let id = service_id(old, key);
        if self.registry.team_index(&id).is_none() || changes.touched(&id) || !problems.is_empty() {
            return None;
        }
        let named = |role: &Stored| {
            !build::inactive(&role.node)
                && matches!(role.node.get("healthcareService"), Some(Node::Arr(a)) if !a.is_empty())
                && service_keys(res, &role.node).is_none_or(|keys| keys.contains(key))
        };
        (inactive || !res.roles_naming(key).into_iter().any(|(_, role)| named(role))).then_some(id)
    }

    /// The teams whose area a Location of `moved` changed, described anew with their area read
    /// again: after every change of the bundle, so from the services and Locations as the bundle
    /// leaves them. A team whose service changed in the bundle has its last change read its
    /// area again; a team removed or new in the bundle is left as that change leaves it. `false`
    /// when a service naming one is active and no team of the registry (a coordination point):
    /// then the registry is built again.
    fn moved_areas(
        &self,
        res: &Resources,
        moved: &[Key],
        team_changes: &mut Vec<ServiceChange>,
        versions: &HashMap<String, u64>,
        contacts: &ContactChanges,
    ) -> bool {
        let mut last: HashMap<String, usize> =
            team_changes.iter().enumerate().map(|(i, c)| (c.id.clone(), i)).collect();
        for location in moved {
            for (key, stored) in res.referrers(location, Kind::HealthcareService) {
                if build::inactive(&stored.node) || !names_location(res, &stored.node, location) {
                    continue;
                }
                let id = service_id(&stored.node, key);
                if contacts.removed.contains(&id) || contacts.new_teams.contains_key(&id) {
                    continue;
                }
                if let Some(&i) = last.get(&id) {
                    team_changes[i].same_area = false;
                    team_changes[i].only_capacity = false;
                    continue;
                }
                let mut problems = Problems::new();
                let rd = &mut Rd { problems: &mut problems };
                let point = build::is_coordination_point(rd, &stored.node, &At::Root("HealthcareService"));
                let Some(t) = self.registry.team_index(&id).filter(|_| !point && problems.is_empty()) else {
                    return false;
                };
                let capacity_version = versions.get(&id).copied().unwrap_or_else(|| self.registry.capacity(t).version);
                last.insert(id.clone(), team_changes.len());
                team_changes.push(ServiceChange {
                    id,
                    stored: stored.clone(),
                    capacity_version,
                    only_capacity: false,
                    same_area: false,
                });
            }
        }
        true
    }

    /// Whether a changed PractitionerRole changes only the contact it gives the teams it names:
    /// active before and after, naming the same services. If so, its contact is replaced in each
    /// team's list in `changes` ([`Directory::edit_contacts`]). A role's contact sits in a team's
    /// list where the role sits among the roles naming the team (which a change keeps); found by
    /// its old value, it must be there exactly once, or the place is not known and the registry
    /// is built again.
    fn role_changed(&self, res: &Resources, key: &Key, old: &Node, new: &Node, changes: &mut ContactChanges) -> bool {
        if build::inactive(old) || build::inactive(new) {
            return false;
        }
        let (Some(before), Some(after)) = (role_contact(res, old), role_contact(res, new)) else { return false };
        if old.get("healthcareService") == new.get("healthcareService") {
            return self.edit_contacts(res, old, changes, |contacts| replace(contacts, &before, &after));
        }
        self.role_moved(res, key, (old, &before), (new, &after), changes)
    }

    /// A role naming other services than before (a nurse moving to another team, say): its
    /// contact leaves the teams it no longer names (found by value, exactly once), is replaced
    /// in those it still names, and joins the others in its place there: after the contacts of
    /// the roles before it in the directory's order that name the team, as the registry built
    /// again has it. Those roles are found through the roles' index
    /// ([`Resources::roles_naming`]). A role naming a service twice is left to the rebuild.
    fn role_moved(
        &self,
        res: &Resources,
        key: &Key,
        (old, before): (&Node, &ContactDoc),
        (new, after): (&Node, &ContactDoc),
        changes: &mut ContactChanges,
    ) -> bool {
        let (Some(olds), Some(news)) = (service_keys(res, old), service_keys(res, new)) else { return false };
        for (k, service) in olds.iter().enumerate() {
            let stays = news.contains(service);
            let edited = self.edit_team(res, service, changes, |contacts| match unique(contacts, before) {
                Some(j) if stays => {
                    contacts[j] = after.clone();
                    true
                }
                Some(j) => {
                    contacts.remove(j);
                    true
                }
                None => false,
            });
            if !edited || olds[..k].contains(service) {
                return false;
            }
        }
        let Some(mine) = res.position(key) else { return false };
        for (k, service) in news.iter().enumerate() {
            if olds.contains(service) {
                continue;
            }
            let Some(place) = contacts_before(res, key, mine, service) else { return false };
            let edited = self.edit_team(res, service, changes, |contacts| {
                place <= contacts.len() && {
                    contacts.insert(place, after.clone());
                    true
                }
            });
            if !edited || news[..k].contains(service) {
                return false;
            }
        }
        true
    }

    /// Whether a changed Practitioner only renames the contact of the roles that name it: each
    /// active role's contact (in `res`, before the change) replaced by the one it gives with
    /// `new`, in each team it names, in its place ([`Directory::role_changed`]). `res` gets the
    /// new version. A role naming no service (an organisation's fixed contact) is not a change
    /// of teams.
    fn practitioner_changed(&self, res: &mut Resources, key: &Key, new: &Stored, changes: &mut ContactChanges) -> bool {
        // The roles naming it: a reference ends in its id or is a `urn:` alias, then resolved.
        let roles: Vec<Stored> = res
            .roles_naming(key)
            .into_iter()
            .filter(|(_, s)| !build::inactive(&s.node))
            .filter(|(_, s)| {
                let text = s.node.get("practitioner").and_then(|p| p.get("reference")).and_then(Node::as_str);
                text.is_some_and(|t| {
                    (t.starts_with("urn:") || t.contains(&*key.1))
                        && res.resolve(t, Kind::Practitioner).is_ok_and(|k| k == *key)
                })
            })
            .map(|(_, s)| s.clone())
            .collect();
        let before: Vec<Option<ContactDoc>> = roles.iter().map(|r| role_contact(res, &r.node)).collect();
        res.put(key.clone(), new.clone());
        roles.iter().zip(before).all(|(role, before)| {
            let (Some(before), Some(after)) = (before, role_contact(res, &role.node)) else { return false };
            self.edit_contacts(res, &role.node, changes, |contacts| replace(contacts, &before, &after))
        })
    }

    /// Whether a PractitionerRole new to the directory only adds its contact to the teams it
    /// names: active, naming services. A new resource comes after every other in the directory's
    /// order, so its contact comes last in each team's list. (One removed earlier in the same
    /// bundle would come back to its old place: the caller builds the registry again for it.)
    fn role_added(&self, res: &Resources, new: &Node, changes: &mut ContactChanges) -> bool {
        if build::inactive(new) {
            return false;
        }
        let Some(contact) = role_contact(res, new) else { return false };
        self.edit_contacts(res, new, changes, |contacts| {
            contacts.push(contact.clone());
            true
        })
    }

    /// Whether removing a PractitionerRole only takes its contact from the teams it names (found
    /// by value, exactly once); an inactive role gave the registry nothing.
    fn role_removed(&self, res: &Resources, old: &Node, changes: &mut ContactChanges) -> bool {
        if build::inactive(old) {
            return true;
        }
        let Some(contact) = role_contact(res, old) else { return false };
        self.edit_contacts(res, old, changes, |contacts| match unique(contacts, &contact) {
            Some(j) => {
                contacts.remove(j);
                true
            }
            None => false,
        })
    }

    /// Applies `edit` to the contact list of each team `role` names (once per reference, as the
    /// registry reads them), gathering the lists in `changes`; whether every named service is an
    /// active team of the registry (not a coordination point) with the capacity extension, and
    /// every edit could be made. A role naming no service is an organisation's fixed contact:
    /// not a change of teams.
    fn edit_contacts(
        &self,
        res: &Resources,
        role: &Node,
        changes: &mut ContactChanges,
        mut edit: impl FnMut(&mut Vec<ContactDoc>) -> bool,
    ) -> bool {
        let Some(services) = service_keys(res, role) else { return false };
        services.iter().all(|service| self.edit_team(res, service, changes, &mut edit))
    }

    /// Applies `edit` to the contact list of the team of HealthcareService `service`, gathered
    /// in `changes`; whether the service is an active team of the registry (not a coordination
    /// point) with the capacity extension, and the edit could be made within the registry's
    /// limit of contacts per team.
    fn edit_team(
        &self,
        res: &Resources,
        service: &Key,
        changes: &mut ContactChanges,
        edit: impl FnOnce(&mut Vec<ContactDoc>) -> bool,
    ) -> bool {
        let mut problems = Problems::new();
        let rd = &mut Rd { problems: &mut problems };
        let Some(s) = res.get(service) else { return false };
        if build::inactive(&s.node)
            || capacity_ext(&s.node).is_none()
            || build::is_coordination_point(rd, &s.node, &At::Root("HealthcareService"))
            || !problems.is_empty()
        {
            return false;
        }
        let id = service_id(&s.node, service);
        if changes.removed.contains(&id) {
            return false;
        }
        let i = match changes.by_id.get(&id) {
            Some(&i) => i,
            None => {
                let contacts = match self.registry.team(&id) {
                    Some(team) => team.contacts.iter().map(|c| ContactDoc::from(&**c)).collect(),
                    // A team new in this bundle: only the roles after it name it.
                    None if changes.new_teams.get(&id) == Some(service) => Vec::new(),
                    None => return false,
                };
                changes.teams.push((id.clone(), service.clone(), Some(contacts)));
                changes.by_id.insert(id, changes.teams.len() - 1);
                changes.teams.len() - 1
            }
        };
        let contacts = changes.teams[i].2.as_mut().expect("taken only when the changes are applied");
        edit(contacts) && contacts.len() <= wijknet::limits::MAX_TEAM_CONTACTS
    }

    /// Applies a `_history` Bundle (or a `transaction` of PUT, POST and DELETE entries) and gives
    /// the next directory; `self` is unchanged.
    ///
    /// A history Bundle lists the newest version first (FHIR R4, `http.html#history`), so its
    /// entries are applied from the last to the first; a transaction in its order. Every change
    /// of a team's capacity follows the capacity update discipline: the capacity version in the
    /// HealthcareService's capacity extension must be the team's current version plus one (a
    /// change based on another version is [`Error::VersionConflict`] and nothing is applied);
    /// a source that does not write the version gets the next one.
    ///
    /// Three ways, from the cheapest, each giving the registry that reading the resulting
    /// resources anew gives:
    /// - every change is a new capacity (a HealthcareService whose other elements are as
    ///   before): the registry is updated team by team ([`wijknet::Registry::update_capacities`]),
    ///   sharing everything else, positions included, so agreements built for it stay bound;
    /// - every change is to existing teams' HealthcareServices (name, area, care types, nurse
    ///   level, times, languages, capacity; same organisation, same registry id, with the
    ///   capacity extension), to the contacts PractitionerRoles give them (a role changed, also
    ///   one naming other services: its contact in its place in each team; removed; or new: its
    ///   contact last), a Practitioner (new, or
    ///   renamed: the contacts of the roles naming it), or an Organization (same kind and
    ///   registry id, not a department), or is a new HealthcareService (active, a team with the
    ///   capacity extension, of an organisation of the registry that is not a department,
    ///   its contacts from the roles after it; described again later in the bundle, it is added
    ///   as its last description says, if that is still such a team; made inactive again, it
    ///   is never added), or removes a
    ///   team's HealthcareService (deleted when no active role names it any more, or made
    ///   inactive; not changed before in the bundle; described again still inactive, it
    ///   changes nothing more), or changes an insurer contract
    ///   (an OrganizationAffiliation, new, changed or deleted, between an insurer and a
    ///   provider of the registry, neither a department, whose contracts the registry holds
    ///   as their direct affiliations give them; an affiliation that is no contract changes
    ///   nothing), or is a new Organization (active, not a department, with an id of its
    ///   own; its teams and contracts may follow in the bundle): the new organisations added
    ///   ([`wijknet::Registry::add_organisations`]), those organisations (each provider with
    ///   its contracts read again)
    ///   ([`wijknet::Registry::replace_organisations`]) and teams
    ///   ([`wijknet::Registry::replace_teams`]) are described anew, the removed teams dropped
    ///   ([`wijknet::Registry::remove_teams`]) and the new ones added after the others
    ///   ([`wijknet::Registry::add_teams`]), the rest shared; a Location that gives another
    ///   part of an area (a new postcode or PC4 range; no municipality either time, read without
    ///   a problem) describes anew every team whose area names it, its area read again after all
    ///   the changes of the bundle (a coordination point naming it rebuilds);
    /// - a Location that is no municipality and gives the same part of an area as before (a new
    ///   name, address line, position or status), or a new one (not a municipality) that no
    ///   service names yet, a Location deleted that no service's area names (not a
    ///   municipality), a department (`partOf`) renamed (still part of the same
    ///   organisation, active), and a new department or new inactive Organization (nothing
    ///   refers to it yet), change nothing the registry holds; a new service that a department
    ///   provides is a new team of the organisation at the top of the department's `partOf`
    ///   chain, as the other new teams;
    /// - any other change (another new or deleted resource, a municipality changed, an organisation
    ///   of another kind or a department changed, a contract or fixed contact referring to a
    ///   department, a PractitionerRole naming one service twice, a team moved) rebuilds the
    ///   registry from the resources.
    ///
    /// The registry version goes up by the number of entries in the third way; in the first
    /// two by one per capacity update, organisation or team described anew, team added (once,
    /// however often the bundle describes it) or team removed (one per change of
    /// a service or an organisation, one
    /// per team a changed role names unless its service changed too, one per team naming a
    /// Location that gives another part of an area unless its service changed too; nothing for
    /// a change that changes nothing the registry holds).
    pub fn apply_history(&self, bytes: &[u8]) -> Result<Directory, Error> {
        let node = json::parse(bytes, "Bundle", DOCUMENT)?;
        self.apply_history_node(node)
    }

    /// [`Directory::apply_history`] for a parsed bundle.
    pub fn apply_history_node(&self, mut bundle: Node) -> Result<Directory, Error> {
        let mut problems = Problems::new();
        let mut rd = Rd { problems: &mut problems };
        let history = bundle.get("type").and_then(Node::as_str) == Some("history");
        let Some(mut changes) = read_changes(&mut rd, &mut bundle, &At::Root("Bundle"), &["history", "transaction"])
        else {
            return Err(crate::path::invalid(DOCUMENT, problems));
        };
        if !problems.is_empty() {
            return Err(crate::path::invalid(DOCUMENT, problems));
        }
        if history {
            changes.reverse();
        }
        let mut res: Resources = (*self.resources).clone();
        let mut structural = false;
        let mut team_changes: Vec<ServiceChange> = Vec::new();
        let mut area_changed: HashSet<String> = HashSet::new();
        let mut contacts = ContactChanges::default();
        // Resources removed by this bundle: one added again returns to its old place.
        let mut removed: HashSet<Key> = HashSet::new();
        let mut organisations: Vec<OrganisationChange> = Vec::new();
        let mut versions: HashMap<String, u64> = HashMap::new();
        let mut new_services: Vec<NewService> = Vec::new();
        // Where each of them is in `new_services` (a bundle may describe thousands of new
        // services again: finding one is a lookup, not a scan).
        let mut new_at: HashMap<String, usize> = HashMap::new();
        // Providers whose contracts (OrganizationAffiliations) changed.
        let mut contract_providers: BTreeSet<Key> = BTreeSet::new();
        // Organizations new to the directory that the registry takes as they are, and their
        // registry ids.
        let mut new_orgs: Vec<Key> = Vec::new();
        let mut new_org_ids: HashSet<String> = HashSet::new();
        // Locations that give the services naming them another part of their area.
        let mut moved_locations: Vec<Key> = Vec::new();
        let count = changes.len() as u64;
        for c in changes {
            if let Some(url) = &c.full_url {
                res.alias(url, c.key.clone());
            }
            let Some(new) = c.resource else {
                let local = match res.get(&c.key) {
                    None => return Err(Error::NotFound { kind: c.key.0.name(), id: c.key.1.to_string() }),
                    Some(old) if c.key.0 == Kind::HealthcareService => {
                        let gone = self.team_removed(&res, &c.key, &old.node, false, &contacts);
                        gone.map(|id| contacts.remove_team(id)).is_some()
                    }
                    Some(old) if c.key.0 == Kind::OrganizationAffiliation => {
                        self.contract_changed(&res, [Some(&old.node), None], &mut contract_providers, &new_org_ids)
                    }
                    // A Location no service's area names (not a municipality) is nothing to the
                    // registry; one named leaves a dangling reference, which the rebuild refuses.
                    Some(old) if c.key.0 == Kind::Location => {
                        !is_municipality(&old.node)
                            && !res
                                .referrers(&c.key, Kind::HealthcareService)
                                .iter()
                                .any(|(_, s)| names_location(&res, &s.node, &c.key))
                    }
                    Some(old) => c.key.0 == Kind::PractitionerRole && self.role_removed(&res, &old.node, &mut contacts),
                };
                structural |= !local;
                res.remove(&c.key);
                removed.insert(c.key);
                continue;
            };
            let mut new = new;
            if c.key.0 == Kind::HealthcareService {
                let id = service_id(&new.node, &c.key);
                // A team this bundle made inactive, described again still inactive: nothing
                // the registry holds (reading the resources anew ignores an inactive service).
                if contacts.removed.contains(&id)
                    && build::inactive(&new.node)
                    && res.get(&c.key).is_some_and(|old| build::inactive(&old.node))
                {
                    res.put(c.key, new);
                    continue;
                }
                // A service new in this bundle, described again: added as its last description
                // says (below). A team removed in this bundle changed otherwise, one new in it
                // and made inactive again, or an id taken by another service: built again.
                let renewed = contacts.new_teams.get(&id) == Some(&c.key);
                structural |= (contacts.new_teams.contains_key(&id) && !renewed)
                    || contacts.removed.contains(&id)
                    || contacts.withdrawn.contains(&id);
                let current = match versions.get(&id) {
                    Some(v) => Some(*v),
                    None => self.registry.team_index(&id).map(|i| self.registry.capacity(i).version),
                };
                let unchanged = res.get(&c.key).is_some_and(|old| capacity_ext(&old.node) == capacity_ext(&new.node));
                // The team's capacity version after this change, and whether the change gave it.
                let after = match (current, unchanged) {
                    (Some(cur), false) => {
                        let next = cur.checked_add(1).ok_or_else(|| Error::Invalid {
                            document: DOCUMENT,
                            problems: vec![wijknet::Problem {
                                path: new.path.to_string(),
                                reason: "team capacity version is at its maximum and cannot be increased".into(),
                            }],
                        })?;
                        match capacity_version(&new.node) {
                            Some(v) if v != next => {
                                return Err(Error::VersionConflict {
                                    what: "team capacity",
                                    id,
                                    expected: v.saturating_sub(1),
                                    actual: cur,
                                });
                            }
                            Some(_) => {}
                            None if new.node.get("extension").is_some() => {
                                new = Stored { node: Arc::new(with_capacity_version(&new.node, next)), path: new.path };
                            }
                            None => {}
                        }
                        versions.insert(id.clone(), next);
                        Some((next, true))
                    }
                    (Some(cur), true) => Some((cur, false)),
                    (None, _) => None,
                };
                if renewed && build::inactive(&new.node) && !structural {
                    // Made inactive again: never a team after all. The contacts the roles
                    // before gave it go with it (reading the resources anew ignores roles
                    // naming an inactive service); described again, it is built again.
                    // Left in `new_services` until all are read, then taken out at once.
                    contacts.withdraw_team(id);
                    res.put(c.key, new);
                    continue;
                }
                if renewed {
                    // Still a team the registry takes alone: added as this description says,
                    // with the contacts the roles before and after it give.
                    match self.new_team(&res, &new.node, &new_org_ids) {
                        Some(organisation) if !structural => {
                            let n = &mut new_services[new_at[&id]];
                            *n = NewService { id, stored: new.clone(), organisation };
                        }
                        _ => structural = true,
                    }
                    res.put(c.key, new);
                    continue;
                }
                // Only capacity (its other elements as before), or the team described anew.
                let old = res.get(&c.key);
                let only_capacity = match (after, old) {
                    (Some(_), Some(old)) if same_essence(&old.node, &new.node, true) => Some(true),
                    (Some(_), Some(old)) if team_local(&old.node, &new.node, &id, &c.key) => Some(false),
                    _ => None,
                };
                match (after, old, only_capacity) {
                    // Nothing the registry holds changed (`meta`, `text`).
                    (Some((_, false)), _, Some(true)) => {}
                    (Some((capacity_version, _)), Some(old), Some(only_capacity)) => {
                        let same_area = kept_area(&mut area_changed, &id, &old.node, &new.node);
                        contacts.described.insert(id.clone());
                        team_changes.push(ServiceChange {
                            id,
                            stored: new.clone(),
                            capacity_version,
                            only_capacity,
                            same_area,
                        });
                    }
                    // Made inactive: the team leaves the registry.
                    (Some(_), Some(old), None) if build::inactive(&new.node) => {
                        match self.team_removed(&res, &c.key, &old.node, true, &contacts) {
                            Some(id) => contacts.remove_team(id),
                            None => structural = true,
                        }
                    }
                    (Some(_), _, _) => structural = true,
                    (None, _, _) => {
                        // New to the directory (not back after a removal), a new team.
                        let organisation = match old {
                            None if !removed.contains(&c.key) => self.new_team(&res, &new.node, &new_org_ids),
                            _ => None,
                        };
                        if let Some(v) = capacity_version(&new.node) {
                            versions.insert(id.clone(), v);
                        }
                        match organisation {
                            Some(organisation) if !structural => {
                                contacts.new_teams.insert(id.clone(), c.key.clone());
                                new_at.insert(id.clone(), new_services.len());
                                new_services.push(NewService { id, stored: new.clone(), organisation });
                            }
                            _ => structural = true,
                        }
                    }
                }
            } else if c.key.0 == Kind::Practitioner
                && res.get(&c.key).is_some_and(|old| !same_essence(&old.node, &new.node, false))
            {
                structural |= !self.practitioner_changed(&mut res, &c.key, &new, &mut contacts);
            } else {
                structural |= match res.get(&c.key) {
                    Some(old) if same_essence(&old.node, &new.node, false) => false,
                    Some(old) if c.key.0 == Kind::PractitionerRole => {
                        !self.role_changed(&res, &c.key, &old.node, &new.node, &mut contacts)
                    }
                    // New to the directory (not back after a removal, which returns to its old
                    // place): a Practitioner is nothing to the registry until a role names it.
                    None if removed.contains(&c.key) => true,
                    None if c.key.0 == Kind::Practitioner => false,
                    None if c.key.0 == Kind::PractitionerRole => !self.role_added(&res, &new.node, &mut contacts),
                    // A new Location is nothing to the registry until a service names it
                    // (a change of that service reads it); a municipality is.
                    None if c.key.0 == Kind::Location => is_municipality(&new.node),
                    Some(old) if c.key.0 == Kind::Location => match moved_area_part(&old.node, &new.node) {
                        Some(moved) => {
                            if moved {
                                moved_locations.push(c.key.clone());
                            }
                            false
                        }
                        None => true,
                    },
                    None if c.key.0 == Kind::Organization => {
                        match self.new_organisation(&new.node, &c.key, &new_org_ids) {
                            Some(id) => {
                                new_org_ids.insert(id);
                                new_orgs.push(c.key.clone());
                                false
                            }
                            None => !unheld_organisation(&new.node, &c.key),
                        }
                    }
                    old if c.key.0 == Kind::OrganizationAffiliation => !self.contract_changed(
                        &res,
                        [old.map(|o| &*o.node), Some(&new.node)],
                        &mut contract_providers,
                        &new_org_ids,
                    ),
                    Some(old) if c.key.0 == Kind::Organization && same_department(&old.node, &new.node, &c.key) => {
                        false
                    }
                    Some(old) if c.key.0 == Kind::Organization => {
                        let local = self.organisation_local(&old.node, &new.node, &c.key);
                        if local {
                            organisations.push(OrganisationChange { key: c.key.clone(), stored: new.clone() });
                        }
                        !local
                    }
                    _ => true,
                };
            }
            res.put(c.key, new);
        }
        if !structural && !moved_locations.is_empty() {
            structural = !self.moved_areas(&res, &moved_locations, &mut team_changes, &versions, &contacts);
        }
        res.compact(false);
        let rebuild_version = || {
            self.registry.version().checked_add(count).ok_or_else(|| Error::Invalid {
                document: DOCUMENT,
                problems: vec![wijknet::Problem {
                    path: "Bundle".into(),
                    reason: "registry version is at its maximum and cannot be increased".into(),
                }],
            })
        };
        if structural {
            let registry = build::build(&res, rebuild_version()?)?;
            return Ok(Directory { registry, resources: Arc::new(res) });
        }
        // Organisations first: the match records of the teams made again after them read them.
        // The contracts of the providers whose affiliations changed, read again.
        let mut contracts: BTreeMap<Key, Vec<String>> = BTreeMap::new();
        for key in contract_providers {
            match self.direct_insurers(&res, &key, &new_org_ids) {
                Some(list) => {
                    contracts.insert(key, list);
                }
                None => {
                    return Ok(Directory {
                        registry: build::build(&res, rebuild_version()?)?,
                        resources: Arc::new(res),
                    });
                }
            }
        }
        let with_new_organisations;
        let base = if new_orgs.is_empty() {
            &self.registry
        } else {
            with_new_organisations = add_organisations(&self.registry, &res, &new_orgs)?;
            &with_new_organisations
        };
        let with_organisations;
        let base = if organisations.is_empty() && contracts.is_empty() {
            base
        } else {
            with_organisations = replace_organisations(base, &res, &organisations, contracts)?;
            &with_organisations
        };
        // Removed teams next, then new ones (after the others, as reading the resources anew
        // places them), with the contacts the roles after them gave them.
        let without;
        let base = if contacts.removed.is_empty() {
            base
        } else {
            let ids: Vec<&str> = contacts.removed.iter().map(String::as_str).collect();
            without = base.remove_teams(&ids)?;
            &without
        };
        let with_new;
        new_services.retain(|n| !contacts.withdrawn.contains(&n.id));
        let base = if new_services.is_empty() {
            base
        } else {
            match add_teams(base, &res, &new_services, &mut contacts)? {
                Some(r) => with_new = r,
                None => {
                    return Ok(Directory {
                        registry: build::build(&res, rebuild_version()?)?,
                        resources: Arc::new(res),
                    });
                }
            }
            &with_new
        };
        let registry = if !contacts.is_empty() || team_changes.iter().any(|c| !c.only_capacity) {
            replace_teams(base, &res, &team_changes, contacts, rebuild_version()?)?
        } else if team_changes.is_empty() {
            base.clone()
        } else {
            // Each change is based on the capacity the changes before it left (the versions were
            // checked above); the registry applies them at once.
            let mut updates = Vec::with_capacity(team_changes.len());
            let mut running: HashMap<String, u64> = HashMap::new();
            for ServiceChange { id, stored: s, .. } in team_changes {
                let at = s.path.at();
                let mut problems = Problems::new();
                let doc = build::capacity_of(&mut Rd { problems: &mut problems }, &s.node, &at);
                let Some(doc) = doc.filter(|_| problems.is_empty()) else {
                    return Err(crate::path::invalid(DOCUMENT, problems));
                };
                let idx = base.team_index(&id).expect("checked above");
                let expected_version = match running.get_mut(&id) {
                    Some(v) => std::mem::replace(v, v.saturating_add(1)),
                    None => {
                        let v = base.capacity(idx).version;
                        running.insert(id.clone(), v.saturating_add(1));
                        v
                    }
                };
                let update = CapacityUpdate::from_doc(&CapacityUpdateDoc {
                    team: id,
                    expected_version,
                    status: doc.status.into_owned(),
                    free_places: doc.free_places.into_iter().map(|(c, n)| (c.into_owned(), n)).collect(),
                    free_hours: doc.free_hours.into_iter().map(|(c, h)| (c.into_owned(), h)).collect(),
                    earliest_start: doc.earliest_start.map(std::borrow::Cow::into_owned),
                    updated_at: doc.updated_at.into_owned(),
                })
                .map_err(|e| relocate(e, &s.path.to_string()))?;
                updates.push(update);
                if base.version().checked_add(updates.len() as u64).is_none() {
                    break; // the registry refuses this one, before reading the changes after it
                }
            }
            base.update_capacities(&updates)?
        };
        Ok(Directory { registry, resources: Arc::new(res) })
    }
}

/// The registry with the Organizations `new` added ([`wijknet::Registry::add_organisations`]),
/// as the directory now has them, without contracts or fixed contact (which later change
/// entries give them).
fn add_organisations(registry: &wijknet::Registry, res: &Resources, new: &[Key]) -> Result<wijknet::Registry, Error> {
    let mut problems = Problems::new();
    let rd = &mut Rd { problems: &mut problems };
    let mut docs = Vec::with_capacity(new.len());
    let mut origins = Vec::with_capacity(new.len());
    for key in new {
        let stored = res.get(key).expect("added to the directory (checked when classified)");
        let at = stored.path.at();
        let id = std::borrow::Cow::Borrowed(build::registry_id(rd, &stored.node, &at, &key.1));
        if let Some(doc) = build::organisation(rd, &stored.node, &at, id) {
            docs.push(doc);
            origins.push(stored.path.clone());
        }
    }
    if !problems.is_empty() {
        return Err(crate::path::invalid(DOCUMENT, problems));
    }
    registry.add_organisations(&docs).map_err(|e| build::Origins::of_organisations(origins).relocate(e))
}

/// The registry with the organisations of `changes` described anew
/// ([`wijknet::Registry::replace_organisations`]), each keeping its contracts and fixed contact.
fn replace_organisations(
    registry: &wijknet::Registry,
    res: &Resources,
    changes: &[OrganisationChange],
    mut contracts: BTreeMap<Key, Vec<String>>,
) -> Result<wijknet::Registry, Error> {
    let mut problems = Problems::new();
    let rd = &mut Rd { problems: &mut problems };
    let mut docs = Vec::with_capacity(changes.len() + contracts.len());
    let mut origins = Vec::with_capacity(changes.len() + contracts.len());
    // The changed Organizations, each with its contracts read again where they changed; then
    // the providers whose contracts alone changed, as the directory has them.
    let mut entries: Vec<(Key, &Stored, Option<Vec<String>>)> =
        changes.iter().map(|c| (c.key.clone(), &c.stored, contracts.remove(&c.key))).collect();
    entries.extend(contracts.into_iter().filter_map(|(k, list)| res.get(&k).map(|s| (k, s, Some(list)))));
    for (key, stored, insurers) in &mut entries {
        let insurers = insurers.take();
        let at = stored.path.at();
        let id = std::borrow::Cow::Borrowed(build::registry_id(rd, &stored.node, &at, &key.1));
        if let Some(mut doc) = build::organisation(rd, &stored.node, &at, id) {
            let same_insurers = insurers.is_none();
            doc.contracted_insurers = insurers.unwrap_or_default().into_iter().map(std::borrow::Cow::Owned).collect();
            docs.push(wijknet::registry::OrganisationChange { organisation: doc, same_insurers, same_contact: true });
            origins.push(stored.path.clone());
        }
    }
    if !problems.is_empty() {
        return Err(crate::path::invalid(DOCUMENT, problems));
    }
    registry.replace_organisations(&docs).map_err(|e| build::Origins::of_organisations(origins).relocate(e))
}

/// The registry with the teams of `changes` described anew from their changed services, and
/// those whose contacts changed PractitionerRoles gave anew
/// ([`wijknet::Registry::replace_teams`]): each keeps its organisation, its contacts unless
/// a role changed them and, where its area elements are as before, its area; its capacity
/// is the one the change gives, at the version found for it.
fn replace_teams(
    registry: &wijknet::Registry,
    res: &Resources,
    changes: &[ServiceChange],
    mut contacts: ContactChanges,
    rebuild_version: u64,
) -> Result<wijknet::Registry, Error> {
    let mut problems = Problems::new();
    let mut rd = Rd { problems: &mut problems };
    let mut parts = build::AreaParts::default();
    let mut docs = Vec::with_capacity(changes.len() + contacts.teams.len());
    let mut origins = Vec::with_capacity(changes.len() + contacts.teams.len());
    // A team's new contacts go with its last change; teams whose services did not change
    // (only their contacts) follow, with their services as they are.
    let last: HashMap<&str, usize> = changes.iter().enumerate().map(|(i, c)| (c.id.as_str(), i)).collect();
    // (team id, its service, capacity version, same area, new contacts)
    type Entry<'a> = (&'a str, &'a Stored, u64, bool, Option<Vec<ContactDoc>>);
    let mut entries: Vec<Entry<'_>> = changes
        .iter()
        .enumerate()
        .map(|(i, c)| {
            let new_contacts = if last[c.id.as_str()] == i { contacts.take(&c.id) } else { None };
            (c.id.as_str(), &c.stored, c.capacity_version, c.same_area, new_contacts)
        })
        .collect();
    for (id, key, list) in &mut contacts.teams {
        let Some(list) = list.take() else { continue };
        let stored = res.get(key).expect("a service of the directory (checked when classified)");
        let version = registry.team_index(id).map_or(0, |i| registry.capacity(i).version);
        entries.push((id.as_str(), stored, version, true, Some(list)));
    }
    for (id, stored, capacity_version, same_area, new_contacts) in entries {
        let team = registry.team(id).expect("a team of the registry (checked when classified)");
        let org = std::borrow::Cow::Borrowed(team.organisation.as_str());
        let id = std::borrow::Cow::Borrowed(id);
        // What the registry holds is kept, not read again: the contacts unless a
        // PractitionerRole changed them and, when its elements are as before, the area
        // (resolving its Locations is most of the work of reading a service).
        let area_of = if same_area { build::AreaOf::Kept } else { build::AreaOf::Read(&mut parts) };
        let same_contacts = new_contacts.is_none();
        let list = new_contacts.unwrap_or_default().into_iter().map(|c| map_contact(c, std::borrow::Cow::Owned));
        match build::service(&mut rd, res, stored, (id, org), list.collect(), area_of) {
            Some(build::Service::Team(mut t)) => {
                t.capacity.version = capacity_version;
                docs.push(wijknet::registry::TeamChange { team: t, same_area, same_contacts });
                origins.push(stored.path.clone());
            }
            // Not taken (`team_local` refuses coordination points); were it, the rebuild is
            // right whatever the change.
            Some(build::Service::Point(_)) => return build::build(res, rebuild_version),
            None => {}
        }
    }
    if !problems.is_empty() {
        return Err(crate::path::invalid(DOCUMENT, problems));
    }
    registry.replace_teams(&docs).map_err(|e| build::Origins::of_teams(origins).relocate(e))
}

/// The registry with the services of `new` added as teams ([`wijknet::Registry::add_teams`]),
/// each with the contacts the roles after it gave it (taken from `contacts`); `None` when one
/// reads as a coordination point after all (then the registry is built again).
fn add_teams(
    registry: &wijknet::Registry,
    res: &Resources,
    new: &[NewService],
    contacts: &mut ContactChanges,
) -> Result<Option<wijknet::Registry>, Error> {
    let mut problems = Problems::new();
    let mut rd = Rd { problems: &mut problems };
    let mut parts = build::AreaParts::default();
    let mut docs = Vec::with_capacity(new.len());
    let mut origins = Vec::with_capacity(new.len());
    for n in new {
        let list = contacts.take(&n.id).unwrap_or_default();
        let list = list.into_iter().map(|c| map_contact(c, std::borrow::Cow::Owned)).collect();
        let names = (std::borrow::Cow::Borrowed(n.id.as_str()), std::borrow::Cow::Borrowed(n.organisation.as_str()));
        match build::service(&mut rd, res, &n.stored, names, list, build::AreaOf::Read(&mut parts)) {
            Some(build::Service::Team(t)) => {
                docs.push(t);
                origins.push(n.stored.path.clone());
            }
            Some(build::Service::Point(_)) => return Ok(None),
            None => {}
        }
    }
    if !problems.is_empty() {
        return Err(crate::path::invalid(DOCUMENT, problems));
    }
    registry.add_teams(&docs).map(Some).map_err(|e| build::Origins::of_teams(origins).relocate(e))
}

/// A core error about one value, reported at the resource it came from.
fn relocate(e: Error, path: &str) -> Error {
    match e {
        Error::Invalid { problems, .. } => Error::Invalid {
            document: DOCUMENT,
            problems: problems
                .into_iter()
                .map(|p| wijknet::Problem {
                    path: path.to_owned(),
                    reason: format!("{} (capacity `{}`)", p.reason, &p.path[1..]),
                })
                .collect(),
        },
        other => other,
    }
}

/// One organisation's directory in a [`merge`], named for its problems (`source[1]`).
#[derive(Debug, Clone, Copy)]
pub struct MergeSource<'a> {
    /// The directory.
    pub directory: &'a Directory,
}

fn last_updated(node: &Node) -> Option<DateTime<Utc>> {
    let t = node.get("meta")?.get("lastUpdated")?.as_str()?;
    DateTime::parse_from_rfc3339(t).ok().map(|t| t.with_timezone(&Utc))
}

/// Merges several directories (one per organisation, each read on its own) into one.
///
/// The rule when sources disagree: a resource (same type and id) that two sources both hold is
/// taken once when both say the same (`meta` and `text` aside); when they differ, the version
/// with the later `meta.lastUpdated` wins; when neither is later (equal or missing), nothing is
/// guessed: the merge fails with [`Error::Invalid`] naming both, at `source[i].` + the path each
/// was read at. Resources keep the order of the first source that has them; the registry
/// version is the highest of the sources'.
pub fn merge(sources: &[MergeSource<'_>]) -> Result<Directory, Error> {
    let mut res = Resources::default();
    let mut from: HashMap<Key, usize> = HashMap::new();
    let mut problems = Problems::new();
    for (i, src) in sources.iter().enumerate() {
        let r = &src.directory.resources;
        for key in r.keys() {
            let s = r.get(key).expect("listed").clone();
            let s = Stored { node: s.node, path: Origin::Text(format!("source[{i}].{}", s.path).into()) };
            match res.get(key) {
                None => {
                    from.insert(key.clone(), i);
                    res.put(key.clone(), s);
                }
                Some(old) if same_essence(&old.node, &s.node, false) => {}
                Some(old) => match (last_updated(&old.node), last_updated(&s.node)) {
                    (Some(a), Some(b)) if b > a => res.put(key.clone(), s),
                    (Some(a), Some(b)) if a > b => {}
                    _ => problems.push(
                        s.path.to_string(),
                        format!(
                            "{} {} differs from the one in source[{}] ({}) and neither has a later `meta.lastUpdated`",
                            key.0.name(),
                            wijknet::redact::shown(&key.1),
                            from[key],
                            old.path
                        ),
                    ),
                },
            }
        }
        for (alias, key) in r.aliases() {
            res.alias(alias, key.clone());
        }
    }
    if !problems.is_empty() {
        return Err(crate::path::invalid(DOCUMENT, problems));
    }
    res.compact(true);
    let version = sources.iter().map(|s| s.directory.registry.version()).max().unwrap_or(0);
    let registry = build::build(&res, version)?;
    Ok(Directory { registry, resources: Arc::new(res) })
}

/// The current directory of a host, shared between threads: snapshots without waiting, changes
/// installed by compare-and-swap (as [`wijknet::SharedRegistry`] does for capacity updates).
#[derive(Debug)]
pub struct SharedDirectory {
    current: ArcSwap<Directory>,
}

impl SharedDirectory {
    /// Starts sharing `directory`.
    pub fn new(directory: Directory) -> Self {
        Self { current: ArcSwap::from_pointee(directory) }
    }

    /// The current directory: a snapshot that never changes.
    pub fn current(&self) -> Arc<Directory> {
        self.current.load_full()
    }

    /// Applies a `_history` Bundle to the current directory and installs the result, returning
    /// it. If another writer installed a directory in between, the bundle is applied again to
    /// that one, so of two writers whose bundles change one team's capacity from the same
    /// version exactly one succeeds and the other gets [`Error::VersionConflict`].
    pub fn apply_history(&self, bundle: &Node) -> Result<Arc<Directory>, Error> {
        let mut base = self.current.load();
        loop {
            let next = Arc::new(base.apply_history_node(bundle.clone())?);
            let found = self.current.compare_and_swap(&base, Arc::clone(&next));
            if Arc::ptr_eq(&found, &base) {
                return Ok(next);
            }
            base = found;
        }
    }

    /// Installs a whole new directory (last writer wins).
    pub fn replace(&self, directory: Directory) {
        self.current.store(Arc::new(directory));
    }
}
