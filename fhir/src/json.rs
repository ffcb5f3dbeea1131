//! Strict JSON for FHIR: one pass of serde_json's tokenizer into an ordered value tree
//! ([`Node`]), with the core's bounds ([`wijknet::limits`]) and no silent duplicates.
//!
//! Plain `serde_json::Value` keeps the last of two equal keys and knows no bound but nesting; a
//! FHIR resource from another organisation's server must be read as strictly as a native
//! wijknet document, so this reader refuses, with the path where it stopped:
//!
//! - a document larger than [`MAX_DOCUMENT_BYTES`], an array or object with more than
//!   [`MAX_LIST_ITEMS`] entries, a string or key longer than [`MAX_TEXT_BYTES`], nesting deeper
//!   than [`MAX_NESTING`];
//! - a key given twice in one object;
//! - malformed JSON (the message is serde_json's category and position, never the text).
//!
//! Objects keep their keys in document order. Duplicate keys are found with a set once an
//! object has more than a few keys, so an object of a million keys costs linear time.

use std::cell::{Cell, RefCell};
use std::collections::HashSet;
use std::fmt;

use serde::de::{self, DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};
use wijknet::Error;
use wijknet::limits::{MAX_DOCUMENT_BYTES, MAX_LIST_ITEMS, MAX_NESTING, MAX_TEXT_BYTES};

use crate::path::element_shown;

/// A JSON value with its object keys in document order.
#[derive(Debug, Clone, PartialEq, Default)]
pub enum Node {
    /// `null`.
    #[default]
    Null,
    /// `true` or `false`.
    Bool(bool),
    /// A number, kept as text-free parts.
    Num(Num),
    /// A string.
    Str(Text),
    /// An array.
    Arr(Vec<Node>),
    /// An object, keys in document order, each at most once.
    Obj(Vec<(Text, Node)>),
}

/// A text of a node: the element names and the codes and URLs wijknet writes are shared
/// (`&'static`), short texts (ids, dates, postcodes, references) kept in place, anything else
/// owned. A national directory repeats a few hundred texts millions of times, and most of the
/// rest is short; sharing the one and keeping the other in place saves most of the reader's
/// allocations, which are its largest cost.
#[derive(Debug, Clone, Eq)]
pub enum Text {
    /// One of [`COMMON`].
    Common(Common),
    /// A text of at most [`Short::CAPACITY`] bytes.
    Short(Short),
    /// Any other text.
    Owned(Box<str>),
}

/// A short text in place: `len` bytes of UTF-8, the rest zero (so that equal texts are equal
/// bytes).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Short {
    len: u8,
    bytes: [u8; Short::CAPACITY],
}

impl Short {
    /// The longest text kept in place: a [`Text`] is then no larger than a shared one.
    pub const CAPACITY: usize = 22;

    fn new(s: &str) -> Option<Short> {
        let len = u8::try_from(s.len()).ok().filter(|&n| usize::from(n) <= Short::CAPACITY)?;
        let mut bytes = [0; Short::CAPACITY];
        bytes[..s.len()].copy_from_slice(s.as_bytes());
        Some(Short { len, bytes })
    }

    fn as_str(&self) -> &str {
        // Always UTF-8 (copied from a `str`): the fallback is never taken.
        std::str::from_utf8(&self.bytes[..usize::from(self.len)]).unwrap_or_default()
    }
}

const _: () = assert!(std::mem::size_of::<Text>() == 24);

/// One of the common texts, by its position in [`COMMON`]. Only this module makes one (from the
/// text, in [`Text::new`]), so two common texts are equal exactly when their positions are, and
/// a text that is a common one is never kept in place: finding a key compares one byte per
/// member instead of the texts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Common(u8);

impl Common {
    /// The text.
    pub fn as_str(self) -> &'static str {
        COMMON[usize::from(self.0)]
    }
}

impl Text {
    /// A text, shared when it is a common one.
    pub fn new(s: &str) -> Text {
        if let Some(c) = common(s) {
            return Text::Common(c);
        }
        match Short::new(s) {
            Some(short) => Text::Short(short),
            None => Text::Owned(s.into()),
        }
    }
}

