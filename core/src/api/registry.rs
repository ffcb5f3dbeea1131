//! Registry queries in document form: the answers a host without Rust types (C, a command line,
//! a web service) reads as JSON, in exactly the shapes of the `wijknet.registry/v1` document.

use crate::registry::document::{coordination_point_doc, organisation_doc, team_doc};
use crate::registry::{CoordinationPointDoc, OrganisationDoc, TeamDoc, TeamIndex};
use crate::{Location, Registry};

/// The teams (all, or those whose service area touches `near`'s PC4: the teams a match
/// evaluates), each as an element of the document's `teams` array with its current capacity, in
/// document order.
pub fn teams(registry: &Registry, near: Option<Location>) -> Vec<TeamDoc> {
    match near {
        Some(location) => registry.teams_touching(location.pc4()).iter().map(|&i| team_at(registry, i)).collect(),
        None => (0..registry.teams().len()).map(|i| team_at(registry, i as TeamIndex)).collect(),
    }
}

/// [`teams`] as JSON text.
pub fn teams_json(registry: &Registry, near: Option<Location>) -> String {
    serde_json::to_string(&teams(registry, near)).expect("team documents serialise")
}

/// One team by id in the shape of [`teams`]' elements, or `None` for an unknown id.
pub fn team(registry: &Registry, id: &str) -> Option<TeamDoc> {
    registry.team_index(id).map(|i| team_at(registry, i))
}

/// [`team`] as JSON text.
pub fn team_json(registry: &Registry, id: &str) -> Option<String> {
    team(registry, id).map(|doc| serde_json::to_string(&doc).expect("a team document serialises"))
}

/// The organisations, each as an element of the document's `organisations` array, in document
/// order.
pub fn organisations(registry: &Registry) -> Vec<OrganisationDoc> {
    registry.organisations().iter().map(organisation_doc).collect()
}

/// [`organisations`] as JSON text.
pub fn organisations_json(registry: &Registry) -> String {
    serde_json::to_string(&organisations(registry)).expect("organisation documents serialise")
}

/// The coordination point (*coördinatiepunt*) responsible for a location, as the document's
/// `coordination_points` element, or `None` where no point covers it.
pub fn coordination_point(registry: &Registry, location: Location) -> Option<CoordinationPointDoc> {
    registry.coordination_point_for(location).map(coordination_point_doc)
}

/// [`coordination_point`] as JSON text.
pub fn coordination_point_json(registry: &Registry, location: Location) -> Option<String> {
    coordination_point(registry, location)
        .map(|doc| serde_json::to_string(&doc).expect("a coordination point document serialises"))
}

fn team_at(registry: &Registry, i: TeamIndex) -> TeamDoc {
    team_doc(registry.team_at(i), registry.capacity(i))
}
