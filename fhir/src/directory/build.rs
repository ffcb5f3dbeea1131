//! From the directory's FHIR resources to a registry document, and that to a [`Registry`]:
//! every problem at its FHIR path, then the core's own validation, whose problems are mapped
//! back to the resource they came from.

use std::borrow::Cow;
use std::collections::HashMap;

use chrono::{DateTime, NaiveTime, Timelike, Utc};
use wijknet::limits::MAX_RECORD_LIST;
use wijknet::registry::{
    AreaDoc, CapacityDoc, ContactDoc, CoordinationPointDoc, HoursDoc, MunicipalityDoc, OrganisationDoc,
    REGISTRY_SCHEMA, RegistryDoc, TeamDoc,
};
use wijknet::volume::{Hours, MAX_TEAM_HOURS};
use wijknet::{
    AgbCode, CapacityStatus, CareType, Error, KvkNumber, Language, NurseLevel, Pc4, Pc6, Problem, Problems, Registry,
    TimeOfDay, UraNumber,
};

use super::{DOCUMENT, Key, Kind, Origin, Resources, Stored};
use crate::codes::{self, *};
use crate::json::{Node, Num};
use crate::path::{At, Rd};

/// A text of the registry document: borrowed from the resources where they give it as the
/// registry writes it (most texts), made otherwise. The document is read once and dropped, and
/// copying each of its million texts only to drop it was a tenth of an import.
pub(crate) type DocText<'r> = Cow<'r, str>;

/// One part of a service area, from a Location.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum AreaPart<'r> {
    Pc4(DocText<'r>),
    Range(DocText<'r>, DocText<'r>),
    Pc6(DocText<'r>),
    Municipality(DocText<'r>),
}

/// The windows of the three times of day, in minutes since midnight (night wraps around).
pub(crate) const DAY: (u32, u32) = (7 * 60, 17 * 60);
pub(crate) const EVENING: (u32, u32) = (17 * 60, 23 * 60);
pub(crate) const NIGHT: (u32, u32) = (23 * 60, 7 * 60);

/// Builds the registry. The problems of the FHIR resources first (all of them); when there are
/// none, the core validates the document and its problems are reported at the resources.
pub(crate) fn build(res: &Resources, version: u64) -> Result<Registry, Error> {
    let mut problems = Problems::new();
    let (doc, origins) = {
        let mut rd = Rd { problems: &mut problems };
        to_doc(&mut rd, res, version)
    };
    if !problems.is_empty() {
        return Err(crate::path::invalid(DOCUMENT, problems));
    }
    Registry::from_doc(&doc).map_err(|e| origins.relocate(e))
}

/// Where each record of the registry document came from.
#[derive(Default)]
pub(crate) struct Origins {
    municipalities: Vec<Origin>,
    organisations: Vec<Origin>,
    teams: Vec<Origin>,
    points: Vec<Origin>,
}

impl Origins {
    /// The origins of a list of teams (a change of teams, [`Registry::replace_teams`]).
    pub(crate) fn of_teams(teams: Vec<Origin>) -> Self {
        Self { teams, ..Self::default() }
    }

    /// The origins of a list of organisations (a change of organisations,
    /// [`Registry::replace_organisations`]).
    pub(crate) fn of_organisations(organisations: Vec<Origin>) -> Self {
        Self { organisations, ..Self::default() }
    }

    /// A core error about the registry document, with its problems at the resources.
    pub(crate) fn relocate(&self, e: Error) -> Error {
        match e {
            Error::Invalid { problems, .. } => {
                Error::Invalid { document: DOCUMENT, problems: problems.iter().map(|p| self.translate(p)).collect() }
            }
            other => other,
        }
    }

    fn translate(&self, p: &Problem) -> Problem {
        let lists: [(&str, &Vec<Origin>); 4] = [
            ("$.municipalities[", &self.municipalities),
            ("$.organisations[", &self.organisations),
            ("$.teams[", &self.teams),
            ("$.coordination_points[", &self.points),
        ];
        for (prefix, paths) in lists {
            if let Some(rest) = p.path.strip_prefix(prefix) {
                if let Some((n, tail)) = rest.split_once(']') {
                    if let Some(origin) = n.parse::<usize>().ok().and_then(|i| paths.get(i)) {
                        let field = &p.path[2..];
                        let _ = tail;
                        return Problem {
                            path: origin.to_string(),
                            reason: format!("{} (registry field `{field}`)", p.reason),
                        };
                    }
                }
            }
        }
        Problem { path: "Bundle".into(), reason: p.reason.clone() }
    }
}

/// The registry id of a resource: its [`REGISTRY_ID`] identifier, or its FHIR id.
pub(crate) fn registry_id<'n>(rd: &mut Rd<'_>, node: &'n Node, at: &At<'_>, fhir_id: &'n str) -> &'n str {
    let list = rd.arr(node, at, "identifier");
    let at_i = at.f("identifier");
    for (i, ident) in list.iter().enumerate() {
        let at = at_i.i(i);
        if let Some(ident) = rd.item(ident, &at) {
            if rd.str(ident, &at, "system") == Some(REGISTRY_ID) {
                if let Some(v) = rd.req_str(ident, &at, "value") {
                    if wijknet::Id::parse(v).is_err() {
                        rd.push(&at.f("value"), "expected a registry id: 1 to 64 of A-Z, a-z, 0-9, `.`, `_`, `:`, `-`");
                    }
                    return v;
                }
            }
        }
    }
    fhir_id
}

/// A reference element resolved to a key, with problems at `at`.
pub(crate) fn reference(rd: &mut Rd<'_>, res: &Resources, node: &Node, at: &At<'_>, kind: Kind) -> Option<Key> {
    rd.item(node, at)?;
    let r = rd.req_str(node, at, "reference")?;
    match res.resolve(r, kind) {
        Ok(k) if res.get(&k).is_some() => Some(k),
        Ok(_) => {
            rd.push(&at.f("reference"), format_args!("refers to a {} that is not in the directory", kind.name()));
            None
        }
        Err(why) => {
            rd.push(&at.f("reference"), format_args!("{why} (a {})", kind.name()));
            None
        }
    }
}

fn stored_at(s: &Stored) -> At<'_> {
    s.path.at()
}

/// The text of an instant element as the core writes it (UTC, `Z`), or a problem.
fn instant<'n>(rd: &mut Rd<'_>, s: &'n str, at: &At<'_>) -> Option<DocText<'n>> {
    // Already as the core writes it (`YYYY-MM-DDTHH:MM:SSZ`, as wijknet exports and most
    // servers send): checked, and kept, without chrono's parser and formatter, which were a
    // twentieth of an import. Anything else goes through chrono as before.
    if let &[y1, y2, y3, y4, b'-', mo1, mo2, b'-', d1, d2, b'T', h1, h2, b':', mi1, mi2, b':', s1, s2, b'Z'] =
        s.as_bytes()
    {
        let digits = [y1, y2, y3, y4, mo1, mo2, d1, d2, h1, h2, mi1, mi2, s1, s2];
        if digits.iter().all(u8::is_ascii_digit) {
            let n = |a: u8, b: u8| u32::from(a - b'0') * 10 + u32::from(b - b'0');
            let year = (n(y1, y2) * 100 + n(y3, y4)) as i32;
            let valid = chrono::NaiveDate::from_ymd_opt(year, n(mo1, mo2), n(d1, d2)).is_some()
                && chrono::NaiveTime::from_hms_opt(n(h1, h2), n(mi1, mi2), n(s1, s2)).is_some();
            if valid {
                return Some(Cow::Borrowed(s));
            }
        }
    }
    match DateTime::parse_from_rfc3339(s) {
        Ok(t) => Some(Cow::Owned(t.with_timezone(&Utc).to_rfc3339_opts(chrono::SecondsFormat::AutoSi, true))),
        Err(_) => {
            rd.push(at, "expected an instant such as `2026-11-20T08:00:00Z`");
            None
        }
    }
}