impl Text {
    /// Whether this is the text `s`. Finding an element compares its name with every key before
    /// it, so this compares lengths before anything else and never checks a short text's UTF-8.
    pub fn is(&self, s: &str) -> bool {
        match self {
            Text::Common(c) => c.as_str() == s,
            Text::Short(x) => usize::from(x.len) == s.len() && &x.bytes[..s.len()] == s.as_bytes(),
            Text::Owned(o) => **o == *s,
        }
    }
}

impl std::ops::Deref for Text {
    type Target = str;
    fn deref(&self) -> &str {
        match self {
            Text::Common(s) => s.as_str(),
            Text::Short(s) => s.as_str(),
            Text::Owned(s) => s,
        }
    }
}

impl PartialEq for Text {
    fn eq(&self, other: &Text) -> bool {
        // Comparing two resources (is a change only a new capacity?) compares mostly equal
        // element names and codes: the same shared text, or the same bytes in place.
        // A common text is never kept in place (Text::new), so a common one and a short one
        // differ.
        match (self, other) {
            (Text::Common(a), Text::Common(b)) => a == b,
            (Text::Short(a), Text::Short(b)) => a == b,
            (Text::Common(_), Text::Short(_)) | (Text::Short(_), Text::Common(_)) => false,
            _ => **self == **other,
        }
    }
}

/// The common texts, sorted: FHIR element names, wijknet's URLs and frequent codes.
const COMMON: &[&str] = &common_sorted();

/// Every text of a document is looked up here, so the lookup is a hash of a few bytes and
/// mostly one comparison: a binary search compared each text with about eight common ones,
/// the reader's largest cost after allocation.
const SLOTS: usize = 512;

/// Slot of each common text (`index + 1`; 0 is empty), open addressing with linear probing.
static TABLE: [u8; SLOTS] = common_table();

/// Longest common text: anything longer is not looked up.
const MAX_COMMON: usize = common_max_len();

const fn slot_of(b: &[u8]) -> usize {
    let n = b.len();
    if n == 0 {
        return 0;
    }
    let h = (n as u32).wrapping_mul(0x9E37_79B1)
        ^ (b[0] as u32).wrapping_mul(0x85EB_CA6B)
        ^ (b[n - 1] as u32).wrapping_mul(0xC2B2_AE35)
        ^ (b[n / 2] as u32).wrapping_mul(0x27D4_EB2F)
        ^ (b[n / 3] as u32).wrapping_mul(0x1656_67B1);
    ((h ^ (h >> 16)) as usize) % SLOTS
}

const fn common_table() -> [u8; SLOTS] {
    assert!(COMMON.len() < 255 && COMMON.len() * 2 < SLOTS);
    let mut t = [0u8; SLOTS];
    let mut i = 0;
    while i < COMMON.len() {
        let mut slot = slot_of(COMMON[i].as_bytes());
        while t[slot] != 0 {
            slot = (slot + 1) % SLOTS;
        }
        t[slot] = (i + 1) as u8;
        i += 1;
    }
    t
}

const fn common_max_len() -> usize {
    let mut m = 0;
    let mut i = 0;
    while i < COMMON.len() {
        if COMMON[i].len() > m {
            m = COMMON[i].len();
        }
        i += 1;
    }
    m
}

/// The common text `s`, if it is one.
fn common(s: &str) -> Option<Common> {
    if s.len() > MAX_COMMON || s.is_empty() {
        return None;
    }
    let mut slot = slot_of(s.as_bytes());
    loop {
        match TABLE[slot] {
            0 => return None,
            i => {
                if COMMON[usize::from(i) - 1] == s {
                    return Some(Common(i - 1));
                }
            }
        }
        slot = (slot + 1) % SLOTS;
    }
}

