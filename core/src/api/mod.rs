//! # The front door
//!
//! Every operation wijknet offers, under one name per concept, and where each language offers
//! it. The bindings are thin layers over the same core calls; this module holds what they would
//! otherwise each compose themselves (a consent question under agreements, registry queries in
//! document form, instant text) and [`OPERATIONS`], the table the README's concept table is
//! written from and that a test checks against the C header, the Python stubs and the generated
//! Kotlin: a name in the table that a language does not offer fails the build of the docs, and a
//! language may only lack an operation with a reason written here.

mod answers;
mod consent;
mod matching;
mod registry;
mod what_if;

pub use answers::{book_json, error_json, findings_json};
pub use consent::{ConsentAnswer, decide, parse_instant};
pub use matching::match_optionally;
pub use registry::{
    coordination_point, coordination_point_json, organisations, organisations_json, team, team_json, teams, teams_json,
};
pub use what_if::what_if;

/// How one language offers an operation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Offer {
    /// Under this name: a C function, `Class.method` or `function` in Python and Kotlin.
    Named(&'static str),
    /// Not offered, and why (shown in the README table).
    Absent(&'static str),
}

/// One operation: the concept, its Rust path and its name in every other language.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Operation {
    /// The group it belongs to (registry, matching, agreements, consent, referrals, codes).
    pub area: &'static str,
    /// What it does, in a user's words.
    pub concept: &'static str,
    /// The Rust item (path below the crate root).
    pub rust: &'static str,
    /// The C function(s), comma-separated when one concept has a typed and a JSON form.
    pub c: Offer,
    /// The Python name.
    pub python: Offer,
    /// The Kotlin name (Swift uses the same name, as uniffi generates it).
    pub kotlin: Offer,
}

use Offer::{Absent, Named};

/// Why only Rust describes teams anew: a host's changes of teams come as a FHIR `_history`
/// (which uses it) or as a new registry document.
const WHY_REPLACE_TEAMS: &str = "a directory's changed teams arrive through `apply_history`, which uses it; other changes load the registry document again";
const WHY_ADD_TEAMS: &str = "a directory's new teams arrive through `apply_history`, which uses it; other changes load the registry document again";
const WHY_ADD_ORGANISATIONS: &str = "a directory's new organisations arrive through `apply_history`, which uses it; other changes load the registry document again";
const WHY_REMOVE_TEAMS: &str = "a directory's removed teams arrive through `apply_history`, which uses it; other changes load the registry document again";
const WHY_REPLACE_ORGANISATIONS: &str = "a directory's changed organisations arrive through `apply_history`, which uses it; other changes load the registry document again";

/// An [`Operation`] (for tables written as a list of calls, here and in other crates' front doors).
pub const fn op(
    area: &'static str,
    concept: &'static str,
    rust: &'static str,
    c: Offer,
    python: Offer,
    kotlin: Offer,
) -> Operation {
    Operation { area, concept, rust, c, python, kotlin }
}

