//! A registry as mCSD resources: lossless for everything the registry holds (reading the bundle
//! back gives an equal registry).

use std::collections::HashSet;

use chrono::{NaiveTime, Timelike};
use serde_json::{Value, json};
use wijknet::registry::{ContactPerson, ServiceArea};
use wijknet::{Registry, TimeOfDay};

use super::build::{DAY, EVENING, NIGHT};
use crate::codes::*;

/// The type of an exported Bundle.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BundleType {
    /// `collection`: the resources.
    Collection,
    /// `transaction`: each entry a `PUT Type/id`, to load into a FHIR server.
    Transaction,
    /// `searchset`: the directory as a FHIR server answers a search over every directory type
    /// (`GET [base]?_type=Organization,Location,...`): every entry a `match`, with the `total`.
    /// For a vendor who serves the directory itself, or tests a client against wijknet's answer.
    Searchset,
}

fn identifiers(registry_id: &str, extra: Vec<Value>) -> Vec<Value> {
    let mut out = extra;
    if !is_fhir_id(registry_id) {
        out.insert(0, json!({"system": REGISTRY_ID, "value": registry_id}));
    }
    out
}

fn reference(kind: &str, id: &str) -> Value {
    json!({"reference": format!("{kind}/{id}")})
}

fn time_text(t: NaiveTime) -> String {
    if t == NaiveTime::from_hms_opt(23, 59, 59).expect("valid") {
        "23:59:59".to_owned()
    } else {
        format!("{:02}:{:02}:00", t.hour(), t.minute())
    }
}

fn window((from, to): (u32, u32)) -> Value {
    let t = |m: u32| format!("{:02}:{:02}:00", m / 60, m % 60);
    json!({"availableStartTime": t(from), "availableEndTime": t(to)})
}

/// The resources of a contact person: a Practitioner and a PractitionerRole.
fn contact(
    out: &mut Vec<(String, String, Value)>,
    c: &ContactPerson,
    owner: &str,
    n: usize,
    organisation: &str,
    service: Option<&str>,
) {
    let key = hash(&[owner, &n.to_string(), if service.is_some() { "service" } else { "organisation" }]);
    let (pid, rid) = (format!("p-{key}"), format!("pr-{key}"));
    out.push((
        "Practitioner".into(),
        pid.clone(),
        json!({"resourceType": "Practitioner", "id": pid, "active": true, "name": [{"text": c.name}]}),
    ));
    let mut telecom = Vec::new();
    if let Some(p) = &c.phone {
        telecom.push(json!({"system": "phone", "value": p, "use": "work"}));
    }
    if let Some(e) = &c.email {
        telecom.push(json!({"system": "email", "value": e, "use": "work"}));
    }
    let mut role = json!({
        "resourceType": "PractitionerRole",
        "id": rid,
        "active": true,
        "practitioner": reference("Practitioner", &pid),
        "organization": reference("Organization", &fhir_id(organisation)),
        "code": [{"coding": [{"system": CS_CONTACT, "code": "fixed_contact"}], "text": c.role}],
    });
    if let Some(s) = service {
        role["healthcareService"] = json!([reference("HealthcareService", &fhir_id(s))]);
    }
    if !telecom.is_empty() {
        role["telecom"] = Value::Array(telecom);
    }
    if !c.hours.is_empty() {
        role["availableTime"] = c
            .hours
            .iter()
            .map(|h| {
                json!({"daysOfWeek": h.days.iter().map(|d| d.code()).collect::<Vec<_>>(),
                       "availableStartTime": time_text(h.from), "availableEndTime": time_text(h.to)})
            })
            .collect();
    }
    out.push(("PractitionerRole".into(), rid, role));
}

