//! Consent (*toestemming*) as FHIR R4 Consent resources, in and out, and a sharing decision as
//! an AuditEvent.
//!
//! A consent record and an objection are each one Consent (crate docs, "Consent"). What a
//! Consent cannot say in the consent store's terms is refused, never dropped: dropping a
//! restriction (a `dataPeriod`, an `action` other than disclosure, a security label, an actor of
//! another role) could turn a narrow permission into a wide one.

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use serde_json::{Value, json};
use wijknet::consent::{
    AuditRecord, Client, ConsentChannel, ConsentEffect, ConsentRecord, ConsentRecordStatus, ConsentStore, DataCategory,
    GivenBy, MAX_CHILD_PROVISIONS, MAX_PROVISION_DEPTH, Objection, Period, Provision, Purpose, RecipientRole,
    StoreDocument,
};
use wijknet::limits::MAX_RECORD_LIST;
use wijknet::{Bsn, CodeSet, Error, Id, Problem, Problems};

use crate::codes::*;
use crate::json::{self, Node};
use crate::path::{At, Rd};

/// What errors of consent input are called.
pub const DOCUMENT: &str = "FHIR consent bundle";

fn instant_text(t: &DateTime<Utc>) -> String {
    t.to_rfc3339_opts(chrono::SecondsFormat::AutoSi, true)
}

fn period_json(p: &Period) -> Value {
    let mut v = json!({"start": instant_text(&p.start)});
    if let Some(e) = &p.end {
        v["end"] = json!(instant_text(e));
    }
    v
}

fn id_reference(kind: &str, id: &Id) -> Value {
    let mut r = json!({"reference": format!("{kind}/{}", fhir_id(id.as_str()))});
    if !is_fhir_id(id.as_str()) {
        r["identifier"] = json!({"system": REGISTRY_ID, "value": id.as_str()});
    }
    r
}

fn actors_json(actors: &Option<Vec<Id>>, roles: &Option<CodeSet<RecipientRole>>) -> Vec<Value> {
    let mut out = Vec::new();
    for a in actors.iter().flatten() {
        out.push(json!({"role": {"coding": [{"system": V3_PARTICIPATION, "code": "IRCP"}]}, "reference": id_reference("Organization", a)}));
    }
    for r in roles.iter().flat_map(|s| s.iter()) {
        out.push(json!({"role": {"coding": [{"system": CS_RECIPIENT_ROLE, "code": r.code()}]},
                        "reference": {"identifier": {"system": CS_RECIPIENT_ROLE, "value": r.code()}, "display": r.label_en()}}));
    }
    out
}

fn constraints(
    v: &mut Value,
    actors: &Option<Vec<Id>>,
    roles: &Option<CodeSet<RecipientRole>>,
    categories: &Option<CodeSet<DataCategory>>,
    purposes: &Option<CodeSet<Purpose>>,
) {
    let a = actors_json(actors, roles);
    if !a.is_empty() {
        v["actor"] = Value::Array(a);
    }
    if let Some(p) = purposes {
        v["purpose"] = p.iter().map(|p| json!({"system": CS_PURPOSE, "code": p.code()})).collect();
    }
    if let Some(c) = categories {
        v["code"] = c.iter().map(|c| json!({"coding": [{"system": CS_DATA_CATEGORY, "code": c.code()}]})).collect();
    }
}

fn provision_json(p: &Provision) -> Value {
    let mut v = json!({"type": p.effect.code()});
    if let Some(period) = &p.period {
        v["period"] = period_json(period);
    }
    constraints(&mut v, &p.actors, &p.roles, &p.categories, &p.purposes);
    if !p.provisions.is_empty() {
        v["provision"] = p.provisions.iter().map(provision_json).collect();
    }
    v
}

fn given_by_json(g: &GivenBy, client: &Id) -> Vec<Value> {
    let mut out = Vec::new();
    if g.client {
        out.push(id_reference("Patient", client));
    }
    for r in &g.representatives {
        out.push(id_reference("RelatedPerson", r));
    }
    out
}

