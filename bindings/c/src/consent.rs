//! Consent-aware data sharing: the consent store handle, decisions as JSON (with audit record
//! and optional trace), and a typed fast path with integer codes for high-volume checks.

use std::ffi::c_char;

use wijknet_core::agreements::Agreements;
use wijknet_core::consent::{
    CombiningPolicy, ConsentChannel, ConsentOutcome, ConsentRequest, ConsentStore, DataCategory, DataForm, Emergency,
    EmergencyReason, Party, Purpose, RecipientRole, local_date,
};
use wijknet_core::ids::Id;
use wijknet_core::{CodeSet, OrganisationKind, api};

use crate::agreements::wijknet_agreements;
use crate::error::{Fail, wijknet_result};
use crate::ffi::{Checked, Json, Output, Put, by_ref, bytes, guard, instant, load, on, slice, text, utf8, wijknet_str};
use crate::handle::{self, borrow, borrow_opt, handle};

/// The immutable consent store: clients (pseudonymous ids, age, representatives), their
/// consents with provision trees, and objections.
///
/// Thread-safety: never changes after creation; any number of threads may decide against one
/// handle at once. A new version of the data is a new handle.
///
/// Ownership: created by `wijknet_consent_store_from_json`; another handle to the same value is
/// made by `wijknet_consent_store_clone`; every handle is freed once by
/// `wijknet_consent_store_free`.
#[derive(Debug)]
pub struct wijknet_consent_store {
    _private: [u8; 0],
}

handle!(wijknet_consent_store: Shared => ConsentStore);

/// The question of the typed consent check: may `discloser` share `categories` about `client`
/// with `recipient`, for `purpose`, at `at_unix_seconds`? Every code is the core's `index()`
/// (the `wijknet_data_category`, `wijknet_purpose`, `wijknet_recipient_role`, ... enums).
/// Texts are borrowed for the duration of the call only.
#[repr(C)]
#[derive(Debug, Clone, Copy)]
pub struct wijknet_consent_request {
    /// Pseudonymous client id (never a BSN).
    pub client: wijknet_str,
    /// Organisation id of who would share.
    pub discloser: wijknet_str,
    /// A `wijknet_recipient_role` value: the discloser's role.
    pub discloser_role: u32,
    /// Organisation id of who would receive; `{NULL, 0}` when the recipient is named by its role
    /// only (then no consent naming an organisation can allow the sharing; an objection naming
    /// one still denies it).
    pub recipient: wijknet_str,
    /// A `wijknet_recipient_role` value.
    pub recipient_role: u32,
    /// A `wijknet_purpose` value.
    pub purpose: u32,
    /// Bit `1u << c` for every `wijknet_data_category` `c` asked about; at least one.
    pub categories: u32,
    /// A `wijknet_consent_channel` value (`WIJKNET_CONSENT_CHANNEL_DIRECT` usually).
    pub channel: u32,
    /// A `wijknet_combining_policy` value (`WIJKNET_COMBINING_POLICY_MOST_SPECIFIC_WINS` is the
    /// Dutch default).
    pub policy: u32,
    /// Whether this is an emergency (break-glass); then `emergency_reason` is read.
    pub emergency: bool,
    /// A `wijknet_emergency_reason` value, read only when `emergency` is true.
    pub emergency_reason: u32,
    /// Organisations with a treatment relationship with the client (may be NULL when the count
    /// is 0).
    pub treatment_relationships: *const wijknet_str,
    /// Number of entries at `treatment_relationships`.
    pub treatment_relationship_count: usize,
    /// The decision time, seconds since the Unix epoch (the core never reads the clock).
    pub at_unix_seconds: i64,
    /// Whether the host says in what form the data would be shared; then `data_form` is read.
    /// Left false (a zeroed struct), monitoring and research are permitted on the condition
    /// that the data is pseudonymised. Added in ABI version 3.
    pub data_form_given: bool,
    /// A `wijknet_data_form` value (identified, pseudonymised, aggregated), read only when
    /// `data_form_given` is true.
    pub data_form: u32,
    /// Whether the host says the discloser's registry kind; then `discloser_kind` is read and
    /// `discloser_role` must be a role that kind can act in. Added in ABI version 4.
    pub discloser_kind_given: bool,
    /// A `wijknet_organisation_kind` value, read only when `discloser_kind_given` is true.
    pub discloser_kind: u32,
    /// Whether the host says the recipient's registry kind (`recipient_kind` then is read and
    /// `recipient_role` must be a role that kind can act in). Added in ABI version 4.
    pub recipient_kind_given: bool,
    /// A `wijknet_organisation_kind` value, read only when `recipient_kind_given` is true.
    pub recipient_kind: u32,
}