/// The position of the member `key` among an object's members. A common key (every element
/// name wijknet reads) is found by its position in [`COMMON`], one byte per member, instead of
/// comparing texts; an owned member is compared as text all the same (a text made outside this
/// module need not be in its shared form).
fn position(members: &[(Text, Node)], key: &str) -> Option<usize> {
    match common(key) {
        Some(c) => members.iter().position(|(k, _)| match k {
            Text::Common(x) => *x == c,
            Text::Short(_) => false,
            Text::Owned(o) => **o == *key,
        }),
        None => members.iter().position(|(k, _)| match k {
            Text::Common(_) => false,
            Text::Short(_) | Text::Owned(_) => k.is(key),
        }),
    }
}

const fn common_sorted() -> [&'static str; COMMON_UNSORTED.len()] {
    let mut a = COMMON_UNSORTED;
    let mut i = 1;
    while i < a.len() {
        let mut j = i;
        while j > 0 && str_lt(a[j], a[j - 1]) {
            let t = a[j];
            a[j] = a[j - 1];
            a[j - 1] = t;
            j -= 1;
        }
        i += 1;
    }
    a
}

const fn str_lt(a: &str, b: &str) -> bool {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    let mut i = 0;
    while i < a.len() && i < b.len() {
        if a[i] != b[i] {
            return a[i] < b[i];
        }
        i += 1;
    }
    a.len() < b.len()
}

use crate::codes as c;
const COMMON_UNSORTED: [&str; 130] = [
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
    "search",
    "mode",
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
    "valueString",
    "valueCode",
    "valueReference",
    "valueBoolean",
    "valueDate",
    "valueInstant",
    "valueUnsignedInt",
    "valueDecimal",
    "address",
    "postalCode",
    "country",
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
    "use",
    "participatingOrganization",
    "reference",
    "physicalType",
    "Bundle",
    "Organization",
    "Location",
    "HealthcareService",
    "PractitionerRole",
    "Practitioner",
    "OrganizationAffiliation",
    "Endpoint",
    "PUT",
    "POST",
    "DELETE",
    "collection",
    "transaction",
    "history",
    "searchset",
    "NL",
    "phone",
    "email",
    "work",
    "true",
    "mon",
    "tue",
    "wed",
    "thu",
    "fri",
    "sat",
    "sun",
    "area",
    "jdn",
    "pc4",
    "pc4_range",
    "pc6",
    "municipality",
    "team",
    "coordination_point",
    "fixed_contact",
    "insurer_contract",
    "freePlaces",
    "careType",
    "places",
    "updatedAt",
    "earliestStart",
    "from",
    "to",
    "07:00:00",
    "17:00:00",
    "23:00:00",
    "accepting",
    "waitlist",
    "full",
    "unknown",
    c::URA,
    c::AGB,
    c::KVK,
    c::ORGANIZATION_TYPE,
    c::LOCATION_PHYSICAL_TYPE,
    c::REGISTRY_ID,
    c::MUNICIPALITY,
    c::CS_CARE_TYPE,
    c::CS_ORG_KIND,
    c::CS_NURSE_LEVEL,
    c::CS_SERVICE_KIND,
    c::CS_AREA_KIND,
    c::CS_AFFILIATION,
    c::CS_CONTACT,
    c::EXT_CAPACITY,
    c::EXT_EXCLUSION,
    c::EXT_PC4_RANGE,
    c::EXT_MUNICIPALITY_PC4,
    "level_3",
    "level_4",
    "level_5",
    "level_6",
    "nursing",
];

/// A JSON number.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Num {
    /// A non-negative integer.
    U(u64),
    /// A negative integer.
    I(i64),
    /// Anything else.
    F(f64),
}

impl Node {
    /// The member `key` of an object (`None` for another kind of value).
    pub fn get(&self, key: &str) -> Option<&Node> {
        match self {
            Node::Obj(members) => position(members, key).map(|i| &members[i].1),
            _ => None,
        }
    }

    /// The member `key` of an object, to change it.
    pub fn get_mut(&mut self, key: &str) -> Option<&mut Node> {
        match self {
            Node::Obj(members) => position(members, key).map(|i| &mut members[i].1),
            _ => None,
        }
    }

