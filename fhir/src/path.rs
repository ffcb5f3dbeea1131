//! FHIRPath-like locations (`Bundle.entry[3].resource.coverageArea[0]`) and the checked reading
//! of a [`Node`] tree: every wrong type, missing element or bad value is recorded as a problem at
//! its path, and reading goes on, so the author sees every problem at once.
//!
//! No reason repeats a value: it says what was expected (and at most what kind of JSON value was
//! found). Ids that a reason must name go through [`wijknet::redact::shown`].

use std::fmt;

use wijknet::Problems;

use crate::json::Node;

/// A location in a FHIR document, built on the stack; text is made only for a problem.
#[derive(Debug, Clone, Copy)]
pub enum At<'a> {
    /// The document (`Bundle`, `Consent`).
    Root(&'static str),
    /// The path of a stored resource, given as text (an entry of an earlier document).
    Text(&'a str),
    /// The resource of entry `i` of a Bundle (`Bundle.entry[i].resource`): where most stored
    /// resources were read, kept as the number.
    Entry(usize),
    /// An element (the name is wijknet's own, never input).
    Field(&'a At<'a>, &'static str),
    /// An item of a repeating element.
    Index(&'a At<'a>, usize),
}

impl<'a> At<'a> {
    /// The element `name` below this one.
    pub fn f(&'a self, name: &'static str) -> At<'a> {
        At::Field(self, name)
    }
    /// The item `i` of this repeating element.
    pub fn i(&'a self, i: usize) -> At<'a> {
        At::Index(self, i)
    }
}

impl At<'_> {
    /// The path as text, built by hand: going through [`fmt::Display`] for each part was a
    /// tenth of reading a bundle's entries, when every resource read kept its path as text.
    pub fn text(&self) -> String {
        let mut out = String::with_capacity(32);
        self.write_to(&mut out);
        out
    }

    fn write_to(&self, out: &mut String) {
        match self {
            At::Root(r) => out.push_str(r),
            At::Text(t) => out.push_str(t),
            At::Entry(i) => {
                out.push_str("Bundle.entry");
                index_to(out, *i);
                out.push_str(".resource");
            }
            At::Field(p, n) => {
                p.write_to(out);
                out.push('.');
                out.push_str(n);
            }
            At::Index(p, i) => {
                p.write_to(out);
                index_to(out, *i);
            }
        }
    }
}

/// Writes `[i]`.
fn index_to(out: &mut String, i: usize) {
    out.push('[');
    let mut digits = [0u8; 20];
    let (mut n, mut k) = (i, digits.len());
    loop {
        k -= 1;
        digits[k] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    out.extend(digits[k..].iter().map(|&d| char::from(d)));
    out.push(']');
}

impl fmt::Display for At<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            At::Root(r) => f.write_str(r),
            At::Text(t) => f.write_str(t),
            At::Entry(i) => write!(f, "Bundle.entry[{i}].resource"),
            At::Field(p, n) => write!(f, "{p}.{n}"),
            At::Index(p, i) => write!(f, "{p}[{i}]"),
        }
    }
}

/// The element names wijknet reads: an input key is repeated in a path only when it is one of
/// them (FHIR element names are camelCase, which the core's rule would hide as a name).
const ELEMENTS: &[&str] = &[
    "resourceType",
    "id",
    "meta",
    "versionId",
    "lastUpdated",
    "type",
    "entry",
    "fullUrl",
    "resource",
    "request",
    "method",
    "url",
    "ifMatch",
    "search",
    "mode",
    "response",
    "identifier",
    "system",
    "value",
    "name",
    "text",
    "given",
    "family",
    "partOf",
    "active",
    "status",
    "coding",
    "code",
    "display",
    "extension",
    "modifierExtension",
    "implicitRules",
    "valueString",
    "valueCode",
    "valueReference",
    "valueBoolean",
    "valueDateTime",
    "valueDate",
    "valueInstant",
    "valueUnsignedInt",
    "valueDecimal",
    "valueCoding",
    "valueCodeableConcept",
    "valueId",
    "address",
    "postalCode",
    "providedBy",
    "category",
    "characteristic",
    "coverageArea",
    "availableTime",
    "daysOfWeek",
    "allDay",
    "availableStartTime",
    "availableEndTime",
    "practitioner",
    "organization",
    "healthcareService",
    "telecom",
    "participatingOrganization",
    "scope",
    "patient",
    "dateTime",
    "performer",
    "policyRule",
    "provision",
    "period",
    "start",
    "end",
    "actor",
    "role",
    "reference",
    "purpose",
    "class",
    "dataPeriod",
    "action",
    "securityLabel",
    "data",
    "intent",
    "subject",
    "requester",
    "authoredOn",
    "priority",
    "basedOn",
    "focus",
    "owner",
    "statusReason",
    "executionPeriod",
    "physicalType",
    "contact",
    "agent",
    "entity",
    "source",
    "what",
    "recorded",
    "outcome",
];

/// An input key as a path may show it: known element names as they are, anything else not.
pub fn element_shown(key: &str) -> &str {
    ELEMENTS.iter().find(|e| **e == key).copied().unwrap_or("(not shown)")
}

/// Checked reading of nodes into problems.
#[derive(Debug)]
pub struct Rd<'p> {
    /// Where problems go.
    pub problems: &'p mut Problems,
}