/// The answer of the typed consent check, per category. Only categories that were asked about
/// are set; the three bitmasks partition them.
#[repr(C)]
#[derive(Debug, Clone, Copy)]
pub struct wijknet_consent_answer {
    /// Categories that may be shared (bit `1u << wijknet_data_category`).
    pub permitted: u32,
    /// Categories that must not be shared: someone said no, or no basis.
    pub denied: u32,
    /// Categories without an applicable consent: nothing is shared, but nobody said no (ask
    /// the client).
    pub no_applicable_consent: u32,
    /// A `wijknet_who_decides` value: who decides for this client at that time.
    pub who_decides: u32,
    /// Per `wijknet_data_category` index: the `wijknet_consent_basis` value that decided it
    /// (0xFF for categories not asked about).
    pub basis: [u8; 32],
    /// Per `wijknet_data_category` index: the obligations when sharing, bit
    /// `1u << wijknet_obligation` (log the disclosure, inform the client, pseudonymise).
    pub obligations: [u8; 32],
}

/// Loads and validates a `wijknet.consent/v1` store document; every problem is reported at once,
/// and no message or path ever contains a BSN, a name or a date of birth.
///
/// On success writes a new handle to `*out_store` (caller frees it with
/// `wijknet_consent_store_free`). Errors: `NULL_ARGUMENT`, `INVALID_UTF8`, `JSON`, `SCHEMA`,
/// `INVALID`.
///
/// # Safety
/// `json` NULL or `json_len` readable bytes; `out_store` NULL or writable.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn wijknet_consent_store_from_json(
    json: *const c_char,
    json_len: usize,
    out_store: *mut *mut wijknet_consent_store,
) -> wijknet_result {
    // SAFETY: forwarded from the caller.
    unsafe { load(json, json_len, out_store, "out_store", ConsentStore::from_json) }
}

/// Frees a consent store. NULL is a no-op; freeing twice is undefined behaviour. Clones of it
/// stay valid.
///
/// # Safety
/// `store` must be NULL or a live handle not used by another thread during or after the call.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn wijknet_consent_store_free(store: *mut wijknet_consent_store) {
    // SAFETY: forwarded from the caller.
    unsafe { handle::free(store) }
}

/// A new handle to the same consent store: another owner of the same immutable value, nothing is
/// copied. The clone is freed with its own `wijknet_consent_store_free`; either may be freed first,
/// and the value lives until its last handle is freed. The clone is a different pointer from
/// `store`.
///
/// On success writes the clone to `*out_clone`. Errors: `NULL_ARGUMENT`.
///
/// Thread-safety: may be called while other threads use `store`; the clone may be used, and
/// freed, on any thread.
///
/// # Safety
/// `store` NULL or live; `out_clone` NULL or writable.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn wijknet_consent_store_clone(
    store: *const wijknet_consent_store,
    out_clone: *mut *mut wijknet_consent_store,
) -> wijknet_result {
    // SAFETY: forwarded from the caller.
    guard(|| unsafe { handle::clone(store, "store", out_clone, "out_clone") })
}

/// Exports the store as its `wijknet.consent/v1` document; `*out_json` is owned by the caller
/// and freed with `wijknet_string_free`. Errors: `NULL_ARGUMENT`.
///
/// # Safety
/// `store` NULL or live; out pointers NULL or writable.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn wijknet_consent_store_to_json(
    store: *const wijknet_consent_store,
    out_json: *mut *mut c_char,
    out_len: *mut usize,
) -> wijknet_result {
    // SAFETY: forwarded from the caller.
    unsafe { on(store, "store", Json(out_json, out_len)) }.answer(|s| Ok(s.to_json()))
}

/// The store's data version label (part of every audit record). Borrowed from `store`, valid
/// until that handle is freed. Errors: `NULL_ARGUMENT`.
///
/// # Safety
/// `store` NULL or live; `out_version` NULL or writable.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn wijknet_consent_store_version(
    store: *const wijknet_consent_store,
    out_version: *mut wijknet_str,
) -> wijknet_result {
    // SAFETY: forwarded from the caller.
    unsafe { on(store, "store", Put(out_version, "out_version")) }.answer(|s| Ok(wijknet_str::of(s.version())))
}