/// Minutes since midnight of a FHIR time `HH:MM:SS`; `24 * 60` for `23:59:59` (end of day).
fn minutes(rd: &mut Rd<'_>, s: &str, at: &At<'_>) -> Option<u32> {
    // `HH:MM:00` in range, as every team's hours are written, without chrono's format parser
    // (a twentieth of an import); anything else goes to chrono, as before.
    if let &[h1, h2, b':', m1, m2, b':', b'0', b'0'] = s.as_bytes() {
        let two = |a: u8, b: u8| {
            (a.is_ascii_digit() && b.is_ascii_digit()).then(|| u32::from(a - b'0') * 10 + u32::from(b - b'0'))
        };
        if let (Some(h), Some(m)) = (two(h1, h2), two(m1, m2)) {
            if h < 24 && m < 60 {
                return Some(h * 60 + m);
            }
        }
    }
    match NaiveTime::parse_from_str(s, "%H:%M:%S") {
        Ok(t) if t.hour() == 23 && t.minute() == 59 && t.second() == 59 => Some(24 * 60),
        Ok(t) if t.second() == 0 => Some(t.hour() * 60 + t.minute()),
        _ => {
            rd.push(at, "expected a time `HH:MM:00` (whole minutes; `23:59:59` for the end of the day)");
            None
        }
    }
}

/// The availableTime windows of an element as (days, from, to) in minutes; `allDay` is 0 to
/// 24 * 60.
fn windows<'n>(rd: &mut Rd<'_>, node: &'n Node, at: &At<'_>) -> Vec<(Vec<DocText<'n>>, u32, u32)> {
    let list = rd.arr_max(node, at, "availableTime", 100);
    let at_l = at.f("availableTime");
    let mut out = Vec::new();
    for (i, w) in list.iter().enumerate() {
        let at = at_l.i(i);
        let Some(w) = rd.item(w, &at) else { continue };
        let mut days = Vec::new();
        let at_d = at.f("daysOfWeek");
        for (j, d) in rd.arr_max(w, &at, "daysOfWeek", 7).iter().enumerate() {
            match d.as_str() {
                Some(d) if wijknet::Weekday::from_code(d).is_ok() => days.push(Cow::Borrowed(d)),
                _ => rd.push(&at_d.i(j), "expected a day code `mon` to `sun`"),
            }
        }
        if rd.bool(w, &at, "allDay") == Some(true) {
            out.push((days, 0, 24 * 60));
            continue;
        }
        let from = rd.req_str(w, &at, "availableStartTime").and_then(|s| minutes(rd, s, &at.f("availableStartTime")));
        let to = rd.req_str(w, &at, "availableEndTime").and_then(|s| minutes(rd, s, &at.f("availableEndTime")));
        if let (Some(from), Some(to)) = (from, to) {
            out.push((days, from, to));
        }
    }
    out
}

fn overlaps(w: (u32, u32), t: (u32, u32)) -> bool {
    let split = |(a, b): (u32, u32)| if a < b { vec![(a, b)] } else { vec![(a, 24 * 60), (0, b)] };
    split(w).iter().any(|&(a, b)| split(t).iter().any(|&(c, d)| a < d && c < b))
}