/// Every operation, in the order of the README table.
pub const OPERATIONS: &[Operation] = &[
    op(
        "registry",
        "Load a registry document",
        "Registry::from_json",
        Named("wijknet_registry_from_json"),
        Named("Registry.from_json"),
        Named("Registry.fromJson"),
    ),
    op(
        "registry",
        "Load a registry document with progress reports and cancel",
        "Registry::from_json_with_progress",
        Named("wijknet_registry_from_json_progress"),
        Named("Registry.from_json"),
        Named("Registry.fromJson"),
    ),
    op(
        "registry",
        "Write the registry document",
        "Registry::to_json",
        Named("wijknet_registry_to_json"),
        Named("Registry.to_json"),
        Named("Registry.toJson"),
    ),
    op(
        "registry",
        "Registry version",
        "Registry::version",
        Named("wijknet_registry_version"),
        Named("Registry.version"),
        Named("Registry.version"),
    ),
    op(
        "registry",
        "Apply capacity updates (new registry): one, or several at once, all or none",
        "Registry::update_capacities",
        Named("wijknet_registry_update_capacities"),
        Named("Registry.update_capacities"),
        Named("Registry.updateCapacities"),
    ),
    op(
        "registry",
        "Describe existing teams anew (new registry, positions kept)",
        "Registry::replace_teams",
        Absent(WHY_REPLACE_TEAMS),
        Absent(WHY_REPLACE_TEAMS),
        Absent(WHY_REPLACE_TEAMS),
    ),
    op(
        "registry",
        "Add teams after the existing ones (new registry, the rest shared)",
        "Registry::add_teams",
        Absent(WHY_ADD_TEAMS),
        Absent(WHY_ADD_TEAMS),
        Absent(WHY_ADD_TEAMS),
    ),
    op(
        "registry",
        "Remove teams (new registry, the later teams moved up)",
        "Registry::remove_teams",
        Absent(WHY_REMOVE_TEAMS),
        Absent(WHY_REMOVE_TEAMS),
        Absent(WHY_REMOVE_TEAMS),
    ),
    op(
        "registry",
        "Add organisations after the existing ones (new registry, the rest shared)",
        "Registry::add_organisations",
        Absent(WHY_ADD_ORGANISATIONS),
        Absent(WHY_ADD_ORGANISATIONS),
        Absent(WHY_ADD_ORGANISATIONS),
    ),
    op(
        "registry",
        "Describe existing organisations anew (new registry, teams shared)",
        "Registry::replace_organisations",
        Absent(WHY_REPLACE_ORGANISATIONS),
        Absent(WHY_REPLACE_ORGANISATIONS),
        Absent(WHY_REPLACE_ORGANISATIONS),
    ),
    op(
        "registry",
        "Teams with their capacity",
        "api::teams_json",
        Named("wijknet_registry_teams_json"),
        Named("Registry.teams"),
        Named("Registry.teams, Registry.capacity"),
    ),
    op(
        "registry",
        "One team by id",
        "api::team_json",
        Named("wijknet_registry_team_json"),
        Named("Registry.team"),
        Named("Registry.team"),
    ),
    op(
        "registry",
        "Teams a match at a location evaluates",
        "Registry::teams_touching",
        Named("wijknet_registry_teams_json"),
        Named("Registry.teams_near"),
        Named("Registry.teamsNear"),
    ),
    op(
        "registry",
        "Organisations",
        "api::organisations_json",
        Named("wijknet_registry_organisations_json"),
        Named("Registry.organisations"),
        Named("Registry.organisations"),
    ),
    op(
        "registry",
        "Coordination point for a location",
        "api::coordination_point_json",
        Named("wijknet_registry_coordination_point_json"),
        Named("Registry.coordination_point_for"),
        Named("Registry.coordinationPointFor"),
    ),
    op(
        "registry",
        "One current registry, capacity updates installed by compare-and-swap",
        "SharedRegistry::update_capacities",
        Named("wijknet_shared_registry_update_capacities"),
        Named("SharedRegistry.update_capacities"),
        Named("SharedRegistry.updateCapacities"),
    ),
    op(
        "registry",
        "Replace the current registry",
        "SharedRegistry::replace",
        Named("wijknet_shared_registry_replace"),
        Named("SharedRegistry.replace"),
        Named("SharedRegistry.replace"),
    ),
    op(
        "matching",
        "Read a match request document",
        "matching::MatchRequest::from_json",
        Named("wijknet_match_json"),
        Named("MatchRequest.from_json"),
        Named("matchRequestFromJson"),
    ),
    op(
        "matching",
        "Match a request against the registry",
        "matching::match_request",
        Named("wijknet_match"),
        Named("Registry.match"),
        Named("Registry.matchRequest"),
    ),
    op(
        "matching",
        "Match with the collaboration agreements",
        "matching::match_with",
        Named("wijknet_match"),
        Named("Registry.match"),
        Named("Registry.matchRequest"),
    ),
    op(
        "matching",
        "The match result as JSON",
        "matching::MatchResult::to_json",
        Named("wijknet_match_result_to_json"),
        Named("MatchResult.to_json"),
        Absent("the result is a typed record; the JSON form is for hosts without types"),
    ),
    op(
        "agreements",
        "Load agreements for a registry",
        "agreements::Agreements::from_json",
        Named("wijknet_agreements_from_json"),
        Named("Agreements.from_json"),
        Named("Agreements.fromJson"),
    ),
    op(
        "agreements",
        "Write the agreements document",
        "agreements::Agreements::to_json",
        Named("wijknet_agreements_to_json"),
        Named("Agreements.to_json"),
        Named("Agreements.toJson"),
    ),
    op(
        "agreements",
        "Who is on call (night rotation)",
        "agreements::Agreements::on_call",
        Named("wijknet_agreements_on_call"),
        Named("Agreements.on_call"),
        Named("Agreements.onCall"),
    ),
    op(
        "agreements",
        "Find gaps, overdue reviews, expiring mandates",
        "agreements::Agreements::check",
        Named("wijknet_agreements_check"),
        Named("Agreements.check"),
        Named("Agreements.check"),
    ),
    op(
        "agreements",
        "May a provider assess (delegated mandate)",
        "agreements::Agreements::may_assess",
        Named("wijknet_agreements_may_assess"),
        Named("Agreements.may_assess"),
        Named("Agreements.mayAssess"),
    ),
    op(
        "agreements",
        "Escalation policy for a location",
        "agreements::Agreements::escalation_policy",
        Named("wijknet_agreements_escalation_policy"),
        Named("Agreements.escalation_policy"),
        Named("Agreements.escalationPolicy"),
    ),
    op(
        "agreements",
        "Care team of a client (case coordination)",
        "agreements::Agreements::case_team",
        Absent("ECD hosts keep case teams in their own record; asked by no C host yet"),
        Named("Agreements.case_team"),
        Named("Agreements.caseTeam"),
    ),
    op(
        "agreements",
        "Add the sharing agreements to a consent request",
        "agreements::Agreements::add_consent_facts",
        Named("wijknet_consent_check"),
        Named("Agreements.add_consent_facts"),
        Named("Agreements.addConsentFacts"),
    ),
    op(
        "consent",
        "Load a consent store",
        "consent::ConsentStore::from_json",
        Named("wijknet_consent_store_from_json"),
        Named("ConsentStore.from_json"),
        Named("ConsentStore.fromJson"),
    ),
    op(
        "consent",
        "Load a consent store with progress reports and cancel",
        "consent::ConsentStore::from_json_with_progress",
        Named("wijknet_consent_store_from_json_progress"),
        Named("ConsentStore.from_json"),
        Named("ConsentStore.fromJson"),
    ),
    op(
        "consent",
        "Write the consent store document",
        "consent::ConsentStore::to_json",
        Named("wijknet_consent_store_to_json"),
        Named("ConsentStore.to_json"),
        Named("ConsentStore.toJson"),
    ),
    op(
        "consent",
        "Decide a sharing question",
        "consent::ConsentStore::decide",
        Named("wijknet_consent_check"),
        Named("ConsentStore.decide"),
        Named("ConsentStore.decide"),
    ),
    op(
        "consent",
        "Decide under the agreements, with audit record",
        "api::decide",
        Named("wijknet_consent_decide_json"),
        Named("ConsentStore.decide"),
        Named("ConsentStore.decideAudited"),
    ),
    op(
        "consent",
        "Decide with the trace",
        "consent::ConsentStore::decide_with_trace",
        Named("wijknet_consent_decide_json"),
        Named("ConsentStore.decide_with_trace"),
        Named("ConsentStore.decideWithTrace"),
    ),
    op(
        "consent",
        "The audit record of a decision",
        "consent::ConsentStore::audit_record",
        Named("wijknet_consent_decide_json"),
        Named("ConsentStore.audit_record"),
        Named("ConsentStore.decideAudited"),
    ),
    op(
        "referrals",
        "Read referral events",
        "referral::parse_events",
        Named("wijknet_referral_events_from_json"),
        Named("ReferralBook.replay"),
        Named("referralEventsFromJson"),
    ),
    op(
        "referrals",
        "Replay events into a referral book",
        "referral::ReferralBook::replay",
        Named("wijknet_referral_book_apply"),
        Named("ReferralBook.replay"),
        Named("ReferralBook.replay"),
    ),
    op(
        "referrals",
        "Read and replay events with progress reports and cancel",
        "referral::ReferralBook::replay_with_progress",
        Named("wijknet_referral_events_from_json_progress, wijknet_referral_book_replay"),
        Named("ReferralBook.replay"),
        Named("ReferralBook.replayJson"),
    ),
    op(
        "referrals",
        "Apply one event",
        "referral::ReferralBook::apply",
        Named("wijknet_referral_book_apply_event_json"),
        Named("ReferralBook.apply"),
        Named("ReferralBook.apply"),
    ),
    op(
        "referrals",
        "A referral's summary",
        "referral::ReferralBook::summary",
        Named("wijknet_referral_book_summary_json"),
        Named("ReferralBook.referral"),
        Named("ReferralBook.summary"),
    ),
    op(
        "referrals",
        "All summaries",
        "referral::ReferralBook::summaries",
        Named("wijknet_referral_book_summaries_json"),
        Named("ReferralBook.summaries"),
        Named("ReferralBook.summaries"),
    ),
    op(
        "referrals",
        "Monitoring figures",
        "referral::ReferralBook::monitoring",
        Named("wijknet_referral_book_monitoring_json"),
        Named("ReferralBook.monitoring"),
        Named("ReferralBook.monitoring"),
    ),
    op(
        "referrals",
        "Which referrals must escalate now",
        "referral::check_escalation",
        Named("wijknet_referral_book_check_escalation_json"),
        Named("ReferralBook.check_escalation"),
        Named("ReferralBook.checkEscalation"),
    ),
    op(
        "referrals",
        "What-if: replay the history under proposed agreements or registry",
        "what_if::what_if",
        Named("wijknet_what_if_json"),
        Named("ReferralBook.what_if"),
        Named("ReferralBook.whatIf"),
    ),
    op(
        "referrals",
        "What-if with progress reports and cancel",
        "what_if::what_if_with_progress",
        Named("wijknet_what_if_json"),
        Named("ReferralBook.what_if"),
        Named("ReferralBook.whatIf"),
    ),
    op(
        "codes",
        "Dutch local time as an instant (first or second occurrence of a repeated time)",
        "local_time::instant",
        Named("wijknet_local_instant"),
        Named("local_instant"),
        Named("localInstant"),
    ),
    op(
        "codes",
        "Codes of a kind with Dutch and English labels",
        "codes::KINDS",
        Named("wijknet_code_name, wijknet_code_label"),
        Named("codes, label"),
        Named("codeList"),
    ),
    op(
        "codes",
        "Failure codes",
        "ERROR_CODES",
        Named("wijknet_last_error_code_name"),
        Named("error_codes"),
        Named("WijknetException.code"),
    ),
    op("codes", "Library version", "VERSION", Named("WIJKNET_VERSION"), Named("core_version"), Named("version")),
];

/// The README's concept table, written from [`OPERATIONS`] (a test keeps the README equal to it).
pub fn concept_table() -> String {
    concept_table_of(OPERATIONS, "wijknet")
}

/// The concept table of any list of operations (another crate's front door, such as
/// `wijknet_fhir::api::OPERATIONS`), with `crate_name` heading the Rust column.
pub fn concept_table_of(operations: &[Operation], crate_name: &str) -> String {
    let cell = |o: Offer| match o {
        Named(n) => n.split(", ").map(|n| format!("`{n}`")).collect::<Vec<_>>().join(", "),
        Absent(why) => format!("— ({why})"),
    };
    let mut out =
        format!("| Concept | Rust (`{crate_name}::`) | C | Python | Kotlin / Swift |\n|---|---|---|---|---|\n");
    for o in operations {
        out.push_str(&format!(
            "| {} | `{}` | {} | {} | {} |\n",
            o.concept,
            o.rust,
            cell(o.c),
            cell(o.python),
            cell(o.kotlin)
        ));
    }
    out
}
