//! JSON Schemas (draft 2020-12) of every document and request, generated from the wire types the
//! input layer reads them into, so a schema cannot describe another shape than the reader's.
//!
//! The wire types hold codes, ids, postcodes and dates as plain text (the reader reports every
//! problem at once, so serde must not stop at the first bad code); their fields name what the
//! text must be with the marker types below, whose schemas give the codes as enums of the stable
//! string codes (from [`crate::codes`]) and the formats as patterns. A pattern accepts everything
//! the reader accepts (whitespace around postcodes, `2026-1-2` as a date, a lowercase `t` in an
//! instant); what no schema can say (calendar dates, references to other records, duplicates,
//! periods that end before they start) is said in the descriptions and checked by the reader.
//!
//! Only with the `schema` feature: the core's users need no schema generator at run time. The
//! crate `wijknet-schemas` writes these schemas to `schemas/` and checks them against every
//! conformance vector.

use std::borrow::Cow;
use std::marker::PhantomData;

use schemars::generate::SchemaSettings;
use schemars::{JsonSchema, Schema, SchemaGenerator, json_schema};
use serde_json::Value;

use crate::codes::CodeInfo;
use crate::limits::{MAX_RECORD_LIST, MAX_YEAR, MIN_YEAR};

/// One document or request: its schema and how it is named.
#[derive(Debug, Clone)]
pub struct DocumentSchema {
    /// File stem: `registry` for `registry.schema.json`.
    pub name: &'static str,
    /// Title of the schema.
    pub title: &'static str,
    /// The `schema` tag the document carries (`wijknet.registry/v1`), or `None` for a request,
    /// which has none.
    pub tag: Option<&'static str>,
    /// What reads it.
    pub read_by: &'static str,
    /// The schema (draft 2020-12), with `title` and `description`; without `$id`, which is the
    /// publisher's to give.
    pub schema: Value,
}

/// The schema of every document and request, in the order of the README.
pub fn documents() -> Vec<DocumentSchema> {
    use crate::agreements::{AGREEMENTS_SCHEMA, AgreementsDoc};
    use crate::matching::{MatchOptionsDoc, MatchRequestDoc};
    use crate::referral::EVENTS_SCHEMA;
    use crate::registry::{CapacityUpdateDoc, REGISTRY_SCHEMA, RegistryDoc};
    vec![
        document::<RegistryDoc>(
            "registry",
            "wijknet registry",
            Some(REGISTRY_SCHEMA),
            "Registry::from_json",
            "Providers, their teams with service areas, care types, capacity and contact persons, \
             municipalities and coordination points.",
        ),
        document::<CapacityUpdateDoc>(
            "capacity-update",
            "wijknet capacity update",
            None,
            "Registry::update_capacity",
            "A change of one team's capacity, based on the capacity version the updater last saw.",
        ),
        document::<AgreementsDoc>(
            "agreements",
            "wijknet agreements",
            Some(AGREEMENTS_SCHEMA),
            "agreements::Agreements::from_json",
            "Collaboration agreements between the organisations of a registry; every organisation, \
             team and municipality they name must be in that registry.",
        ),
        document::<MatchRequestDoc>(
            "match-request",
            "wijknet match request",
            None,
            "matching::MatchRequest::from_json",
            "Who can take this client: the referral to match against the registry.",
        ),
        document::<MatchOptionsDoc>(
            "match-options",
            "wijknet match options",
            None,
            "matching::MatchOptions::from_json",
            "The parameters of one matching call that are not part of the request.",
        ),
        document::<crate::consent::StoreWire>(
            "consent-store",
            "wijknet consent store",
            Some(crate::consent::SCHEMA),
            "consent::ConsentStore::from_json",
            "Clients, their consents and objections: what a sharing question is decided on.",
        ),
        document::<crate::consent::RequestWire>(
            "consent-request",
            "wijknet consent request",
            None,
            "consent::ConsentRequest::from_json",
            "May this discloser share these categories about this client with this recipient, \
             for this purpose?",
        ),
        document::<crate::referral::WireDocument>(
            "referral-events",
            "wijknet referral events",
            Some(EVENTS_SCHEMA),
            "referral::parse_events",
            "The lifecycle events of referrals, in the order they happened.",
        ),
        document::<crate::referral::WireEvent>(
            "referral-event",
            "wijknet referral event",
            None,
            "referral::parse_event",
            "One lifecycle event of a referral, as a host records it when it happens (an item of \
             a referral events document's `events`).",
        ),
    ]
}