/// The times of day a set of windows touches (crate docs: day 07-17, evening 17-23, night 23-07).
pub(crate) fn times_of_day(ws: &[(Vec<DocText<'_>>, u32, u32)]) -> Vec<DocText<'static>> {
    let mut out = Vec::new();
    for (t, range) in [(TimeOfDay::Day, DAY), (TimeOfDay::Evening, EVENING), (TimeOfDay::Night, NIGHT)] {
        if ws.iter().any(|&(_, a, b)| overlaps((a, b), range)) {
            out.push(Cow::Borrowed(t.code()));
        }
    }
    out
}

fn clock(m: u32) -> DocText<'static> {
    if m >= 24 * 60 {
        return Cow::Borrowed("24:00");
    }
    let (h, m) = ((m / 60) as u8, (m % 60) as u8);
    Cow::Owned(
        [b'0' + h / 10, b'0' + h % 10, b':', b'0' + m / 10, b'0' + m % 10].iter().map(|&b| char::from(b)).collect(),
    )
}

/// Classifies a Location as a part of a service area.
pub(crate) fn area_part<'n>(rd: &mut Rd<'_>, node: &'n Node, at: &At<'_>) -> Option<AreaPart<'n>> {
    let mut kind = None;
    for (i, t) in rd.arr(node, at, "type").iter().enumerate() {
        let at_t = at.f("type");
        let at_t = at_t.i(i);
        if let Some(t) = rd.item(t, &at_t) {
            for (s, c) in rd.codings(t, &at_t) {
                if s == Some(CS_AREA_KIND) {
                    kind = c;
                }
            }
        }
    }
    let municipality = rd
        .arr(node, at, "identifier")
        .iter()
        .filter(|i| i.get("system").and_then(Node::as_str) == Some(MUNICIPALITY))
        .find_map(|i| i.get("value")?.as_str());
    let postal = rd.obj(node, at, "address").and_then(|a| rd.str(a, &at.f("address"), "postalCode"));
    let range = rd.extensions(node, at, EXT_PC4_RANGE).into_iter().next();
    match (kind, municipality, range, postal) {
        (Some("municipality") | None, Some(m), _, _) => match wijknet::MunicipalityCode::parse(m) {
            Ok(_) => Some(AreaPart::Municipality(Cow::Borrowed(m))),
            Err(e) => {
                rd.push(&at.f("identifier"), e);
                None
            }
        },
        (Some("pc4_range") | None, None, Some((i, ext)), _) => {
            let at_e = at.f("extension");
            let at_e = at_e.i(i);
            let sub = |rd: &mut Rd<'_>, name: &str| {
                rd.arr(ext, &at_e, "extension")
                    .iter()
                    .find(|e| e.get("url").and_then(Node::as_str) == Some(name))
                    .and_then(|e| e.get("valueString"))
                    .and_then(Node::as_str)
            };
            let (lo, hi) = (sub(rd, "from"), sub(rd, "to"));
            match (lo.map(Pc4::parse), hi.map(Pc4::parse)) {
                (Some(Ok(_)), Some(Ok(_))) => Some(AreaPart::Range(Cow::Borrowed(lo?), Cow::Borrowed(hi?))),
                _ => {
                    rd.push(&at_e, "expected `from` and `to` PC4 sub-extensions (valueString, 4 digits)");
                    None
                }
            }
        }
        (Some("pc4" | "pc6") | None, None, None, Some(p)) => {
            // A postcode as the registry writes it (no space, upper case) is kept as given.
            let compact: Cow<'n, str> = if p.contains(char::is_whitespace) {
                Cow::Owned(p.chars().filter(|c| !c.is_whitespace()).collect())
            } else {
                Cow::Borrowed(p)
            };
            if compact.len() == 4 {
                match Pc4::parse(&compact) {
                    // Four digits from 1000: written as they are.
                    Ok(_) if p.len() == 4 => Some(AreaPart::Pc4(Cow::Borrowed(p))),
                    Ok(x) => Some(AreaPart::Pc4(Cow::Owned(x.to_string()))),
                    Err(e) => {
                        rd.push(&at.f("address").f("postalCode"), e);
                        None
                    }
                }
            } else {
                match Pc6::parse(&compact) {
                    // Six characters, the letters upper case: written as they are.
                    Ok(_) if p.len() == 6 && p.bytes().skip(4).all(|b| b.is_ascii_uppercase()) => {
                        Some(AreaPart::Pc6(Cow::Borrowed(p)))
                    }
                    Ok(x) => Some(AreaPart::Pc6(Cow::Owned(x.to_string()))),
                    Err(e) => {
                        rd.push(&at.f("address").f("postalCode"), e);
                        None
                    }
                }
            }
        }
        _ => {
            rd.push(at, "not a service area: a Location in a coverage area needs a postcode (`address.postalCode`, PC4 or PC6), a PC4 range extension or a municipality identifier");
            None
        }
    }
}

/// The service area part of each Location read so far, by key and by the reference text that
/// found it. Thousands of teams refer to the same few thousand postcodes with the same text, so
/// the text finds the part without resolving the reference again.
#[derive(Default)]
pub(crate) struct AreaParts<'r> {
    by_key: HashMap<Key, Option<AreaPart<'r>>>,
    by_reference: HashMap<&'r str, Option<AreaPart<'r>>>,
}