/// The Location ids of an area's parts, creating each Location once.
fn area_refs(
    out: &mut Vec<(String, String, Value)>,
    made: &mut HashSet<String>,
    a: &ServiceArea,
) -> (Vec<Value>, Vec<Value>) {
    let mut refs = Vec::new();
    let mut location = |id: String, body: Value| {
        if made.insert(id.clone()) {
            out.push(("Location".into(), id.clone(), body));
        }
        reference("Location", &id)
    };
    let area_type = |code: &str| json!([{"coding": [{"system": CS_AREA_KIND, "code": code}]}]);
    let physical = json!({"coding": [{"system": LOCATION_PHYSICAL_TYPE, "code": "area"}]});
    for p in &a.pc4 {
        let id = format!("pc4-{p}");
        refs.push(location(id.clone(), json!({"resourceType": "Location", "id": id, "status": "active", "name": p.to_string(),
            "type": area_type("pc4"), "physicalType": physical, "address": {"postalCode": p.to_string(), "country": "NL"}})));
    }
    for wijknet::registry::Pc4Range { first: l, last: h } in &a.pc4_ranges {
        let id = format!("pc4-range-{l}-{h}");
        refs.push(location(id.clone(), json!({"resourceType": "Location", "id": id, "status": "active", "name": format!("{l}-{h}"),
            "type": area_type("pc4_range"), "physicalType": physical,
            "extension": [{"url": EXT_PC4_RANGE, "extension": [{"url": "from", "valueString": l.to_string()}, {"url": "to", "valueString": h.to_string()}]}]})));
    }
    let mut pc6 = |p: &wijknet::Pc6| {
        let id = format!("pc6-{p}");
        location(
            id.clone(),
            json!({"resourceType": "Location", "id": id, "status": "active", "name": p.to_string(),
            "type": area_type("pc6"), "physicalType": physical, "address": {"postalCode": p.to_string(), "country": "NL"}}),
        )
    };
    for p in &a.pc6_include {
        refs.push(pc6(p));
    }
    let exclusions: Vec<Value> =
        a.pc6_exclude.iter().map(pc6).map(|r| json!({"url": EXT_EXCLUSION, "valueReference": r})).collect();
    for m in &a.municipalities {
        refs.push(reference("Location", &format!("municipality-{m}")));
    }
    (refs, exclusions)
}

