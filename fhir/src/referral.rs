//! Referrals as FHIR: the referral (*verwijzing*) is a ServiceRequest, each offer to a team
//! (*aanbod*) a Task based on it. Every wijknet event is one new version of one of them, so a
//! referral's events are a `_history` Bundle and a `_history` Bundle gives the events back
//! (crate docs, "Referrals").

use std::collections::HashMap;

use chrono::{DateTime, Duration, Utc};
use serde_json::{Value, json};
use wijknet::referral::{
    Actor, EscalationPolicy, EscalationTrigger, Event, EventKind, Intake, OfferStatus, Reason, ReferralBook,
    ReferralReason, ReferralStatus,
};
use wijknet::volume::{Hours, VisitMoment, Volume, volume_problems};
use wijknet::{CareType, CodeSet, Error, Id, MunicipalityCode, Pc4, Problems};

use crate::codes::*;
use crate::json::{self, Node, Num};
use crate::path::{At, Rd};

/// What errors of referral input are called.
pub const DOCUMENT: &str = "FHIR referral history";

fn instant_text(t: &DateTime<Utc>) -> String {
    t.to_rfc3339_opts(chrono::SecondsFormat::AutoSi, true)
}

fn id_reference(kind: &str, id: &Id) -> Value {
    let mut r = json!({"reference": format!("{kind}/{}", fhir_id(id.as_str()))});
    if !is_fhir_id(id.as_str()) {
        r["identifier"] = json!({"system": REGISTRY_ID, "value": id.as_str()});
    }
    r
}

/// FHIR Task.status for an offer status (`in_progress` is `in-progress`).
pub fn task_status(s: OfferStatus) -> &'static str {
    match s {
        OfferStatus::InProgress => "in-progress",
        OfferStatus::OnHold => "on-hold",
        other => other.code(),
    }
}

fn offer_status(s: &str) -> Option<OfferStatus> {
    match s {
        "in-progress" => Some(OfferStatus::InProgress),
        "on-hold" => Some(OfferStatus::OnHold),
        "in_progress" | "on_hold" => None,
        other => OfferStatus::from_code(other).ok(),
    }
}

/// The FHIR ServiceRequest.status of a referral status.
pub fn request_status(s: ReferralStatus) -> &'static str {
    match s {
        ReferralStatus::Draft => "draft",
        ReferralStatus::Completed => "completed",
        ReferralStatus::Cancelled | ReferralStatus::Failed => "revoked",
        _ => "active",
    }
}

/// The Task id of a team's offer on a referral.
pub fn task_id(referral: &Id, team: &Id) -> String {
    format!("offer-{}", hash(&[referral.as_str(), team.as_str()]))
}

fn reason_json(r: &Reason) -> Value {
    let mut v = json!({"coding": [{"system": CS_REFERRAL_REASON, "code": r.code().code()}]});
    if let Some(t) = r.text() {
        v["text"] = json!(t);
    }
    v
}

fn actor_json(a: &Actor) -> Value {
    match a {
        Actor::Team(t) => id_reference("HealthcareService", t),
        Actor::Referrer(o) | Actor::Coordinator(o) => id_reference("Organization", o),
    }
}

fn event_ext(e: &Event, automatic: bool) -> Value {
    let mut subs = vec![
        json!({"url": "id", "valueString": e.id.as_str()}),
        json!({"url": "seq", "valueString": e.seq.to_string()}),
        json!({"url": "actorRole", "valueCode": e.actor.role()}),
        json!({"url": "actor", "valueReference": actor_json(&e.actor)}),
        json!({"url": "type", "valueCode": e.kind.event_type().code()}),
    ];
    if automatic {
        subs.push(json!({"url": "automatic", "valueBoolean": true}));
    }
    json!({"url": EXT_EVENT, "extension": subs})
}

/// What the export keeps per referral to write its next versions.
struct Sr {
    intake: Intake,
    created: DateTime<Utc>,
    status: ReferralStatus,
    escalation: Option<(Id, EscalationTrigger)>,
    reason: Option<Reason>,
    version: u64,
}

struct Tk {
    status: OfferStatus,
    sent: DateTime<Utc>,
    started: Option<DateTime<Utc>>,
    ended: Option<DateTime<Utc>>,
    reason: Option<Reason>,
    version: u64,
}