impl Rd<'_> {
    /// Records a problem.
    pub fn push(&mut self, at: &At<'_>, reason: impl fmt::Display) {
        self.problems.push(at.text(), reason.to_string());
    }

    /// The member `key` of an object, if present (`None` also for a non-object, which the
    /// caller has reported).
    pub fn get<'n>(&mut self, node: &'n Node, key: &str) -> Option<&'n Node> {
        match node.get(key) {
            Some(Node::Null) => None,
            other => other,
        }
    }

    /// An optional string element.
    pub fn str<'n>(&mut self, node: &'n Node, at: &At<'_>, key: &'static str) -> Option<&'n str> {
        let v = self.get(node, key)?;
        match v {
            Node::Str(s) => Some(s),
            other => {
                self.push(&at.f(key), format_args!("expected a string, found {}", other.kind()));
                None
            }
        }
    }

    /// A required string element.
    pub fn req_str<'n>(&mut self, node: &'n Node, at: &At<'_>, key: &'static str) -> Option<&'n str> {
        match self.get(node, key) {
            None => {
                self.push(&at.f(key), "required");
                None
            }
            Some(Node::Str(s)) => Some(s),
            Some(other) => {
                self.push(&at.f(key), format_args!("expected a string, found {}", other.kind()));
                None
            }
        }
    }

    /// An optional boolean element.
    pub fn bool(&mut self, node: &Node, at: &At<'_>, key: &'static str) -> Option<bool> {
        match self.get(node, key)? {
            Node::Bool(b) => Some(*b),
            other => {
                self.push(&at.f(key), format_args!("expected a boolean, found {}", other.kind()));
                None
            }
        }
    }

    /// A repeating element: its items (none when absent; a problem when it is not an array).
    pub fn arr<'n>(&mut self, node: &'n Node, at: &At<'_>, key: &'static str) -> &'n [Node] {
        match self.get(node, key) {
            None => &[],
            Some(Node::Arr(items)) => items,
            Some(other) => {
                self.push(&at.f(key), format_args!("expected an array (a repeating element), found {}", other.kind()));
                &[]
            }
        }
    }

    /// A repeating element of at most `max` items (a problem and nothing beyond that).
    pub fn arr_max<'n>(&mut self, node: &'n Node, at: &At<'_>, key: &'static str, max: usize) -> &'n [Node] {
        let items = self.arr(node, at, key);
        if items.len() > max {
            self.push(&at.f(key), format_args!("{} entries, more than the limit of {max}", items.len()));
            &[]
        } else {
            items
        }
    }

    /// An optional complex element (an object).
    pub fn obj<'n>(&mut self, node: &'n Node, at: &At<'_>, key: &'static str) -> Option<&'n Node> {
        match self.get(node, key)? {
            n @ Node::Obj(_) => Some(n),
            other => {
                self.push(&at.f(key), format_args!("expected an object, found {}", other.kind()));
                None
            }
        }
    }

    /// Checks that an item of a repeating element is an object.
    pub fn item<'n>(&mut self, node: &'n Node, at: &At<'_>) -> Option<&'n Node> {
        match node {
            n @ Node::Obj(_) => Some(n),
            other => {
                self.push(at, format_args!("expected an object, found {}", other.kind()));
                None
            }
        }
    }

    /// FHIR: an element with a `modifierExtension` (or a resource with `implicitRules`) changes
    /// the meaning of what it is in; a reader that does not know it must not use the element.
    pub fn no_modifiers(&mut self, node: &Node, at: &At<'_>) {
        if !self.arr(node, at, "modifierExtension").is_empty() {
            self.push(
                &at.f("modifierExtension"),
                "a modifier extension wijknet does not know: the element cannot be read safely",
            );
        }
        if node.get("implicitRules").is_some() {
            self.push(
                &at.f("implicitRules"),
                "implicit rules wijknet does not know: the resource cannot be read safely",
            );
        }
    }

    /// The codings of a CodeableConcept: `(system, code)` pairs.
    pub fn codings<'n>(&mut self, cc: &'n Node, at: &At<'_>) -> Vec<(Option<&'n str>, Option<&'n str>)> {
        let mut out = Vec::new();
        let list = self.arr(cc, at, "coding");
        let at_c = at.f("coding");
        for (i, c) in list.iter().enumerate() {
            let at = at_c.i(i);
            if let Some(c) = self.item(c, &at) {
                out.push((self.str(c, &at, "system"), self.str(c, &at, "code")));
            }
        }
        out
    }

    /// The extensions of an element with url `url`.
    pub fn extensions<'n>(&mut self, node: &'n Node, at: &At<'_>, url: &str) -> Vec<(usize, &'n Node)> {
        let list = self.arr(node, at, "extension");
        let at_e = at.f("extension");
        let mut out = Vec::new();
        for (i, e) in list.iter().enumerate() {
            let at = at_e.i(i);
            if let Some(e) = self.item(e, &at) {
                if e.get("url").and_then(Node::as_str) == Some(url) {
                    out.push((i, e));
                }
            }
        }
        out
    }
}

/// The error for a list of problems: in document order (by the number of the first repeating
/// element, so `Bundle.entry[3]` comes before `Bundle.entry[10]`, keeping the order of the
/// problems of one entry), with the count of unlisted problems at the document's root.
pub fn invalid(document: &'static str, problems: Problems) -> wijknet::Error {
    let root = document_root(document);
    let mut list = problems.into_vec();
    let key = |path: &str| -> Option<usize> {
        let rest = path.strip_prefix("Bundle.entry[").or_else(|| path.strip_prefix("source["))?;
        rest.split_once(']')?.0.parse().ok()
    };
    let more = list.last().filter(|p| p.path == "$").is_some();
    let tail = if more { list.pop() } else { None };
    list.sort_by_key(|p| key(&p.path).unwrap_or(0));
    list.extend(tail.map(|p| wijknet::Problem { path: root.to_owned(), reason: p.reason }));
    wijknet::Error::Invalid { document, problems: list }
}

fn document_root(_document: &str) -> &'static str {
    "Bundle"
}