/// A team's or coordination point's area from its coverageArea references and exclusions.
fn area<'r>(
    rd: &mut Rd<'_>,
    res: &'r Resources,
    node: &'r Node,
    at: &At<'_>,
    parts: &mut AreaParts<'r>,
) -> AreaDoc<DocText<'r>> {
    let mut a = AreaDoc::default();
    let list = rd.arr_max(node, at, "coverageArea", 4 * MAX_RECORD_LIST);
    let at_c = at.f("coverageArea");
    let mut resolve = |rd: &mut Rd<'_>, r: &'r Node, at: &At<'_>| -> Option<AreaPart<'r>> {
        let not_an_area = "refers to a Location that is not a service area (see the problem at that Location)";
        let text = match r {
            Node::Obj(_) => r.get("reference").and_then(Node::as_str),
            _ => None,
        };
        if let Some(p) = text.and_then(|t| parts.by_reference.get(t)) {
            if p.is_none() {
                rd.push(at, not_an_area);
            }
            return p.clone();
        }
        let key = reference(rd, res, r, at, Kind::Location)?;
        let p = match parts.by_key.get(&key) {
            Some(p) => {
                if p.is_none() {
                    rd.push(at, not_an_area);
                }
                p.clone()
            }
            None => {
                let s = res.get(&key)?;
                let p = area_part(rd, &s.node, &stored_at(s));
                parts.by_key.insert(key, p.clone());
                p
            }
        };
        if let Some(t) = text {
            parts.by_reference.insert(t, p.clone());
        }
        p
    };
    for (i, r) in list.iter().enumerate() {
        let at = at_c.i(i);
        match resolve(rd, r, &at) {
            Some(AreaPart::Pc4(p)) => a.pc4.push(p),
            Some(AreaPart::Range(l, h)) => a.pc4_ranges.push((l, h)),
            Some(AreaPart::Pc6(p)) => a.pc6_include.push(p),
            Some(AreaPart::Municipality(m)) => a.municipalities.push(m),
            None => {}
        }
    }
    for (i, ext) in rd.extensions(node, at, EXT_EXCLUSION) {
        let at_e = at.f("extension");
        let at_e = at_e.i(i);
        let Some(r) = rd.obj(ext, &at_e, "valueReference") else {
            rd.push(&at_e, "expected a valueReference to a PC6 Location");
            continue;
        };
        match resolve(rd, r, &at_e.f("valueReference")) {
            Some(AreaPart::Pc6(p)) => a.pc6_exclude.push(p),
            Some(_) => rd.push(&at_e.f("valueReference"), "an exclusion must be a street (a PC6 Location)"),
            None => {}
        }
    }
    a
}

/// Most services one PractitionerRole may name.
pub(crate) const MAX_ROLE_SERVICES: usize = 100;

/// The fixed contact of a PractitionerRole.
pub(crate) fn contact<'r>(
    rd: &mut Rd<'_>,
    res: &'r Resources,
    node: &'r Node,
    at: &At<'_>,
) -> Option<ContactDoc<DocText<'r>>> {
    let name = match rd.obj(node, at, "practitioner") {
        Some(p) => {
            let key = reference(rd, res, p, &at.f("practitioner"), Kind::Practitioner)?;
            let s = res.get(&key)?;
            let pat = stored_at(s);
            let names = rd.arr(&s.node, &pat, "name");
            let n = names.first()?;
            let text = n.get("text").and_then(Node::as_str).map(Cow::Borrowed).or_else(|| {
                let given: Vec<&str> = n
                    .get("given")
                    .and_then(|g| if let Node::Arr(a) = g { Some(a) } else { None })
                    .map_or(Vec::new(), |a| a.iter().filter_map(Node::as_str).collect());
                let family = n.get("family").and_then(Node::as_str);
                let all: Vec<&str> = given.into_iter().chain(family).collect();
                (!all.is_empty()).then(|| Cow::Owned(all.join(" ")))
            });
            match text {
                Some(t) => t,
                None => {
                    rd.push(&pat.f("name"), "the contact person needs a name (`text`, or `given` and `family`)");
                    return None;
                }
            }
        }
        None => {
            rd.push(&at.f("practitioner"), "required: the contact person (a Practitioner with a name)");
            return None;
        }
    };
    let mut role = None;
    for (i, c) in rd.arr(node, at, "code").iter().enumerate() {
        let at_c = at.f("code");
        if let Some(c) = rd.item(c, &at_c.i(i)) {
            if let Some(t) = c.get("text").and_then(Node::as_str) {
                role.get_or_insert(Cow::Borrowed(t));
            }
        }
    }
    let Some(role) = role else {
        rd.push(&at.f("code"), "the contact person's role is needed as `code.text`");
        return None;
    };
    let (mut phone, mut email) = (None, None);
    for (i, t) in rd.arr(node, at, "telecom").iter().enumerate() {
        let at_t = at.f("telecom");
        let at_t = at_t.i(i);
        let Some(t) = rd.item(t, &at_t) else { continue };
        match (rd.str(t, &at_t, "system"), rd.str(t, &at_t, "value")) {
            (Some("phone"), Some(v)) if phone.is_none() => phone = Some(Cow::Borrowed(v)),
            (Some("email"), Some(v)) if email.is_none() => email = Some(Cow::Borrowed(v)),
            _ => {}
        }
    }
    let hours = windows(rd, node, at)
        .into_iter()
        .map(|(days, from, to)| HoursDoc { days, from: clock(from), to: clock(to) })
        .collect();
    Some(ContactDoc { name, role, phone, email, hours })
}

/// The capacity of a team: the capacity extension, or `unknown` as of `meta.lastUpdated`.
pub(crate) fn capacity_of<'n>(rd: &mut Rd<'_>, node: &'n Node, at: &At<'_>) -> Option<CapacityDoc<DocText<'n>>> {
    capacity(rd, node, at)
}