fn service_request(id: &Id, s: &Sr, e: &Event) -> Value {
    let i = &s.intake;
    let mut ext = vec![
        json!({"url": "status", "valueCode": s.status.code()}),
        json!({"url": "pc4", "valueString": i.pc4.to_string()}),
        json!({"url": "acute", "valueBoolean": i.acute}),
    ];
    if let Some(m) = &i.municipality {
        ext.push(json!({"url": "municipality", "valueString": m.to_string()}));
    }
    if let Some(v) = i.volume.visits_per_week {
        ext.push(json!({"url": "visitsPerWeek", "valueUnsignedInt": v}));
    }
    if let Some(h) = i.volume.hours_per_week {
        ext.push(json!({"url": "hoursPerWeek", "valueDecimal": h.get()}));
    }
    for m in i.volume.visit_moments.iter() {
        ext.push(json!({"url": "visitMoment", "valueCode": m.code()}));
    }
    if let Some(p) = &i.policy {
        ext.push(json!({"url": "policy", "extension": [
            {"url": "accountable", "valueReference": id_reference("Organization", &p.accountable)},
            {"url": "maxUnplacedAcuteSecs", "valueUnsignedInt": p.max_unplaced_acute.num_seconds()},
            {"url": "maxUnplacedNonAcuteSecs", "valueUnsignedInt": p.max_unplaced_non_acute.num_seconds()},
            {"url": "maxDeclines", "valueUnsignedInt": p.max_declines},
        ]}));
    }
    if let Some((acc, trig)) = &s.escalation {
        ext.push(json!({"url": "escalation", "extension": [
            {"url": "accountable", "valueReference": id_reference("Organization", acc)},
            {"url": "trigger", "valueCode": trig.code()},
        ]}));
    }
    if let Some(r) = &s.reason {
        ext.push(json!({"url": "reason", "valueCodeableConcept": reason_json(r)}));
    }
    let mut v = json!({
        "resourceType": "ServiceRequest",
        "id": fhir_id(id.as_str()),
        "meta": {"versionId": s.version.to_string(), "lastUpdated": instant_text(&e.at)},
        "extension": [{"url": EXT_REFERRAL, "extension": ext}, event_ext(e, false)],
        "status": request_status(s.status),
        "intent": "order",
        "category": i.care_types.iter().map(|c| json!({"coding": [{"system": CS_CARE_TYPE, "code": c.code()}]})).collect::<Vec<_>>(),
        "priority": if i.acute { "urgent" } else { "routine" },
        "subject": {"extension": [{"url": DATA_ABSENT_REASON, "valueCode": "masked"}]},
        "authoredOn": instant_text(&s.created),
        "requester": id_reference("Organization", &i.referrer),
    });
    if !is_fhir_id(id.as_str()) {
        v["identifier"] = json!([{"system": REGISTRY_ID, "value": id.as_str()}]);
    }
    v
}

fn task(referral: &Id, referrer: &Id, team: &Id, t: &Tk, e: &Event, automatic: bool, at: DateTime<Utc>) -> Value {
    let mut v = json!({
        "resourceType": "Task",
        "id": task_id(referral, team),
        "meta": {"versionId": t.version.to_string(), "lastUpdated": instant_text(&at)},
        "extension": [event_ext(e, automatic)],
        "basedOn": [id_reference("ServiceRequest", referral)],
        "status": task_status(t.status),
        "intent": "order",
        "focus": id_reference("ServiceRequest", referral),
        "authoredOn": instant_text(&t.sent),
        "lastModified": instant_text(&at),
        "requester": id_reference("Organization", referrer),
        "owner": id_reference("HealthcareService", team),
    });
    if let Some(r) = &t.reason {
        v["statusReason"] = reason_json(r);
    }
    if let Some(s) = t.started {
        v["executionPeriod"] = json!({"start": instant_text(&s)});
        if let Some(end) = t.ended {
            v["executionPeriod"]["end"] = json!(instant_text(&end));
        }
    }
    v
}