/// The registry as a FHIR R4 Bundle of mCSD resources (see the crate docs for every element).
pub fn to_bundle(registry: &Registry, ty: BundleType) -> Value {
    let mut out: Vec<(String, String, Value)> = Vec::new();
    let mut made: HashSet<String> = HashSet::new();
    for m in registry.municipalities() {
        let id = format!("municipality-{}", m.code);
        made.insert(id.clone());
        out.push(("Location".into(), id.clone(), json!({
            "resourceType": "Location", "id": id, "status": "active", "name": m.name,
            "identifier": [{"system": MUNICIPALITY, "value": m.code.to_string()}],
            "type": [{"coding": [{"system": CS_AREA_KIND, "code": "municipality"}]}],
            "physicalType": {"coding": [{"system": LOCATION_PHYSICAL_TYPE, "code": "jdn"}]},
            "extension": m.pc4.iter().map(|p| json!({"url": EXT_MUNICIPALITY_PC4, "valueString": p.to_string()})).collect::<Vec<_>>(),
        })));
    }
    for o in registry.organisations() {
        let mut ids = Vec::new();
        if let Some(u) = &o.ura {
            ids.push(json!({"system": URA, "value": u.to_string()}));
        }
        if let Some(a) = &o.agb {
            ids.push(json!({"system": AGB, "value": a.to_string()}));
        }
        if let Some(k) = &o.kvk {
            ids.push(json!({"system": KVK, "value": k.to_string()}));
        }
        let mut coding = vec![json!({"system": CS_ORG_KIND, "code": o.kind.code(), "display": o.kind.label_en()})];
        if let Some(t) = organization_type_of(o.kind) {
            coding.push(json!({"system": ORGANIZATION_TYPE, "code": t}));
        }
        let id = fhir_id(o.id.as_str());
        let mut org = json!({"resourceType": "Organization", "id": id, "active": true, "type": [{"coding": coding}], "name": o.name});
        let ids = identifiers(o.id.as_str(), ids);
        if !ids.is_empty() {
            org["identifier"] = Value::Array(ids);
        }
        out.push(("Organization".into(), id, org));
    }
    for o in registry.organisations() {
        for insurer in &o.contracted_insurers {
            let id = format!("contract-{}", hash(&[o.id.as_str(), insurer.as_str()]));
            out.push((
                "OrganizationAffiliation".into(),
                id.clone(),
                json!({
                    "resourceType": "OrganizationAffiliation", "id": id, "active": true,
                    "organization": reference("Organization", &fhir_id(insurer.as_str())),
                    "participatingOrganization": reference("Organization", &fhir_id(o.id.as_str())),
                    "code": [{"coding": [{"system": CS_AFFILIATION, "code": "insurer_contract"}]}],
                }),
            ));
        }
        if let Some(c) = &o.contact {
            contact(&mut out, c, o.id.as_str(), 0, o.id.as_str(), None);
        }
    }
    for (i, t) in registry.teams().iter().enumerate() {
        let cap = registry.capacity(i as u32);
        let (coverage, exclusions) = area_refs(&mut out, &mut made, &t.area);
        let mut subs = vec![json!({"url": "status", "valueCode": cap.status.code()})];
        for (care, n) in cap.free_places.iter() {
            subs.push(json!({"url": "freePlaces", "extension": [{"url": "careType", "valueCode": care.code()}, {"url": "places", "valueUnsignedInt": n}]}));
        }
        for (care, hours) in &cap.free_hours {
            subs.push(json!({"url": "freeHours", "extension": [{"url": "careType", "valueCode": care.code()}, {"url": "hours", "valueDecimal": hours.get()}]}));
        }
        if let Some(d) = cap.earliest_start {
            subs.push(json!({"url": "earliestStart", "valueDate": d.format("%Y-%m-%d").to_string()}));
        }
        subs.push(json!({"url": "updatedAt", "valueInstant": cap.updated_at.to_rfc3339_opts(chrono::SecondsFormat::AutoSi, true)}));
        subs.push(json!({"url": "version", "valueString": cap.version.to_string()}));
        let mut extension = vec![json!({"url": EXT_CAPACITY, "extension": subs})];
        extension.extend(exclusions);
        let times: Vec<Value> = t
            .times_of_day
            .iter()
            .map(|tod| match tod {
                TimeOfDay::Day => window(DAY),
                TimeOfDay::Evening => window(EVENING),
                TimeOfDay::Night => window(NIGHT),
            })
            .collect();
        let id = fhir_id(t.id.as_str());
        let mut svc = json!({
            "resourceType": "HealthcareService", "id": id, "active": true,
            "extension": extension,
            "providedBy": reference("Organization", &fhir_id(t.organisation.as_str())),
            "category": [{"coding": [{"system": CS_SERVICE_KIND, "code": "team"}]}],
            "type": t.care_types.iter().map(|c| json!({"coding": [{"system": CS_CARE_TYPE, "code": c.code()}], "text": c.label_nl()})).collect::<Vec<_>>(),
            "name": t.name,
            "characteristic": [{"coding": [{"system": CS_NURSE_LEVEL, "code": t.max_nurse_level.code()}]}],
            "communication": t.languages.iter().map(|l| json!({"coding": [{"system": BCP47, "code": l.code()}]})).collect::<Vec<_>>(),
            "coverageArea": coverage,
            "availableTime": times,
        });
        let ids = identifiers(t.id.as_str(), Vec::new());
        if !ids.is_empty() {
            svc["identifier"] = Value::Array(ids);
        }
        out.push(("HealthcareService".into(), id, svc));
        for (j, c) in t.contacts.iter().enumerate() {
            contact(&mut out, c, t.id.as_str(), j, t.organisation.as_str(), Some(t.id.as_str()));
        }
    }
    for p in registry.coordination_points() {
        let (coverage, exclusions) = area_refs(&mut out, &mut made, &p.area);
        let id = fhir_id(p.id.as_str());
        let mut svc = json!({
            "resourceType": "HealthcareService", "id": id, "active": true,
            "providedBy": reference("Organization", &fhir_id(p.organisation.as_str())),
            "category": [{"coding": [{"system": CS_SERVICE_KIND, "code": "coordination_point"}]}],
            "name": p.name,
            "coverageArea": coverage,
        });
        if !exclusions.is_empty() {
            svc["extension"] = Value::Array(exclusions);
        }
        let ids = identifiers(p.id.as_str(), Vec::new());
        if !ids.is_empty() {
            svc["identifier"] = Value::Array(ids);
        }
        out.push(("HealthcareService".into(), id, svc));
        if let Some(c) = &p.contact {
            contact(&mut out, c, p.id.as_str(), 0, p.organisation.as_str(), Some(p.id.as_str()));
        }
    }
    let entries: Vec<Value> = out
        .into_iter()
        .map(|(kind, id, resource)| match ty {
            BundleType::Collection => json!({"resource": resource}),
            BundleType::Transaction => {
                json!({"resource": resource, "request": {"method": "PUT", "url": format!("{kind}/{id}")}})
            }
            BundleType::Searchset => json!({"resource": resource, "search": {"mode": "match"}}),
        })
        .collect();
    let mut bundle = json!({
        "resourceType": "Bundle",
        "meta": {"versionId": registry.version().to_string()},
        "type": ty.code(),
    });
    if ty == BundleType::Searchset {
        bundle["total"] = json!(entries.len());
    }
    bundle["entry"] = Value::Array(entries);
    bundle
}

/// [`to_bundle`] as JSON text.
pub fn to_bundle_json(registry: &Registry, ty: BundleType) -> String {
    to_bundle(registry, ty).to_string()
}
