//! Reading a registry document's JSON text straight into the checks ([`Loader`]), team by team.
//!
//! The teams are most of a registry document (21,023 of them nationally, with their areas,
//! capacities and contacts). Read into one typed tree first and checked afterwards, the text of
//! every team was alive beside the registry being built from it: the tree alone was larger than
//! the registry, and the load's heap peak was 3.5 times what the registry keeps. Here each team
//! is checked as soon as it has been read, and its text dropped before the next is read.
//!
//! The answer does not change: the teams are checked against the municipalities and
//! organisations, so they are checked as they come only when those came before them (as every
//! document wijknet writes has it); a document that lists its teams first has them kept and
//! checked after the other sections, as before. Every problem is still reported, in the same
//! order, with the same paths; structural JSON errors still stop the read at the first, and the
//! `schema` tag is still checked after the read ([`crate::input::read_document`]).

use std::fmt;

use serde::de::{self, Deserialize, DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};

use super::document::{CoordinationPointDoc, Loader, MunicipalityDoc, OrganisationDoc, TeamDoc};
use crate::input::Text;

/// The registry document's fields, in the order [`super::RegistryDoc`] declares them (the
/// strict reader finds duplicates and names paths by them).
const FIELDS: &[&str] = &["schema", "version", "municipalities", "organisations", "teams", "coordination_points"];

/// A registry document read and checked: its `schema` tag and the checks' outcome.
#[derive(Debug)]
pub(crate) struct Checked<'de> {
    schema: Text<'de>,
    pub loader: Loader,
}

impl crate::input::SchemaTagged for Checked<'_> {
    fn schema_tag(&self) -> &str {
        &self.schema
    }
}

impl<'de> Deserialize<'de> for Checked<'de> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_struct("RegistryDoc", FIELDS, DocVisitor)
    }
}

enum Field {
    Schema,
    Version,
    Municipalities,
    Organisations,
    Teams,
    CoordinationPoints,
}

impl<'de> Deserialize<'de> for Field {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl Visitor<'_> for V {
            type Value = Field;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("field identifier")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Field, E> {
                Ok(match v {
                    "schema" => Field::Schema,
                    "version" => Field::Version,
                    "municipalities" => Field::Municipalities,
                    "organisations" => Field::Organisations,
                    "teams" => Field::Teams,
                    "coordination_points" => Field::CoordinationPoints,
                    // As `deny_unknown_fields` words it (the strict reader keeps the key out).
                    _ => return Err(E::unknown_field(v, FIELDS)),
                })
            }
        }
        d.deserialize_identifier(V)
    }
}

struct DocVisitor;

impl<'de> Visitor<'de> for DocVisitor {
    type Value = Checked<'de>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("struct RegistryDoc")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Checked<'de>, A::Error> {
        let mut schema: Option<Text<'de>> = None;
        let mut version: Option<u64> = None;
        let mut municipalities: Option<Vec<MunicipalityDoc<Text<'de>>>> = None;
        let mut organisations: Option<Vec<OrganisationDoc<Text<'de>>>> = None;
        let mut teams_kept: Option<Vec<TeamDoc<Text<'de>>>> = None;
        let mut points: Option<Vec<CoordinationPointDoc<Text<'de>>>> = None;
        let mut loader = Loader::new(0);
        // Whether the sections the teams are checked against have been checked.
        let mut ready = false;
        let mut teams_seen = false;
        while let Some(key) = map.next_key::<Field>()? {
            match key {
                Field::Schema => {
                    once(&mut map, &mut schema, "schema")?;
                }
                Field::Version => {
                    once(&mut map, &mut version, "version")?;
                }
                Field::Municipalities => {
                    once(&mut map, &mut municipalities, "municipalities")?;
                }
                Field::Organisations => {
                    once(&mut map, &mut organisations, "organisations")?;
                }
                Field::Teams => {
                    if teams_seen {
                        return Err(de::Error::duplicate_field("teams"));
                    }
                    teams_seen = true;
                    if municipalities.is_some() && organisations.is_some() {
                        // Their text is not needed any more: the loader keeps what it checked.
                        loader.municipalities(&municipalities.replace(Vec::new()).unwrap_or_default());
                        loader.organisations(&organisations.replace(Vec::new()).unwrap_or_default());
                        ready = true;
                        map.next_value_seed(TeamsSeed { loader: &mut loader })?;
                    } else {
                        teams_kept = Some(map.next_value()?);
                    }
                }
                Field::CoordinationPoints => {
                    once(&mut map, &mut points, "coordination_points")?;
                }
            }
        }
        let schema = schema.ok_or_else(|| de::Error::missing_field("schema"))?;
        loader.set_version(version.unwrap_or(0));
        if !ready {
            loader.municipalities(&municipalities.unwrap_or_default());
            loader.organisations(&organisations.unwrap_or_default());
        }
        for (i, t) in teams_kept.unwrap_or_default().iter().enumerate() {
            loader.team(i, t);
        }
        loader.coordination_points(&points.unwrap_or_default());
        Ok(Checked { schema, loader })
    }
}

/// Reads the value of a field that may appear once (a second is an error, as serde's derive
/// words it).
fn once<'de, A: MapAccess<'de>, T: serde::Deserialize<'de>>(
    map: &mut A,
    slot: &mut Option<T>,
    name: &'static str,
) -> Result<(), A::Error> {
    if slot.is_some() {
        return Err(de::Error::duplicate_field(name));
    }
    *slot = Some(map.next_value()?);
    Ok(())
}

/// The `teams` array, each team checked as it is read.
struct TeamsSeed<'l> {
    loader: &'l mut Loader,
}

impl<'de> DeserializeSeed<'de> for TeamsSeed<'_> {
    type Value = ();
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_seq(self)
    }
}

impl<'de> Visitor<'de> for TeamsSeed<'_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a sequence")
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        let mut i = 0;
        while let Some(team) = seq.next_element::<TeamDoc<Text<'de>>>()? {
            self.loader.team(i, &team);
            i += 1;
        }
        Ok(())
    }
}