/// A referral event stream (in the order it was applied) as a FHIR `history` Bundle of
/// ServiceRequest and Task versions, newest first as FHIR lists history. Every event is one
/// version; an offer withdrawn automatically (care started elsewhere, the referral closed) is a
/// Task version marked `automatic`, which reading skips. The events must replay without error
/// (a refused event has no version to write): [`Error`] otherwise.
pub fn events_to_history(events: &[Event]) -> Result<Value, Error> {
    ReferralBook::replay(events)?;
    let mut srs: HashMap<Id, Sr> = HashMap::new();
    let mut tasks: HashMap<(Id, Id), Tk> = HashMap::new();
    let mut order: HashMap<Id, Vec<Id>> = HashMap::new();
    let mut entries: Vec<Value> = Vec::new();
    let entry = |resource: Value, first: bool| {
        let ty = resource["resourceType"].as_str().unwrap_or_default().to_owned();
        let id = resource["id"].as_str().unwrap_or_default().to_owned();
        let request = if first {
            json!({"method": "POST", "url": ty})
        } else {
            json!({"method": "PUT", "url": format!("{ty}/{id}")})
        };
        json!({"resource": resource, "request": request})
    };
    for e in events {
        let r = &e.referral;
        if let EventKind::Created(intake) = &e.kind {
            let sr = Sr {
                intake: (**intake).clone(),
                created: e.at,
                status: ReferralStatus::Draft,
                escalation: None,
                reason: None,
                version: 1,
            };
            entries.push(entry(service_request(r, &sr, e), true));
            srs.insert(r.clone(), sr);
            continue;
        }
        let sr = srs.get_mut(r).expect("replayed above");
        let referrer = sr.intake.referrer.clone();
        let mut sr_changed = true;
        match &e.kind {
            EventKind::Submitted => sr.status = ReferralStatus::Requested,
            EventKind::Escalated { accountable, trigger } => {
                sr.status = ReferralStatus::Escalated;
                sr.escalation = Some((accountable.clone(), *trigger));
            }
            EventKind::ReferralCancelled { reason } => {
                sr.status = ReferralStatus::Cancelled;
                sr.reason = Some(reason.clone());
            }
            EventKind::ReferralFailed { reason } => {
                sr.status = ReferralStatus::Failed;
                sr.reason = Some(reason.clone());
            }
            _ => sr_changed = false,
        }
        if sr_changed {
            sr.version += 1;
            entries.push(entry(service_request(r, sr, e), false));
        }
        // Offer changes, and the offers a change closes automatically.
        let mut touched: Vec<(Id, bool)> = Vec::new();
        if let Some(team) = e.kind.team() {
            let key = (r.clone(), team.clone());
            let t = tasks.entry(key).or_insert_with(|| {
                order.entry(r.clone()).or_default().push(team.clone());
                Tk { status: OfferStatus::Draft, sent: e.at, started: None, ended: None, reason: None, version: 0 }
            });
            match &e.kind {
                EventKind::OfferSent { .. } => t.status = OfferStatus::Requested,
                EventKind::OfferReceived { .. } => t.status = OfferStatus::Received,
                EventKind::OfferAccepted { .. } => t.status = OfferStatus::Accepted,
                EventKind::OfferRejected { reason, .. } => {
                    t.status = OfferStatus::Rejected;
                    t.reason = Some(reason.clone());
                }
                EventKind::OfferCancelled { reason, .. } => {
                    t.status = OfferStatus::Cancelled;
                    t.reason = Some(reason.clone());
                }
                EventKind::CareStarted { .. } => {
                    t.status = OfferStatus::InProgress;
                    t.started = Some(e.at);
                }
                EventKind::CarePaused { .. } => t.status = OfferStatus::OnHold,
                EventKind::CareResumed { .. } => t.status = OfferStatus::InProgress,
                EventKind::CareCompleted { .. } => {
                    t.status = OfferStatus::Completed;
                    t.ended = Some(e.at);
                }
                EventKind::CareFailed { reason, .. } => {
                    t.status = OfferStatus::Failed;
                    t.reason = Some(reason.clone());
                    t.ended = t.started.map(|_| e.at);
                }
                _ => {}
            }
            touched.push((team.clone(), false));
        }
        let closes_open = matches!(e.kind, EventKind::CareStarted { .. } | EventKind::ReferralFailed { .. });
        let closes_accepted = matches!(e.kind, EventKind::ReferralCancelled { .. });
        if closes_open || closes_accepted {
            for team in order.get(r).cloned().unwrap_or_default() {
                if Some(&team) == e.kind.team() {
                    continue;
                }
                let t = tasks.get_mut(&(r.clone(), team.clone())).expect("listed");
                if t.status.is_open() || (closes_accepted && t.status == OfferStatus::Accepted) {
                    t.status = OfferStatus::Cancelled;
                    t.reason = None;
                    touched.push((team, true));
                }
            }
        }
        for (team, automatic) in touched {
            let t = tasks.get_mut(&(r.clone(), team.clone())).expect("present");
            t.version += 1;
            entries.push(entry(task(r, &referrer, &team, t, e, automatic, e.at), t.version == 1));
        }
    }
    entries.reverse();
    Ok(json!({"resourceType": "Bundle", "type": "history", "entry": entries}))
}