fn capacity<'n>(rd: &mut Rd<'_>, node: &'n Node, at: &At<'_>) -> Option<CapacityDoc<DocText<'n>>> {
    let exts = rd.extensions(node, at, EXT_CAPACITY);
    let Some(&(i, ext)) = exts.first() else {
        let updated = node.get("meta").and_then(|m| m.get("lastUpdated")).and_then(Node::as_str);
        return match updated {
            Some(u) => Some(CapacityDoc {
                status: Cow::Borrowed(CapacityStatus::Unknown.code()),
                free_places: Default::default(),
                free_hours: Default::default(),
                earliest_start: None,
                updated_at: instant(rd, u, &at.f("meta").f("lastUpdated"))?,
                version: 0,
            }),
            None => {
                rd.push(at, "needs the capacity extension (or `meta.lastUpdated`, read as capacity `unknown`)");
                None
            }
        };
    };
    if exts.len() > 1 {
        rd.push(&at.f("extension").i(exts[1].0), "capacity given twice");
    }
    let at_e = at.f("extension");
    let at_e = at_e.i(i);
    let mut doc = CapacityDoc {
        status: Cow::Borrowed(""),
        free_places: Default::default(),
        free_hours: Default::default(),
        earliest_start: None,
        updated_at: Cow::Borrowed(""),
        version: 0,
    };
    let (mut status, mut updated) = (false, false);
    let subs = rd.arr_max(ext, &at_e, "extension", 64);
    let at_s = at_e.f("extension");
    for (j, s) in subs.iter().enumerate() {
        let at = at_s.i(j);
        let Some(s) = rd.item(s, &at) else { continue };
        match s.get("url").and_then(Node::as_str) {
            Some("status") => match rd.str(s, &at, "valueCode").map(CapacityStatus::from_code) {
                Some(Ok(c)) => {
                    doc.status = Cow::Borrowed(c.code());
                    status = true;
                }
                Some(Err(e)) => rd.push(&at.f("valueCode"), e),
                None => rd.push(&at, "expected a valueCode"),
            },
            Some("freePlaces") => {
                let kids = rd.arr(s, &at, "extension");
                let care = kids.iter().find(|k| k.get("url").and_then(Node::as_str) == Some("careType"));
                let places = kids.iter().find(|k| k.get("url").and_then(Node::as_str) == Some("places"));
                let care = care.and_then(|c| c.get("valueCode")).and_then(Node::as_str).map(CareType::from_code);
                let places = places.and_then(|p| p.get("valueUnsignedInt"));
                match (care, places) {
                    (Some(Ok(c)), Some(Node::Num(Num::U(n)))) if *n <= u64::from(u32::MAX) => {
                        if doc.free_places.insert(Cow::Borrowed(c.code()), *n as u32).is_some() {
                            rd.push(&at, "free places given twice for one care type");
                        }
                    }
                    _ => rd.push(&at, "expected `careType` (a wijknet care type code) and `places` (valueUnsignedInt)"),
                }
            }
            Some("freeHours") => {
                let kids = rd.arr(s, &at, "extension");
                let care = kids.iter().find(|k| k.get("url").and_then(Node::as_str) == Some("careType"));
                let hours = kids.iter().find(|k| k.get("url").and_then(Node::as_str) == Some("hours"));
                let care = care.and_then(|c| c.get("valueCode")).and_then(Node::as_str).map(CareType::from_code);
                let hours = match hours.and_then(|h| h.get("valueDecimal")) {
                    Some(Node::Num(Num::U(n))) => Hours::new(*n as f64),
                    Some(Node::Num(Num::F(f))) => Hours::new(*f),
                    _ => None,
                };
                match (care, hours.filter(|h| h.get() <= MAX_TEAM_HOURS)) {
                    (Some(Ok(c)), Some(h)) => {
                        if doc.free_hours.insert(Cow::Borrowed(c.code()), h).is_some() {
                            rd.push(&at, "free hours given twice for one care type");
                        }
                    }
                    _ => rd.push(
                        &at,
                        format!(
                            "expected `careType` (a wijknet care type code) and `hours` (valueDecimal, 0 to {MAX_TEAM_HOURS} hours per week)"
                        ),
                    ),
                }
            }
            Some("earliestStart") => match rd.str(s, &at, "valueDate") {
                Some(d) if chrono::NaiveDate::parse_from_str(d, "%Y-%m-%d").is_ok() => {
                    doc.earliest_start = Some(Cow::Borrowed(d))
                }
                _ => rd.push(&at, "expected a valueDate `YYYY-MM-DD`"),
            },
            Some("updatedAt") => match rd.str(s, &at, "valueInstant") {
                Some(t) => {
                    if let Some(t) = instant(rd, t, &at.f("valueInstant")) {
                        doc.updated_at = t;
                        updated = true;
                    }
                }
                None => rd.push(&at, "expected a valueInstant"),
            },
            Some("version") => match rd.str(s, &at, "valueString").map(str::parse::<u64>) {
                Some(Ok(v)) => doc.version = v,
                _ => rd.push(&at, "expected a valueString of digits (the capacity version)"),
            },
            _ => rd.push(&at, "unknown part of the capacity extension: expected `status`, `freePlaces`, `freeHours`, `earliestStart`, `updatedAt` or `version`"),
        }
    }
    if !status {
        rd.push(&at_e, "needs `status`");
    }
    if !updated {
        rd.push(&at_e, "needs `updatedAt`");
    }
    (status && updated).then_some(doc)
}

/// The capacity version a HealthcareService's capacity extension names, if any.
pub(crate) fn capacity_version(node: &Node) -> Option<u64> {
    let exts = match node.get("extension") {
        Some(Node::Arr(a)) => a,
        _ => return None,
    };
    let cap = exts.iter().find(|e| e.get("url").and_then(Node::as_str) == Some(EXT_CAPACITY))?;
    let Node::Arr(subs) = cap.get("extension")? else { return None };
    subs.iter()
        .find(|s| s.get("url").and_then(Node::as_str) == Some("version"))
        .and_then(|s| s.get("valueString"))
        .and_then(Node::as_str)
        .and_then(|v| v.parse().ok())
}

/// Whether a HealthcareService is a coordination point (category of [`CS_SERVICE_KIND`]).
pub(crate) fn is_coordination_point(rd: &mut Rd<'_>, node: &Node, at: &At<'_>) -> bool {
    let mut cp = false;
    for (i, c) in rd.arr(node, at, "category").iter().enumerate() {
        let at_c = at.f("category");
        let at_c = at_c.i(i);
        if let Some(c) = rd.item(c, &at_c) {
            for (s, code) in rd.codings(c, &at_c) {
                if s == Some(CS_SERVICE_KIND) && code == Some("coordination_point") {
                    cp = true;
                }
            }
        }
    }
    cp
}

