//! The documented bounds on what one input can make wijknet do.
//!
//! Every document and request may come from another organisation's system, and wijknet runs
//! inside a patient record system: one broken or hostile input must not stall it, exhaust its
//! memory or fill its logs. These limits sit far above any real document — the national registry
//! (about 4,800 organisations and 21,000 teams, 12 MB) and a national year of referral events
//! (1.9 million events) stay well below them — and an input beyond one is refused with an error
//! that names the limit, before the work it would cause is done.

/// Largest JSON document or request, in bytes (256 MiB).
pub const MAX_DOCUMENT_BYTES: usize = 256 * 1024 * 1024;

/// Most items in one JSON array, or entries in one JSON object.
pub const MAX_LIST_ITEMS: usize = 4 * 1024 * 1024;

/// Longest JSON string (a text field or an object key), in bytes.
pub const MAX_TEXT_BYTES: usize = 64 * 1024;

/// Deepest nesting of JSON arrays and objects (serde_json's own guard).
pub const MAX_NESTING: usize = 128;

/// Most problems listed in one validation error; further problems are counted in one last
/// entry at `$`.
pub const MAX_PROBLEMS: usize = 1_000;

/// Most entries in one list inside a record: the PC4 codes, ranges, PC6 codes and
/// municipalities of one service area; the teams of one night rotation; the actors of one
/// consent provision; the providers a client prefers or refuses.
pub const MAX_RECORD_LIST: usize = 10_000;

/// Most contact persons of one team.
pub const MAX_TEAM_CONTACTS: usize = 100;

/// Most representatives of one client.
pub const MAX_REPRESENTATIVES: usize = 100;

/// How many leading characters of an id a message repeats (ids are chosen by data maintainers,
/// and a message should point at a record without carrying what a careless one typed there).
pub const SHOWN_ID_PREFIX: usize = 12;

/// Earliest year of an instant or date wijknet accepts.
pub const MIN_YEAR: i32 = 1900;

/// Latest year of an instant or date wijknet accepts.
pub const MAX_YEAR: i32 = 2199;

/// Longest duration parameter in hours (staleness thresholds): ten years.
pub const MAX_HOURS: u32 = 24 * 366 * 10;

/// Longest duration parameter in days (assessment validity, check horizons): ten years.
pub const MAX_DAYS: u32 = 366 * 10;