    /// The text of a string value.
    pub fn as_str(&self) -> Option<&str> {
        match self {
            Node::Str(s) => Some(s),
            _ => None,
        }
    }

    /// What kind of JSON value this is, for messages (`expected a string, found an array`).
    pub fn kind(&self) -> &'static str {
        match self {
            Node::Null => "null",
            Node::Bool(_) => "a boolean",
            Node::Num(_) => "a number",
            Node::Str(_) => "a string",
            Node::Arr(_) => "an array",
            Node::Obj(_) => "an object",
        }
    }

    /// Converts a `serde_json::Value` (what the exporters build) into a node.
    pub fn from_value(v: serde_json::Value) -> Node {
        match v {
            serde_json::Value::Null => Node::Null,
            serde_json::Value::Bool(b) => Node::Bool(b),
            serde_json::Value::Number(n) => Node::Num(if let Some(u) = n.as_u64() {
                Num::U(u)
            } else if let Some(i) = n.as_i64() {
                Num::I(i)
            } else {
                Num::F(n.as_f64().unwrap_or(0.0))
            }),
            serde_json::Value::String(s) => Node::Str(Text::new(&s)),
            serde_json::Value::Array(a) => Node::Arr(a.into_iter().map(Node::from_value).collect()),
            serde_json::Value::Object(o) => {
                Node::Obj(o.into_iter().map(|(k, v)| (Text::new(&k), Node::from_value(v))).collect())
            }
        }
    }

    /// Back to a `serde_json::Value` (object keys in document order).
    pub fn to_value(&self) -> serde_json::Value {
        match self {
            Node::Null => serde_json::Value::Null,
            Node::Bool(b) => serde_json::Value::Bool(*b),
            Node::Num(Num::U(u)) => serde_json::Value::from(*u),
            Node::Num(Num::I(i)) => serde_json::Value::from(*i),
            Node::Num(Num::F(f)) => serde_json::Number::from_f64(*f).map_or(serde_json::Value::Null, Into::into),
            Node::Str(s) => serde_json::Value::String(s.to_string()),
            Node::Arr(a) => serde_json::Value::Array(a.iter().map(Node::to_value).collect()),
            Node::Obj(o) => serde_json::Value::Object(o.iter().map(|(k, v)| (k.to_string(), v.to_value())).collect()),
        }
    }
}

/// Where the reader is, as a chain of frames (text is made only for a failure).
#[derive(Clone, Copy)]
enum Seg<'a> {
    Root(&'static str),
    Key(&'a Seg<'a>, &'a str),
    Index(&'a Seg<'a>, usize),
}

impl fmt::Display for Seg<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Seg::Root(r) => f.write_str(r),
            Seg::Key(p, k) => write!(f, "{p}.{}", element_shown(k)),
            Seg::Index(p, i) => write!(f, "{p}[{i}]"),
        }
    }
}

/// Items an array or object keeps on the shared stack of [`State`]; a longer one gets a vector
/// of its own.
const SHORT: usize = 256;

/// The item and member stacks of [`State`].
type Stacks = (Vec<Node>, Vec<(Text, Node)>);

/// Most items the stacks of [`State`] keep between documents (a few hundred kilobytes).
const KEPT: usize = 16 * SHORT;

thread_local! {
    /// The stacks of the last document read on this thread, empty, for the next: a host applies
    /// many small `_history` Bundles, and allocating the stacks anew for each was a third of the
    /// cost of reading one (with glibc, an allocation of a kilobyte or more after many frees
    /// first merges the freed blocks).
    static STACKS: Cell<Stacks> = const { Cell::new((Vec::new(), Vec::new())) };
}

struct State {
    failure: RefCell<Option<(String, String)>>,
    /// The items and members of the arrays and objects being read, innermost last: each array
    /// or object is built here and moved out at its end into one allocation of its exact size,
    /// instead of a vector of its own that grows (and reallocates) as it is read.
    items: RefCell<Vec<Node>>,
    members: RefCell<Vec<(Text, Node)>>,
}