/// JSON in, JSON out: decides `request_json` (the consent request shape of
/// `tests/vectors/consent/README.md`) at `at` (RFC 3339 text, e.g. `2026-03-01T10:00:00Z`).
///
/// `agreements` may be NULL: the request is decided as it is. When given, what the agreements
/// know is added to the request first: the organisations of a case-coordination agreement for
/// the client have a treatment relationship, and the discloser's data-sharing agreements are
/// offered as a basis (on the Dutch date of `at`). Facts the request already gives are kept.
///
/// On success `*out_json` is `{"decision": {"client", "at", "policy", "who_decides",
/// "categories": [{"category", "outcome", "basis", "provision"?, "obligations"}]},
/// "audit": {"decision_id", "inputs_hash", "data_version", ...}}`, plus `"trace"` (why every
/// consent and objection did or did not apply) when `with_trace` is true; owned by the caller,
/// freed with `wijknet_string_free`. Errors: `NULL_ARGUMENT`, `INVALID_UTF8`, `JSON` (also for a
/// malformed `at`), `INVALID` (no categories), `NOT_FOUND` (unknown client).
///
/// # Safety
/// `store` NULL or live; `agreements` NULL or live; texts NULL or readable for their lengths; out
/// pointers NULL or writable.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn wijknet_consent_decide_json(
    store: *const wijknet_consent_store,
    agreements: *const wijknet_agreements,
    request_json: *const c_char,
    request_len: usize,
    at: *const c_char,
    at_len: usize,
    with_trace: bool,
    out_json: *mut *mut c_char,
    out_len: *mut usize,
) -> wijknet_result {
    // SAFETY: forwarded from the caller.
    unsafe { on(store, "store", Json(out_json, out_len)) }.answer(|s| {
        // SAFETY: forwarded from the caller; `agreements` is borrowed only when not NULL.
        let a = unsafe { borrow_opt(agreements, "agreements") }?;
        // SAFETY: forwarded from the caller.
        let (request, at) = unsafe { (text(request_json, request_len, "request_json")?, text(at, at_len, "at")?) };
        let at = api::parse_instant(at, "decision time")?;
        let request = ConsentRequest::from_json(request.as_bytes())?;
        Ok(api::decide(s, a, request, at, with_trace)?.to_json())
    })
}

/// A failure of the typed query, boxed: a `Result` of an id or a code and an unboxed [`Fail`]
/// (80 bytes) is moved through memory at every `?`, and reading the id back out of it cost
/// more than the rest of the conversion (measured with perf). Boxed, the happy path's results
/// stay in registers; the box is made only on a failure.
type Failed = Box<Fail>;

impl From<Failed> for Fail {
    fn from(f: Failed) -> Fail {
        *f
    }
}

#[inline(always)]
fn code<T: Copy>(value: u32, param: &str, from: fn(u8) -> Option<T>) -> Result<T, Failed> {
    u8::try_from(value)
        .ok()
        .and_then(from)
        .ok_or_else(|| Box::new(Fail::argument(param, "expected a value of its code enum")))
}

/// [`code`] of a field the query may leave out: `None` unless `given`.
#[inline(always)]
fn opt_code<T: Copy>(given: bool, value: u32, param: &str, from: fn(u8) -> Option<T>) -> Result<Option<T>, Failed> {
    if given { code(value, param, from).map(Some) } else { Ok(None) }
}

/// An id of the typed query, read from its bytes (an id is ASCII, so no separate UTF-8 pass);
/// text that is not UTF-8 is still `INVALID_UTF8`, as every other text argument.
#[inline(always)]
fn id(s: wijknet_str, param: &str) -> Result<Id, Failed> {
    // SAFETY: a `wijknet_str` from the host points to `len` readable bytes (or is NULL).
    let b = unsafe { bytes(s.ptr, s.len, param) }?;
    Id::from_ascii(b).map_err(|e| Box::new(utf8(b, param).err().unwrap_or_else(|| Fail::argument(param, e))))
}

