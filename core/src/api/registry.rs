//! Registry queries in document form: the answers a host without Rust types (C, a command line,
//! a web service) reads as JSON, in exactly the shapes of the `wijknet.registry/v1` document.

use crate::registry::document::{coordination_point_doc, organisation_doc, team_doc};
use crate::registry::{CoordinationPointDoc, TeamIndex};
use crate::{Location, Registry};

/// The teams (all, or those whose service area touches `near`'s PC4: the teams a match
/// evaluates), each as an element of the document's `teams` array with its current capacity, in
/// document order.
pub fn teams_json(registry: &Registry, near: Option<Location>) -> String {
    let docs: Vec<_> = match near {
        Some(location) => registry.teams_touching(location.pc4()).iter().map(|&i| team(registry, i)).collect(),
        None => (0..registry.teams().len()).map(|i| team(registry, i as TeamIndex)).collect(),
    };
    serde_json::to_string(&docs).expect("team documents serialise")
}

/// One team by id in the shape of [`teams_json`]'s elements, or `None` for an unknown id.
pub fn team_json(registry: &Registry, id: &str) -> Option<String> {
    let i = registry.team_index(id)?;
    Some(serde_json::to_string(&team(registry, i)).expect("a team document serialises"))
}

/// The organisations, each as an element of the document's `organisations` array, in document
/// order.
pub fn organisations_json(registry: &Registry) -> String {
    let docs: Vec<_> = registry.organisations().iter().map(organisation_doc).collect();
    serde_json::to_string(&docs).expect("organisation documents serialise")
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

fn team(registry: &Registry, i: TeamIndex) -> crate::registry::TeamDoc {
    team_doc(registry.team_at(i), registry.capacity(i))
}