// ---- reading ----------------------------------------------------------------------------------

/// The parts of a complex extension by name.
fn parts(ext: &Node) -> HashMap<&str, &Node> {
    match ext.get("extension") {
        Some(Node::Arr(a)) => a.iter().filter_map(|e| Some((e.get("url")?.as_str()?, e))).collect(),
        _ => HashMap::new(),
    }
}

fn ext<'n>(node: &'n Node, url: &str) -> Option<&'n Node> {
    match node.get("extension") {
        Some(Node::Arr(a)) => a.iter().find(|e| e.get("url").and_then(Node::as_str) == Some(url)),
        _ => None,
    }
}

fn ref_id(r: Option<&Node>, kind: &str) -> Option<String> {
    let r = r?;
    if let Some(i) = r.get("identifier") {
        if i.get("system").and_then(Node::as_str) == Some(REGISTRY_ID) {
            return i.get("value")?.as_str().map(str::to_owned);
        }
    }
    let s = r.get("reference")?.as_str()?;
    let (prefix, id) = s.rsplit_once('/')?;
    (prefix == kind || prefix.ends_with(&format!("/{kind}"))).then(|| id.to_owned())
}

fn id(rd: &mut Rd<'_>, s: Option<String>, at: &At<'_>, what: &str) -> Option<Id> {
    match s.map(|s| Id::parse(&s)) {
        Some(Ok(id)) => Some(id),
        Some(Err(e)) => {
            rd.push(at, e);
            None
        }
        None => {
            rd.push(at, format_args!("expected {what}"));
            None
        }
    }
}

fn reason(rd: &mut Rd<'_>, cc: Option<&Node>, at: &At<'_>) -> Option<Reason> {
    let Some(cc) = cc else {
        rd.push(at, "required: the reason (a code of the wijknet referral-reason code system)");
        return None;
    };
    let code = rd.codings(cc, at).into_iter().find(|(s, _)| *s == Some(CS_REFERRAL_REASON)).and_then(|(_, c)| c);
    let Some(code) = code.and_then(|c| ReferralReason::from_code(c).ok()) else {
        rd.push(at, "no reason wijknet knows: give a code of the wijknet referral-reason code system");
        return None;
    };
    match Reason::with_text(code, cc.get("text").and_then(Node::as_str)) {
        Ok(r) => Some(r),
        Err(why) => {
            rd.push(at, why);
            None
        }
    }
}

fn unsigned(n: Option<&Node>) -> Option<u64> {
    match n? {
        Node::Num(Num::U(u)) => Some(*u),
        _ => None,
    }
}