impl State {
    fn fail<E: de::Error>(&self, at: &Seg<'_>, reason: impl Into<String>) -> E {
        let mut f = self.failure.borrow_mut();
        if f.is_none() {
            *f = Some((bounded_path(at.to_string()), reason.into()));
        }
        E::custom("stopped")
    }
}

/// Longest path a JSON problem shows. This reader takes keys of any name (FHIR elements are
/// checked later), so a document nested 128 levels deep would otherwise give a path of
/// kilobytes; the start (which resource) and the end (where it broke) are kept.
const MAX_SHOWN_PATH: usize = 400;

fn bounded_path(path: String) -> String {
    if path.len() <= MAX_SHOWN_PATH {
        return path;
    }
    let mut head = MAX_SHOWN_PATH / 2;
    while !path.is_char_boundary(head) {
        head -= 1;
    }
    let mut tail = path.len() - MAX_SHOWN_PATH / 2;
    while !path.is_char_boundary(tail) {
        tail += 1;
    }
    format!("{}…{}", &path[..head], &path[tail..])
}

struct Seed<'a> {
    at: &'a Seg<'a>,
    /// The number of keys and indexes in `at` (kept beside it: counting the chain at every
    /// array and object was a fiftieth of reading).
    depth: usize,
    state: &'a State,
}

/// Reads an object's key straight into a [`Text`]: a key without escapes is borrowed from the
/// input, so a common or short key costs no allocation (reading it as a `Cow<str>` went through
/// serde's `String` and allocated every key, a fifth of reading a bundle).
struct KeySeed;

impl<'de> DeserializeSeed<'de> for KeySeed {
    type Value = Text;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Text, D::Error> {
        d.deserialize_str(self)
    }
}

impl<'de> Visitor<'de> for KeySeed {
    type Value = Text;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a key")
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<Text, E> {
        Ok(Text::new(v))
    }
}