fn document<T: JsonSchema>(
    name: &'static str,
    title: &'static str,
    tag: Option<&'static str>,
    read_by: &'static str,
    what: &str,
) -> DocumentSchema {
    let generator = SchemaSettings::draft2020_12().for_deserialize().into_generator();
    let Value::Object(mut out) = generator.into_root_schema_for::<T>().to_value() else {
        unreachable!("a struct's schema is an object")
    };
    out.insert("title".into(), title.into());
    let tagged = match tag {
        Some(tag) => format!("Carries `\"schema\": \"{tag}\"`."),
        None => "Carries no schema tag.".to_owned(),
    };
    out.insert(
        "description".into(),
        format!(
            "{what} {tagged} Read by `wijknet::{read_by}`, which refuses unknown keys, keys given twice \
             and values of the wrong type with the JSON path, then checks what a schema cannot say \
             (see the descriptions) and reports every problem at once."
        )
        .into(),
    );
    if let Some(tag) = tag {
        out.insert("x-wijknet-schema".into(), tag.into());
        let field = &mut out["properties"]["schema"];
        field["const"] = tag.into();
        field["description"] = format!("The schema tag: always `{tag}`.").into();
    }
    let mut schema = Value::Object(out);
    unwrap_descriptions(&mut schema);
    DocumentSchema { name, title, tag, read_by, schema }
}

/// Descriptions come from doc comments wrapped at 100 columns: one line each, as a reader of a
/// generated type's documentation expects (a blank line still separates paragraphs).
fn unwrap_descriptions(value: &mut Value) {
    match value {
        Value::Object(map) => {
            for (key, v) in map.iter_mut() {
                match v {
                    Value::String(text) if key == "description" => {
                        *text = text
                            .split("\n\n")
                            .map(|p| p.split('\n').map(str::trim).collect::<Vec<_>>().join(" "))
                            .collect::<Vec<_>>()
                            .join("\n\n");
                    }
                    _ => unwrap_descriptions(v),
                }
            }
        }
        Value::Array(list) => list.iter_mut().for_each(unwrap_descriptions),
        _ => {}
    }
}

/// The schema of a code kind (see `code_enum!`): its stable codes as an enum.
pub(crate) fn code_schema(doc: &str, info: &[CodeInfo]) -> Schema {
    let codes: Vec<&str> = info.iter().map(|c| c.code).collect();
    let text = doc.lines().map(str::trim).collect::<Vec<_>>().join(" ");
    let labels: Vec<String> = info.iter().map(|c| format!("`{}` ({})", c.code, c.label_en)).collect();
    json_schema!({
        "type": "string",
        "enum": codes,
        "description": format!("{} Codes: {}.", text.trim(), labels.join(", ")),
    })
}

/// Defines a marker type whose schema is a string with this pattern and description.
macro_rules! text_format {
    ($($(#[$meta:meta])* $name:ident as $schema_name:literal = $pattern:expr, $description:expr;)+) => {$(
        $(#[$meta])*
        #[derive(Debug)]
        pub(crate) struct $name;

        impl JsonSchema for $name {
            fn schema_name() -> Cow<'static, str> {
                $schema_name.into()
            }
            fn json_schema(_: &mut SchemaGenerator) -> Schema {
                json_schema!({ "type": "string", "pattern": $pattern, "description": $description })
            }
        }
    )+};
}

// Whitespace: chrono skips it before each number of a date or time, the postcode readers around
// and (PC6) inside the postcode; `\s` stands for it in every pattern.
text_format! {
    /// A record id ([`crate::ids::Id`]).
    IdText as "Id" = "^[A-Za-z0-9._:-]{1,64}$",
        "A record id: 1 to 64 characters of A-Z, a-z, 0-9, `.`, `_`, `:`, `-`. Ids are compared exactly.";
    /// A 4-digit postcode area.
    Pc4Text as "Pc4" = r"^\s*[1-9][0-9]{3}\s*$", "A PC4 postcode area: 4 digits from 1000 to 9999.";
    /// A 6-character postcode.
    Pc6Text as "Pc6" = r"^\s*[1-9]\s*[0-9]\s*[0-9]\s*[0-9]\s*(?![Ss]\s*[AaDdSs]\s*$)[A-Za-z]\s*[A-Za-z]\s*$",
        "A PC6 postcode such as `7511AB`: 4 digits from 1000 to 9999 and 2 letters (either case, \
         spaces allowed), not `SA`, `SD` or `SS` (PostNL never issues them).";
    /// A client's location.
    LocationText as "Location" = r"^(\s*[1-9][0-9]{3}\s*|\s*[1-9]\s*[0-9]\s*[0-9]\s*[0-9]\s*(?![Ss]\s*[AaDdSs]\s*$)[A-Za-z]\s*[A-Za-z]\s*)$",
        "Where the client lives: a PC6 postcode (`7511AB`) when known, otherwise a PC4 area (`7511`).";
    /// A CBS municipality code.
    MunicipalityText as "MunicipalityCode" = "^GM[0-9]{4}$", "A CBS municipality code: `GM` and 4 digits, e.g. `GM0153` (Enschede).";
    /// An 8-digit register number.
    AgbText as "AgbCode" = "^[0-9]{8}$", "AGB code (Vektis): 8 digits.";
    /// An 8-digit register number.
    UraText as "UraNumber" = "^[0-9]{8}$", "URA number (UZI register): 8 digits.";
    /// An 8-digit register number.
    KvkText as "KvkNumber" = "^[0-9]{8}$", "KvK number (chamber of commerce): 8 digits.";
    /// A citizen service number.
    BsnText as "Bsn" = "^[0-9]{9}$",
        "Citizen service number (BSN): 9 digits that pass the eleven-test (checked by the reader). \
         Never repeated in any message.";
    /// A calendar date.
    DateText as "Date" = r"^\s*\+?(19|20|21)[0-9]{2}-\s*(0?[1-9]|1[0-2])-\s*(0?[1-9]|[12][0-9]|3[01])$",
        "A calendar date `YYYY-MM-DD` in the years 1900 to 2199; the reader also checks that the \
         day exists in that month.";
    /// An instant.
    InstantText as "Instant" = r"^(19|20|21)[0-9]{2}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])[Tt ]([01][0-9]|2[0-3]):[0-5][0-9]:([0-5][0-9]|60)(\.[0-9]+)?([Zz]|[+-]([01][0-9]|2[0-3]):[0-5][0-9])$",
        "An RFC 3339 instant with its offset, such as `2026-11-20T08:00:00Z`, in the years 1900 \
         to 2199; the reader also checks that the day exists.";
    /// A local time of day.
    TimeText as "LocalTime" = r"^\s*([01]?[0-9]|2[0-3]):\s*[0-5]?[0-9]$", "A Dutch local time of day `HH:MM`.";
    /// A local time of day or the end of the day.
    EndTimeText as "LocalEndTime" = r"^(\s*([01]?[0-9]|2[0-3]):\s*[0-5]?[0-9]|24:00)$",
        "A Dutch local time of day `HH:MM`, or `24:00` for the end of the day.";
}

/// A name, title or role a person reads.
#[derive(Debug)]
pub(crate) struct NameText;

impl JsonSchema for NameText {
    fn schema_name() -> Cow<'static, str> {
        "Name".into()
    }
    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "type": "string",
            "pattern": r"\S",
            "maxLength": 200,
            "description": "Text that says something (not only spaces), at most 200 characters.",
        })
    }
}