fn intake(rd: &mut Rd<'_>, node: &Node, at: &At<'_>) -> Option<Intake> {
    let Some(r) = ext(node, EXT_REFERRAL) else {
        rd.push(&at.f("extension"), "a referral needs the wijknet referral extension (its PC4 area and urgency)");
        return None;
    };
    let p = parts(r);
    let referrer = id(
        rd,
        ref_id(node.get("requester"), "Organization"),
        &at.f("requester"),
        "a reference to the referring Organization",
    );
    let mut care: CodeSet<CareType> = CodeSet::empty();
    let at_c = at.f("category");
    for (i, c) in rd.arr(node, at, "category").iter().enumerate() {
        for (s, code) in rd.codings(c, &at_c.i(i)) {
            if s == Some(CS_CARE_TYPE) {
                match code.map(CareType::from_code) {
                    Some(Ok(ct)) => care.insert(ct),
                    _ => rd.push(&at_c.i(i), "unknown wijknet care type code"),
                }
            }
        }
    }
    let pc4 = match p.get("pc4").and_then(|n| n.get("valueString")).and_then(Node::as_str).map(Pc4::parse) {
        Some(Ok(p)) => Some(p),
        _ => {
            rd.push(&at.f("extension"), "the referral extension needs `pc4` (valueString, 4 digits)");
            None
        }
    };
    let municipality = match p.get("municipality").and_then(|n| n.get("valueString")).and_then(Node::as_str) {
        None => Some(None),
        Some(m) => match MunicipalityCode::parse(m) {
            Ok(m) => Some(Some(m)),
            Err(e) => {
                rd.push(&at.f("extension"), e);
                None
            }
        },
    };
    let acute = match p.get("acute").and_then(|n| n.get("valueBoolean")) {
        Some(Node::Bool(b)) => Some(*b),
        _ => {
            rd.push(&at.f("extension"), "the referral extension needs `acute` (valueBoolean)");
            None
        }
    };
    let policy = match p.get("policy") {
        None => Some(None),
        Some(pol) => {
            let q = parts(pol);
            let accountable = ref_id(q.get("accountable").and_then(|n| n.get("valueReference")), "Organization")
                .and_then(|s| Id::parse(&s).ok());
            let secs = |k: &str| {
                unsigned(q.get(k).and_then(|n| n.get("valueUnsignedInt"))).and_then(|s| i64::try_from(s).ok())
            };
            let (a, n) = (secs("maxUnplacedAcuteSecs"), secs("maxUnplacedNonAcuteSecs"));
            let d = unsigned(q.get("maxDeclines").and_then(|n| n.get("valueUnsignedInt")))
                .and_then(|d| u32::try_from(d).ok());
            let ok = |s: i64| (1..=EscalationPolicy::MAX_LIMIT_SECS).contains(&s);
            match (accountable, a, n, d) {
                (Some(accountable), Some(a), Some(n), Some(d)) if ok(a) && ok(n) => Some(Some(EscalationPolicy {
                    accountable,
                    max_unplaced_acute: Duration::seconds(a),
                    max_unplaced_non_acute: Duration::seconds(n),
                    max_declines: d,
                })),
                _ => {
                    rd.push(&at.f("extension"), "the escalation policy needs `accountable`, `maxUnplacedAcuteSecs` and `maxUnplacedNonAcuteSecs` (1 to 316224000) and `maxDeclines`");
                    None
                }
            }
        }
    };
    let volume = volume(rd, r, &p, at);
    if care.is_empty() {
        rd.push(&at.f("category"), "a referral needs at least one care type");
        return None;
    }
    Some(Intake {
        referrer: referrer?,
        care_types: care,
        pc4: pc4?,
        municipality: municipality?,
        acute: acute?,
        policy: policy?,
        volume: volume?,
    })
}

/// How much care the referral extension states: `visitsPerWeek` (valueUnsignedInt),
/// `hoursPerWeek` (valueDecimal) and `visitMoment` (valueCode, repeating), each optional, checked
/// by the core's rules for a request's volume ([`volume_problems`]).
fn volume(rd: &mut Rd<'_>, r: &Node, p: &HashMap<&str, &Node>, at: &At<'_>) -> Option<Volume> {
    let mut ok = true;
    let mut fail = |rd: &mut Rd<'_>, why: &str| {
        rd.push(&at.f("extension"), why);
        ok = false;
    };
    let visits = match p.get("visitsPerWeek").map(|n| n.get("valueUnsignedInt")) {
        None => None,
        Some(n) => match unsigned(n).and_then(|v| u32::try_from(v).ok()) {
            Some(v) => Some(v),
            None => {
                fail(rd, "the referral extension's `visitsPerWeek` needs a valueUnsignedInt");
                None
            }
        },
    };
    let hours = match p.get("hoursPerWeek").map(|n| n.get("valueDecimal")) {
        None => None,
        Some(Some(Node::Num(Num::U(u)))) => Hours::new(*u as f64),
        Some(Some(Node::Num(Num::F(f)))) if f.is_finite() && *f >= 0.0 => Hours::new(*f),
        Some(_) => {
            fail(rd, "the referral extension's `hoursPerWeek` needs a valueDecimal of hours per week");
            None
        }
    };
    for (field, why) in volume_problems(visits, hours) {
        let name = if field == "visits_per_week" { "visitsPerWeek" } else { "hoursPerWeek" };
        fail(rd, &format!("the referral extension's `{name}` {why}"));
    }
    let mut visit_moments = CodeSet::empty();
    if let Some(Node::Arr(list)) = r.get("extension") {
        for e in list.iter().filter(|e| e.get("url").and_then(Node::as_str) == Some("visitMoment")) {
            match e.get("valueCode").and_then(Node::as_str).map(VisitMoment::from_code) {
                Some(Ok(m)) if !visit_moments.contains(m) => visit_moments.insert(m),
                _ => fail(
                    rd,
                    "the referral extension's `visitMoment` needs a valueCode of a wijknet visit moment, each once",
                ),
            }
        }
    }
    ok.then_some(Volume { visits_per_week: visits, hours_per_week: hours, visit_moments })
}