/// Where [`service`] takes a service's area from.
pub(crate) enum AreaOf<'r, 'p> {
    /// Read from its `coverageArea` and exclusions, with the Locations read so far.
    Read(&'p mut AreaParts<'r>),
    /// Kept by the caller as the registry holds it ([`wijknet::registry::TeamChange`]): the
    /// document's area is left empty.
    Kept,
}

/// A HealthcareService as the registry holds it.
pub(crate) enum Service<'r> {
    Team(TeamDoc<DocText<'r>>),
    Point(CoordinationPointDoc<DocText<'r>>),
}

/// The team or coordination point of HealthcareService `s`, whose registry `id`, organisation
/// and contacts (from the PractitionerRoles naming it) the caller found, and where its area
/// comes from;
/// `None` with its problems recorded when it is not valid.
pub(crate) fn service<'r>(
    rd: &mut Rd<'_>,
    res: &'r Resources,
    s: &'r Stored,
    (id, organisation): (DocText<'r>, DocText<'r>),
    contacts: Vec<ContactDoc<DocText<'r>>>,
    area_of: AreaOf<'r, '_>,
) -> Option<Service<'r>> {
    let at = stored_at(s);
    let name = Cow::Borrowed(rd.req_str(&s.node, &at, "name").unwrap_or_default());
    let area_doc = match area_of {
        AreaOf::Kept => AreaDoc::default(),
        AreaOf::Read(parts) => area(rd, res, &s.node, &at, parts),
    };
    if is_coordination_point(rd, &s.node, &at) {
        if contacts.len() > 1 {
            rd.push(&at, "a coordination point has one contact person in the registry; more PractitionerRoles name it");
        }
        return Some(Service::Point(CoordinationPointDoc {
            id,
            organisation,
            name,
            area: area_doc,
            contact: contacts.into_iter().next(),
        }));
    }
    let mut care_types = Vec::new();
    let mut unmapped = false;
    let types = rd.arr_max(&s.node, &at, "type", 100);
    for (i, t) in types.iter().enumerate() {
        let at_t = at.f("type");
        let at_t = at_t.i(i);
        let Some(t) = rd.item(t, &at_t) else { continue };
        let mut found = false;
        for (sys, code) in rd.codings(t, &at_t) {
            if let Some(c) = codes::care_type(sys, code) {
                found = true;
                if !care_types.iter().any(|t: &DocText<'r>| *t == c.code()) {
                    care_types.push(Cow::Borrowed(c.code()));
                }
            }
        }
        unmapped |= !found;
    }
    if care_types.is_empty() {
        let why = if unmapped {
            "no care type wijknet knows: give codings of the wijknet care-type code system (the profiles' Wlz care profiles are not district nursing and are not mapped; see the wijknet-fhir docs)"
        } else {
            "a team needs at least one care type (`type`)"
        };
        rd.push(&at.f("type"), why);
    }
    let mut level = None;
    for (i, c) in rd.arr(&s.node, &at, "characteristic").iter().enumerate() {
        let at_c = at.f("characteristic");
        let at_c = at_c.i(i);
        let Some(c) = rd.item(c, &at_c) else { continue };
        for (sys, code) in rd.codings(c, &at_c) {
            if sys == Some(CS_NURSE_LEVEL) {
                match code.map(NurseLevel::from_code) {
                    Some(Ok(l)) => level = Some(Cow::Borrowed(l.code())),
                    _ => rd.push(&at_c, "unknown nurse level code"),
                }
            }
        }
    }
    if level.is_none() {
        rd.push(
            &at.f("characteristic"),
            "needs the team's highest nurse level (a characteristic of the wijknet nurse-level code system)",
        );
    }
    let ws = windows(rd, &s.node, &at);
    let times = times_of_day(&ws);
    if times.is_empty() && s.node.get("availableTime").is_none() {
        rd.push(&at.f("availableTime"), "needs the times the team works (day 07-17, evening 17-23, night 23-07)");
    }
    // The languages its nurses speak (`communication`, BCP 47 codes); none: Dutch only.
    let mut languages = Vec::new();
    for (i, c) in rd.arr(&s.node, &at, "communication").iter().enumerate() {
        let at_c = at.f("communication");
        let at_c = at_c.i(i);
        let Some(c) = rd.item(c, &at_c) else { continue };
        for (sys, code) in rd.codings(c, &at_c) {
            if sys == Some(BCP47) {
                match code.map(Language::from_code) {
                    Some(Ok(l)) => languages.push(Cow::Borrowed(l.code())),
                    _ => rd.push(&at_c, "a language wijknet does not know (an ISO 639 code of its `language` codes)"),
                }
            }
        }
    }
    let cap = capacity(rd, &s.node, &at);
    let (Some(level), Some(cap)) = (level, cap) else { return None };
    Some(Service::Team(TeamDoc {
        id,
        organisation,
        name,
        area: area_doc,
        care_types,
        max_nurse_level: level,
        times_of_day: times,
        languages,
        capacity: cap,
        contacts,
    }))
}

/// Whether an element has `active: false`.
pub(crate) fn inactive(node: &Node) -> bool {
    node.get("active") == Some(&Node::Bool(false))
}