fn patient_json(client: &Id, bsn: Option<&Bsn>) -> Value {
    let mut r = id_reference("Patient", client);
    if let Some(b) = bsn {
        // The host's own data, as the store's JSON export carries it; never in an error.
        r["identifier"] = json!({"system": BSN, "value": b.expose()});
    }
    r
}

fn status_json(v: &mut Value, s: ConsentRecordStatus) {
    v["status"] = json!(consent_status(s));
    if s == ConsentRecordStatus::Superseded {
        v["extension"]
            .as_array_mut()
            .expect("set before")
            .push(json!({"url": EXT_RECORD_STATUS, "valueCode": "superseded"}));
    }
}

/// One consent record as a Consent.
pub fn consent_json(c: &ConsentRecord, bsn: Option<&Bsn>) -> Value {
    let mut root = provision_json(&c.provision);
    root["period"] = period_json(&c.period);
    if let Some(own) = &c.provision.period {
        root["extension"] = json!([{"url": EXT_PROVISION_PERIOD, "valuePeriod": period_json(own)}]);
    }
    let mut v = json!({
        "resourceType": "Consent",
        "id": fhir_id(c.id.as_str()),
        "extension": [{"url": EXT_CHANNEL, "valueCode": c.scope.code()}],
        "scope": {"coding": [{"system": CONSENT_SCOPE, "code": "patient-privacy"}]},
        "category": [{"coding": [{"system": LOINC, "code": "59284-0"}]}, {"coding": [{"system": CS_CONSENT_KIND, "code": "consent"}]}],
        "patient": patient_json(&c.client, bsn),
        "dateTime": instant_text(&c.recorded_at),
        "performer": given_by_json(&c.given_by, &c.client),
        "organization": [id_reference("Organization", &c.recorded_by)],
        "policyRule": {"coding": [{"system": "http://terminology.hl7.org/CodeSystem/v3-ActCode", "code": "OPTIN"}]},
        "provision": root,
    });
    status_json(&mut v, c.status);
    if !is_fhir_id(c.id.as_str()) {
        v["identifier"] = json!([{"system": REGISTRY_ID, "value": c.id.as_str()}]);
    }
    v
}

/// One objection as a Consent (category `objection`, a deny provision).
pub fn objection_json(o: &Objection, bsn: Option<&Bsn>) -> Value {
    let mut root = json!({"type": "deny", "period": period_json(&o.period)});
    constraints(&mut root, &o.actors, &o.roles, &o.categories, &o.purposes);
    let mut v = json!({
        "resourceType": "Consent",
        "id": fhir_id(o.id.as_str()),
        "extension": [],
        "scope": {"coding": [{"system": CONSENT_SCOPE, "code": "patient-privacy"}]},
        "category": [{"coding": [{"system": LOINC, "code": "59284-0"}]}, {"coding": [{"system": CS_CONSENT_KIND, "code": "objection"}]}],
        "patient": patient_json(&o.client, bsn),
        "dateTime": instant_text(&o.recorded_at),
        "performer": given_by_json(&o.made_by, &o.client),
        "organization": [id_reference("Organization", &o.recorded_by)],
        "policyRule": {"coding": [{"system": "http://terminology.hl7.org/CodeSystem/v3-ActCode", "code": "OPTOUT"}]},
        "provision": root,
    });
    status_json(&mut v, o.status);
    if v["extension"].as_array().is_some_and(Vec::is_empty) {
        v.as_object_mut().expect("object").remove("extension");
    }
    if !is_fhir_id(o.id.as_str()) {
        v["identifier"] = json!([{"system": REGISTRY_ID, "value": o.id.as_str()}]);
    }
    v
}