impl<'de> DeserializeSeed<'de> for Seed<'_> {
    type Value = Node;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Node, D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for Seed<'_> {
    type Value = Node;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON value")
    }
    fn visit_unit<E: de::Error>(self) -> Result<Node, E> {
        Ok(Node::Null)
    }
    fn visit_bool<E: de::Error>(self, v: bool) -> Result<Node, E> {
        Ok(Node::Bool(v))
    }
    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Node, E> {
        Ok(Node::Num(Num::U(v)))
    }
    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Node, E> {
        Ok(if v >= 0 { Node::Num(Num::U(v as u64)) } else { Node::Num(Num::I(v)) })
    }
    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Node, E> {
        Ok(Node::Num(Num::F(v)))
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<Node, E> {
        if v.len() > MAX_TEXT_BYTES {
            return Err(self.state.fail(self.at, format!("text longer than the limit of {MAX_TEXT_BYTES} bytes")));
        }
        Ok(Node::Str(Text::new(v)))
    }
    fn visit_string<E: de::Error>(self, v: String) -> Result<Node, E> {
        self.visit_str(&v)
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Node, A::Error> {
        if self.depth + 4 >= MAX_NESTING {
            return Err(self.state.fail(self.at, format!("nested deeper than the limit of {MAX_NESTING} levels")));
        }
        let start = self.state.items.borrow().len();
        // A long array (a bundle's entries) leaves the shared stack for a vector of its own, so
        // the stack stays small: growing it by megabytes would reallocate it again and again.
        let mut long: Option<Vec<Node>> = None;
        let mut len = 0;
        loop {
            let at = Seg::Index(self.at, len);
            if len >= MAX_LIST_ITEMS {
                if seq.next_element_seed(Seed { at: &at, depth: self.depth + 1, state: self.state })?.is_some() {
                    return Err(self
                        .state
                        .fail(self.at, format!("more than the limit of {MAX_LIST_ITEMS} items in one array")));
                }
                break;
            }
            match seq.next_element_seed(Seed { at: &at, depth: self.depth + 1, state: self.state })? {
                Some(v) => {
                    match &mut long {
                        Some(items) => items.push(v),
                        None if len == SHORT => {
                            let mut items = Vec::with_capacity(4 * SHORT);
                            items.extend(self.state.items.borrow_mut().drain(start..));
                            items.push(v);
                            long = Some(items);
                        }
                        None => self.state.items.borrow_mut().push(v),
                    }
                    len += 1;
                }
                None => break,
            }
        }
        let items = match long {
            Some(items) => items,
            None => self.state.items.borrow_mut().split_off(start),
        };
        Ok(Node::Arr(items))
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Node, A::Error> {
        if self.depth + 4 >= MAX_NESTING {
            return Err(self.state.fail(self.at, format!("nested deeper than the limit of {MAX_NESTING} levels")));
        }
        let start = self.state.members.borrow().len();
        let mut long: Option<Vec<(Text, Node)>> = None;
        let mut len = 0;
        let mut seen: Option<HashSet<Box<str>>> = None;
        while let Some(key) = map.next_key_seed(KeySeed)? {
            if key.len() > MAX_TEXT_BYTES {
                return Err(self.state.fail(self.at, format!("key longer than the limit of {MAX_TEXT_BYTES} bytes")));
            }
            if len >= MAX_LIST_ITEMS {
                return Err(self
                    .state
                    .fail(self.at, format!("more than the limit of {MAX_LIST_ITEMS} members in one object")));
            }
            let duplicate = match &mut seen {
                Some(set) => !set.insert((*key).into()),
                None => {
                    let stack = self.state.members.borrow();
                    let members = long.as_deref().unwrap_or(&stack[start..]);
                    let dup = members.iter().any(|(k, _)| *k == key);
                    if members.len() >= 16 {
                        seen = Some(
                            members
                                .iter()
                                .map(|(k, _)| Box::<str>::from(&**k))
                                .chain(std::iter::once(Box::<str>::from(&*key)))
                                .collect(),
                        );
                    }
                    dup
                }
            };
            let at = Seg::Key(self.at, &key);
            if duplicate {
                return Err(self.state.fail(&at, "key given twice in one object"));
            }
            let value = map.next_value_seed(Seed { at: &at, depth: self.depth + 1, state: self.state })?;
            let member = (key, value);
            match &mut long {
                Some(members) => members.push(member),
                None if len == SHORT => {
                    let mut members = Vec::with_capacity(4 * SHORT);
                    members.extend(self.state.members.borrow_mut().drain(start..));
                    members.push(member);
                    long = Some(members);
                }
                None => self.state.members.borrow_mut().push(member),
            }
            len += 1;
        }
        let members = match long {
            Some(members) => members,
            None => self.state.members.borrow_mut().split_off(start),
        };
        Ok(Node::Obj(members))
    }
}

/// Reads JSON text strictly into a [`Node`]; `root` names the document in paths (`Bundle`) and
/// `document` in the error.
pub fn parse(bytes: &[u8], root: &'static str, document: &'static str) -> Result<Node, Error> {
    if bytes.len() > MAX_DOCUMENT_BYTES {
        return Err(Error::Json {
            document,
            path: root.to_owned(),
            message: format!(
                "document of {} bytes is larger than the limit of {MAX_DOCUMENT_BYTES} bytes",
                bytes.len()
            ),
        });
    }
    let (items, members) = STACKS.take();
    let state = State { failure: RefCell::new(None), items: RefCell::new(items), members: RefCell::new(members) };
    let at = Seg::Root(root);
    let seed = Seed { at: &at, depth: 0, state: &state };
    // UTF-8 checked once for the whole text (a few milliseconds for a national bundle) instead of
    // string by string (a tenth of reading). A text that is not UTF-8 is read as bytes, as
    // before, so that its error is the same.
    let out = match std::str::from_utf8(bytes) {
        Ok(text) => {
            let mut de = serde_json::Deserializer::from_str(text);
            seed.deserialize(&mut de).and_then(|v| de.end().map(|()| v))
        }
        Err(_) => {
            let mut de = serde_json::Deserializer::from_slice(bytes);
            seed.deserialize(&mut de).and_then(|v| de.end().map(|()| v))
        }
    };
    let (mut items, mut members) = (state.items.take(), state.members.take());
    if items.capacity() <= KEPT && members.capacity() <= KEPT {
        items.clear();
        members.clear();
        STACKS.set((items, members));
    }
    out.map_err(|e| {
        let (path, message) = state.failure.take().unwrap_or_else(|| {
            let what = match e.classify() {
                serde_json::error::Category::Eof => "the JSON text ends too early",
                serde_json::error::Category::Syntax => "malformed JSON",
                serde_json::error::Category::Io | serde_json::error::Category::Data => "unreadable JSON",
            };
            let message = if e.to_string().contains("recursion limit") {
                format!("nested deeper than the limit of {MAX_NESTING} levels")
            } else {
                format!("{what} at line {} column {}", e.line(), e.column())
            };
            (root.to_owned(), message)
        });
        Error::Json { document, path, message }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn common_texts_are_sorted_and_shared() {
        assert!(COMMON.windows(2).all(|w| w[0] < w[1]), "sorted and unique");
        assert!(matches!(Text::new("coverageArea"), Text::Common(_)));
        assert!(matches!(Text::new("Jantje"), Text::Short(_)));
        assert!(matches!(Text::new("Jantje van der Heijden-Smit"), Text::Owned(_)));
        for s in ["", "é", "1234 AB", &"x".repeat(Short::CAPACITY), &"ü".repeat(Short::CAPACITY / 2)] {
            assert!(matches!(Text::new(s), Text::Short(_)), "{s}");
            assert_eq!(&*Text::new(s), s);
            assert_eq!(Text::new(s), Text::Owned(s.into()));
        }
        assert_eq!(&*Text::new(&"x".repeat(Short::CAPACITY + 1)), "x".repeat(Short::CAPACITY + 1));
        assert_ne!(Text::new("ab"), Text::new("abc"));
        for c in COMMON {
            assert_eq!(common(c).map(Common::as_str), Some(*c));
            let cut = &c[1..];
            assert_eq!(common(cut).is_some(), COMMON.contains(&cut), "{cut}");
        }
        assert_eq!(common(""), None);
        assert_eq!(common(&"x".repeat(MAX_COMMON + 1)), None);
    }

    #[test]
    fn keeps_order_and_refuses_duplicates() {
        let n = parse(br#"{"b":1,"a":[true,null,"x"]}"#, "Bundle", "t").unwrap();
        let Node::Obj(m) = &n else { panic!() };
        assert_eq!(&*m[0].0, "b");
        let e = parse(br#"{"entry":[{"resource":{"id":"a","id":"b"}}]}"#, "Bundle", "t").unwrap_err();
        assert_eq!(e.problems()[0].path, "Bundle.entry[0].resource.id");
        assert!(e.problems()[0].reason.contains("twice"));
    }

    #[test]
    fn many_keys_duplicate_found_with_a_set() {
        let mut s = String::from("{");
        for i in 0..100 {
            s.push_str(&format!("\"k{i}\":0,"));
        }
        s.push_str("\"k3\":1}");
        let e = parse(s.as_bytes(), "Bundle", "t").unwrap_err();
        assert!(e.problems()[0].reason.contains("twice"), "{e}");
    }

    #[test]
    fn deep_nesting_and_long_text_are_refused_without_the_value() {
        let deep = "[".repeat(5000) + &"]".repeat(5000);
        let e = parse(deep.as_bytes(), "Bundle", "t").unwrap_err();
        assert!(e.problems()[0].reason.contains("nested deeper"), "{e}");
        let long = format!("{{\"id\":\"{}\"}}", "9".repeat(MAX_TEXT_BYTES + 1));
        let e = parse(long.as_bytes(), "Bundle", "t").unwrap_err();
        assert!(!e.to_string().contains("999999"), "{e}");
        let e = parse(b"{\"id\": \"123456782\"", "Bundle", "t").unwrap_err();
        assert!(!e.to_string().contains("123456782"), "{e}");
    }
}