/// The registry document of the resources, and where each record came from.
/// An Organization without `partOf` as the registry holds it, without its contracts and fixed
/// contact (OrganizationAffiliations and PractitionerRoles give them); `None` with its problems
/// recorded when it has no organisation kind wijknet knows.
pub(crate) fn organisation<'r>(
    rd: &mut Rd<'_>,
    node: &'r Node,
    at: &At<'_>,
    rid: DocText<'r>,
) -> Option<OrganisationDoc<DocText<'r>>> {
    let name = Cow::Borrowed(rd.req_str(node, at, "name").unwrap_or_default());
    let mut kind: Option<(wijknet::OrganisationKind, bool)> = None;
    let types = rd.arr(node, at, "type");
    for (i, t) in types.iter().enumerate() {
        let at_t = at.f("type");
        let at_t = at_t.i(i);
        let Some(t) = rd.item(t, &at_t) else { continue };
        for (sys, code) in rd.codings(t, &at_t) {
            if let Some(k) = codes::organisation_kind(sys, code) {
                // wijknet's own coding wins over a mapped one.
                if kind.is_none_or(|(_, own)| !own && k.1) {
                    kind = Some(k);
                }
            }
        }
    }
    let Some((kind, _)) = kind else {
        rd.push(&at.f("type"), "no organisation kind wijknet knows: give a coding of the wijknet organisation-kind code system or a mapped RoleCodeNL organization-type (see the wijknet-fhir docs)");
        return None;
    };
    let (mut agb, mut ura, mut kvk) = (None, None, None);
    let idents = rd.arr(node, at, "identifier");
    let at_i = at.f("identifier");
    for (i, ident) in idents.iter().enumerate() {
        let at = at_i.i(i);
        let Some(ident) = rd.item(ident, &at) else { continue };
        let sys = rd.str(ident, &at, "system");
        type Check = fn(&str) -> Result<(), wijknet::IdError>;
        let slot: Option<(&mut Option<DocText<'r>>, Check)> = match sys {
            Some(URA) => Some((&mut ura, |v| UraNumber::parse(v).map(|_| ()))),
            Some(AGB) => Some((&mut agb, |v| AgbCode::parse(v).map(|_| ()))),
            Some(KVK) => Some((&mut kvk, |v| KvkNumber::parse(v).map(|_| ()))),
            _ => None,
        };
        let Some((slot, check)) = slot else { continue };
        let Some(v) = rd.req_str(ident, &at, "value") else { continue };
        if let Err(e) = check(v) {
            rd.push(&at.f("value"), e);
        } else if slot.is_some() {
            rd.push(&at, "a second identifier of this system: the registry holds one per organisation");
        } else {
            *slot = Some(Cow::Borrowed(v));
        }
    }
    Some(OrganisationDoc {
        id: rid,
        name,
        kind: Cow::Borrowed(kind.code()),
        agb,
        ura,
        kvk,
        contracted_insurers: Vec::new(),
        contact: None,
    })
}

/// Whether an OrganizationAffiliation is an insurer's contract with a provider (its `code`),
/// active or not.
pub(crate) fn is_contract(rd: &mut Rd<'_>, node: &Node, at: &At<'_>) -> bool {
    let mut contract = false;
    for (i, c) in rd.arr(node, at, "code").iter().enumerate() {
        let at_c = at.f("code");
        let at_c = at_c.i(i);
        if let Some(c) = rd.item(c, &at_c) {
            contract |=
                rd.codings(c, &at_c).iter().any(|(s, c)| *s == Some(CS_AFFILIATION) && *c == Some("insurer_contract"));
        }
    }
    contract
}