/// The consents and objections of a store document as a `collection` Bundle of Consents. The
/// clients are not resources of their own: each Consent names its client as `Patient/<id>`,
/// with the BSN as the reference's identifier when the store holds it (the host's own data, as
/// the store's JSON export carries it).
pub fn store_to_bundle(doc: &StoreDocument) -> Value {
    let bsn: HashMap<&str, &Bsn> =
        doc.clients.iter().filter_map(|c| c.bsn.as_ref().map(|b| (c.id.as_str(), b))).collect();
    let mut entries: Vec<Value> = Vec::new();
    for c in &doc.consents {
        entries.push(json!({"resource": consent_json(c, bsn.get(c.client.as_str()).copied())}));
    }
    for o in &doc.objections {
        entries.push(json!({"resource": objection_json(o, bsn.get(o.client.as_str()).copied())}));
    }
    json!({"resourceType": "Bundle", "meta": {"versionId": doc.version}, "type": "collection", "entry": entries})
}

// ---- reading ----------------------------------------------------------------------------------

/// What Consents are read against: the clients (who are not Consent resources).
struct Ctx<'a> {
    by_id: HashMap<String, &'a Client>,
    by_bsn: HashMap<&'a str, &'a Client>,
}

fn ref_id(rd: &mut Rd<'_>, r: &Node, at: &At<'_>, kind: &str) -> Option<String> {
    rd.item(r, at)?;
    if let Some(ident) = r.get("identifier") {
        if ident.get("system").and_then(Node::as_str) == Some(REGISTRY_ID) {
            return ident.get("value").and_then(Node::as_str).map(str::to_owned);
        }
    }
    let Some(reference) = rd.str(r, at, "reference") else {
        rd.push(at, format_args!("expected a reference to a {kind}"));
        return None;
    };
    match reference.rsplit_once('/') {
        Some((prefix, id)) if (prefix == kind || prefix.ends_with(&format!("/{kind}"))) && is_fhir_id(id) => {
            Some(id.to_owned())
        }
        _ => {
            rd.push(&at.f("reference"), format_args!("expected a reference `{kind}/id`"));
            None
        }
    }
}

fn period(rd: &mut Rd<'_>, node: &Node, at: &At<'_>) -> Option<Period> {
    rd.item(node, at)?;
    let t = |rd: &mut Rd<'_>, key: &'static str| -> Option<Option<DateTime<Utc>>> {
        match rd.str(node, at, key) {
            None => Some(None),
            Some(s) => match DateTime::parse_from_rfc3339(s) {
                Ok(t) => Some(Some(t.with_timezone(&Utc))),
                Err(_) => {
                    rd.push(&at.f(key), "expected an instant such as `2026-11-20T08:00:00Z` (with a time zone)");
                    None
                }
            },
        }
    };
    let (start, end) = (t(rd, "start"), t(rd, "end"));
    match start? {
        Some(start) => Some(Period { start, end: end? }),
        None => {
            rd.push(&at.f("start"), "required: wijknet consents have a start");
            None
        }
    }
}

/// The constraints of a provision: actors, roles, categories, purposes (absent = any).
type Constraints =
    (Option<Vec<Id>>, Option<CodeSet<RecipientRole>>, Option<CodeSet<DataCategory>>, Option<CodeSet<Purpose>>);