const _: () = assert!(MIN_YEAR == 1900 && MAX_YEAR == 2199, "the date patterns above say 1900 to 2199");

/// A list of codes of one kind, each at most once (the reader refuses a repeated code).
#[derive(Debug)]
pub(crate) struct Codes<T>(PhantomData<T>);

impl<T: JsonSchema> JsonSchema for Codes<T> {
    fn schema_name() -> Cow<'static, str> {
        format!("Codes_{}", T::schema_name()).into()
    }
    fn inline_schema() -> bool {
        true
    }
    fn json_schema(generator: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "type": "array",
            "items": generator.subschema_for::<T>(),
            "uniqueItems": true,
        })
    }
}

/// A list of record ids inside one record: at most [`MAX_RECORD_LIST`].
#[derive(Debug)]
pub(crate) struct Ids;

impl JsonSchema for Ids {
    fn schema_name() -> Cow<'static, str> {
        "Ids".into()
    }
    fn inline_schema() -> bool {
        true
    }
    fn json_schema(generator: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "type": "array",
            "items": generator.subschema_for::<IdText>(),
            "maxItems": MAX_RECORD_LIST,
        })
    }
}

/// [`Ids`] where the reader refuses an id given twice.
#[derive(Debug)]
pub(crate) struct UniqueIds;

impl JsonSchema for UniqueIds {
    fn schema_name() -> Cow<'static, str> {
        "UniqueIds".into()
    }
    fn inline_schema() -> bool {
        true
    }
    fn json_schema(generator: &mut SchemaGenerator) -> Schema {
        let mut schema = Ids::json_schema(generator);
        schema.insert("uniqueItems".into(), true.into());
        schema
    }
}

/// Free places per care type code: an object whose keys are care type codes.
#[derive(Debug)]
pub(crate) struct FreePlacesMap;

impl JsonSchema for FreePlacesMap {
    fn schema_name() -> Cow<'static, str> {
        "FreePlaces".into()
    }
    fn json_schema(generator: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "type": "object",
            "description": "Free places per care type code (a care type not listed has no number reported; 0 means full for that care type).",
            "propertyNames": generator.subschema_for::<crate::codes::CareType>(),
            "additionalProperties": { "type": "integer", "minimum": 0, "maximum": u32::MAX },
        })
    }
}

/// Free hours per week per care type code: an object whose keys are care type codes.
#[derive(Debug)]
pub(crate) struct FreeHoursMap;

impl JsonSchema for FreeHoursMap {
    fn schema_name() -> Cow<'static, str> {
        "FreeHours".into()
    }
    fn json_schema(generator: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "type": "object",
            "description": "Free hours per week per care type code, next to the free places (a care type not listed has no number reported).",
            "propertyNames": generator.subschema_for::<crate::codes::CareType>(),
            "additionalProperties": { "type": "number", "minimum": 0, "maximum": crate::volume::MAX_TEAM_HOURS },
        })
    }
}