/// Builds the core request from the typed query.
///
/// # Safety
/// The query's pointers must be valid as documented on `wijknet_consent_request`.
#[inline(always)]
unsafe fn request(q: &wijknet_consent_request) -> Result<ConsentRequest, Failed> {
    let known = (1u32 << DataCategory::ALL.len()) - 1;
    if q.categories & !known != 0 {
        return Err(Box::new(Fail::argument("categories", "expected only bits of `wijknet_data_category` values")));
    }
    let categories: CodeSet<DataCategory> =
        DataCategory::ALL.iter().copied().filter(|c| q.categories & (1 << c.index()) != 0).collect();
    let (list, count) = (q.treatment_relationships, q.treatment_relationship_count);
    // SAFETY: the caller guarantees `count` readable entries.
    let list = unsafe { slice(list, count, "treatment_relationships") }.map_err(Box::new)?;
    // A plain loop, not a collect through `Result`: most checks name no relationship, and the
    // collect's machinery was a tenth of the typed call's overhead over Rust even for an empty
    // list (issue 12). No allocation for an empty list.
    let mut relationships = Vec::with_capacity(list.len());
    for s in list {
        relationships.push(id(*s, "treatment_relationships")?);
    }
    // The ids first, then the codes, and the request made as one value at the end rather than
    // party by party: each id is moved once. A freshly made id is written a few bytes at a time,
    // and a 16-byte copy of it right after waits for those writes (issue 12). So a query with a
    // malformed id and an unknown code reports the id.
    let client = id(q.client, "client")?;
    let discloser = Some(id(q.discloser, "discloser")?);
    let recipient =
        if q.recipient.ptr.is_null() && q.recipient.len == 0 { None } else { Some(id(q.recipient, "recipient")?) };
    Ok(ConsentRequest {
        client,
        discloser: Party {
            organisation: discloser,
            role: code(q.discloser_role, "discloser_role", RecipientRole::from_index)?,
            kind: opt_code(q.discloser_kind_given, q.discloser_kind, "discloser_kind", OrganisationKind::from_index)?,
        },
        recipient: Party {
            organisation: recipient,
            role: code(q.recipient_role, "recipient_role", RecipientRole::from_index)?,
            kind: opt_code(q.recipient_kind_given, q.recipient_kind, "recipient_kind", OrganisationKind::from_index)?,
        },
        purpose: code(q.purpose, "purpose", Purpose::from_index)?,
        categories,
        channel: code(q.channel, "channel", ConsentChannel::from_index)?,
        data_form: opt_code(q.data_form_given, q.data_form, "data_form", DataForm::from_index)?,
        policy: code(q.policy, "policy", CombiningPolicy::from_index)?,
        emergency: opt_code(q.emergency, q.emergency_reason, "emergency_reason", EmergencyReason::from_index)?
            .map(|reason| Emergency { reason }),
        treatment_relationships: relationships,
        agreements: Vec::new(),
    })
}

fn check(
    s: &ConsentStore,
    agreements: Option<&Agreements>,
    q: &wijknet_consent_request,
    out: Checked<Put<wijknet_consent_answer>>,
) -> Result<(), Fail> {
    // SAFETY: the caller of the entry point guarantees the query's pointers.
    let mut req = unsafe { request(q) }?;
    let at = instant(q.at_unix_seconds, "at_unix_seconds")?;
    if let Some(a) = agreements {
        a.add_consent_facts(&mut req, local_date(at));
    }
    // Read where it was returned: `?` would move the few hundred bytes of the decision out of
    // the `Result` first.
    let decided = s.decide(&req, at);
    let decision = match decided {
        Ok(ref d) => d,
        Err(e) => return Err(e.into()),
    };
    let mut answer = wijknet_consent_answer {
        permitted: 0,
        denied: 0,
        no_applicable_consent: 0,
        who_decides: u32::from(decision.who_decides.index()),
        basis: [0xFF; 32],
        obligations: [0; 32],
    };
    for (category, d) in decision.iter() {
        let i = category.index() as usize;
        let bit = 1u32 << i;
        match d.outcome {
            ConsentOutcome::Permit => answer.permitted |= bit,
            ConsentOutcome::Deny => answer.denied |= bit,
            ConsentOutcome::NoApplicableConsent => answer.no_applicable_consent |= bit,
        }
        answer.basis[i] = d.basis.index();
        answer.obligations[i] = d.obligations.bits() as u8;
    }
    out.put(answer)
}

/// The typed fast path for high-volume checks: integer codes in, bitmasks and codes out, no
/// JSON.
///
/// `agreements` may be NULL: the query is decided as it is. When given, what the agreements know
/// is added to the question: case-team organisations count as treatment relationships and the
/// discloser's data-sharing agreements are a basis (on the Dutch date of `at_unix_seconds`).
///
/// On success fills `*out_answer`. Errors: `NULL_ARGUMENT` (also for a NULL text inside the
/// query, or NULL `treatment_relationships` with a non-zero count), `INVALID_UTF8`,
/// `INVALID_ARGUMENT` (unknown code or category bit, malformed id, instant out of range),
/// `INVALID` (no categories), `NOT_FOUND` (unknown client).
///
/// Thread-safety: any number of threads may check against one store at once.
///
/// # Safety
/// `store` NULL or live; `agreements` NULL or live; `query` NULL or a readable query whose texts
/// and list are valid for the call; `out_answer` NULL or writable.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn wijknet_consent_check(
    store: *const wijknet_consent_store,
    agreements: *const wijknet_agreements,
    query: *const wijknet_consent_request,
    out_answer: *mut wijknet_consent_answer,
) -> wijknet_result {
    guard(|| {
        // SAFETY: forwarded from the caller; `agreements` is borrowed only when not NULL.
        let (s, a, q) =
            unsafe { (borrow(store, "store")?, borrow_opt(agreements, "agreements")?, by_ref(query, "query")?) };
        // SAFETY: forwarded from the caller.
        check(s, a, q, unsafe { Put(out_answer, "out_answer").check() }?)
    })
}