fn constraints_of(rd: &mut Rd<'_>, node: &Node, at: &At<'_>) -> Constraints {
    for (key, why) in [
        (
            "dataPeriod",
            "a restriction by the data's own period: wijknet consents cannot hold it, and ignoring it would widen the consent",
        ),
        (
            "securityLabel",
            "security labels: wijknet consents cannot hold them, and ignoring them would widen the consent",
        ),
        (
            "data",
            "a restriction to specific resources: wijknet consents cannot hold it, and ignoring it would widen the consent",
        ),
    ] {
        if node.get(key).is_some() {
            rd.push(&at.f(key), why);
        }
    }
    let at_a = at.f("action");
    for (i, a) in rd.arr(node, at, "action").iter().enumerate() {
        let at = at_a.i(i);
        let Some(a) = rd.item(a, &at) else { continue };
        let ok = rd
            .codings(a, &at)
            .iter()
            .all(|(s, c)| *s == Some(CONSENT_ACTION) && matches!(*c, Some("disclose" | "access" | "use")));
        if !ok {
            rd.push(
                &at,
                "only the actions `disclose`, `access` and `use` of the consentaction code system are understood",
            );
        }
    }
    let (mut actors, mut roles): (Vec<Id>, CodeSet<RecipientRole>) = (Vec::new(), CodeSet::empty());
    let list = rd.arr_max(node, at, "actor", MAX_RECORD_LIST);
    let at_l = at.f("actor");
    for (i, a) in list.iter().enumerate() {
        let at = at_l.i(i);
        let Some(a) = rd.item(a, &at) else { continue };
        let codings = rd.obj(a, &at, "role").map(|r| rd.codings(r, &at.f("role"))).unwrap_or_default();
        if let Some(code) = codings.iter().find(|(s, _)| *s == Some(CS_RECIPIENT_ROLE)).map(|(_, c)| *c) {
            match code.map(RecipientRole::from_code) {
                Some(Ok(r)) => roles.insert(r),
                _ => rd.push(&at.f("role"), "unknown wijknet recipient role code"),
            }
        } else if codings.iter().any(|(s, c)| *s == Some(V3_PARTICIPATION) && matches!(*c, Some("IRCP" | "PRCP"))) {
            let Some(r) = rd.obj(a, &at, "reference") else {
                rd.push(&at.f("reference"), "required: the recipient organisation");
                continue;
            };
            if let Some(id) = ref_id(rd, r, &at.f("reference"), "Organization") {
                match Id::parse(&id) {
                    Ok(id) => actors.push(id),
                    Err(e) => rd.push(&at.f("reference"), e),
                }
            }
        } else {
            rd.push(&at.f("role"), "only recipients are understood: a role of the wijknet recipient-role code system, or IRCP / PRCP (v3 ParticipationType) with an Organization");
        }
    }
    let mut categories: CodeSet<DataCategory> = CodeSet::empty();
    let at_c = at.f("code");
    let codes = rd.arr_max(node, at, "code", 100);
    for (i, c) in codes.iter().enumerate() {
        let at = at_c.i(i);
        let Some(c) = rd.item(c, &at) else { continue };
        let mut found = false;
        for (s, code) in rd.codings(c, &at) {
            if s == Some(CS_DATA_CATEGORY) {
                match code.map(DataCategory::from_code) {
                    Some(Ok(d)) => {
                        categories.insert(d);
                        found = true;
                    }
                    _ => rd.push(&at, "unknown wijknet data category code"),
                }
            }
        }
        if !found {
            rd.push(&at, "no data category wijknet knows: give a coding of the wijknet data-category code system");
        }
    }
    let at_cl = at.f("class");
    for (i, c) in rd.arr(node, at, "class").iter().enumerate() {
        let at = at_cl.i(i);
        match (c.get("system").and_then(Node::as_str), c.get("code").and_then(Node::as_str)) {
            (Some(s), Some(code)) if s == CS_DATA_CATEGORY && DataCategory::from_code(code).is_ok() => {
                categories.insert(DataCategory::from_code(code).expect("checked"));
            }
            _ => rd.push(
                &at,
                "a class wijknet does not map to a data category: give codes of the wijknet data-category code system",
            ),
        }
    }
    let mut purposes: CodeSet<Purpose> = CodeSet::empty();
    let at_p = at.f("purpose");
    for (i, p) in rd.arr(node, at, "purpose").iter().enumerate() {
        let at = at_p.i(i);
        match purpose(p.get("system").and_then(Node::as_str), p.get("code").and_then(Node::as_str)) {
            Some(p) => purposes.insert(p),
            None => rd.push(&at, "a purpose wijknet does not know: give a code of the wijknet purpose code system or a mapped v3 ActReason (see the wijknet-fhir docs)"),
        }
    }
    (
        (!actors.is_empty()).then_some(actors),
        (!roles.is_empty()).then_some(roles),
        (!categories.is_empty()).then_some(categories),
        (!purposes.is_empty()).then_some(purposes),
    )
}