/// Reads a referral history (as [`events_to_history`] writes it, or any `history` Bundle of
/// ServiceRequest and Task versions) back into events, in the order they happened: each version
/// is compared with the previous version of its resource, and the status change says which
/// event it was. The event's id, seq and actor come from the version's wijknet event extension;
/// without it, the id is `<resource id>-v<versionId>`, the seq counts the referral's events, and
/// the actor is the Task's owner for the team's changes, the requester for the referrer's, and
/// the escalation's accountable party for a coordinator's. Every problem is reported at once.
pub fn events_from_history(bytes: &[u8]) -> Result<Vec<Event>, Error> {
    let bundle = json::parse(bytes, "Bundle", DOCUMENT)?;
    let mut problems = Problems::new();
    let mut rd = Rd { problems: &mut problems };
    let at = At::Root("Bundle");
    match (bundle.get("resourceType").and_then(Node::as_str), bundle.get("type").and_then(Node::as_str)) {
        (Some("Bundle"), Some("history")) => {}
        _ => {
            rd.push(&at, "expected a Bundle of type `history`");
            return Err(crate::path::invalid(DOCUMENT, problems));
        }
    }
    let entries = rd.arr(&bundle, &at, "entry");
    let at_e = at.f("entry");
    let mut sr_prev: HashMap<String, ReferralStatus> = HashMap::new();
    let mut sr_referrer: HashMap<String, Id> = HashMap::new();
    let mut sr_coordinator: HashMap<String, Id> = HashMap::new();
    let mut task_prev: HashMap<String, OfferStatus> = HashMap::new();
    let mut seqs: HashMap<Id, u64> = HashMap::new();
    let mut events = Vec::new();
    for (i, e) in entries.iter().enumerate().rev() {
        let at = at_e.i(i);
        let Some(res) = e.get("resource") else {
            rd.push(&at.f("resource"), "required");
            continue;
        };
        let at = at.f("resource");
        rd.no_modifiers(res, &at);
        let rid = res.get("id").and_then(Node::as_str).unwrap_or_default().to_owned();
        let ev = ext(res, EXT_EVENT).map(parts).unwrap_or_default();
        if ev.get("automatic").and_then(|n| n.get("valueBoolean")) == Some(&Node::Bool(true)) {
            if let (Some("Task"), Some(s)) = (
                res.get("resourceType").and_then(Node::as_str),
                res.get("status").and_then(Node::as_str).and_then(offer_status),
            ) {
                task_prev.insert(rid, s);
            }
            continue;
        }
        let when = match res.get("meta").and_then(|m| m.get("lastUpdated")).and_then(Node::as_str) {
            None => {
                rd.push(&at.f("meta").f("lastUpdated"), "required: when the change happened");
                None
            }
            Some(t) => match DateTime::parse_from_rfc3339(t) {
                Ok(t) => Some(t.with_timezone(&Utc)),
                Err(_) => {
                    rd.push(&at.f("meta").f("lastUpdated"), "expected an instant such as `2026-11-20T08:00:00Z`");
                    None
                }
            },
        };
        let version = res.get("meta").and_then(|m| m.get("versionId")).and_then(Node::as_str).unwrap_or("1");
        let kind_and_referral: Option<(EventKind, Id, Option<Actor>)> = match res
            .get("resourceType")
            .and_then(Node::as_str)
        {
            Some("ServiceRequest") => {
                let mut referral_id = rid.clone();
                for ident in rd.arr(res, &at, "identifier") {
                    if ident.get("system").and_then(Node::as_str) == Some(REGISTRY_ID) {
                        if let Some(v) = ident.get("value").and_then(Node::as_str) {
                            referral_id = v.to_owned();
                        }
                    }
                }
                let Some(referral) = id(&mut rd, Some(referral_id), &at.f("id"), "the referral id") else { continue };
                let r_ext = ext(res, EXT_REFERRAL).map(parts).unwrap_or_default();
                let status = r_ext
                    .get("status")
                    .and_then(|n| n.get("valueCode"))
                    .and_then(Node::as_str)
                    .and_then(|c| ReferralStatus::from_code(c).ok())
                    .or_else(|| match res.get("status").and_then(Node::as_str) {
                        Some("draft") => Some(ReferralStatus::Draft),
                        Some("active") => Some(ReferralStatus::Requested),
                        Some("revoked") => Some(ReferralStatus::Cancelled),
                        _ => None,
                    });
                let Some(status) = status else {
                    rd.push(
                        &at.f("status"),
                        "expected `draft`, `active` or `revoked` (or the wijknet referral status)",
                    );
                    continue;
                };
                let prev = sr_prev.insert(rid.clone(), status);
                let reason_node = r_ext.get("reason").and_then(|n| n.get("valueCodeableConcept"));
                let kind = match (prev, status) {
                    (None, ReferralStatus::Draft) => intake(&mut rd, res, &at).map(|i| {
                        sr_referrer.insert(rid.clone(), i.referrer.clone());
                        if let Some(p) = &i.policy {
                            sr_coordinator.insert(rid.clone(), p.accountable.clone());
                        }
                        EventKind::Created(Box::new(i))
                    }),
                    (Some(ReferralStatus::Draft), ReferralStatus::Requested) => Some(EventKind::Submitted),
                    (Some(_), ReferralStatus::Escalated) => {
                        let esc = r_ext.get("escalation").map(|n| parts(n)).unwrap_or_default();
                        let acc = ref_id(esc.get("accountable").and_then(|n| n.get("valueReference")), "Organization")
                            .and_then(|s| Id::parse(&s).ok());
                        let trig = esc
                            .get("trigger")
                            .and_then(|n| n.get("valueCode"))
                            .and_then(Node::as_str)
                            .and_then(|c| EscalationTrigger::from_code(c).ok());
                        match (acc, trig) {
                            (Some(accountable), Some(trigger)) => Some(EventKind::Escalated { accountable, trigger }),
                            _ => {
                                rd.push(&at.f("extension"), "an escalation needs `accountable` and `trigger`");
                                None
                            }
                        }
                    }
                    (Some(_), ReferralStatus::Cancelled) => reason(&mut rd, reason_node, &at.f("extension"))
                        .map(|reason| EventKind::ReferralCancelled { reason }),
                    (Some(_), ReferralStatus::Failed) => reason(&mut rd, reason_node, &at.f("extension"))
                        .map(|reason| EventKind::ReferralFailed { reason }),
                    _ => {
                        rd.push(&at.f("status"), "a status change that is no referral event");
                        None
                    }
                };
                let fallback = match &kind {
                    Some(EventKind::Escalated { accountable, .. }) => {
                        sr_coordinator.insert(rid.clone(), accountable.clone());
                        Some(Actor::Coordinator(accountable.clone()))
                    }
                    Some(EventKind::ReferralFailed { .. }) => sr_coordinator.get(&rid).cloned().map(Actor::Coordinator),
                    _ => sr_referrer.get(&rid).cloned().map(Actor::Referrer),
                };
                kind.map(|k| (k, referral, fallback))
            }
            Some("Task") => {
                let referral = id(
                    &mut rd,
                    ref_id(
                        res.get("focus").or_else(|| match res.get("basedOn") {
                            Some(Node::Arr(a)) => a.first(),
                            _ => None,
                        }),
                        "ServiceRequest",
                    ),
                    &at.f("focus"),
                    "a reference to the referral's ServiceRequest",
                );
                let team = id(
                    &mut rd,
                    ref_id(res.get("owner"), "HealthcareService"),
                    &at.f("owner"),
                    "the owning team (a HealthcareService)",
                );
                let Some(status) = res.get("status").and_then(Node::as_str).and_then(offer_status) else {
                    rd.push(&at.f("status"), "expected a Task status");
                    continue;
                };
                let prev = task_prev.insert(rid.clone(), status);
                let (Some(referral), Some(team)) = (referral, team) else { continue };
                use OfferStatus as S;
                let why = res.get("statusReason");
                let kind = match (prev, status) {
                    (None, S::Requested) => Some(EventKind::OfferSent { team: team.clone() }),
                    (Some(_), S::Received) => Some(EventKind::OfferReceived { team: team.clone() }),
                    (Some(_), S::Accepted) => Some(EventKind::OfferAccepted { team: team.clone() }),
                    (Some(_), S::Rejected) => reason(&mut rd, why, &at.f("statusReason"))
                        .map(|reason| EventKind::OfferRejected { team: team.clone(), reason }),
                    (Some(_), S::Cancelled) if why.is_none() => continue, // withdrawn automatically
                    (Some(_), S::Cancelled) => reason(&mut rd, why, &at.f("statusReason"))
                        .map(|reason| EventKind::OfferCancelled { team: team.clone(), reason }),
                    (Some(S::OnHold), S::InProgress) => Some(EventKind::CareResumed { team: team.clone() }),
                    (Some(_), S::InProgress) => Some(EventKind::CareStarted { team: team.clone() }),
                    (Some(_), S::OnHold) => Some(EventKind::CarePaused { team: team.clone() }),
                    (Some(_), S::Completed) => Some(EventKind::CareCompleted { team: team.clone() }),
                    (Some(_), S::Failed) => reason(&mut rd, why, &at.f("statusReason"))
                        .map(|reason| EventKind::CareFailed { team: team.clone(), reason }),
                    _ => {
                        rd.push(&at.f("status"), "a status change that is no offer event");
                        None
                    }
                };
                let fallback = match &kind {
                    Some(EventKind::OfferSent { .. } | EventKind::OfferCancelled { .. }) => {
                        ref_id(res.get("requester"), "Organization")
                            .and_then(|s| Id::parse(&s).ok())
                            .map(Actor::Referrer)
                    }
                    _ => Some(Actor::Team(team)),
                };
                kind.map(|k| (k, referral, fallback))
            }
            _ => {
                rd.push(&at.f("resourceType"), "expected a ServiceRequest or a Task");
                None
            }
        };
        let (Some((kind, referral, fallback)), Some(when)) = (kind_and_referral, when) else { continue };
        let seq_n = seqs.entry(referral.clone()).or_insert(0);
        *seq_n += 1;
        let seq = ev
            .get("seq")
            .and_then(|n| n.get("valueString"))
            .and_then(Node::as_str)
            .and_then(|s| s.parse().ok())
            .unwrap_or(*seq_n);
        let event_id = ev
            .get("id")
            .and_then(|n| n.get("valueString"))
            .and_then(Node::as_str)
            .map(str::to_owned)
            .unwrap_or_else(|| format!("{rid}-v{version}"));
        let Some(event_id) = id(&mut rd, Some(event_id), &at.f("extension"), "the event id") else { continue };
        let actor = match ev.get("actorRole").and_then(|n| n.get("valueCode")).and_then(Node::as_str) {
            Some(role) => {
                let r = ev.get("actor").and_then(|n| n.get("valueReference"));
                let who = if role == "team" { ref_id(r, "HealthcareService") } else { ref_id(r, "Organization") };
                match (role, who.and_then(|w| Id::parse(&w).ok())) {
                    ("team", Some(w)) => Some(Actor::Team(w)),
                    ("referrer", Some(w)) => Some(Actor::Referrer(w)),
                    ("coordinator", Some(w)) => Some(Actor::Coordinator(w)),
                    _ => {
                        rd.push(
                            &at.f("extension"),
                            "the event's actor needs `actorRole` (referrer, team or coordinator) and `actor`",
                        );
                        None
                    }
                }
            }
            None => fallback,
        };
        let Some(actor) = actor else {
            rd.push(&at, "the actor of this change cannot be told");
            continue;
        };
        events.push(Event { id: event_id, referral, seq, at: when, actor, kind });
    }
    if problems.is_empty() { Ok(events) } else { Err(crate::path::invalid(DOCUMENT, problems)) }
}

/// The referral book a history Bundle replays into (see [`events_from_history`]).
pub fn book_from_history(bytes: &[u8]) -> Result<ReferralBook, Error> {
    ReferralBook::replay(&events_from_history(bytes)?)
}