pub(crate) fn to_doc<'r>(rd: &mut Rd<'_>, res: &'r Resources, version: u64) -> (RegistryDoc<DocText<'r>>, Origins) {
    let mut origins = Origins::default();
    let mut doc = RegistryDoc {
        schema: Cow::Borrowed(REGISTRY_SCHEMA),
        version,
        municipalities: Vec::new(),
        organisations: Vec::new(),
        teams: Vec::new(),
        coordination_points: Vec::new(),
    };
    let mut parts = AreaParts::default();

    // Municipalities: every Location with a municipality identifier.
    for (key, s) in res.of(Kind::Location) {
        let at = stored_at(s);
        let is_muni = s.node.get("identifier").is_some_and(|l| {
            matches!(l, Node::Arr(a) if a.iter().any(|i| i.get("system").and_then(Node::as_str) == Some(MUNICIPALITY)))
        });
        if !is_muni {
            continue;
        }
        let part = area_part(rd, &s.node, &at);
        parts.by_key.insert(key.clone(), part.clone());
        let Some(AreaPart::Municipality(code)) = part else { continue };
        let name = Cow::Borrowed(rd.req_str(&s.node, &at, "name").unwrap_or_default());
        let mut pc4 = Vec::new();
        for (i, e) in rd.extensions(&s.node, &at, EXT_MUNICIPALITY_PC4) {
            match e.get("valueString").and_then(Node::as_str) {
                Some(p) if Pc4::parse(p).is_ok() => pc4.push(Cow::Borrowed(p)),
                _ => rd.push(&at.f("extension").i(i), "expected a valueString PC4 (4 digits)"),
            }
        }
        origins.municipalities.push(s.path.clone());
        doc.municipalities.push(MunicipalityDoc { code, name, pc4 });
    }

    // Organisations: those without partOf; departments point to their top ancestor.
    let mut top: HashMap<Key, Option<Key>> = HashMap::new();
    let mut org_index: HashMap<Key, usize> = HashMap::new();
    for (key, s) in res.of(Kind::Organization) {
        let at = stored_at(s);
        if inactive(&s.node) {
            continue;
        }
        // Checked for departments too, whose id the registry does not hold.
        let rid = Cow::Borrowed(registry_id(rd, &s.node, &at, &key.1));
        if s.node.get("partOf").is_some() {
            continue;
        }
        let Some(o) = organisation(rd, &s.node, &at, rid) else { continue };
        org_index.insert(key.clone(), doc.organisations.len());
        origins.organisations.push(s.path.clone());
        doc.organisations.push(o);
        top.insert(key.clone(), Some(key.clone()));
    }
    // The top ancestor of every department, each chain walked once (memoised), cycles refused.
    let mut resolve_top = |rd: &mut Rd<'_>, start: &Key| -> Option<Key> {
        if let Some(t) = top.get(start) {
            return t.clone();
        }
        let mut chain = vec![start.clone()];
        let mut on_chain: std::collections::HashSet<Key> = std::iter::once(start.clone()).collect();
        let result = loop {
            let cur = chain.last().expect("non-empty").clone();
            let Some(s) = res.get(&cur) else { break None };
            let at = stored_at(s);
            let Some(p) = s.node.get("partOf") else { break None };
            let Some(parent) = reference(rd, res, p, &at.f("partOf"), Kind::Organization) else { break None };
            if let Some(t) = top.get(&parent) {
                break t.clone();
            }
            if !on_chain.insert(parent.clone()) {
                rd.push(&at.f("partOf"), "organisations are part of each other in a cycle");
                break None;
            }
            chain.push(parent);
        };
        for k in chain {
            top.insert(k, result.clone());
        }
        result
    };
    let mut org_of_key = |rd: &mut Rd<'_>, r: &Node, at: &At<'_>| -> Option<usize> {
        let key = reference(rd, res, r, at, Kind::Organization)?;
        if res.get(&key).is_some_and(|s| inactive(&s.node)) {
            rd.push(at, "refers to an inactive Organization");
            return None;
        }
        match resolve_top(rd, &key).and_then(|t| org_index.get(&t).copied()) {
            Some(i) => Some(i),
            None => {
                rd.push(at, "refers to an Organization that is not in the registry (see the problem there)");
                None
            }
        }
    };
    // An organisation found before by the same reference text: 21,000 teams name a few
    // thousand providers. Only what was found is kept: a failure is looked up again, so its
    // problems are reported at every referring site as before.
    let mut found: HashMap<&'r str, usize> = HashMap::new();
    let mut org_of = |rd: &mut Rd<'_>, r: &'r Node, at: &At<'_>| -> Option<usize> {
        let text = match r {
            Node::Obj(_) => r.get("reference").and_then(Node::as_str),
            _ => None,
        };
        if let Some(&i) = text.and_then(|t| found.get(t)) {
            return Some(i);
        }
        let i = org_of_key(rd, r, at)?;
        if let Some(t) = text {
            found.insert(t, i);
        }
        Some(i)
    };

    // Contracts: insurer (organization) with provider (participatingOrganization).
    for (_, s) in res.of(Kind::OrganizationAffiliation) {
        let at = stored_at(s);
        if !is_contract(rd, &s.node, &at) || inactive(&s.node) {
            continue;
        }
        let insurer = rd.obj(&s.node, &at, "organization").and_then(|r| org_of(rd, r, &at.f("organization")));
        let provider = rd
            .obj(&s.node, &at, "participatingOrganization")
            .and_then(|r| org_of(rd, r, &at.f("participatingOrganization")));
        if let (Some(i), Some(p)) = (insurer, provider) {
            let id = doc.organisations[i].id.clone();
            doc.organisations[p].contracted_insurers.push(id);
        }
    }

    // Contact persons: per HealthcareService, and an organisation's fixed contact.
    let mut service_contacts: HashMap<Key, Vec<ContactDoc<DocText<'r>>>> = HashMap::new();
    for (_, s) in res.of(Kind::PractitionerRole) {
        let at = stored_at(s);
        if inactive(&s.node) {
            continue;
        }
        let services = rd.arr_max(&s.node, &at, "healthcareService", MAX_ROLE_SERVICES);
        let fixed = s.node.get("code").is_some_and(|c| {
            matches!(c, Node::Arr(a) if a.iter().any(|cc| matches!(cc.get("coding"), Some(Node::Arr(l)) if l.iter().any(|x| x.get("system").and_then(Node::as_str) == Some(CS_CONTACT)))))
        });
        if services.is_empty() {
            if !fixed {
                continue; // a PractitionerRole that is not a fixed contact: not in the registry
            }
            let Some(org) = rd.obj(&s.node, &at, "organization").and_then(|r| org_of(rd, r, &at.f("organization")))
            else {
                if s.node.get("organization").is_none() {
                    rd.push(&at.f("organization"), "a fixed contact without a service needs its organization");
                }
                continue;
            };
            if let Some(c) = contact(rd, res, &s.node, &at) {
                if doc.organisations[org].contact.is_some() {
                    rd.push(&at, "a second fixed contact of this organisation: the registry holds one");
                } else {
                    doc.organisations[org].contact = Some(c);
                }
            }
            continue;
        }
        let Some(c) = contact(rd, res, &s.node, &at) else { continue };
        let at_h = at.f("healthcareService");
        // Most roles name one service: the contact is moved to the last, copied to the others.
        let mut c = Some(c);
        for (i, h) in services.iter().enumerate() {
            if let Some(k) = reference(rd, res, h, &at_h.i(i), Kind::HealthcareService) {
                let copy = if i + 1 == services.len() { c.take() } else { c.clone() };
                service_contacts.entry(k).or_default().extend(copy);
            }
        }
    }

    // Teams and coordination points.
    for (key, s) in res.of(Kind::HealthcareService) {
        let at = stored_at(s);
        if inactive(&s.node) {
            continue;
        }
        let id = Cow::Borrowed(registry_id(rd, &s.node, &at, &key.1));
        let org = match rd.obj(&s.node, &at, "providedBy") {
            Some(r) => org_of(rd, r, &at.f("providedBy")),
            None => {
                rd.push(&at.f("providedBy"), "required: the organisation that provides the service");
                None
            }
        };
        let contacts = service_contacts.remove(key).unwrap_or_default();
        let organisation = org.map(|o| doc.organisations[o].id.clone()).unwrap_or_default();
        match service(rd, res, s, (id, organisation), contacts, AreaOf::Read(&mut parts)) {
            Some(Service::Point(p)) => {
                origins.points.push(s.path.clone());
                doc.coordination_points.push(p);
            }
            Some(Service::Team(t)) => {
                origins.teams.push(s.path.clone());
                doc.teams.push(t);
            }
            None => {}
        }
    }
    for (key, _) in service_contacts {
        if let Some(s) = res.get(&key) {
            let _ = s; // contacts of an inactive or skipped service are not carried
        }
    }
    (doc, origins)
}