fn provision(rd: &mut Rd<'_>, node: &Node, at: &At<'_>, depth: usize) -> Option<Provision> {
    rd.item(node, at)?;
    rd.no_modifiers(node, at);
    let effect = match rd.req_str(node, at, "type") {
        Some("permit") => Some(ConsentEffect::Permit),
        Some("deny") => Some(ConsentEffect::Deny),
        Some(_) => {
            rd.push(&at.f("type"), "expected `permit` or `deny`");
            None
        }
        None => None,
    };
    let (actors, roles, categories, purposes) = constraints_of(rd, node, at);
    let period = rd.obj(node, at, "period").and_then(|p| period(rd, p, &at.f("period")));
    let mut provisions = Vec::new();
    let kids = rd.arr_max(node, at, "provision", MAX_CHILD_PROVISIONS);
    if !kids.is_empty() && depth >= MAX_PROVISION_DEPTH {
        rd.push(&at.f("provision"), format_args!("provisions nested deeper than the limit of {MAX_PROVISION_DEPTH}"));
    } else {
        let at_k = at.f("provision");
        for (i, k) in kids.iter().enumerate() {
            if let Some(p) = provision(rd, k, &at_k.i(i), depth + 1) {
                provisions.push(p);
            }
        }
    }
    Some(Provision { effect: effect?, actors, roles, categories, purposes, period, provisions })
}

enum Record {
    Consent(ConsentRecord),
    Objection(Objection),
}

fn record(rd: &mut Rd<'_>, ctx: &Ctx<'_>, node: &Node, at: &At<'_>) -> Option<Record> {
    rd.no_modifiers(node, at);
    let fhir = rd.req_str(node, at, "id").unwrap_or_default().to_owned();
    let mut rid = fhir.clone();
    for ident in rd.arr(node, at, "identifier") {
        if ident.get("system").and_then(Node::as_str) == Some(REGISTRY_ID) {
            if let Some(v) = ident.get("value").and_then(Node::as_str) {
                rid = v.to_owned();
            }
        }
    }
    let id = match Id::parse(&rid) {
        Ok(id) => Some(id),
        Err(e) => {
            rd.push(&at.f("id"), e);
            None
        }
    };
    let superseded = rd
        .extensions(node, at, EXT_RECORD_STATUS)
        .iter()
        .any(|(_, e)| e.get("valueCode").and_then(Node::as_str) == Some("superseded"));
    let status = match rd.req_str(node, at, "status") {
        Some("active") => Some(ConsentRecordStatus::Active),
        Some("inactive") if superseded => Some(ConsentRecordStatus::Superseded),
        Some("inactive") => Some(ConsentRecordStatus::Withdrawn),
        Some(_) => {
            rd.push(&at.f("status"), "only `active` and `inactive` (withdrawn) consents are read: a draft, proposed, rejected or erroneous Consent decides nothing");
            None
        }
        None => None,
    };
    let scope_ok = rd.obj(node, at, "scope").map(|s| {
        rd.codings(s, &at.f("scope")).iter().any(|(sy, c)| *sy == Some(CONSENT_SCOPE) && *c == Some("patient-privacy"))
    });
    if scope_ok != Some(true) {
        rd.push(&at.f("scope"), "only privacy consents (scope `patient-privacy`) decide about sharing");
    }
    let mut objection = false;
    for (i, c) in rd.arr(node, at, "category").iter().enumerate() {
        let at_c = at.f("category");
        let at_c = at_c.i(i);
        if let Some(c) = rd.item(c, &at_c) {
            objection |=
                rd.codings(c, &at_c).iter().any(|(s, c)| *s == Some(CS_CONSENT_KIND) && *c == Some("objection"));
        }
    }
    let channel = match rd.extensions(node, at, EXT_CHANNEL).first() {
        None => Some(ConsentChannel::Direct),
        Some((i, e)) => match e.get("valueCode").and_then(Node::as_str).map(ConsentChannel::from_code) {
            Some(Ok(c)) => Some(c),
            _ => {
                rd.push(&at.f("extension").i(*i), "expected `direct` or `exchange_system`");
                None
            }
        },
    };
    // The client: Patient/<id> of a known client, or the BSN of one.
    let client = match rd.obj(node, at, "patient") {
        None => {
            rd.push(&at.f("patient"), "required");
            None
        }
        Some(p) => {
            let at_p = at.f("patient");
            let by_bsn = p
                .get("identifier")
                .filter(|i| i.get("system").and_then(Node::as_str) == Some(BSN))
                .and_then(|i| i.get("value"))
                .and_then(Node::as_str);
            let by_ref = p.get("reference").and_then(Node::as_str).and_then(|r| r.strip_prefix("Patient/"));
            let found = by_ref.and_then(|r| ctx.by_id.get(r)).or_else(|| by_bsn.and_then(|b| ctx.by_bsn.get(b)));
            match found {
                Some(c) => Some(*c),
                None => {
                    rd.push(&at_p, "names no client of the store (by `Patient/<client id>` or by BSN)");
                    None
                }
            }
        }
    };
    let recorded_at = rd.req_str(node, at, "dateTime").and_then(|t| match DateTime::parse_from_rfc3339(t) {
        Ok(t) => Some(t.with_timezone(&Utc)),
        Err(_) => {
            rd.push(&at.f("dateTime"), "expected an instant such as `2026-11-20T08:00:00Z` (with a time zone)");
            None
        }
    });
    let orgs = rd.arr(node, at, "organization");
    let recorded_by = match orgs {
        [one] => ref_id(rd, one, &at.f("organization").i(0), "Organization").and_then(|s| Id::parse(&s).ok()),
        _ => {
            rd.push(&at.f("organization"), "expected exactly one organisation that recorded the consent");
            None
        }
    };
    let mut given = GivenBy::default();
    let at_pf = at.f("performer");
    for (i, p) in rd.arr_max(node, at, "performer", wijknet::limits::MAX_REPRESENTATIVES + 1).iter().enumerate() {
        let at = at_pf.i(i);
        let r = p.get("reference").and_then(Node::as_str).unwrap_or_default();
        if let Some(id) = r.strip_prefix("Patient/") {
            if client.is_some_and(|c| fhir_id(c.id.as_str()) != id) {
                rd.push(&at, "a performer Patient that is not the Consent's client");
            }
            given.client = true;
        } else if let Some(id) = r.strip_prefix("RelatedPerson/") {
            let rep = client.and_then(|c| c.representatives.iter().find(|x| fhir_id(x.id.as_str()) == id));
            match rep {
                Some(rep) => given.representatives.push(rep.id.clone()),
                None if client.is_some() => rd.push(&at, "a RelatedPerson that is not a representative of the client"),
                None => {}
            }
        } else {
            rd.push(&at, "expected the client (`Patient/<id>`) or a representative (`RelatedPerson/<id>`)");
        }
    }
    let Some(root_node) = rd.obj(node, at, "provision") else {
        rd.push(&at.f("provision"), "required: what the consent permits or denies");
        return None;
    };
    let at_r = at.f("provision");
    let mut root = provision(rd, root_node, &at_r, 1)?;
    let Some(record_period) = root.period.take() else {
        rd.push(&at_r.f("period"), "required: the period of the consent");
        return None;
    };
    if let Some((i, e)) = rd.extensions(root_node, &at_r, EXT_PROVISION_PERIOD).first() {
        let at_e = at_r.f("extension");
        root.period = e.get("valuePeriod").and_then(|p| period(rd, p, &at_e.i(*i).f("valuePeriod")));
    }
    let (id, status, client, recorded_at, recorded_by, channel) =
        (id?, status?, client?, recorded_at?, recorded_by?, channel?);
    if objection {
        if root.effect != ConsentEffect::Deny || !root.provisions.is_empty() {
            rd.push(&at_r, "an objection is one deny provision without nested provisions");
            return None;
        }
        return Some(Record::Objection(Objection {
            id,
            client: client.id.clone(),
            recorded_by,
            recorded_at,
            made_by: given,
            status,
            period: record_period,
            actors: root.actors,
            roles: root.roles,
            categories: root.categories,
            purposes: root.purposes,
        }));
    }
    Some(Record::Consent(ConsentRecord {
        id,
        client: client.id.clone(),
        recorded_by,
        recorded_at,
        given_by: given,
        scope: channel,
        status,
        period: record_period,
        provision: root,
    }))
}

/// Reads Consents (a Bundle of them, or one Consent) into a store document with the given
/// clients and version: the clients are the host's patient data, not Consent resources. Every
/// problem is reported at once at FHIRPath-like paths (`Bundle.entry[0].resource.provision.actor[1]`);
/// then the document goes through the consent store's own validation, whose problems are
/// reported at the Consent they came from.
pub fn store_from_fhir(bytes: &[u8], clients: &[Client], version: &str) -> Result<StoreDocument, Error> {
    let root = json::parse(bytes, "Bundle", DOCUMENT)?;
    let mut problems = Problems::new();
    let mut rd = Rd { problems: &mut problems };
    let ctx = Ctx {
        by_id: clients.iter().map(|c| (fhir_id(c.id.as_str()), c)).collect(),
        by_bsn: clients.iter().filter_map(|c| c.bsn.as_ref().map(|b| (b.expose(), c))).collect(),
    };
    let mut doc = StoreDocument {
        version: version.to_owned(),
        clients: clients.to_vec(),
        consents: Vec::new(),
        objections: Vec::new(),
    };
    let mut origin_c = Vec::new();
    let mut origin_o = Vec::new();
    let single = root.get("resourceType").and_then(Node::as_str) == Some("Consent");
    let resources: Vec<(String, &Node)> = if single {
        vec![("Consent".to_owned(), &root)]
    } else {
        let at = At::Root("Bundle");
        match rd.req_str(&root, &at, "resourceType") {
            Some("Bundle") => {}
            Some(t) => rd.push(
                &at.f("resourceType"),
                format_args!("expected a Bundle or a Consent, found {}", resource_type_shown(t)),
            ),
            None => {}
        }
        let at_e = at.f("entry");
        rd.arr(&root, &at, "entry")
            .iter()
            .enumerate()
            .filter_map(|(i, e)| {
                let r = e.get("resource")?;
                Some((at_e.i(i).f("resource").to_string(), r))
            })
            .collect()
    };
    for (path, r) in resources {
        let at = At::Text(&path);
        match r.get("resourceType").and_then(Node::as_str) {
            Some("Consent") => {}
            Some(t) => {
                rd.push(&at.f("resourceType"), format_args!("expected a Consent, found {}", resource_type_shown(t)));
                continue;
            }
            None => {
                rd.push(&at.f("resourceType"), "required");
                continue;
            }
        }
        match record(&mut rd, &ctx, r, &at) {
            Some(Record::Consent(c)) => {
                origin_c.push(path.clone());
                doc.consents.push(c);
            }
            Some(Record::Objection(o)) => {
                origin_o.push(path.clone());
                doc.objections.push(o);
            }
            None => {}
        }
    }
    if !problems.is_empty() {
        return Err(crate::path::invalid(DOCUMENT, problems));
    }
    match ConsentStore::from_document(doc.clone()) {
        Ok(_) => Ok(doc),
        Err(Error::Invalid { problems, .. }) => Err(Error::Invalid {
            document: DOCUMENT,
            problems: problems
                .into_iter()
                .map(|p| {
                    let place =
                        ["$.consents[", "$.objections["].iter().zip([&origin_c, &origin_o]).find_map(|(pre, list)| {
                            let n = p.path.strip_prefix(pre)?.split(']').next()?.parse::<usize>().ok()?;
                            list.get(n).cloned()
                        });
                    match place {
                        Some(path) => {
                            Problem { reason: format!("{} (store field `{}`)", p.reason, &p.path[2..]), path }
                        }
                        None => Problem { path: "Bundle".into(), reason: p.reason },
                    }
                })
                .collect(),
        }),
        Err(other) => Err(other),
    }
}

// ---- audit ------------------------------------------------------------------------------------

/// A sharing decision as a FHIR R4 AuditEvent (NEN 7513 logging of a disclosure decision).
///
/// **Which BSN is in it, and why.** None, unless the host passes one: the audit record names the
/// client by the store's pseudonymous id only (`Patient/<client id>`), as everything wijknet
/// writes does. A host that must log the citizen service number (NEN 7513 asks that a log
/// identify whose data was concerned, and the BSN is the identifier other organisations resolve)
/// passes it as `bsn`; it then appears once, as the identifier of the patient entity's `what`,
/// and nowhere else. wijknet never adds it by itself.
pub fn audit_event(record: &AuditRecord, bsn: Option<&Bsn>) -> Value {
    let mut patient = id_reference("Patient", &record.client);
    if let Some(b) = bsn {
        patient["identifier"] = json!({"system": BSN, "value": b.expose()});
    }
    let mut purpose = vec![json!({"system": CS_PURPOSE, "code": record.purpose.code()})];
    if let Some(c) = purpose_of_use(record.purpose) {
        purpose.push(json!({"system": V3_ACT_REASON, "code": c}));
    }
    let party = |p: &wijknet::consent::Party, requestor: bool| {
        let mut agent = json!({
            "type": {"coding": [{"system": CS_RECIPIENT_ROLE, "code": p.role.code()}]},
            "requestor": requestor,
            "role": [{"coding": [{"system": V3_PARTICIPATION, "code": if requestor { "AUT" } else { "IRCP" }}]}],
        });
        // A recipient named by its role only has no `who` (0..1 in R4): the type says the role.
        if let Some(o) = &p.organisation {
            agent["who"] = id_reference("Organization", o);
        }
        agent
    };
    let mut entities = vec![json!({
        "what": patient,
        "type": {"system": "http://terminology.hl7.org/CodeSystem/audit-entity-type", "code": "1"},
        "role": {"system": "http://terminology.hl7.org/CodeSystem/object-role", "code": "1"},
    })];
    let mut decision = vec![
        json!({"type": "inputs_hash", "valueString": record.inputs_hash}),
        json!({"type": "data_version", "valueString": record.data_version}),
        json!({"type": "policy", "valueString": record.policy.code()}),
    ];
    if let Some(e) = record.emergency {
        decision.push(json!({"type": "emergency", "valueString": e.code()}));
    }
    entities.push(json!({"what": {"identifier": {"system": format!("{CS_AUDIT}/decision"), "value": record.decision_id}}, "detail": decision}));
    for o in &record.outcomes {
        entities.push(json!({
            "what": {"identifier": {"system": CS_DATA_CATEGORY, "value": o.category.code()}},
            "extension": [{"url": EXT_DECISION, "extension": [
                {"url": "outcome", "valueCode": o.outcome.code()}, {"url": "basis", "valueCode": o.basis.code()}]}],
            "detail": [{"type": "outcome", "valueString": o.outcome.code()}, {"type": "basis", "valueString": o.basis.code()}],
        }));
    }
    let all_permit = record.outcomes.iter().all(|o| o.outcome.is_permit());
    json!({
        "resourceType": "AuditEvent",
        "id": record.decision_id,
        "type": {"system": CS_AUDIT, "code": "sharing_decision"},
        "subtype": [{"system": AUDIT_EVENT_TYPE, "code": "rest"}],
        "action": "E",
        "recorded": instant_text(&record.at),
        "outcome": "0",
        "outcomeDesc": if all_permit { "every requested category permitted" } else { "not every requested category permitted" },
        "purposeOfEvent": [{"coding": purpose}],
        "agent": [party(&record.discloser, true), party(&record.recipient, false)],
        "source": {"observer": {"display": format!("wijknet {}", wijknet::VERSION)}},
        "entity": entities,
    })
}
