/*
 * wijknet C API: who can take this client, what have we agreed, may I share this.
 *
 * CONVENTIONS
 * - Every fallible function returns a wijknet_result. WIJKNET_RESULT_OK (0) is success; any
 *   other value is a failure, and the details (message, string code, and for validation errors
 *   every (path, reason) problem) can be read with the wijknet_last_error_* functions on the
 *   same thread, until the next wijknet call on that thread. Codes are never renumbered.
 * - Outputs come back through out_ parameters, written ONLY on success. On failure they are
 *   left untouched.
 * - Every pointer argument is checked: NULL gives WIJKNET_RESULT_NULL_ARGUMENT.
 * - Text input is UTF-8 with an explicit length in bytes (no terminating NUL needed); invalid
 *   UTF-8 gives WIJKNET_RESULT_INVALID_UTF8. Text output is either a wijknet_str (a borrowed
 *   pointer + length; its owner is named per function) or, for documents, a library-allocated
 *   NUL-terminated char* with its length, owned by the caller and freed ONLY with
 *   wijknet_string_free (never free()).
 * - A panic inside the library becomes WIJKNET_RESULT_INTERNAL; it never unwinds into or aborts
 *   the host process, and the library stays usable.
 * - Codes (care types, exclusion reasons, flags, ...) are stable small integers, equal to the
 *   core's index() of the code; the enums below name the ones a host compares on the hot path,
 *   and wijknet_code_name / wijknet_code_label / wijknet_code_index translate any kind.
 *
 * OWNERSHIP
 * - Handles (wijknet_registry, wijknet_shared_registry, wijknet_agreements,
 *   wijknet_match_result, wijknet_consent_store, wijknet_referral_events, wijknet_referral_book,
 *   wijknet_fhir_directory) are opaque, created by the library and released by their *_free
 *   function. Every *_free accepts NULL (a no-op).
 *   Freeing a handle twice, or using it after freeing, is undefined behaviour.
 * - The immutable handles (wijknet_registry, wijknet_agreements, wijknet_match_result,
 *   wijknet_consent_store, wijknet_referral_events, wijknet_fhir_directory) have a *_clone
 *   function: it returns a NEW handle (a different pointer) to the same value, without copying
 *   it. The clone is freed with its own *_free; either may be freed first, and the value lives
 *   until its last handle is freed. Texts borrowed through a handle stay valid until that handle is freed.
 *   wijknet_shared_registry and wijknet_referral_book have one owner and no *_clone.
 * - A handle never depends on another handle staying alive: free them in any order.
 *
 * THREADS
 * - wijknet_registry and wijknet_agreements handles are immutable and safe to share across
 *   threads: any number of threads may call functions on the same handle at once.
 *   wijknet_registry_update_capacities returns a NEW registry handle and leaves the old one
 *   unchanged, so readers are never disturbed. Two such updates based on the same
 *   expected_version both succeed, each with its own handle.
 * - wijknet_shared_registry is THREAD-SAFE and meant to be shared: it holds the current registry
 *   of a host, and every function on it may be called from any number of threads at once.
 *   wijknet_shared_registry_current gives a snapshot without waiting for writers;
 *   wijknet_shared_registry_update_capacities installs an update by compare-and-swap, so of two
 *   updates based on the same expected_version exactly one succeeds and the other gets
 *   WIJKNET_RESULT_VERSION_CONFLICT (no update is ever silently lost).
 * - wijknet_match_result, wijknet_consent_store and wijknet_referral_events are immutable too
 *   and may be used from several threads at once.
 * - *_clone may be called while other threads use the same handle; a clone may be used and
 *   freed on any thread (e.g. one clone per thread, each freed by the thread that owns it).
 * - wijknet_referral_book is MUTABLE: do not use one book from two threads at once (the
 *   functions that change it take a non-const pointer and say so).
 * - The last error is per thread. Calls made while a thread exits (pthread_key or C++
 *   thread_local destructors) still return their codes, but their details may not be kept:
 *   the wijknet_last_error_* functions then report no failure.
 *
 * LINKING
 * - Link exactly one Rust library per process: this libwijknet (shared or static), not several
 *   Rust static libraries side by side. The static library needs -lpthread -ldl -lm on Linux
 *   (wijknet.pc's Libs.private lists everything rustc names).
 * - bindings/c/CMakeLists.txt installs libwijknet.so.X.Y.Z with its SONAME link, libwijknet.a,
 *   this header, wijknet.pc (pkg-config) and the CMake package wijknet (find_package(wijknet
 *   CONFIG), target wijknet::wijknet).
 * - ABI: no stability is promised before 1.0; pin the exact version, and check at start-up that
 *   wijknet_abi_version() == WIJKNET_ABI_VERSION. The SONAME is libwijknet.so.0.MINOR before 1.0:
 *   a new minor version may change the ABI and is a new SONAME; a patch release keeps it.
 */


#ifndef WIJKNET_H
#define WIJKNET_H

/* Generated by cbindgen from bindings/c (bash bindings/c/generate-header.sh). Do not edit. */

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/** The wijknet version this header was generated for (the workspace version). */
#define WIJKNET_VERSION "0.1.0"
/** Major part of WIJKNET_VERSION. */
#define WIJKNET_VERSION_MAJOR 0
/** Minor part of WIJKNET_VERSION. */
#define WIJKNET_VERSION_MINOR 1
/** Patch part of WIJKNET_VERSION. */
#define WIJKNET_VERSION_PATCH 0

/**
 * ABI version of this header and library: raised on every change a compiled host could notice
 * (a removed or changed function, struct or enum value). Compare `wijknet_abi_version()` with
 * this macro at start-up to catch a header/library mismatch. No stability is promised before
 * 1.0: pin the exact wijknet version.
 */
#define WIJKNET_ABI_VERSION 7

/**
 * `wijknet_registry_to_fhir`'s bundle type: a `collection` Bundle (the resources).
 */
#define WIJKNET_FHIR_BUNDLE_COLLECTION 0

/**
 * `wijknet_registry_to_fhir`'s bundle type: a `transaction` Bundle (each entry a `PUT Type/id`,
 * to load into a FHIR server).
 */
#define WIJKNET_FHIR_BUNDLE_TRANSACTION 1

/**
 * `wijknet_registry_to_fhir`'s bundle type: a `searchset` Bundle (what a FHIR server answers to a
 * search over every directory type: each entry a `match`, with the `total`).
 */
#define WIJKNET_FHIR_BUNDLE_SEARCHSET 2

/**
 * Most directories one `wijknet_fhir_directory_merge` takes: far above the organisations of a
 * region, and a bound on what a wrong `count` makes the library read.
 */
#define WIJKNET_FHIR_MERGE_MAX 100000

/**
 * Result of every fallible call. The numeric values are part of the ABI and are never renumbered:
 * new codes are only added. `WIJKNET_RESULT_OK` is 0; everything else is a failure whose details
 * are available from the `wijknet_last_error_*` functions on the same thread until the next call
 * into wijknet. `wijknet_last_error_code_name` gives the same stable code every other language
 * reports.
 */
typedef enum wijknet_result {
  /**
   * `ok`: Success; outputs were written (C only: other languages return normally).
   */
  WIJKNET_RESULT_OK = 0,
  /**
   * `null_argument`: A required pointer argument was NULL (C only); the message names the
   * parameter.
   */
  WIJKNET_RESULT_NULL_ARGUMENT = 1,
  /**
   * `invalid_utf8`: A text argument was not valid UTF-8 (C only); the message names the
   * parameter and byte offset.
   */
  WIJKNET_RESULT_INVALID_UTF8 = 2,
  /**
   * `invalid_argument`: A scalar argument is out of its domain: an unknown code index, an
   * impossible date, a length larger than `PTRDIFF_MAX`, an instant outside the supported range.
   */
  WIJKNET_RESULT_INVALID_ARGUMENT = 3,
  /**
   * `out_of_range`: An index passed to an accessor is not below the corresponding count.
   */
  WIJKNET_RESULT_OUT_OF_RANGE = 4,
  /**
   * `internal`: A bug inside wijknet panicked; the call had no effect and the library stays
   * usable. Please report it with the message.
   */
  WIJKNET_RESULT_INTERNAL = 5,
  /**
   * `json`: The input is not well-formed JSON, or a value has the wrong JSON type; one problem
   * with the path where parsing stopped.
   */
  WIJKNET_RESULT_JSON = 10,
  /**
   * `schema`: The document's `schema` tag is missing or names another schema.
   */
  WIJKNET_RESULT_SCHEMA = 11,
  /**
   * `invalid`: The document parsed but breaks rules; every problem is listed with its path.
   */
  WIJKNET_RESULT_INVALID = 12,
  /**
   * `version_conflict`: An optimistic update was based on stale data: read the current version
   * and retry.
   */
  WIJKNET_RESULT_VERSION_CONFLICT = 13,
  /**
   * `not_found`: A referenced record does not exist, or an optional part of a result is absent.
   */
  WIJKNET_RESULT_NOT_FOUND = 14,
  /**
   * `transition`: A referral event is not allowed in the current state of the referral or of its
   * offer, e.g. accepting an offer that was already rejected.
   */
  WIJKNET_RESULT_TRANSITION = 15,
  /**
   * `duplicate_event`: An event with this id was already applied to the referral.
   */
  WIJKNET_RESULT_DUPLICATE_EVENT = 16,
  /**
   * `wrong_actor`: The event's actor may not make this change: only the offer's own team may
   * accept or reject it, only the referrer or a coordinator may cancel.
   */
  WIJKNET_RESULT_WRONG_ACTOR = 17,
  /**
   * `local_time`: A Dutch local time does not exist (the hour the clocks skip in spring: path
   * `$.time`) or happens twice and the call did not say `first` or `second` (path
   * `$.occurrence`).
   */
  WIJKNET_RESULT_LOCAL_TIME = 18,
  /**
   * `cancelled`: A long call (loading a national document, replaying a history, a what-if) was
   * stopped by its progress callback; it had no effect.
   */
  WIJKNET_RESULT_CANCELLED = 19,
  /**
   * `other`: A core error this version of a binding has no dedicated code for yet; the message
   * and the string code tell what it is.
   */
  WIJKNET_RESULT_OTHER = 99,
} wijknet_result;

/**
 * Kinds of stable code, for `wijknet_code_name`, `wijknet_code_label`, `wijknet_code_index` and
 * `wijknet_code_count` (pass the value as `uint32_t`). Values are never renumbered; each kind's
 * name is the same in every language.
 */
typedef enum wijknet_code_kind {
  /**
   * `care_type`: `wijknet_care_type`.
   */
  WIJKNET_CODE_KIND_CARE_TYPE = 0,
  /**
   * `organisation_kind`: `wijknet_organisation_kind`.
   */
  WIJKNET_CODE_KIND_ORGANISATION_KIND = 1,
  /**
   * `nurse_level`: `wijknet_nurse_level`.
   */
  WIJKNET_CODE_KIND_NURSE_LEVEL = 2,
  /**
   * `time_of_day`: `wijknet_time_of_day`.
   */
  WIJKNET_CODE_KIND_TIME_OF_DAY = 3,
  /**
   * `language`: `wijknet_language`.
   */
  WIJKNET_CODE_KIND_LANGUAGE = 4,
  /**
   * `capacity_status`: `wijknet_capacity_status`.
   */
  WIJKNET_CODE_KIND_CAPACITY_STATUS = 5,
  /**
   * `funding_stream`: `wijknet_funding_stream`.
   */
  WIJKNET_CODE_KIND_FUNDING_STREAM = 6,
  /**
   * `policy_type`: `wijknet_policy_type`.
   */
  WIJKNET_CODE_KIND_POLICY_TYPE = 7,
  /**
   * `weekday`: `wijknet_weekday`.
   */
  WIJKNET_CODE_KIND_WEEKDAY = 8,
  /**
   * `urgency`: `wijknet_urgency`.
   */
  WIJKNET_CODE_KIND_URGENCY = 9,
  /**
   * `exclusion_reason`: `wijknet_exclusion_reason`.
   */
  WIJKNET_CODE_KIND_EXCLUSION_REASON = 10,
  /**
   * `candidate_flag`: `wijknet_candidate_flag`.
   */
  WIJKNET_CODE_KIND_CANDIDATE_FLAG = 11,
  /**
   * `match_outcome`: `wijknet_match_outcome`.
   */
  WIJKNET_CODE_KIND_MATCH_OUTCOME = 12,
  /**
   * `via_kind`: `wijknet_via_kind`.
   */
  WIJKNET_CODE_KIND_VIA_KIND = 13,
  /**
   * `accountable_source`: `wijknet_accountable_source`.
   */
  WIJKNET_CODE_KIND_ACCOUNTABLE_SOURCE = 14,
  /**
   * `agreement_kind`: `wijknet_agreement_kind`.
   */
  WIJKNET_CODE_KIND_AGREEMENT_KIND = 15,
  /**
   * `agreement_status`: `wijknet_agreement_status`.
   */
  WIJKNET_CODE_KIND_AGREEMENT_STATUS = 16,
  /**
   * `rota_cycle`: `wijknet_rota_cycle`.
   */
  WIJKNET_CODE_KIND_ROTA_CYCLE = 17,
  /**
   * `on_call_outcome`: `wijknet_on_call_outcome`.
   */
  WIJKNET_CODE_KIND_ON_CALL_OUTCOME = 18,
  /**
   * `mandate_outcome`: `wijknet_mandate_outcome`.
   */
  WIJKNET_CODE_KIND_MANDATE_OUTCOME = 19,
  /**
   * `finding_code`: `wijknet_finding_code`.
   */
  WIJKNET_CODE_KIND_FINDING_CODE = 20,
  /**
   * `data_category`: `wijknet_data_category`.
   */
  WIJKNET_CODE_KIND_DATA_CATEGORY = 21,
  /**
   * `purpose`: `wijknet_purpose`.
   */
  WIJKNET_CODE_KIND_PURPOSE = 22,
  /**
   * `recipient_role`: `wijknet_recipient_role`.
   */
  WIJKNET_CODE_KIND_RECIPIENT_ROLE = 23,
  /**
   * `consent_channel`: `wijknet_consent_channel`.
   */
  WIJKNET_CODE_KIND_CONSENT_CHANNEL = 24,
  /**
   * `obligation`: `wijknet_obligation`.
   */
  WIJKNET_CODE_KIND_OBLIGATION = 25,
  /**
   * `combining_policy`: `wijknet_combining_policy`.
   */
  WIJKNET_CODE_KIND_COMBINING_POLICY = 26,
  /**
   * `consent_effect`: `wijknet_consent_effect`.
   */
  WIJKNET_CODE_KIND_CONSENT_EFFECT = 27,
  /**
   * `consent_outcome`: `wijknet_consent_outcome`.
   */
  WIJKNET_CODE_KIND_CONSENT_OUTCOME = 28,
  /**
   * `consent_basis`: `wijknet_consent_basis`.
   */
  WIJKNET_CODE_KIND_CONSENT_BASIS = 29,
  /**
   * `emergency_reason`: `wijknet_emergency_reason`.
   */
  WIJKNET_CODE_KIND_EMERGENCY_REASON = 30,
  /**
   * `consent_record_status`: `wijknet_consent_record_status`.
   */
  WIJKNET_CODE_KIND_CONSENT_RECORD_STATUS = 31,
  /**
   * `representative_relation`: `wijknet_representative_relation`.
   */
  WIJKNET_CODE_KIND_REPRESENTATIVE_RELATION = 32,
  /**
   * `who_decides`: `wijknet_who_decides`.
   */
  WIJKNET_CODE_KIND_WHO_DECIDES = 33,
  /**
   * `consent_source_kind`: `wijknet_consent_source_kind`.
   */
  WIJKNET_CODE_KIND_CONSENT_SOURCE_KIND = 34,
  /**
   * `consent_trace_reason`: `wijknet_consent_trace_reason`.
   */
  WIJKNET_CODE_KIND_CONSENT_TRACE_REASON = 35,
  /**
   * `referral_status`: `wijknet_referral_status`.
   */
  WIJKNET_CODE_KIND_REFERRAL_STATUS = 36,
  /**
   * `offer_status`: `wijknet_offer_status`.
   */
  WIJKNET_CODE_KIND_OFFER_STATUS = 37,
  /**
   * `referral_reason`: `wijknet_referral_reason`.
   */
  WIJKNET_CODE_KIND_REFERRAL_REASON = 38,
  /**
   * `escalation_trigger`: `wijknet_escalation_trigger`.
   */
  WIJKNET_CODE_KIND_ESCALATION_TRIGGER = 39,
  /**
   * `referral_event_type`: `wijknet_referral_event_type`.
   */
  WIJKNET_CODE_KIND_REFERRAL_EVENT_TYPE = 40,
  /**
   * `occurrence`: `wijknet_occurrence`.
   */
  WIJKNET_CODE_KIND_OCCURRENCE = 41,
  /**
   * `local_time_problem`: `wijknet_local_time_problem`.
   */
  WIJKNET_CODE_KIND_LOCAL_TIME_PROBLEM = 42,
  /**
   * `data_form`: `wijknet_data_form`.
   */
  WIJKNET_CODE_KIND_DATA_FORM = 43,
  /**
   * `progress_step`: `wijknet_progress_step`.
   */
  WIJKNET_CODE_KIND_PROGRESS_STEP = 44,
  /**
   * `visit_moment`: `wijknet_visit_moment`.
   */
  WIJKNET_CODE_KIND_VISIT_MOMENT = 45,
} wijknet_code_kind;

/**
 * Which label `wijknet_code_label` returns.
 */
typedef enum wijknet_label_language {
  /**
   * Dutch, as professionals say it.
   */
  WIJKNET_LABEL_LANGUAGE_DUTCH = 0,
  /**
   * English.
   */
  WIJKNET_LABEL_LANGUAGE_ENGLISH = 1,
} wijknet_label_language;

/**
 * Care types (*zorgsoorten*) named in the sources, including the social-domain services a district
 * nurse meets in the social team. Code kind `care_type`; the integer of a code is its position in
 * the core's table (`codes::CareType::ALL`).
 */
typedef enum wijknet_care_type {
  /**
   * `personal_care`: personal care.
   */
  WIJKNET_CARE_TYPE_PERSONAL_CARE = 0,
  /**
   * `nursing`: nursing.
   */
  WIJKNET_CARE_TYPE_NURSING = 1,
  /**
   * `wound_care`: wound care.
   */
  WIJKNET_CARE_TYPE_WOUND_CARE = 2,
  /**
   * `medical_technical`: medical-technical care.
   */
  WIJKNET_CARE_TYPE_MEDICAL_TECHNICAL = 3,
  /**
   * `palliative_terminal`: palliative and terminal care.
   */
  WIJKNET_CARE_TYPE_PALLIATIVE_TERMINAL = 4,
  /**
   * `dementia_case_management`: dementia case management.
   */
  WIJKNET_CARE_TYPE_DEMENTIA_CASE_MANAGEMENT = 5,
  /**
   * `planned_night_care`: planned night care.
   */
  WIJKNET_CARE_TYPE_PLANNED_NIGHT_CARE = 6,
  /**
   * `unplanned_night_care`: unplanned night care.
   */
  WIJKNET_CARE_TYPE_UNPLANNED_NIGHT_CARE = 7,
  /**
   * `alarm_response`: alarm response.
   */
  WIJKNET_CARE_TYPE_ALARM_RESPONSE = 8,
  /**
   * `mental_health_nursing`: mental-health district nursing.
   */
  WIJKNET_CARE_TYPE_MENTAL_HEALTH_NURSING = 9,
  /**
   * `child_home_nursing`: children's home nursing.
   */
  WIJKNET_CARE_TYPE_CHILD_HOME_NURSING = 10,
  /**
   * `wmo_household_help`: household help (Wmo).
   */
  WIJKNET_CARE_TYPE_WMO_HOUSEHOLD_HELP = 11,
  /**
   * `wmo_support`: support (Wmo).
   */
  WIJKNET_CARE_TYPE_WMO_SUPPORT = 12,
} wijknet_care_type;

/**
 * Kinds of organisation in the registry. Code kind `organisation_kind`; the integer of a code is
 * its position in the core's table (`codes::OrganisationKind::ALL`).
 */
typedef enum wijknet_organisation_kind {
  /**
   * `home_care_provider`: home-care provider.
   */
  WIJKNET_ORGANISATION_KIND_HOME_CARE_PROVIDER = 0,
  /**
   * `solo_nurse`: solo nurse.
   */
  WIJKNET_ORGANISATION_KIND_SOLO_NURSE = 1,
  /**
   * `gp_practice`: GP practice.
   */
  WIJKNET_ORGANISATION_KIND_GP_PRACTICE = 2,
  /**
   * `hospital_transfer_office`: hospital transfer office.
   */
  WIJKNET_ORGANISATION_KIND_HOSPITAL_TRANSFER_OFFICE = 3,
  /**
   * `municipality_social_team`: municipality social team.
   */
  WIJKNET_ORGANISATION_KIND_MUNICIPALITY_SOCIAL_TEAM = 4,
  /**
   * `insurer`: insurer.
   */
  WIJKNET_ORGANISATION_KIND_INSURER = 5,
  /**
   * `pharmacy`: pharmacy.
   */
  WIJKNET_ORGANISATION_KIND_PHARMACY = 6,
  /**
   * `welfare_organisation`: welfare organisation.
   */
  WIJKNET_ORGANISATION_KIND_WELFARE_ORGANISATION = 7,
  /**
   * `care_cooperative`: care cooperative.
   */
  WIJKNET_ORGANISATION_KIND_CARE_COOPERATIVE = 8,
  /**
   * `coordination_point`: coordination point.
   */
  WIJKNET_ORGANISATION_KIND_COORDINATION_POINT = 9,
  /**
   * `municipality`: municipality.
   */
  WIJKNET_ORGANISATION_KIND_MUNICIPALITY = 10,
} wijknet_organisation_kind;

/**
 * Nurse qualification levels; a request may need a minimum. Code kind `nurse_level`; the integer
 * of a code is its position in the core's table (`codes::NurseLevel::ALL`).
 */
typedef enum wijknet_nurse_level {
  /**
   * `level_3`: certified carer (level 3).
   */
  WIJKNET_NURSE_LEVEL_LEVEL3 = 0,
  /**
   * `level_4`: nurse (level 4).
   */
  WIJKNET_NURSE_LEVEL_LEVEL4 = 1,
  /**
   * `level_5`: district nurse (level 5).
   */
  WIJKNET_NURSE_LEVEL_LEVEL5 = 2,
  /**
   * `level_6`: district nurse (level 6).
   */
  WIJKNET_NURSE_LEVEL_LEVEL6 = 3,
} wijknet_nurse_level;

/**
 * Parts of the day care is needed in. Code kind `time_of_day`; the integer of a code is its
 * position in the core's table (`codes::TimeOfDay::ALL`).
 */
typedef enum wijknet_time_of_day {
  /**
   * `day`: day.
   */
  WIJKNET_TIME_OF_DAY_DAY = 0,
  /**
   * `evening`: evening.
   */
  WIJKNET_TIME_OF_DAY_EVENING = 1,
  /**
   * `night`: night.
   */
  WIJKNET_TIME_OF_DAY_NIGHT = 2,
} wijknet_time_of_day;

/**
 * Languages a client speaks and a team's nurses speak (ISO 639 codes). Code kind `language`; the
 * integer of a code is its position in the core's table (`codes::Language::ALL`).
 */
typedef enum wijknet_language {
  /**
   * `nl`: Dutch.
   */
  WIJKNET_LANGUAGE_DUTCH = 0,
  /**
   * `en`: English.
   */
  WIJKNET_LANGUAGE_ENGLISH = 1,
  /**
   * `de`: German.
   */
  WIJKNET_LANGUAGE_GERMAN = 2,
  /**
   * `fr`: French.
   */
  WIJKNET_LANGUAGE_FRENCH = 3,
  /**
   * `es`: Spanish.
   */
  WIJKNET_LANGUAGE_SPANISH = 4,
  /**
   * `pt`: Portuguese.
   */
  WIJKNET_LANGUAGE_PORTUGUESE = 5,
  /**
   * `pl`: Polish.
   */
  WIJKNET_LANGUAGE_POLISH = 6,
  /**
   * `ro`: Romanian.
   */
  WIJKNET_LANGUAGE_ROMANIAN = 7,
  /**
   * `bg`: Bulgarian.
   */
  WIJKNET_LANGUAGE_BULGARIAN = 8,
  /**
   * `tr`: Turkish.
   */
  WIJKNET_LANGUAGE_TURKISH = 9,
  /**
   * `ar`: Arabic.
   */
  WIJKNET_LANGUAGE_ARABIC = 10,
  /**
   * `rif`: Tarifit (Riffian Berber).
   */
  WIJKNET_LANGUAGE_TARIFIT = 11,
  /**
   * `pap`: Papiamento.
   */
  WIJKNET_LANGUAGE_PAPIAMENTO = 12,
  /**
   * `srn`: Sranan Tongo.
   */
  WIJKNET_LANGUAGE_SRANAN = 13,
  /**
   * `zh`: Chinese.
   */
  WIJKNET_LANGUAGE_CHINESE = 14,
  /**
   * `uk`: Ukrainian.
   */
  WIJKNET_LANGUAGE_UKRAINIAN = 15,
  /**
   * `ru`: Russian.
   */
  WIJKNET_LANGUAGE_RUSSIAN = 16,
  /**
   * `so`: Somali.
   */
  WIJKNET_LANGUAGE_SOMALI = 17,
  /**
   * `ti`: Tigrinya.
   */
  WIJKNET_LANGUAGE_TIGRINYA = 18,
  /**
   * `fa`: Persian.
   */
  WIJKNET_LANGUAGE_PERSIAN = 19,
  /**
   * `dse`: Sign Language of the Netherlands.
   */
  WIJKNET_LANGUAGE_DUTCH_SIGN_LANGUAGE = 20,
} wijknet_language;

/**
 * What a team says about taking new clients. Code kind `capacity_status`; the integer of a code is
 * its position in the core's table (`codes::CapacityStatus::ALL`).
 */
typedef enum wijknet_capacity_status {
  /**
   * `accepting`: accepting.
   */
  WIJKNET_CAPACITY_STATUS_ACCEPTING = 0,
  /**
   * `waitlist`: waitlist.
   */
  WIJKNET_CAPACITY_STATUS_WAITLIST = 1,
  /**
   * `full`: full.
   */
  WIJKNET_CAPACITY_STATUS_FULL = 2,
  /**
   * `unknown`: unknown.
   */
  WIJKNET_CAPACITY_STATUS_UNKNOWN = 3,
} wijknet_capacity_status;

/**
 * Funding streams (*financieringsstromen*). Code kind `funding_stream`; the integer of a code is
 * its position in the core's table (`codes::FundingStream::ALL`).
 */
typedef enum wijknet_funding_stream {
  /**
   * `zvw`: Health Insurance Act.
   */
  WIJKNET_FUNDING_STREAM_ZVW = 0,
  /**
   * `wmo`: Social Support Act.
   */
  WIJKNET_FUNDING_STREAM_WMO = 1,
  /**
   * `wlz`: Long-term Care Act.
   */
  WIJKNET_FUNDING_STREAM_WLZ = 2,
  /**
   * `jeugdwet`: Youth Act.
   */
  WIJKNET_FUNDING_STREAM_JEUGDWET = 3,
  /**
   * `subsidy`: subsidy.
   */
  WIJKNET_FUNDING_STREAM_SUBSIDY = 4,
} wijknet_funding_stream;

/**
 * The client's insurance policy type, which decides what a non-contracted provider costs. Code
 * kind `policy_type`; the integer of a code is its position in the core's table
 * (`codes::PolicyType::ALL`).
 */
typedef enum wijknet_policy_type {
  /**
   * `natura`: in-kind policy.
   */
  WIJKNET_POLICY_TYPE_NATURA = 0,
  /**
   * `restitution`: restitution policy.
   */
  WIJKNET_POLICY_TYPE_RESTITUTION = 1,
  /**
   * `combination`: combination policy.
   */
  WIJKNET_POLICY_TYPE_COMBINATION = 2,
} wijknet_policy_type;

/**
 * Weekdays, for a contact person's reachable hours. Code kind `weekday`; the integer of a code is
 * its position in the core's table (`codes::Weekday::ALL`).
 */
typedef enum wijknet_weekday {
  /**
   * `mon`: Monday.
   */
  WIJKNET_WEEKDAY_MON = 0,
  /**
   * `tue`: Tuesday.
   */
  WIJKNET_WEEKDAY_TUE = 1,
  /**
   * `wed`: Wednesday.
   */
  WIJKNET_WEEKDAY_WED = 2,
  /**
   * `thu`: Thursday.
   */
  WIJKNET_WEEKDAY_THU = 3,
  /**
   * `fri`: Friday.
   */
  WIJKNET_WEEKDAY_FRI = 4,
  /**
   * `sat`: Saturday.
   */
  WIJKNET_WEEKDAY_SAT = 5,
  /**
   * `sun`: Sunday.
   */
  WIJKNET_WEEKDAY_SUN = 6,
} wijknet_weekday;

/**
 * How soon care must start. Code kind `urgency`; the integer of a code is its position in the
 * core's table (`matching::Urgency::ALL`).
 */
typedef enum wijknet_urgency {
  /**
   * `acute`: acute (within 24 hours).
   */
  WIJKNET_URGENCY_ACUTE = 0,
  /**
   * `planned`: planned.
   */
  WIJKNET_URGENCY_PLANNED = 1,
} wijknet_urgency;

/**
 * The first rule a team failed. Code kind `exclusion_reason`; the integer of a code is its
 * position in the core's table (`matching::ExclusionReason::ALL`).
 */
typedef enum wijknet_exclusion_reason {
  /**
   * `refused_by_client`: refused by the client.
   */
  WIJKNET_EXCLUSION_REASON_REFUSED_BY_CLIENT = 0,
  /**
   * `outside_area`: outside the service area.
   */
  WIJKNET_EXCLUSION_REASON_OUTSIDE_AREA = 1,
  /**
   * `care_type_not_offered`: care type not offered.
   */
  WIJKNET_EXCLUSION_REASON_CARE_TYPE_NOT_OFFERED = 2,
  /**
   * `nurse_level_too_low`: nurse level too low.
   */
  WIJKNET_EXCLUSION_REASON_NURSE_LEVEL_TOO_LOW = 3,
  /**
   * `no_common_language`: no common language.
   */
  WIJKNET_EXCLUSION_REASON_NO_COMMON_LANGUAGE = 4,
  /**
   * `time_of_day_not_covered`: time of day not covered.
   */
  WIJKNET_EXCLUSION_REASON_TIME_OF_DAY_NOT_COVERED = 5,
  /**
   * `insurer_not_contracted`: not contracted by the insurer.
   */
  WIJKNET_EXCLUSION_REASON_INSURER_NOT_CONTRACTED = 6,
  /**
   * `no_capacity`: no capacity.
   */
  WIJKNET_EXCLUSION_REASON_NO_CAPACITY = 7,
  /**
   * `no_capacity_in_time`: no capacity in time.
   */
  WIJKNET_EXCLUSION_REASON_NO_CAPACITY_IN_TIME = 8,
  /**
   * `not_enough_hours`: not enough free hours.
   */
  WIJKNET_EXCLUSION_REASON_NOT_ENOUGH_HOURS = 9,
} wijknet_exclusion_reason;

/**
 * Something a candidate's user should know before relying on it. Code kind `candidate_flag`; the
 * integer of a code is its position in the core's table (`matching::CandidateFlag::ALL`).
 */
typedef enum wijknet_candidate_flag {
  /**
   * `capacity_stale`: capacity information is stale.
   */
  WIJKNET_CANDIDATE_FLAG_CAPACITY_STALE = 0,
  /**
   * `capacity_unknown`: capacity unknown.
   */
  WIJKNET_CANDIDATE_FLAG_CAPACITY_UNKNOWN = 1,
  /**
   * `waitlist`: waiting list.
   */
  WIJKNET_CANDIDATE_FLAG_WAITLIST = 2,
  /**
   * `not_contracted`: not contracted: client may pay part.
   */
  WIJKNET_CANDIDATE_FLAG_NOT_CONTRACTED = 3,
} wijknet_candidate_flag;

/**
 * How a match ended. Code kind `match_outcome`; the integer of a code is its position in the
 * core's table (`matching::MatchOutcome::ALL`).
 */
typedef enum wijknet_match_outcome {
  /**
   * `candidates_found`: candidates found.
   */
  WIJKNET_MATCH_OUTCOME_CANDIDATES_FOUND = 0,
  /**
   * `no_eligible_team`: no eligible team.
   */
  WIJKNET_MATCH_OUTCOME_NO_ELIGIBLE_TEAM = 1,
} wijknet_match_outcome;

/**
 * The kind of agreement through which a candidate offers care it does not deliver itself. Code
 * kind `via_kind`; the integer of a code is its position in the core's table
 * (`matching::ViaKind::ALL`).
 */
typedef enum wijknet_via_kind {
  /**
   * `subcontracting`: subcontracting.
   */
  WIJKNET_VIA_KIND_SUBCONTRACTING = 0,
  /**
   * `shared_specialist_team`: shared specialist team.
   */
  WIJKNET_VIA_KIND_SHARED_SPECIALIST_TEAM = 1,
  /**
   * `night_rotation`: night-care rotation.
   */
  WIJKNET_VIA_KIND_NIGHT_ROTATION = 2,
} wijknet_via_kind;

/**
 * Where the accountable party came from. Code kind `accountable_source`; the integer of a code is
 * its position in the core's table (`matching::AccountableSource::ALL`).
 */
typedef enum wijknet_accountable_source {
  /**
   * `coordination_point`: coordination point.
   */
  WIJKNET_ACCOUNTABLE_SOURCE_COORDINATION_POINT = 0,
  /**
   * `insurer_duty_of_care`: insurer's duty of care.
   */
  WIJKNET_ACCOUNTABLE_SOURCE_INSURER_DUTY_OF_CARE = 1,
} wijknet_accountable_source;

/**
 * Kinds of agreement the regions in the sources actually make. Code kind `agreement_kind`; the
 * integer of a code is its position in the core's table (`agreements::AgreementKind::ALL`).
 */
typedef enum wijknet_agreement_kind {
  /**
   * `night_rotation`: night-care rotation.
   */
  WIJKNET_AGREEMENT_KIND_NIGHT_ROTATION = 0,
  /**
   * `subcontracting`: subcontracting.
   */
  WIJKNET_AGREEMENT_KIND_SUBCONTRACTING = 1,
  /**
   * `shared_specialist_team`: shared specialist team.
   */
  WIJKNET_AGREEMENT_KIND_SHARED_SPECIALIST_TEAM = 2,
  /**
   * `coordination_point`: coordination point.
   */
  WIJKNET_AGREEMENT_KIND_COORDINATION_POINT = 3,
  /**
   * `case_coordination`: case coordination.
   */
  WIJKNET_AGREEMENT_KIND_CASE_COORDINATION = 4,
  /**
   * `delegated_mandate`: delegated mandate.
   */
  WIJKNET_AGREEMENT_KIND_DELEGATED_MANDATE = 5,
  /**
   * `data_sharing`: data-sharing agreement.
   */
  WIJKNET_AGREEMENT_KIND_DATA_SHARING = 6,
} wijknet_agreement_kind;

/**
 * Life of an agreement. Code kind `agreement_status`; the integer of a code is its position in the
 * core's table (`agreements::AgreementStatus::ALL`).
 */
typedef enum wijknet_agreement_status {
  /**
   * `draft`: draft.
   */
  WIJKNET_AGREEMENT_STATUS_DRAFT = 0,
  /**
   * `active`: active.
   */
  WIJKNET_AGREEMENT_STATUS_ACTIVE = 1,
  /**
   * `suspended`: suspended.
   */
  WIJKNET_AGREEMENT_STATUS_SUSPENDED = 2,
  /**
   * `ended`: ended.
   */
  WIJKNET_AGREEMENT_STATUS_ENDED = 3,
} wijknet_agreement_status;

/**
 * How a night rota advances. Code kind `rota_cycle`; the integer of a code is its position in the
 * core's table (`agreements::RotaCycle::ALL`).
 */
typedef enum wijknet_rota_cycle {
  /**
   * `daily`: every night.
   */
  WIJKNET_ROTA_CYCLE_DAILY = 0,
  /**
   * `weekly`: every week.
   */
  WIJKNET_ROTA_CYCLE_WEEKLY = 1,
} wijknet_rota_cycle;

/**
 * Whether anyone is on night duty. Code kind `on_call_outcome`; the integer of a code is its
 * position in the core's table (`agreements::OnCallOutcome::ALL`).
 */
typedef enum wijknet_on_call_outcome {
  /**
   * `covered`: covered.
   */
  WIJKNET_ON_CALL_OUTCOME_COVERED = 0,
  /**
   * `nobody_on_duty`: nobody on duty.
   */
  WIJKNET_ON_CALL_OUTCOME_NOBODY_ON_DUTY = 1,
} wijknet_on_call_outcome;

/**
 * Outcome of a delegated-mandate check, ordered from least to most informative refusal. Code kind
 * `mandate_outcome`; the integer of a code is its position in the core's table
 * (`agreements::MandateOutcome::ALL`).
 */
typedef enum wijknet_mandate_outcome {
  /**
   * `no_mandate`: no mandate.
   */
  WIJKNET_MANDATE_OUTCOME_NO_MANDATE = 0,
  /**
   * `care_type_not_mandated`: care type not mandated.
   */
  WIJKNET_MANDATE_OUTCOME_CARE_TYPE_NOT_MANDATED = 1,
  /**
   * `mandate_not_active`: mandate not active.
   */
  WIJKNET_MANDATE_OUTCOME_MANDATE_NOT_ACTIVE = 2,
  /**
   * `mandate_expired`: mandate expired.
   */
  WIJKNET_MANDATE_OUTCOME_MANDATE_EXPIRED = 3,
  /**
   * `allowed`: allowed.
   */
  WIJKNET_MANDATE_OUTCOME_ALLOWED = 4,
} wijknet_mandate_outcome;

/**
 * What a finding is about. Code kind `finding_code`; the integer of a code is its position in the
 * core's table (`agreements::FindingCode::ALL`).
 */
typedef enum wijknet_finding_code {
  /**
   * `night_gap`: night with nobody on duty.
   */
  WIJKNET_FINDING_CODE_NIGHT_GAP = 0,
  /**
   * `overlapping_shifts`: overlapping shifts.
   */
  WIJKNET_FINDING_CODE_OVERLAPPING_SHIFTS = 1,
  /**
   * `unknown_party`: party not in the registry.
   */
  WIJKNET_FINDING_CODE_UNKNOWN_PARTY = 2,
  /**
   * `unknown_team`: team not in the registry.
   */
  WIJKNET_FINDING_CODE_UNKNOWN_TEAM = 3,
  /**
   * `review_overdue`: review overdue.
   */
  WIJKNET_FINDING_CODE_REVIEW_OVERDUE = 4,
  /**
   * `mandate_expired`: mandate expired.
   */
  WIJKNET_FINDING_CODE_MANDATE_EXPIRED = 5,
} wijknet_finding_code;

/**
 * Categories of client data (*gegevenscategorieën*) that a request asks to share. Code kind
 * `data_category`; the integer of a code is its position in the core's table
 * (`consent::DataCategory::ALL`).
 */
typedef enum wijknet_data_category {
  /**
   * `identification_contact`: identification and contact.
   */
  WIJKNET_DATA_CATEGORY_IDENTIFICATION_CONTACT = 0,
  /**
   * `medical`: medical.
   */
  WIJKNET_DATA_CATEGORY_MEDICAL = 1,
  /**
   * `nursing_plan_reports`: nursing plan and reports.
   */
  WIJKNET_DATA_CATEGORY_NURSING_PLAN_REPORTS = 2,
  /**
   * `medication`: medication.
   */
  WIJKNET_DATA_CATEGORY_MEDICATION = 3,
  /**
   * `mental_health`: mental health.
   */
  WIJKNET_DATA_CATEGORY_MENTAL_HEALTH = 4,
  /**
   * `social_wmo`: social domain and Wmo.
   */
  WIJKNET_DATA_CATEGORY_SOCIAL_WMO = 5,
  /**
   * `financial_billing`: financial and billing.
   */
  WIJKNET_DATA_CATEGORY_FINANCIAL_BILLING = 6,
  /**
   * `advance_directives`: advance directives.
   */
  WIJKNET_DATA_CATEGORY_ADVANCE_DIRECTIVES = 7,
} wijknet_data_category;

/**
 * Why data would be shared (*doel*). Code kind `purpose`; the integer of a code is its position in
 * the core's table (`consent::Purpose::ALL`).
 */
typedef enum wijknet_purpose {
  /**
   * `direct_care`: direct care.
   */
  WIJKNET_PURPOSE_DIRECT_CARE = 0,
  /**
   * `referral_placement`: referral and placement.
   */
  WIJKNET_PURPOSE_REFERRAL_PLACEMENT = 1,
  /**
   * `care_coordination`: care coordination.
   */
  WIJKNET_PURPOSE_CARE_COORDINATION = 2,
  /**
   * `billing`: billing.
   */
  WIJKNET_PURPOSE_BILLING = 3,
  /**
   * `quality_monitoring`: quality and monitoring.
   */
  WIJKNET_PURPOSE_QUALITY_MONITORING = 4,
  /**
   * `research`: research.
   */
  WIJKNET_PURPOSE_RESEARCH = 5,
  /**
   * `emergency`: emergency.
   */
  WIJKNET_PURPOSE_EMERGENCY = 6,
} wijknet_purpose;

/**
 * The role in which an organisation discloses or receives data (*rol van de ontvanger*). Code kind
 * `recipient_role`; the integer of a code is its position in the core's table
 * (`consent::RecipientRole::ALL`).
 */
typedef enum wijknet_recipient_role {
  /**
   * `gp`: GP.
   */
  WIJKNET_RECIPIENT_ROLE_GP = 0,
  /**
   * `hospital`: hospital.
   */
  WIJKNET_RECIPIENT_ROLE_HOSPITAL = 1,
  /**
   * `home_care_provider`: home-care provider.
   */
  WIJKNET_RECIPIENT_ROLE_HOME_CARE_PROVIDER = 2,
  /**
   * `pharmacy`: pharmacy.
   */
  WIJKNET_RECIPIENT_ROLE_PHARMACY = 3,
  /**
   * `municipality_social_team`: municipality social team.
   */
  WIJKNET_RECIPIENT_ROLE_MUNICIPALITY_SOCIAL_TEAM = 4,
  /**
   * `insurer`: insurer.
   */
  WIJKNET_RECIPIENT_ROLE_INSURER = 5,
  /**
   * `coordination_point`: coordination point.
   */
  WIJKNET_RECIPIENT_ROLE_COORDINATION_POINT = 6,
  /**
   * `welfare_organisation`: welfare organisation.
   */
  WIJKNET_RECIPIENT_ROLE_WELFARE_ORGANISATION = 7,
} wijknet_recipient_role;

/**
 * How the data would travel. Code kind `consent_channel`; the integer of a code is its position in
 * the core's table (`consent::ConsentChannel::ALL`).
 */
typedef enum wijknet_consent_channel {
  /**
   * `direct`: direct.
   */
  WIJKNET_CONSENT_CHANNEL_DIRECT = 0,
  /**
   * `exchange_system`: exchange system.
   */
  WIJKNET_CONSENT_CHANNEL_EXCHANGE_SYSTEM = 1,
} wijknet_consent_channel;

/**
 * What the discloser must do when sharing is permitted. Code kind `obligation`; the integer of a
 * code is its position in the core's table (`consent::Obligation::ALL`).
 */
typedef enum wijknet_obligation {
  /**
   * `log_disclosure`: log the disclosure.
   */
  WIJKNET_OBLIGATION_LOG_DISCLOSURE = 0,
  /**
   * `inform_client`: inform the client.
   */
  WIJKNET_OBLIGATION_INFORM_CLIENT = 1,
  /**
   * `pseudonymise`: share pseudonymised only.
   */
  WIJKNET_OBLIGATION_PSEUDONYMISE = 2,
  /**
   * `redact`: leave out the categories not permitted.
   */
  WIJKNET_OBLIGATION_REDACT = 3,
} wijknet_obligation;

/**
 * How matching consent provisions and objections are combined. Code kind `combining_policy`; the
 * integer of a code is its position in the core's table (`consent::CombiningPolicy::ALL`).
 */
typedef enum wijknet_combining_policy {
  /**
   * `most_specific_wins`: most specific wins.
   */
  WIJKNET_COMBINING_POLICY_MOST_SPECIFIC_WINS = 0,
  /**
   * `deny_overrides`: deny overrides.
   */
  WIJKNET_COMBINING_POLICY_DENY_OVERRIDES = 1,
  /**
   * `most_recent_wins`: most recent wins.
   */
  WIJKNET_COMBINING_POLICY_MOST_RECENT_WINS = 2,
} wijknet_combining_policy;

/**
 * The effect of a consent provision. Code kind `consent_effect`; the integer of a code is its
 * position in the core's table (`consent::ConsentEffect::ALL`).
 */
typedef enum wijknet_consent_effect {
  /**
   * `permit`: permit.
   */
  WIJKNET_CONSENT_EFFECT_PERMIT = 0,
  /**
   * `deny`: deny.
   */
  WIJKNET_CONSENT_EFFECT_DENY = 1,
} wijknet_consent_effect;

/**
 * The answer for one data category. Code kind `consent_outcome`; the integer of a code is its
 * position in the core's table (`consent::ConsentOutcome::ALL`).
 */
typedef enum wijknet_consent_outcome {
  /**
   * `permit`: permit.
   */
  WIJKNET_CONSENT_OUTCOME_PERMIT = 0,
  /**
   * `deny`: deny.
   */
  WIJKNET_CONSENT_OUTCOME_DENY = 1,
  /**
   * `no_applicable_consent`: no applicable consent.
   */
  WIJKNET_CONSENT_OUTCOME_NO_APPLICABLE_CONSENT = 2,
} wijknet_consent_outcome;

/**
 * The rule that decided one category: a legal basis, a consent, an objection, or the default. Code
 * kind `consent_basis`; the integer of a code is its position in the core's table
 * (`consent::ConsentBasis::ALL`).
 */
typedef enum wijknet_consent_basis {
  /**
   * `treatment_relationship`: treatment relationship.
   */
  WIJKNET_CONSENT_BASIS_TREATMENT_RELATIONSHIP = 0,
  /**
   * `sharing_agreement`: data-sharing agreement.
   */
  WIJKNET_CONSENT_BASIS_SHARING_AGREEMENT = 1,
  /**
   * `explicit_consent`: explicit consent.
   */
  WIJKNET_CONSENT_BASIS_EXPLICIT_CONSENT = 2,
  /**
   * `representative_consent`: representative's consent.
   */
  WIJKNET_CONSENT_BASIS_REPRESENTATIVE_CONSENT = 3,
  /**
   * `joint_consent`: joint consent.
   */
  WIJKNET_CONSENT_BASIS_JOINT_CONSENT = 4,
  /**
   * `insurer_narrow_basis`: insurer's narrow basis.
   */
  WIJKNET_CONSENT_BASIS_INSURER_NARROW_BASIS = 5,
  /**
   * `aggregated_only`: aggregated or pseudonymised only.
   */
  WIJKNET_CONSENT_BASIS_AGGREGATED_ONLY = 6,
  /**
   * `emergency`: emergency.
   */
  WIJKNET_CONSENT_BASIS_EMERGENCY = 7,
  /**
   * `objection`: objection.
   */
  WIJKNET_CONSENT_BASIS_OBJECTION = 8,
  /**
   * `consent_denied`: consent denied.
   */
  WIJKNET_CONSENT_BASIS_CONSENT_DENIED = 9,
  /**
   * `consent_withdrawn`: consent withdrawn.
   */
  WIJKNET_CONSENT_BASIS_CONSENT_WITHDRAWN = 10,
  /**
   * `no_basis`: no basis.
   */
  WIJKNET_CONSENT_BASIS_NO_BASIS = 11,
} wijknet_consent_basis;

/**
 * Why a break-glass request is made. Code kind `emergency_reason`; the integer of a code is its
 * position in the core's table (`consent::EmergencyReason::ALL`).
 */
typedef enum wijknet_emergency_reason {
  /**
   * `life_threatening`: life-threatening situation.
   */
  WIJKNET_EMERGENCY_REASON_LIFE_THREATENING = 0,
  /**
   * `client_unconscious`: client unconscious.
   */
  WIJKNET_EMERGENCY_REASON_CLIENT_UNCONSCIOUS = 1,
  /**
   * `acute_crisis`: acute crisis.
   */
  WIJKNET_EMERGENCY_REASON_ACUTE_CRISIS = 2,
  /**
   * `other_vital_interest`: other vital interest.
   */
  WIJKNET_EMERGENCY_REASON_OTHER_VITAL_INTEREST = 3,
} wijknet_emergency_reason;

/**
 * The state of a consent record or objection. Code kind `consent_record_status`; the integer of a
 * code is its position in the core's table (`consent::ConsentRecordStatus::ALL`).
 */
typedef enum wijknet_consent_record_status {
  /**
   * `active`: active.
   */
  WIJKNET_CONSENT_RECORD_STATUS_ACTIVE = 0,
  /**
   * `withdrawn`: withdrawn.
   */
  WIJKNET_CONSENT_RECORD_STATUS_WITHDRAWN = 1,
  /**
   * `superseded`: superseded.
   */
  WIJKNET_CONSENT_RECORD_STATUS_SUPERSEDED = 2,
} wijknet_consent_record_status;

/**
 * How a representative is related to the client. Code kind `representative_relation`; the integer
 * of a code is its position in the core's table (`consent::RepresentativeRelation::ALL`).
 */
typedef enum wijknet_representative_relation {
  /**
   * `parent`: parent.
   */
  WIJKNET_REPRESENTATIVE_RELATION_PARENT = 0,
  /**
   * `guardian`: guardian.
   */
  WIJKNET_REPRESENTATIVE_RELATION_GUARDIAN = 1,
  /**
   * `mentor`: mentor or curator.
   */
  WIJKNET_REPRESENTATIVE_RELATION_MENTOR = 2,
  /**
   * `authorised`: authorised representative.
   */
  WIJKNET_REPRESENTATIVE_RELATION_AUTHORISED = 3,
  /**
   * `partner`: partner.
   */
  WIJKNET_REPRESENTATIVE_RELATION_PARTNER = 4,
  /**
   * `family`: family member.
   */
  WIJKNET_REPRESENTATIVE_RELATION_FAMILY = 5,
} wijknet_representative_relation;

/**
 * Who decides about sharing for this client at the decision time (WGBO age rules). Code kind
 * `who_decides`; the integer of a code is its position in the core's table
 * (`consent::WhoDecides::ALL`).
 */
typedef enum wijknet_who_decides {
  /**
   * `client`: client.
   */
  WIJKNET_WHO_DECIDES_CLIENT = 0,
  /**
   * `representative`: representative.
   */
  WIJKNET_WHO_DECIDES_REPRESENTATIVE = 1,
  /**
   * `client_and_representative`: client and representative.
   */
  WIJKNET_WHO_DECIDES_CLIENT_AND_REPRESENTATIVE = 2,
} wijknet_who_decides;

/**
 * What a trace entry is about. Code kind `consent_source_kind`; the integer of a code is its
 * position in the core's table (`consent::ConsentSourceKind::ALL`).
 */
typedef enum wijknet_consent_source_kind {
  /**
   * `consent`: consent.
   */
  WIJKNET_CONSENT_SOURCE_KIND_CONSENT = 0,
  /**
   * `objection`: objection.
   */
  WIJKNET_CONSENT_SOURCE_KIND_OBJECTION = 1,
} wijknet_consent_source_kind;

/**
 * Why a consent or objection did or did not take part in a decision. Code kind
 * `consent_trace_reason`; the integer of a code is its position in the core's table
 * (`consent::ConsentTraceReason::ALL`).
 */
typedef enum wijknet_consent_trace_reason {
  /**
   * `applied`: applied.
   */
  WIJKNET_CONSENT_TRACE_REASON_APPLIED = 0,
  /**
   * `withdrawn`: withdrawn.
   */
  WIJKNET_CONSENT_TRACE_REASON_WITHDRAWN = 1,
  /**
   * `superseded`: superseded.
   */
  WIJKNET_CONSENT_TRACE_REASON_SUPERSEDED = 2,
  /**
   * `outside_period`: outside its period.
   */
  WIJKNET_CONSENT_TRACE_REASON_OUTSIDE_PERIOD = 3,
  /**
   * `recorded_after_decision`: recorded after the decision time.
   */
  WIJKNET_CONSENT_TRACE_REASON_RECORDED_AFTER_DECISION = 4,
  /**
   * `other_channel`: another channel.
   */
  WIJKNET_CONSENT_TRACE_REASON_OTHER_CHANNEL = 5,
  /**
   * `not_given_by_decider`: not given by whoever decides.
   */
  WIJKNET_CONSENT_TRACE_REASON_NOT_GIVEN_BY_DECIDER = 6,
  /**
   * `not_specific_to_recipient`: not specific to this recipient.
   */
  WIJKNET_CONSENT_TRACE_REASON_NOT_SPECIFIC_TO_RECIPIENT = 7,
  /**
   * `no_matching_provision`: no matching provision.
   */
  WIJKNET_CONSENT_TRACE_REASON_NO_MATCHING_PROVISION = 8,
  /**
   * `recipient_not_named`: recipient organisation not named.
   */
  WIJKNET_CONSENT_TRACE_REASON_RECIPIENT_NOT_NAMED = 9,
} wijknet_consent_trace_reason;

/**
 * Status of a referral (*verwijzing*, one client request). Code kind `referral_status`; the
 * integer of a code is its position in the core's table (`referral::ReferralStatus::ALL`).
 */
typedef enum wijknet_referral_status {
  /**
   * `draft`: draft.
   */
  WIJKNET_REFERRAL_STATUS_DRAFT = 0,
  /**
   * `requested`: requested.
   */
  WIJKNET_REFERRAL_STATUS_REQUESTED = 1,
  /**
   * `accepted`: accepted.
   */
  WIJKNET_REFERRAL_STATUS_ACCEPTED = 2,
  /**
   * `in_progress`: in progress.
   */
  WIJKNET_REFERRAL_STATUS_IN_PROGRESS = 3,
  /**
   * `on_hold`: on hold.
   */
  WIJKNET_REFERRAL_STATUS_ON_HOLD = 4,
  /**
   * `completed`: completed.
   */
  WIJKNET_REFERRAL_STATUS_COMPLETED = 5,
  /**
   * `cancelled`: cancelled.
   */
  WIJKNET_REFERRAL_STATUS_CANCELLED = 6,
  /**
   * `failed`: failed.
   */
  WIJKNET_REFERRAL_STATUS_FAILED = 7,
  /**
   * `escalated`: escalated.
   */
  WIJKNET_REFERRAL_STATUS_ESCALATED = 8,
} wijknet_referral_status;

/**
 * Status of one offer (*aanbod*): the request to one candidate team to take the client. Code kind
 * `offer_status`; the integer of a code is its position in the core's table
 * (`referral::OfferStatus::ALL`).
 */
typedef enum wijknet_offer_status {
  /**
   * `draft`: draft.
   */
  WIJKNET_OFFER_STATUS_DRAFT = 0,
  /**
   * `requested`: requested.
   */
  WIJKNET_OFFER_STATUS_REQUESTED = 1,
  /**
   * `received`: received.
   */
  WIJKNET_OFFER_STATUS_RECEIVED = 2,
  /**
   * `accepted`: accepted.
   */
  WIJKNET_OFFER_STATUS_ACCEPTED = 3,
  /**
   * `rejected`: rejected.
   */
  WIJKNET_OFFER_STATUS_REJECTED = 4,
  /**
   * `in_progress`: in progress.
   */
  WIJKNET_OFFER_STATUS_IN_PROGRESS = 5,
  /**
   * `on_hold`: on hold.
   */
  WIJKNET_OFFER_STATUS_ON_HOLD = 6,
  /**
   * `completed`: completed.
   */
  WIJKNET_OFFER_STATUS_COMPLETED = 7,
  /**
   * `cancelled`: cancelled.
   */
  WIJKNET_OFFER_STATUS_CANCELLED = 8,
  /**
   * `failed`: failed.
   */
  WIJKNET_OFFER_STATUS_FAILED = 9,
} wijknet_offer_status;

/**
 * Why an offer was rejected or cancelled, or a referral cancelled or failed (*reden van
 * afwijzing*). Code kind `referral_reason`; the integer of a code is its position in the core's
 * table (`referral::ReferralReason::ALL`).
 */
typedef enum wijknet_referral_reason {
  /**
   * `no_capacity`: no capacity.
   */
  WIJKNET_REFERRAL_REASON_NO_CAPACITY = 0,
  /**
   * `waitlist`: waitlist.
   */
  WIJKNET_REFERRAL_REASON_WAITLIST = 1,
  /**
   * `outside_area`: outside service area.
   */
  WIJKNET_REFERRAL_REASON_OUTSIDE_AREA = 2,
  /**
   * `care_not_offered`: care type not offered.
   */
  WIJKNET_REFERRAL_REASON_CARE_NOT_OFFERED = 3,
  /**
   * `level_not_available`: nurse level not available.
   */
  WIJKNET_REFERRAL_REASON_LEVEL_NOT_AVAILABLE = 4,
  /**
   * `client_unreachable`: client unreachable.
   */
  WIJKNET_REFERRAL_REASON_CLIENT_UNREACHABLE = 5,
  /**
   * `client_declined`: client declined.
   */
  WIJKNET_REFERRAL_REASON_CLIENT_DECLINED = 6,
  /**
   * `other`: other.
   */
  WIJKNET_REFERRAL_REASON_OTHER = 7,
} wijknet_referral_reason;

/**
 * What made a referral escalate. Code kind `escalation_trigger`; the integer of a code is its
 * position in the core's table (`referral::EscalationTrigger::ALL`).
 */
typedef enum wijknet_escalation_trigger {
  /**
   * `unplaced_too_long`: unplaced too long.
   */
  WIJKNET_ESCALATION_TRIGGER_UNPLACED_TOO_LONG = 0,
  /**
   * `declines`: declined too often.
   */
  WIJKNET_ESCALATION_TRIGGER_DECLINES = 1,
} wijknet_escalation_trigger;

/**
 * The kinds of change, as stable `type` codes. Code kind `referral_event_type`; the integer of a
 * code is its position in the core's table (`referral::ReferralEventType::ALL`).
 */
typedef enum wijknet_referral_event_type {
  /**
   * `created`: created.
   */
  WIJKNET_REFERRAL_EVENT_TYPE_CREATED = 0,
  /**
   * `submitted`: submitted.
   */
  WIJKNET_REFERRAL_EVENT_TYPE_SUBMITTED = 1,
  /**
   * `offer_sent`: offer sent.
   */
  WIJKNET_REFERRAL_EVENT_TYPE_OFFER_SENT = 2,
  /**
   * `offer_received`: offer received.
   */
  WIJKNET_REFERRAL_EVENT_TYPE_OFFER_RECEIVED = 3,
  /**
   * `offer_accepted`: offer accepted.
   */
  WIJKNET_REFERRAL_EVENT_TYPE_OFFER_ACCEPTED = 4,
  /**
   * `offer_rejected`: offer rejected.
   */
  WIJKNET_REFERRAL_EVENT_TYPE_OFFER_REJECTED = 5,
  /**
   * `offer_cancelled`: offer cancelled.
   */
  WIJKNET_REFERRAL_EVENT_TYPE_OFFER_CANCELLED = 6,
  /**
   * `care_started`: care started.
   */
  WIJKNET_REFERRAL_EVENT_TYPE_CARE_STARTED = 7,
  /**
   * `care_paused`: care paused.
   */
  WIJKNET_REFERRAL_EVENT_TYPE_CARE_PAUSED = 8,
  /**
   * `care_resumed`: care resumed.
   */
  WIJKNET_REFERRAL_EVENT_TYPE_CARE_RESUMED = 9,
  /**
   * `care_completed`: care completed.
   */
  WIJKNET_REFERRAL_EVENT_TYPE_CARE_COMPLETED = 10,
  /**
   * `care_failed`: care failed.
   */
  WIJKNET_REFERRAL_EVENT_TYPE_CARE_FAILED = 11,
  /**
   * `escalated`: escalated.
   */
  WIJKNET_REFERRAL_EVENT_TYPE_ESCALATED = 12,
  /**
   * `referral_cancelled`: referral cancelled.
   */
  WIJKNET_REFERRAL_EVENT_TYPE_REFERRAL_CANCELLED = 13,
  /**
   * `referral_failed`: referral failed.
   */
  WIJKNET_REFERRAL_EVENT_TYPE_REFERRAL_FAILED = 14,
} wijknet_referral_event_type;

/**
 * Which of the two moments a repeated Dutch local time means (the hour from 02:00 to 03:00 on the
 * last Sunday of October happens twice). Code kind `occurrence`; the integer of a code is its
 * position in the core's table (`local_time::Occurrence::ALL`).
 */
typedef enum wijknet_occurrence {
  /**
   * `first`: first time (summer time).
   */
  WIJKNET_OCCURRENCE_FIRST = 0,
  /**
   * `second`: second time (winter time).
   */
  WIJKNET_OCCURRENCE_SECOND = 1,
} wijknet_occurrence;

/**
 * Why a Dutch local date and time does not name exactly one instant. Code kind
 * `local_time_problem`; the integer of a code is its position in the core's table
 * (`local_time::LocalTimeProblem::ALL`).
 */
typedef enum wijknet_local_time_problem {
  /**
   * `does_not_exist`: does not exist (clocks go forward).
   */
  WIJKNET_LOCAL_TIME_PROBLEM_DOES_NOT_EXIST = 0,
  /**
   * `occurs_twice`: occurs twice (clocks go back).
   */
  WIJKNET_LOCAL_TIME_PROBLEM_OCCURS_TWICE = 1,
} wijknet_local_time_problem;

/**
 * In what form the data would be shared: about a known client, under a pseudonym, or only as
 * counts over many clients. Code kind `data_form`; the integer of a code is its position in the
 * core's table (`consent::DataForm::ALL`).
 */
typedef enum wijknet_data_form {
  /**
   * `identified`: identified.
   */
  WIJKNET_DATA_FORM_IDENTIFIED = 0,
  /**
   * `pseudonymised`: pseudonymised.
   */
  WIJKNET_DATA_FORM_PSEUDONYMISED = 1,
  /**
   * `aggregated`: aggregated.
   */
  WIJKNET_DATA_FORM_AGGREGATED = 2,
} wijknet_data_form;

/**
 * The step of a long call, as reported to a progress observer. Code kind `progress_step`; the
 * integer of a code is its position in the core's table (`progress::ProgressStep::ALL`).
 */
typedef enum wijknet_progress_step {
  /**
   * `read`: read.
   */
  WIJKNET_PROGRESS_STEP_READ = 0,
  /**
   * `check`: check.
   */
  WIJKNET_PROGRESS_STEP_CHECK = 1,
  /**
   * `index`: index.
   */
  WIJKNET_PROGRESS_STEP_INDEX = 2,
  /**
   * `replay`: replay.
   */
  WIJKNET_PROGRESS_STEP_REPLAY = 3,
  /**
   * `what_if`: what-if.
   */
  WIJKNET_PROGRESS_STEP_WHAT_IF = 4,
} wijknet_progress_step;

/**
 * When in the day a visit is needed (*zorgmoment*). Code kind `visit_moment`; the integer of a
 * code is its position in the core's table (`volume::VisitMoment::ALL`).
 */
typedef enum wijknet_visit_moment {
  /**
   * `morning`: morning.
   */
  WIJKNET_VISIT_MOMENT_MORNING = 0,
  /**
   * `afternoon`: afternoon.
   */
  WIJKNET_VISIT_MOMENT_AFTERNOON = 1,
  /**
   * `evening`: evening.
   */
  WIJKNET_VISIT_MOMENT_EVENING = 2,
  /**
   * `night`: night.
   */
  WIJKNET_VISIT_MOMENT_NIGHT = 3,
} wijknet_visit_moment;

/**
 * The immutable collaboration agreements of a region: night rotations, subcontracting, shared
 * specialist teams, coordination points, case coordination, delegated mandates, data sharing.
 *
 * Thread-safety: never changes after creation; one handle may be used from any number of
 * threads at once. It refers to registry records by id, so it may be used with any registry
 * handle derived from the one it was loaded against by capacity updates.
 *
 * Ownership: created by `wijknet_agreements_from_json`; another handle to the same value is
 * made by `wijknet_agreements_clone`; every handle is freed once by `wijknet_agreements_free`.
 */
typedef struct wijknet_agreements wijknet_agreements;

/**
 * The immutable consent store: clients (pseudonymous ids, age, representatives), their
 * consents with provision trees, and objections.
 *
 * Thread-safety: never changes after creation; any number of threads may decide against one
 * handle at once. A new version of the data is a new handle.
 *
 * Ownership: created by `wijknet_consent_store_from_json`; another handle to the same value is
 * made by `wijknet_consent_store_clone`; every handle is freed once by
 * `wijknet_consent_store_free`.
 */
typedef struct wijknet_consent_store wijknet_consent_store;

/**
 * A care services directory read from FHIR: a registry together with the FHIR resources it was
 * built from, so that a later `_history` Bundle can refer to resources it does not repeat.
 *
 * Thread-safety: never changes after creation; use one handle from any number of threads at
 * once. Applying a `_history` Bundle returns a NEW directory handle.
 *
 * Ownership: created by `wijknet_fhir_directory_from_json` or
 * `wijknet_fhir_directory_apply_history`; another handle to the same value is made by
 * `wijknet_fhir_directory_clone`; every handle is freed once by `wijknet_fhir_directory_free`.
 * The registry handle `wijknet_fhir_directory_registry` gives is the caller's own and outlives
 * the directory.
 */
typedef struct wijknet_fhir_directory wijknet_fhir_directory;

/**
 * One current directory shared by every thread of a host, updated by compare-and-swap: of two
 * `_history` Bundles that change one team's capacity from the same version, exactly one is
 * installed and the other gets `VERSION_CONFLICT`, whichever thread runs first.
 *
 * Thread-safety: every function on it may be called from any number of threads at once,
 * including the ones that change it; they synchronise internally without locks, and readers
 * never wait for writers.
 *
 * Ownership: created by `wijknet_fhir_shared_directory_new`, freed once by
 * `wijknet_fhir_shared_directory_free`; it has no `_clone` (share the one handle between
 * threads). Directory handles passed in are not taken over (the data is shared, not copied);
 * directory handles handed out are new handles the caller frees. No handle keeps another alive.
 */
typedef struct wijknet_fhir_shared_directory wijknet_fhir_shared_directory;

/**
 * The typed answer of one match: ranked candidates, excluded teams with reasons, and who is
 * accountable when nobody can take the client.
 *
 * Thread-safety: immutable; may be read from several threads at once.
 *
 * Ownership: created by `wijknet_match`; another handle to the same value is made by
 * `wijknet_match_result_clone`; every handle is freed once by `wijknet_match_result_free`. Every
 * `wijknet_str` an accessor hands out borrows from the handle it was read through and is valid
 * until that handle is freed. It does not keep the registry handle alive, nor need it.
 */
typedef struct wijknet_match_result wijknet_match_result;

/**
 * A book of referrals, each rebuilt from its events (requested, offered to teams, accepted or
 * declined with a reason, care started, cancelled, escalated, ...).
 *
 * Thread-safety: MUTABLE. Do not use one book from two threads at once; give each thread its
 * own book, or serialise access in the host. (The library also locks internally, so misuse
 * cannot corrupt memory, but the order of concurrent events would be arbitrary.)
 *
 * Ownership: created by `wijknet_referral_book_new`, freed once by
 * `wijknet_referral_book_free`; it has no `_clone` (a book changes, so it has one owner).
 */
typedef struct wijknet_referral_book wijknet_referral_book;

/**
 * A parsed, validated `wijknet.referral-events/v1` document: a list of events a host stored.
 *
 * Thread-safety: immutable; may be shared across threads.
 *
 * Ownership: created by `wijknet_referral_events_from_json`; another handle to the same value
 * is made by `wijknet_referral_events_clone`; every handle is freed once by
 * `wijknet_referral_events_free`.
 */
typedef struct wijknet_referral_events wijknet_referral_events;

/**
 * An immutable provider registry (organisations, teams, service areas, capacity, contact
 * persons).
 *
 * Thread-safety: never changes after creation, so one handle may be used from any number of
 * threads at once (`const wijknet_registry *` everywhere). A capacity update returns a NEW
 * handle; both must be freed. To keep one current registry that several threads update, use
 * `wijknet_shared_registry`.
 *
 * Ownership: created by `wijknet_registry_from_json`, `wijknet_registry_update_capacities`,
 * `wijknet_shared_registry_current` or `wijknet_shared_registry_update_capacities`; another
 * handle to the same value is made by `wijknet_registry_clone`; every handle is freed once by
 * `wijknet_registry_free`.
 */
typedef struct wijknet_registry wijknet_registry;

/**
 * The current registry of a host, shared by all its threads: capacity updates are installed by
 * compare-and-swap, so two writers can never both win (see
 * `wijknet_shared_registry_update_capacities`).
 *
 * Thread-safety: every function on it may be called from any number of threads at once,
 * including the ones that change it (`_update_capacities`, `_replace`); they synchronise
 * internally without locks, and readers never wait for writers.
 *
 * Ownership: created by `wijknet_shared_registry_new`, freed once by
 * `wijknet_shared_registry_free`; it has no `_clone` (share the one handle between threads).
 * Registry handles passed in are copied (their data is shared, not duplicated) and stay owned
 * by the caller; registry handles handed out are new handles the caller frees. No handle keeps
 * another alive.
 */
typedef struct wijknet_shared_registry wijknet_shared_registry;

/**
 * A calendar date (Dutch local date where the core speaks of days). Months and days count
 * from 1.
 */
typedef struct wijknet_date {
  /**
   * Year, e.g. 2026.
   */
  int32_t year;
  /**
   * Month 1-12.
   */
  uint32_t month;
  /**
   * Day of the month 1-31.
   */
  uint32_t day;
} wijknet_date;

/**
 * A borrowed UTF-8 text: `len` bytes at `ptr`, not necessarily NUL-terminated (use
 * `printf("%.*s", (int)s.len, s.ptr)`). Who owns the bytes and how long they live is said by
 * the function that hands it out; the host never frees a `wijknet_str`. An absent text is
 * `{NULL, 0}`.
 */
typedef struct wijknet_str {
  /**
   * First byte, or NULL when absent.
   */
  const char *ptr;
  /**
   * Length in bytes, without any terminating NUL.
   */
  size_t len;
} wijknet_str;

/**
 * The escalation limits the coordination-point agreement in force for a location sets: who is
 * accountable, how long a referral may stay unplaced, after how many declines it escalates.
 * Pass them to `wijknet_referral_book_check_escalation_json`.
 */
typedef struct wijknet_escalation_policy {
  /**
   * The accountable organisation id (borrowed from the agreements handle).
   */
  struct wijknet_str accountable;
  /**
   * Longest time an acute referral may stay unplaced, in seconds.
   */
  int64_t max_unplaced_acute_secs;
  /**
   * Longest time any other referral may stay unplaced, in seconds.
   */
  int64_t max_unplaced_non_acute_secs;
  /**
   * Rejections that escalate; 0 switches this trigger off.
   */
  uint32_t max_declines;
} wijknet_escalation_policy;

/**
 * The question of the typed consent check: may `discloser` share `categories` about `client`
 * with `recipient`, for `purpose`, at `at_unix_seconds`? Every code is the core's `index()`
 * (the `wijknet_data_category`, `wijknet_purpose`, `wijknet_recipient_role`, ... enums).
 * Texts are borrowed for the duration of the call only.
 */
typedef struct wijknet_consent_request {
  /**
   * Pseudonymous client id (never a BSN).
   */
  struct wijknet_str client;
  /**
   * Organisation id of who would share.
   */
  struct wijknet_str discloser;
  /**
   * A `wijknet_recipient_role` value: the discloser's role.
   */
  uint32_t discloser_role;
  /**
   * Organisation id of who would receive; `{NULL, 0}` when the recipient is named by its role
   * only (then no consent naming an organisation can allow the sharing; an objection naming
   * one still denies it).
   */
  struct wijknet_str recipient;
  /**
   * A `wijknet_recipient_role` value.
   */
  uint32_t recipient_role;
  /**
   * A `wijknet_purpose` value.
   */
  uint32_t purpose;
  /**
   * Bit `1u << c` for every `wijknet_data_category` `c` asked about; at least one.
   */
  uint32_t categories;
  /**
   * A `wijknet_consent_channel` value (`WIJKNET_CONSENT_CHANNEL_DIRECT` usually).
   */
  uint32_t channel;
  /**
   * A `wijknet_combining_policy` value (`WIJKNET_COMBINING_POLICY_MOST_SPECIFIC_WINS` is the
   * Dutch default).
   */
  uint32_t policy;
  /**
   * Whether this is an emergency (break-glass); then `emergency_reason` is read.
   */
  bool emergency;
  /**
   * A `wijknet_emergency_reason` value, read only when `emergency` is true.
   */
  uint32_t emergency_reason;
  /**
   * Organisations with a treatment relationship with the client (may be NULL when the count
   * is 0).
   */
  const struct wijknet_str *treatment_relationships;
  /**
   * Number of entries at `treatment_relationships`.
   */
  size_t treatment_relationship_count;
  /**
   * The decision time, seconds since the Unix epoch (the core never reads the clock).
   */
  int64_t at_unix_seconds;
  /**
   * Whether the host says in what form the data would be shared; then `data_form` is read.
   * Left false (a zeroed struct), monitoring and research are permitted on the condition
   * that the data is pseudonymised. Added in ABI version 3.
   */
  bool data_form_given;
  /**
   * A `wijknet_data_form` value (identified, pseudonymised, aggregated), read only when
   * `data_form_given` is true.
   */
  uint32_t data_form;
  /**
   * Whether the host says the discloser's registry kind; then `discloser_kind` is read and
   * `discloser_role` must be a role that kind can act in. Added in ABI version 4.
   */
  bool discloser_kind_given;
  /**
   * A `wijknet_organisation_kind` value, read only when `discloser_kind_given` is true.
   */
  uint32_t discloser_kind;
  /**
   * Whether the host says the recipient's registry kind (`recipient_kind` then is read and
   * `recipient_role` must be a role that kind can act in). Added in ABI version 4.
   */
  bool recipient_kind_given;
  /**
   * A `wijknet_organisation_kind` value, read only when `recipient_kind_given` is true.
   */
  uint32_t recipient_kind;
} wijknet_consent_request;

/**
 * The answer of the typed consent check, per category. Only categories that were asked about
 * are set; the three bitmasks partition them.
 */
typedef struct wijknet_consent_answer {
  /**
   * Categories that may be shared (bit `1u << wijknet_data_category`).
   */
  uint32_t permitted;
  /**
   * Categories that must not be shared: someone said no, or no basis.
   */
  uint32_t denied;
  /**
   * Categories without an applicable consent: nothing is shared, but nobody said no (ask
   * the client).
   */
  uint32_t no_applicable_consent;
  /**
   * A `wijknet_who_decides` value: who decides for this client at that time.
   */
  uint32_t who_decides;
  /**
   * Per `wijknet_data_category` index: the `wijknet_consent_basis` value that decided it
   * (0xFF for categories not asked about).
   */
  uint8_t basis[32];
  /**
   * Per `wijknet_data_category` index: the obligations when sharing, bit
   * `1u << wijknet_obligation` (log the disclosure, inform the client, pseudonymise).
   */
  uint8_t obligations[32];
} wijknet_consent_answer;

/**
 * Receives the progress of a long call. `step` is a `wijknet_progress_step` value (`READ` in
 * bytes, `CHECK` in records, `INDEX` in teams, `REPLAY` in events); `done` of `total` items of
 * that step are done (`done` is 0 when a step starts and `total` when it ends). Return `true` to
 * go on, `false` to cancel: the call then returns `WIJKNET_RESULT_CANCELLED` and has no effect
 * (no output is written).
 *
 * Called on the thread that made the call, between pieces of work, a few hundred times per step
 * at most; it must not call wijknet with the handles the running call uses, and must return
 * (no `longjmp` out of it). `user_data` is passed through untouched.
 */
typedef bool (*wijknet_progress_fn)(void *user_data,
                                    uint32_t step,
                                    uint64_t done,
                                    uint64_t total);

/**
 * Overview of a match result.
 */
typedef struct wijknet_match_summary {
  /**
   * A `wijknet_match_outcome` value.
   */
  uint32_t outcome;
  /**
   * Number of candidates (index them `0..candidate_count`).
   */
  size_t candidate_count;
  /**
   * Number of excluded teams (index them `0..exclusion_count`).
   */
  size_t exclusion_count;
  /**
   * Teams elsewhere in the country: counted, not listed.
   */
  uint32_t teams_elsewhere;
  /**
   * Whether `wijknet_match_result_accountable` has an answer (only when nobody is eligible).
   */
  bool has_accountable;
  /**
   * The registry version matched against.
   */
  uint64_t registry_version;
  /**
   * First day care is needed.
   */
  struct wijknet_date needed_from;
  /**
   * Last acceptable first day.
   */
  struct wijknet_date needed_by;
} wijknet_match_summary;

/**
 * One ranked candidate team. Texts borrow from the result handle.
 */
typedef struct wijknet_candidate {
  /**
   * 1 for the best.
   */
  uint32_t rank;
  /**
   * Team id.
   */
  struct wijknet_str team;
  /**
   * The team's organisation id.
   */
  struct wijknet_str organisation;
  /**
   * Whether the client prefers this provider (an eligible preferred provider ranks first).
   */
  bool preferred;
  /**
   * First day the team can start.
   */
  struct wijknet_date possible_start;
  /**
   * The same day as days since 1970-01-01 (handy for .NET and Java hosts).
   */
  int32_t possible_start_days;
  /**
   * A `wijknet_capacity_status` value, as the team reported it.
   */
  uint32_t capacity_status;
  /**
   * When the capacity was reported (seconds since the Unix epoch).
   */
  int64_t capacity_updated_at_unix;
  /**
   * Bit `1u << f` is set for every `wijknet_candidate_flag` `f` present.
   */
  uint32_t flags;
  /**
   * Number of agreements through which the team offers some of the care (see the JSON form
   * for their details).
   */
  uint32_t via_count;
  /**
   * Whether the fixed contact person's recorded hours include "now".
   */
  bool contact_reachable_now;
  /**
   * Whether `free_hours` holds a number: only when the request states its hours per week
   * and the team reports free hours for a needed care type it delivers itself.
   */
  bool has_free_hours;
  /**
   * The fewest free hours per week the team reports for a needed care type (0 when
   * `has_free_hours` is false); the candidate has at least the request's hours.
   */
  double free_hours;
} wijknet_candidate;

/**
 * One team that serves the area (or that the request names) but cannot take the client.
 */
typedef struct wijknet_exclusion {
  /**
   * Team id.
   */
  struct wijknet_str team;
  /**
   * The team's organisation id.
   */
  struct wijknet_str organisation;
  /**
   * A `wijknet_exclusion_reason` value: the first rule the team failed.
   */
  uint32_t reason;
  /**
   * Specifics (a care-type code, a date), never personal data.
   */
  struct wijknet_str detail;
  /**
   * Whether the request names the team's organisation among the client's preferred
   * providers, so a host can tell the client why their choice could not be honoured.
   */
  bool client_preference;
  /**
   * The sentence to show: `detail`, preceded by "the client's preferred provider: " when
   * `client_preference` is set.
   */
  struct wijknet_str explanation;
} wijknet_exclusion;

/**
 * Who answers for a client nobody can take.
 */
typedef struct wijknet_accountable {
  /**
   * The accountable organisation id.
   */
  struct wijknet_str party;
  /**
   * A `wijknet_accountable_source` value.
   */
  uint32_t source;
  /**
   * The coordination point or agreement that designates it, `{NULL, 0}` when none.
   */
  struct wijknet_str via;
} wijknet_accountable;

#ifdef __cplusplus
extern "C" {
#endif // __cplusplus

/**
 * The library version (the workspace version, e.g. `"0.1.0"`), equal to the header's
 * `WIJKNET_VERSION` when header and library match. Static, NUL-terminated, never freed.
 */
const char *wijknet_version(void);

/**
 * The ABI version of the library; equal to the header's `WIJKNET_ABI_VERSION` when header and
 * library match.
 */
uint32_t wijknet_abi_version(void);

/**
 * Panics inside the library on purpose and returns what the panic boundary makes of it:
 * always `WIJKNET_RESULT_INTERNAL`, with the last error's message saying so. For host test suites
 * that want to see their error handling cope with an internal error; it has no other effect.
 */
enum wijknet_result wijknet_test_panic(void);

/**
 * Loads and validates a `wijknet.agreements/v1` document against a registry (every party and
 * team must exist there; every problem is reported at once).
 *
 * On success writes a new handle to `*out_agreements` (caller frees it with
 * `wijknet_agreements_free`; it does not keep `registry` alive and needs no registry to be
 * freed). Errors: `NULL_ARGUMENT`, `INVALID_UTF8`, `JSON`, `SCHEMA`, `INVALID`.
 *
 * # Safety
 * `registry` NULL or live; `json` NULL or `json_len` readable bytes; `out_agreements` NULL or
 * writable.
 */
enum wijknet_result wijknet_agreements_from_json(const struct wijknet_registry *registry,
                                                 const char *json,
                                                 size_t json_len,
                                                 struct wijknet_agreements **out_agreements);

/**
 * Frees an agreements handle. NULL is a no-op; freeing twice is undefined behaviour. Clones of
 * it stay valid.
 *
 * # Safety
 * `agreements` must be NULL or a live handle not used by another thread during or after the
 * call.
 */
void wijknet_agreements_free(struct wijknet_agreements *agreements);

/**
 * A new handle to the same agreements: another owner of the same immutable value, nothing is
 * copied. The clone is freed with its own `wijknet_agreements_free`; either may be freed first,
 * and the value lives until its last handle is freed. The clone is a different pointer from
 * `agreements`.
 *
 * On success writes the clone to `*out_clone`. Errors: `NULL_ARGUMENT`.
 *
 * Thread-safety: may be called while other threads use `agreements`; the clone may be used,
 * and freed, on any thread.
 *
 * # Safety
 * `agreements` NULL or live; `out_clone` NULL or writable.
 */
enum wijknet_result wijknet_agreements_clone(const struct wijknet_agreements *agreements,
                                             struct wijknet_agreements **out_clone);

/**
 * Exports the agreements as a `wijknet.agreements/v1` JSON document.
 *
 * On success `*out_json` (NUL-terminated, `*out_len` bytes) is owned by the caller and freed
 * with `wijknet_string_free`. Errors: `NULL_ARGUMENT`.
 *
 * # Safety
 * `agreements` NULL or live; out pointers NULL or writable.
 */
enum wijknet_result wijknet_agreements_to_json(const struct wijknet_agreements *agreements,
                                               char **out_json,
                                               size_t *out_len);

/**
 * "Who covers this postcode for night care at this instant, and whom do I call?"
 *
 * `location` is a PC4 (`7514`) or PC6 (`7514AB`); `at_unix_seconds` is the instant (seconds
 * since 1970-01-01T00:00:00Z; the core never reads the clock). On success `*out_json` is
 * `{"outcome": "covered"|"nobody_on_duty", "location", "at", "duties": [{"agreement", "night",
 * "team", "organisation", "shift_start", "shift_end", "contact", "accountable"}],
 * "uncovered": [agreement ids]}`, owned by the caller (`wijknet_string_free`).
 * Errors: `NULL_ARGUMENT`, `INVALID_UTF8`, `INVALID_ARGUMENT` (malformed postcode, instant out
 * of range).
 *
 * # Safety
 * Handles NULL or live; `location` NULL or `location_len` readable bytes; out pointers NULL or
 * writable.
 */
enum wijknet_result wijknet_agreements_on_call(const struct wijknet_agreements *agreements,
                                               const struct wijknet_registry *registry,
                                               const char *location,
                                               size_t location_len,
                                               int64_t at_unix_seconds,
                                               char **out_json,
                                               size_t *out_len);

/**
 * Agreement checks: night gaps and overlaps from `today` up to `horizon_days` ahead, parties
 * or teams the registry does not know, overdue reviews, expired mandates.
 *
 * On success `*out_json` is `{"findings": [{"code", "agreement", "field", "from", "to",
 * "message"}]}`, owned by the caller (`wijknet_string_free`). Errors: `NULL_ARGUMENT`,
 * `INVALID_ARGUMENT` (impossible date).
 *
 * # Safety
 * Handles NULL or live; out pointers NULL or writable.
 */
enum wijknet_result wijknet_agreements_check(const struct wijknet_agreements *agreements,
                                             const struct wijknet_registry *registry,
                                             struct wijknet_date today,
                                             uint32_t horizon_days,
                                             char **out_json,
                                             size_t *out_len);

/**
 * Whether `provider`'s district nurse (an organisation id) may assess `care_type` (a
 * `wijknet_care_type` value) on `date` under a delegated municipal mandate.
 *
 * On success `*out_outcome` is a `wijknet_mandate_outcome` value and `*out_json` is
 * `{"outcome", "agreement", "municipality", "assessment_valid_until"}` (the mandate considered,
 * the municipality that keeps the formal decision, until when an assessment made on `date`
 * holds), owned by the caller (`wijknet_string_free`). Errors: `NULL_ARGUMENT`, `INVALID_UTF8`,
 * `INVALID_ARGUMENT` (unknown care type, impossible date).
 *
 * # Safety
 * `agreements` NULL or live; `provider` NULL or `provider_len` readable bytes; out pointers
 * NULL or writable.
 */
enum wijknet_result wijknet_agreements_may_assess(const struct wijknet_agreements *agreements,
                                                  const char *provider,
                                                  size_t provider_len,
                                                  uint32_t care_type,
                                                  struct wijknet_date date,
                                                  uint32_t *out_outcome,
                                                  char **out_json,
                                                  size_t *out_len);

/**
 * The referral escalation policy for `location` (PC4 or PC6) on `date`: the limits and the
 * accountable party of the coordination-point agreement in force there, so the limits the
 * parties agreed are the limits that escalate.
 *
 * On success fills `*out_policy`; its text borrows from `agreements` (valid until that handle is
 * freed).
 * Errors: `NULL_ARGUMENT`, `INVALID_UTF8`, `INVALID_ARGUMENT` (malformed postcode, impossible
 * date), `NOT_FOUND` (no coordination-point agreement in force there).
 *
 * # Safety
 * `agreements` NULL or live; `location` NULL or `location_len` readable bytes; `out_policy`
 * NULL or writable.
 */
enum wijknet_result wijknet_agreements_escalation_policy(const struct wijknet_agreements *agreements,
                                                         const char *location,
                                                         size_t location_len,
                                                         struct wijknet_date date,
                                                         struct wijknet_escalation_policy *out_policy);

/**
 * Number of codes of a kind (`wijknet_code_kind` value); valid indexes are `0..count`.
 *
 * Errors: `INVALID_ARGUMENT` for an unknown kind; `NULL_ARGUMENT` if `out_count` is NULL.
 *
 * # Safety
 * `out_count` must be NULL or writable.
 */
enum wijknet_result wijknet_code_count(uint32_t kind,
                                       size_t *out_count);

/**
 * The stable string code (`"wound_care"`) of integer `index` in `kind`.
 *
 * Ownership: the text is static (also NUL-terminated) and never freed. Errors:
 * `INVALID_ARGUMENT` for an unknown kind or index; `NULL_ARGUMENT` if `out_code` is NULL.
 *
 * # Safety
 * `out_code` must be NULL or writable.
 */
enum wijknet_result wijknet_code_name(uint32_t kind,
                                      uint32_t index,
                                      struct wijknet_str *out_code);

/**
 * The Dutch or English label of integer `index` in `kind` (`language` is a
 * `wijknet_label_language` value).
 *
 * Ownership: static (also NUL-terminated), never freed. Errors: `INVALID_ARGUMENT` for an
 * unknown kind, index or language; `NULL_ARGUMENT` if `out_label` is NULL.
 *
 * # Safety
 * `out_label` must be NULL or writable.
 */
enum wijknet_result wijknet_code_label(uint32_t kind,
                                       uint32_t index,
                                       uint32_t language,
                                       struct wijknet_str *out_label);

/**
 * The integer of string code `code` (`code_len` bytes of UTF-8) in `kind`.
 *
 * Errors: `NOT_FOUND` when the kind has no such code; `INVALID_ARGUMENT` for an unknown kind;
 * `NULL_ARGUMENT`; `INVALID_UTF8`.
 *
 * # Safety
 * `code` must be NULL or point to `code_len` readable bytes; `out_index` NULL or writable.
 */
enum wijknet_result wijknet_code_index(uint32_t kind,
                                       const char *code,
                                       size_t code_len,
                                       uint32_t *out_index);

/**
 * Loads and validates a `wijknet.consent/v1` store document; every problem is reported at once,
 * and no message or path ever contains a BSN, a name or a date of birth.
 *
 * On success writes a new handle to `*out_store` (caller frees it with
 * `wijknet_consent_store_free`). Errors: `NULL_ARGUMENT`, `INVALID_UTF8`, `JSON`, `SCHEMA`,
 * `INVALID`.
 *
 * # Safety
 * `json` NULL or `json_len` readable bytes; `out_store` NULL or writable.
 */
enum wijknet_result wijknet_consent_store_from_json(const char *json,
                                                    size_t json_len,
                                                    struct wijknet_consent_store **out_store);

/**
 * Frees a consent store. NULL is a no-op; freeing twice is undefined behaviour. Clones of it
 * stay valid.
 *
 * # Safety
 * `store` must be NULL or a live handle not used by another thread during or after the call.
 */
void wijknet_consent_store_free(struct wijknet_consent_store *store);

/**
 * A new handle to the same consent store: another owner of the same immutable value, nothing is
 * copied. The clone is freed with its own `wijknet_consent_store_free`; either may be freed first,
 * and the value lives until its last handle is freed. The clone is a different pointer from
 * `store`.
 *
 * On success writes the clone to `*out_clone`. Errors: `NULL_ARGUMENT`.
 *
 * Thread-safety: may be called while other threads use `store`; the clone may be used, and
 * freed, on any thread.
 *
 * # Safety
 * `store` NULL or live; `out_clone` NULL or writable.
 */
enum wijknet_result wijknet_consent_store_clone(const struct wijknet_consent_store *store,
                                                struct wijknet_consent_store **out_clone);

/**
 * Exports the store as its `wijknet.consent/v1` document; `*out_json` is owned by the caller
 * and freed with `wijknet_string_free`. Errors: `NULL_ARGUMENT`.
 *
 * # Safety
 * `store` NULL or live; out pointers NULL or writable.
 */
enum wijknet_result wijknet_consent_store_to_json(const struct wijknet_consent_store *store,
                                                  char **out_json,
                                                  size_t *out_len);

/**
 * The store's data version label (part of every audit record). Borrowed from `store`, valid
 * until that handle is freed. Errors: `NULL_ARGUMENT`.
 *
 * # Safety
 * `store` NULL or live; `out_version` NULL or writable.
 */
enum wijknet_result wijknet_consent_store_version(const struct wijknet_consent_store *store,
                                                  struct wijknet_str *out_version);

/**
 * JSON in, JSON out: decides `request_json` (the consent request shape of
 * `tests/vectors/consent/README.md`) at `at` (RFC 3339 text, e.g. `2026-03-01T10:00:00Z`).
 *
 * `agreements` may be NULL: the request is decided as it is. When given, what the agreements
 * know is added to the request first: the organisations of a case-coordination agreement for
 * the client have a treatment relationship, and the discloser's data-sharing agreements are
 * offered as a basis (on the Dutch date of `at`). Facts the request already gives are kept.
 *
 * On success `*out_json` is `{"decision": {"client", "at", "policy", "who_decides",
 * "categories": [{"category", "outcome", "basis", "provision"?, "obligations"}]},
 * "audit": {"decision_id", "inputs_hash", "data_version", ...}}`, plus `"trace"` (why every
 * consent and objection did or did not apply) when `with_trace` is true; owned by the caller,
 * freed with `wijknet_string_free`. Errors: `NULL_ARGUMENT`, `INVALID_UTF8`, `JSON` (also for a
 * malformed `at`), `INVALID` (no categories), `NOT_FOUND` (unknown client).
 *
 * # Safety
 * `store` NULL or live; `agreements` NULL or live; texts NULL or readable for their lengths; out
 * pointers NULL or writable.
 */
enum wijknet_result wijknet_consent_decide_json(const struct wijknet_consent_store *store,
                                                const struct wijknet_agreements *agreements,
                                                const char *request_json,
                                                size_t request_len,
                                                const char *at,
                                                size_t at_len,
                                                bool with_trace,
                                                char **out_json,
                                                size_t *out_len);

/**
 * The typed fast path for high-volume checks: integer codes in, bitmasks and codes out, no
 * JSON.
 *
 * `agreements` may be NULL: the query is decided as it is. When given, what the agreements know
 * is added to the question: case-team organisations count as treatment relationships and the
 * discloser's data-sharing agreements are a basis (on the Dutch date of `at_unix_seconds`).
 *
 * On success fills `*out_answer`. Errors: `NULL_ARGUMENT` (also for a NULL text inside the
 * query, or NULL `treatment_relationships` with a non-zero count), `INVALID_UTF8`,
 * `INVALID_ARGUMENT` (unknown code or category bit, malformed id, instant out of range),
 * `INVALID` (no categories), `NOT_FOUND` (unknown client).
 *
 * Thread-safety: any number of threads may check against one store at once.
 *
 * # Safety
 * `store` NULL or live; `agreements` NULL or live; `query` NULL or a readable query whose texts
 * and list are valid for the call; `out_answer` NULL or writable.
 */
enum wijknet_result wijknet_consent_check(const struct wijknet_consent_store *store,
                                          const struct wijknet_agreements *agreements,
                                          const struct wijknet_consent_request *query,
                                          struct wijknet_consent_answer *out_answer);

/**
 * The stable name of a result code (`"ok"`, `"null_argument"`, `"invalid"`, ...), or
 * `"unknown"` for a value that is no `wijknet_result`: a static, NUL-terminated string that is
 * never freed. Takes the code as an integer so any value a host passes is safe. Never fails.
 */
const char *wijknet_result_name(uint32_t code);

/**
 * The code of the last failed call on this thread, or `WIJKNET_RESULT_OK` when the last call
 * succeeded (or none was made). Never fails, never changes the last error.
 *
 * While a thread is exiting (e.g. in a `pthread_key_create` destructor or a C++ `thread_local`
 * destructor) the per-thread slot may already be destroyed. Every wijknet call there still
 * works and returns its result code, but its details are not kept: all `wijknet_last_error_*`
 * functions then answer as if no failure was recorded (`WIJKNET_RESULT_OK`, empty texts, no
 * problems). Rely on the returned code in such code paths. (With glibc, a thread whose first
 * wijknet call happens during its exit cannot have its slot freed any more: a few dozen bytes
 * plus the last failure's text stay allocated for that thread.)
 */
enum wijknet_result wijknet_last_error_code(void);

/**
 * The last failure's string code on this thread: the core's code (`json`, `schema`, `invalid`,
 * `version_conflict`, `not_found`, ...) or the binding's (`null_argument`, `invalid_utf8`,
 * `invalid_argument`, `out_of_range`, `internal`); empty when the last call succeeded.
 *
 * Ownership: the text is borrowed from this thread's last-error slot and stays valid until the
 * next wijknet call on this thread other than a `wijknet_last_error_*` call. Never fails.
 */
struct wijknet_str wijknet_last_error_code_name(void);

/**
 * The last failure's message on this thread (lowercase; it never repeats a value of the input,
 * and ids it names are cut short or left out), or an empty string.
 * `ptr` is NUL-terminated as well as `len` long.
 *
 * Ownership: borrowed, valid until the next wijknet call on this thread other than a
 * `wijknet_last_error_*` call. Never fails.
 */
struct wijknet_str wijknet_last_error_message(void);

/**
 * The last failure on this thread as a JSON object
 * `{"code": string code, "message": text, "problems": [{"path", "reason"}]}` (the shape the
 * conformance vectors' `expected_error` patterns are written against), or an empty string.
 *
 * Ownership: borrowed, valid until the next wijknet call on this thread other than a
 * `wijknet_last_error_*` call. Never fails.
 */
struct wijknet_str wijknet_last_error_json(void);

/**
 * Number of `(path, reason)` problems of the last failure on this thread: every rule violation
 * for `WIJKNET_RESULT_INVALID`, one for `JSON` and `SCHEMA`, usually 0 otherwise. Never fails.
 */
size_t wijknet_last_error_problem_count(void);

/**
 * Problem `index` of the last failure on this thread: `path` is a JSON path rooted at the
 * document, such as `$.teams[3].area.pc4[0]` (`$` for the whole document), `reason` says what
 * is wrong and what was expected, never the value found.
 *
 * Returns `WIJKNET_RESULT_NULL_ARGUMENT` if an out pointer is NULL and
 * `WIJKNET_RESULT_OUT_OF_RANGE` if `index >= wijknet_last_error_problem_count()`; this function
 * never changes the last error itself. Outputs are written only on success.
 *
 * Ownership: both texts are borrowed (NUL-terminated too), valid until the next wijknet call on
 * this thread other than a `wijknet_last_error_*` call.
 *
 * # Safety
 * `out_path` and `out_reason` must be NULL or point to writable `wijknet_str`s.
 */
enum wijknet_result wijknet_last_error_problem(size_t index,
                                               struct wijknet_str *out_path,
                                               struct wijknet_str *out_reason);

/**
 * Frees a string that wijknet allocated (every `char **out_json`-style output). NULL is a
 * no-op. Freeing the same string twice, or a string not allocated by wijknet, is undefined
 * behaviour. Never fails.
 *
 * # Safety
 * `text` must be NULL or a string returned by wijknet that was not freed yet.
 */
void wijknet_string_free(char *text);

/**
 * Reads a FHIR R4 Bundle (`searchset`, `collection`, `transaction` or `history`) of IHE mCSD /
 * nl-gf resources (Organization, Location, HealthcareService, PractitionerRole, Practitioner,
 * OrganizationAffiliation, Endpoint) into a directory; `json_len` bytes of UTF-8 JSON, no
 * terminating NUL needed.
 *
 * On success writes a new handle to `*out_directory`; the caller owns it and frees it with
 * `wijknet_fhir_directory_free`. Errors: `NULL_ARGUMENT`, `INVALID_UTF8`, `JSON` (malformed, a
 * key twice, a bound exceeded: the first problem), `INVALID` (every problem at once, at paths
 * such as `Bundle.entry[3].resource.coverageArea[0]`). `*out_directory` is written only on
 * success.
 *
 * # Safety
 * `json` must be NULL or point to `json_len` readable bytes; `out_directory` NULL or writable.
 */
enum wijknet_result wijknet_fhir_directory_from_json(const char *json,
                                                     size_t json_len,
                                                     struct wijknet_fhir_directory **out_directory);

/**
 * `wijknet_fhir_directory_from_json`, reporting progress to `progress` (may be NULL: no
 * reports) with `user_data`, and cancellable from it. Three steps, each reported at its start
 * and end: `READ` (bytes), `CHECK` (the Bundle's entries) and `INDEX` (resources).
 *
 * Ownership: on success `*out_directory` is a new handle the caller frees with
 * `wijknet_fhir_directory_free`; written only on success. Errors: those of
 * `wijknet_fhir_directory_from_json`, and `CANCELLED`.
 *
 * # Safety
 * `json` must be NULL or point to `json_len` readable bytes; `out_directory` NULL or writable;
 * `progress`, when not NULL, callable with `user_data` during the call.
 */
enum wijknet_result wijknet_fhir_directory_from_json_progress(const char *json,
                                                              size_t json_len,
                                                              wijknet_progress_fn progress,
                                                              void *user_data,
                                                              struct wijknet_fhir_directory **out_directory);

/**
 * Frees a directory handle. NULL is a no-op; freeing a handle twice is undefined behaviour.
 * Registry handles taken from it and directories derived from it stay valid.
 *
 * # Safety
 * `directory` must be NULL or a live handle not used by another thread during or after the call.
 */
void wijknet_fhir_directory_free(struct wijknet_fhir_directory *directory);

/**
 * A new handle to the same directory: another owner of the same immutable value, nothing is
 * copied. The clone is freed with its own `wijknet_fhir_directory_free`; either may be freed
 * first. The clone is a different pointer from `directory`.
 *
 * On success writes the clone to `*out_clone`. Errors: `NULL_ARGUMENT`.
 *
 * # Safety
 * `directory` NULL or live; `out_clone` NULL or writable.
 */
enum wijknet_result wijknet_fhir_directory_clone(const struct wijknet_fhir_directory *directory,
                                                 struct wijknet_fhir_directory **out_clone);

/**
 * Applies a FHIR `_history` Bundle (newest entry first, as FHIR lists history) or a
 * `transaction` of PUT, POST and DELETE entries, and returns a NEW directory; `directory` is
 * unchanged and stays valid. A team's capacity change must name the next capacity version (the
 * current one plus one) in wijknet's capacity extension, or nothing is applied.
 *
 * On success writes a new handle to `*out_directory` (caller frees it with
 * `wijknet_fhir_directory_free`, independently of `directory`). Errors: `NULL_ARGUMENT`,
 * `INVALID_UTF8`, `JSON`, `INVALID` (every problem, at `Bundle.entry[i]...` paths),
 * `VERSION_CONFLICT` (a capacity change based on another version: re-read and retry).
 *
 * # Safety
 * `directory` NULL or live; `json` NULL or `json_len` readable bytes; `out_directory` NULL or
 * writable.
 */
enum wijknet_result wijknet_fhir_directory_apply_history(const struct wijknet_fhir_directory *directory,
                                                         const char *json,
                                                         size_t json_len,
                                                         struct wijknet_fhir_directory **out_directory);

/**
 * The directory's registry, as a NEW registry handle (sharing the directory's data, nothing is
 * copied) that every `wijknet_registry_*` function takes.
 *
 * On success writes the handle to `*out_registry`; the caller owns it and frees it with
 * `wijknet_registry_free`, before or after the directory. Errors: `NULL_ARGUMENT`.
 *
 * # Safety
 * `directory` NULL or live; `out_registry` NULL or writable.
 */
enum wijknet_result wijknet_fhir_directory_registry(const struct wijknet_fhir_directory *directory,
                                                    struct wijknet_registry **out_registry);

/**
 * Reads a FHIR Bundle of mCSD resources straight into a registry, for a host that applies no
 * `_history` Bundle later (one that does keeps a `wijknet_fhir_directory`). As
 * `wijknet_fhir_directory_from_json` followed by `wijknet_fhir_directory_registry`.
 *
 * On success writes a new handle to `*out_registry` (caller frees it with
 * `wijknet_registry_free`). Errors: as `wijknet_fhir_directory_from_json`.
 *
 * # Safety
 * `json` NULL or `json_len` readable bytes; `out_registry` NULL or writable.
 */
enum wijknet_result wijknet_registry_from_fhir(const char *json,
                                               size_t json_len,
                                               struct wijknet_registry **out_registry);

/**
 * Exports the registry, with current capacity, as a FHIR R4 Bundle of mCSD resources:
 * `bundle_type` `WIJKNET_FHIR_BUNDLE_COLLECTION`, `_TRANSACTION` or `_SEARCHSET`. Reading
 * it back (`wijknet_registry_from_fhir`) gives an equal registry.
 *
 * On success `*out_json` is a NUL-terminated UTF-8 string of `*out_len` bytes, owned by the
 * caller and freed with `wijknet_string_free`. Errors: `NULL_ARGUMENT`, `INVALID_ARGUMENT`
 * (another `bundle_type`).
 *
 * # Safety
 * `registry` NULL or live; out pointers NULL or writable.
 */
enum wijknet_result wijknet_registry_to_fhir(const struct wijknet_registry *registry,
                                             uint32_t bundle_type,
                                             char **out_json,
                                             size_t *out_len);

/**
 * Reads FHIR R4 Consents (a Bundle of them, or one Consent) into a NEW consent store, with the
 * clients and the data version of `clients`: the clients are the host's own patient data (ids,
 * BSNs, dates of birth, representatives), which no Consent carries, so the host passes the
 * store it keeps them in (loaded from its `wijknet.consent/v1` document; that store's consents
 * and objections are not used, and it stays the caller's).
 *
 * On success writes a new handle to `*out_store` (caller frees it with
 * `wijknet_consent_store_free`). Errors: `NULL_ARGUMENT`, `INVALID_UTF8`, `JSON`, `INVALID`
 * (every problem at once, at paths such as `Bundle.entry[0].resource.provision.actor[1]`; a
 * Consent for a client `clients` does not know is one of them).
 *
 * # Safety
 * `clients` NULL or live; `json` NULL or `json_len` readable bytes; `out_store` NULL or writable.
 */
enum wijknet_result wijknet_consent_store_from_fhir(const struct wijknet_consent_store *clients,
                                                    const char *json,
                                                    size_t json_len,
                                                    struct wijknet_consent_store **out_store);

/**
 * Exports the store's consents and objections as a FHIR `collection` Bundle of Consents (each
 * names its client as `Patient/<client id>`, with the BSN as identifier when the store holds
 * one: the host's own data, as `wijknet_consent_store_to_json` exports it). Reading it back with
 * `wijknet_consent_store_from_fhir` and the same store gives an equal store.
 *
 * On success `*out_json` is a NUL-terminated UTF-8 string of `*out_len` bytes, owned by the
 * caller and freed with `wijknet_string_free`. Errors: `NULL_ARGUMENT`.
 *
 * # Safety
 * `store` NULL or live; out pointers NULL or writable.
 */
enum wijknet_result wijknet_consent_store_to_fhir(const struct wijknet_consent_store *store,
                                                  char **out_json,
                                                  size_t *out_len);

/**
 * A decision's audit record (`audit_json`: the `"audit"` object of
 * `wijknet_consent_decide_json`'s answer, as the host stored it) as a FHIR R4 AuditEvent.
 * `bsn` (`bsn_len` bytes) is the client's citizen service number when the host must log it: it
 * then appears once, as the patient's identifier. NULL `bsn` means none (`bsn_len` is then
 * ignored); wijknet never adds one by itself.
 *
 * On success `*out_json` is a NUL-terminated UTF-8 string of `*out_len` bytes, owned by the
 * caller and freed with `wijknet_string_free`. Errors: `NULL_ARGUMENT`, `INVALID_UTF8`, `JSON`
 * (the record: malformed, a wrong type, an unknown field, at its `$` path), `INVALID` (`bsn` not
 * a valid citizen service number, at path `bsn`; the message never repeats it).
 *
 * # Safety
 * `audit_json` NULL or `audit_len` readable bytes; `bsn` NULL or `bsn_len` readable bytes; out
 * pointers NULL or writable.
 */
enum wijknet_result wijknet_audit_event_to_fhir(const char *audit_json,
                                                size_t audit_len,
                                                const char *bsn,
                                                size_t bsn_len,
                                                char **out_json,
                                                size_t *out_len);

/**
 * Reads referral events from a FHIR `history` Bundle of ServiceRequest and Task versions (as
 * `wijknet_referral_events_to_fhir` writes it, or any such history: each version's status
 * change says which event it was), in the order they happened, into a NEW events list for
 * `wijknet_referral_book_apply`.
 *
 * On success writes a new handle to `*out_events` (caller frees it with
 * `wijknet_referral_events_free`). Errors: `NULL_ARGUMENT`, `INVALID_UTF8`, `JSON`, `INVALID`
 * (every problem, at `Bundle.entry[i]...` paths).
 *
 * # Safety
 * `json` NULL or `json_len` readable bytes; `out_events` NULL or writable.
 */
enum wijknet_result wijknet_referral_events_from_fhir(const char *json,
                                                      size_t json_len,
                                                      struct wijknet_referral_events **out_events);

/**
 * Writes an events list (in the order applied) as a FHIR `history` Bundle of ServiceRequest
 * and Task versions, newest first; `wijknet_referral_events_from_fhir` reads it back to events
 * that replay to the same referral book.
 *
 * On success `*out_json` is a NUL-terminated UTF-8 string of `*out_len` bytes, owned by the
 * caller and freed with `wijknet_string_free`. Errors: `NULL_ARGUMENT`, and the codes of
 * `wijknet_referral_book_apply` when the events do not replay (a refused event has no version
 * to write).
 *
 * # Safety
 * `events` NULL or live; out pointers NULL or writable.
 */
enum wijknet_result wijknet_referral_events_to_fhir(const struct wijknet_referral_events *events,
                                                    char **out_json,
                                                    size_t *out_len);

/**
 * Merges several directories, each read on its own (one per organisation, as Generic Function
 * Addressing publishes them), into a NEW directory. A resource two sources both hold is taken
 * once when both say the same; when they differ, the version with the later `meta.lastUpdated`
 * wins; when neither is later, nothing is guessed: `INVALID`, with a problem naming both at
 * `source[i].` + the path each was read at. Resources keep the order of the first source that has
 * them; the registry version is the highest of the sources'.
 *
 * `directories` points to `count` handles (each non-NULL and live; the same handle may appear
 * twice); they are not taken over and stay valid. On success writes a new handle to
 * `*out_directory` (caller frees it with `wijknet_fhir_directory_free`). Errors:
 * `NULL_ARGUMENT` (`directories` NULL with a `count` above 0, or a NULL element),
 * `INVALID_ARGUMENT` (`count` above `WIJKNET_FHIR_MERGE_MAX`), `INVALID` (sources that disagree,
 * or a merged directory that is not a valid registry).
 *
 * # Safety
 * `directories` NULL or `count` readable handle pointers, each NULL or live; `out_directory`
 * NULL or writable.
 */
enum wijknet_result wijknet_fhir_directory_merge(const struct wijknet_fhir_directory *const *directories,
                                                 size_t count,
                                                 struct wijknet_fhir_directory **out_directory);

/**
 * Starts a shared current directory with `directory` as its current value.
 *
 * `directory` is NOT taken over: the caller still owns it and may free it at any time. On
 * success writes a new handle to `*out_shared`; the caller frees it with
 * `wijknet_fhir_shared_directory_free`. Errors: `NULL_ARGUMENT`.
 *
 * # Safety
 * `directory` NULL or live; `out_shared` NULL or writable.
 */
enum wijknet_result wijknet_fhir_shared_directory_new(const struct wijknet_fhir_directory *directory,
                                                      struct wijknet_fhir_shared_directory **out_shared);

/**
 * Frees a shared directory. NULL is a no-op; freeing it twice is undefined behaviour. Directory
 * handles obtained from it stay valid.
 *
 * # Safety
 * `shared` must be NULL or a live handle that no other thread uses during or after the call.
 */
void wijknet_fhir_shared_directory_free(struct wijknet_fhir_shared_directory *shared);

/**
 * The current directory, as a NEW directory handle: a snapshot that never changes, whatever is
 * installed after it was taken. Never waits for a writer.
 *
 * On success writes the handle to `*out_directory`; the caller frees it with
 * `wijknet_fhir_directory_free`, independently of `shared`. Errors: `NULL_ARGUMENT`.
 *
 * # Safety
 * `shared` NULL or live; `out_directory` NULL or writable.
 */
enum wijknet_result wijknet_fhir_shared_directory_current(const struct wijknet_fhir_shared_directory *shared,
                                                          struct wijknet_fhir_directory **out_directory);

/**
 * Applies a FHIR `_history` (or transaction) Bundle to the current directory and installs the
 * result, which is also returned. The result is installed only if the directory it was computed
 * from is still current; when another thread installed one in between, the Bundle is applied
 * again to that newer directory, so concurrent writers behave as if they ran one after the
 * other.
 *
 * On success writes a NEW directory handle (the value installed by this call) to
 * `*out_directory`; the caller frees it with `wijknet_fhir_directory_free`. On failure nothing
 * is installed. Errors: as `wijknet_fhir_directory_apply_history`; `VERSION_CONFLICT` when a
 * capacity change is based on a version another writer already replaced (take a new snapshot,
 * decide again, retry).
 *
 * # Safety
 * `shared` NULL or live; `json` NULL or `json_len` readable bytes; `out_directory` NULL or
 * writable.
 */
enum wijknet_result wijknet_fhir_shared_directory_apply_history(struct wijknet_fhir_shared_directory *shared,
                                                                const char *json,
                                                                size_t json_len,
                                                                struct wijknet_fhir_directory **out_directory);

/**
 * Installs `directory` (typically a newly read full Bundle) as the current directory, whatever is
 * current. Last writer wins, on purpose: a full directory supersedes the old one.
 *
 * `directory` is NOT taken over: the caller still owns it and may free it at any time. Errors:
 * `NULL_ARGUMENT`.
 *
 * # Safety
 * `shared` and `directory` NULL or live.
 */
enum wijknet_result wijknet_fhir_shared_directory_replace(struct wijknet_fhir_shared_directory *shared,
                                                          const struct wijknet_fhir_directory *directory);

/**
 * The instant (seconds since the Unix epoch) of a Dutch local date and time (Europe/Amsterdam),
 * for hosts whose users give wall-clock times, e.g. before `wijknet_agreements_on_call`.
 *
 * `hour` 0-23 and `minute` 0-59 are the wall clock. `occurrence` points to a
 * `wijknet_occurrence` (`WIJKNET_OCCURRENCE_FIRST`: summer time, `..._SECOND`: winter time) when
 * the caller says which moment a repeated time means, or is NULL; it is needed only for the
 * hour the clocks go back (02:00-03:00 on the last Sunday of October) and ignored otherwise.
 *
 * Errors: `NULL_ARGUMENT` (`out_unix_seconds`); `INVALID_ARGUMENT` (impossible date or time,
 * unknown occurrence); `LOCAL_TIME` when the time does not exist (the hour the clocks skip on
 * the last Sunday of March: problem path `$.time`) or happens twice and `occurrence` is NULL
 * (path `$.occurrence`). wijknet never guesses either.
 *
 * # Safety
 * `occurrence` NULL or readable; `out_unix_seconds` NULL or writable.
 */
enum wijknet_result wijknet_local_instant(struct wijknet_date date,
                                          uint32_t hour,
                                          uint32_t minute,
                                          const uint32_t *occurrence,
                                          int64_t *out_unix_seconds);

/**
 * Matches a request (request JSON: `{"location", "care_types", "urgency"?, "desired_start"?,
 * "latest_start"?, "times_of_day"?, "insurer"?, "policy"?, "contracted_only"?,
 * "min_nurse_level"?, "languages"?, "preferred_providers"?, "refused_providers"?}`) against the
 * registry, at instant `now_unix_seconds` (the core never reads the clock); capacity older than
 * `stale_after_hours` is flagged stale (72 is the usual choice).
 *
 * `agreements` may be NULL: the registry alone. When given, the agreements are applied:
 * subcontracted care, shared specialist teams, night rotations, and the accountable
 * coordination point.
 *
 * On success writes a new result handle to `*out_result`, owned by the caller and freed with
 * `wijknet_match_result_free`. Errors: `NULL_ARGUMENT`, `INVALID_UTF8`, `JSON`, `INVALID`
 * (every problem of the request, including unknown insurer or providers), `INVALID_ARGUMENT`.
 *
 * Thread-safety: any number of threads may match against the same registry at once.
 *
 * # Safety
 * `registry` NULL or live; `agreements` NULL or live; `request_json` NULL or `request_len`
 * readable bytes; `out_result` NULL or writable.
 */
enum wijknet_result wijknet_match(const struct wijknet_registry *registry,
                                  const struct wijknet_agreements *agreements,
                                  const char *request_json,
                                  size_t request_len,
                                  int64_t now_unix_seconds,
                                  uint32_t stale_after_hours,
                                  struct wijknet_match_result **out_result);

/**
 * JSON in, JSON out: matches `request_json` against the registry (with the agreements applied
 * when `agreements` is not NULL, as `wijknet_match`) with `options_json` (`{"now": RFC 3339
 * instant, "stale_after_hours": n}`), and writes the match result document (`outcome`,
 * `location`, `needed_from`, `needed_by`, `candidates`, `excluded`, `teams_elsewhere`,
 * `accountable`, `registry_version`) to `*out_json` (NUL-terminated, `*out_len` bytes), owned by
 * the caller and freed with `wijknet_string_free`.
 *
 * Errors: as `wijknet_match`, plus `JSON`/`INVALID` for the options.
 *
 * # Safety
 * `registry` NULL or live; `agreements` NULL or live; texts NULL or readable for their lengths;
 * out pointers NULL or writable.
 */
enum wijknet_result wijknet_match_json(const struct wijknet_registry *registry,
                                       const struct wijknet_agreements *agreements,
                                       const char *request_json,
                                       size_t request_len,
                                       const char *options_json,
                                       size_t options_len,
                                       char **out_json,
                                       size_t *out_len);

/**
 * Frees a match result. NULL is a no-op; freeing twice is undefined behaviour. Texts borrowed
 * through it become invalid; clones of it stay valid.
 *
 * # Safety
 * `result` must be NULL or a live handle not used by another thread during or after the call.
 */
void wijknet_match_result_free(struct wijknet_match_result *result);

/**
 * A new handle to the same match result: another owner of the same immutable value, nothing is
 * copied. The clone is freed with its own `wijknet_match_result_free`; either may be freed first,
 * and the value lives until its last handle is freed. The clone is a different pointer from
 * `result`; texts read through the clone are valid until the clone is freed.
 *
 * On success writes the clone to `*out_clone`. Errors: `NULL_ARGUMENT`.
 *
 * Thread-safety: may be called while other threads use `result`; the clone may be used, and
 * freed, on any thread.
 *
 * # Safety
 * `result` NULL or live; `out_clone` NULL or writable.
 */
enum wijknet_result wijknet_match_result_clone(const struct wijknet_match_result *result,
                                               struct wijknet_match_result **out_clone);

/**
 * The result as the JSON document `wijknet_match_json` returns; `*out_json` is owned by the
 * caller and freed with `wijknet_string_free`. Errors: `NULL_ARGUMENT`.
 *
 * # Safety
 * `result` NULL or live; out pointers NULL or writable.
 */
enum wijknet_result wijknet_match_result_to_json(const struct wijknet_match_result *result,
                                                 char **out_json,
                                                 size_t *out_len);

/**
 * MatchOutcome, counts, window and registry version of a result. Errors: `NULL_ARGUMENT`.
 *
 * # Safety
 * `result` NULL or live; `out_summary` NULL or writable.
 */
enum wijknet_result wijknet_match_result_summary(const struct wijknet_match_result *result,
                                                 struct wijknet_match_summary *out_summary);

/**
 * Candidate `index` (0 = rank 1). Texts borrow from `result`. Errors: `NULL_ARGUMENT`,
 * `OUT_OF_RANGE` when `index >= candidate_count`.
 *
 * # Safety
 * `result` NULL or live; `out_candidate` NULL or writable.
 */
enum wijknet_result wijknet_match_result_candidate(const struct wijknet_match_result *result,
                                                   size_t index,
                                                   struct wijknet_candidate *out_candidate);

/**
 * Excluded team `index`, in registry order. Texts borrow from `result`. Errors:
 * `NULL_ARGUMENT`, `OUT_OF_RANGE` when `index >= exclusion_count`.
 *
 * # Safety
 * `result` NULL or live; `out_exclusion` NULL or writable.
 */
enum wijknet_result wijknet_match_result_exclusion(const struct wijknet_match_result *result,
                                                   size_t index,
                                                   struct wijknet_exclusion *out_exclusion);

/**
 * The accountable party when nobody can take the client. Texts borrow from `result`.
 * Errors: `NULL_ARGUMENT`; `NOT_FOUND` when the result names none (`has_accountable` false).
 *
 * # Safety
 * `result` NULL or live; `out_accountable` NULL or writable.
 */
enum wijknet_result wijknet_match_result_accountable(const struct wijknet_match_result *result,
                                                     struct wijknet_accountable *out_accountable);

/**
 * `wijknet_registry_from_json`, reporting progress to `progress` (may be NULL: no reports)
 * with `user_data`, and cancellable from it. Three steps (`READ`, `CHECK`, `INDEX`), each
 * reported at its start and end.
 *
 * Ownership: on success `*out_registry` is a new handle the caller frees with
 * `wijknet_registry_free`; written only on success. Errors: those of
 * `wijknet_registry_from_json`, and `CANCELLED`.
 *
 * # Safety
 * `json` must be NULL or point to `json_len` readable bytes; `out_registry` NULL or writable;
 * `progress`, when not NULL, callable with `user_data` during the call.
 */
enum wijknet_result wijknet_registry_from_json_progress(const char *json,
                                                        size_t json_len,
                                                        wijknet_progress_fn progress,
                                                        void *user_data,
                                                        struct wijknet_registry **out_registry);

/**
 * `wijknet_consent_store_from_json`, reporting progress to `progress` (may be NULL: no reports)
 * with `user_data`, and cancellable from it. Two steps, each reported at its start and end:
 * `READ` (bytes) and `INDEX` (clients, consents and objections).
 *
 * Ownership: on success `*out_store` is a new handle the caller frees with
 * `wijknet_consent_store_free`; written only on success. Errors: those of
 * `wijknet_consent_store_from_json`, and `CANCELLED`.
 *
 * # Safety
 * `json` must be NULL or point to `json_len` readable bytes; `out_store` NULL or writable;
 * `progress`, when not NULL, callable with `user_data` during the call.
 */
enum wijknet_result wijknet_consent_store_from_json_progress(const char *json,
                                                             size_t json_len,
                                                             wijknet_progress_fn progress,
                                                             void *user_data,
                                                             struct wijknet_consent_store **out_store);

/**
 * `wijknet_referral_events_from_json`, reporting progress (`READ` in bytes, then `CHECK` in
 * events) to `progress` (may be NULL) with `user_data`, and cancellable from it.
 *
 * Ownership: on success `*out_events` is a new handle the caller frees with
 * `wijknet_referral_events_free`; written only on success. Errors: those of
 * `wijknet_referral_events_from_json`, and `CANCELLED`.
 *
 * # Safety
 * `json` must be NULL or point to `json_len` readable bytes; `out_events` NULL or writable;
 * `progress`, when not NULL, callable with `user_data` during the call.
 */
enum wijknet_result wijknet_referral_events_from_json_progress(const char *json,
                                                               size_t json_len,
                                                               wijknet_progress_fn progress,
                                                               void *user_data,
                                                               struct wijknet_referral_events **out_events);

/**
 * A new book with every event of `events` applied in order (a region's or the country's
 * history), reporting progress (`REPLAY`, in events) to `progress` (may be NULL) with
 * `user_data`, and cancellable from it. The first refused event is the error (as
 * `wijknet_referral_book_apply` reports it).
 *
 * Ownership: `events` is borrowed for the call; on success `*out_book` is a new handle the
 * caller frees with `wijknet_referral_book_free`; written only on success. Errors:
 * `NULL_ARGUMENT`, the lifecycle errors (`TRANSITION`, `WRONG_ACTOR`, `DUPLICATE_EVENT`,
 * `NOT_FOUND`, `INVALID`), `CANCELLED`.
 *
 * # Safety
 * `events` must be NULL or a live handle; `out_book` NULL or writable; `progress`, when not
 * NULL, callable with `user_data` during the call.
 */
enum wijknet_result wijknet_referral_book_replay(const struct wijknet_referral_events *events,
                                                 wijknet_progress_fn progress,
                                                 void *user_data,
                                                 struct wijknet_referral_book **out_book);

/**
 * Creates an empty referral book. The caller owns it and frees it with
 * `wijknet_referral_book_free`. Errors: `NULL_ARGUMENT`.
 *
 * # Safety
 * `out_book` NULL or writable.
 */
enum wijknet_result wijknet_referral_book_new(struct wijknet_referral_book **out_book);

/**
 * Frees a referral book. NULL is a no-op; freeing twice is undefined behaviour.
 *
 * # Safety
 * `book` must be NULL or a live handle not used by another thread during or after the call.
 */
void wijknet_referral_book_free(struct wijknet_referral_book *book);

/**
 * Parses and validates an events document (`{"schema": "wijknet.referral-events/v1",
 * "events": [...]}`), reporting every problem with its path (`events[3].reason.code`).
 * Lifecycle rules are checked when events are applied, not here.
 *
 * On success writes a new handle to `*out_events` (caller frees it with
 * `wijknet_referral_events_free`). Errors: `NULL_ARGUMENT`, `INVALID_UTF8`, `JSON`, `SCHEMA`,
 * `INVALID`.
 *
 * # Safety
 * `json` NULL or `json_len` readable bytes; `out_events` NULL or writable.
 */
enum wijknet_result wijknet_referral_events_from_json(const char *json,
                                                      size_t json_len,
                                                      struct wijknet_referral_events **out_events);

/**
 * Frees an events list. NULL is a no-op; freeing twice is undefined behaviour. Clones of it
 * stay valid.
 *
 * # Safety
 * `events` must be NULL or a live handle not used by another thread during or after the call.
 */
void wijknet_referral_events_free(struct wijknet_referral_events *events);

/**
 * A new handle to the same events list: another owner of the same immutable value, nothing is
 * copied. The clone is freed with its own `wijknet_referral_events_free`; either may be freed
 * first, and the value lives until its last handle is freed. The clone is a different pointer from
 * `events`.
 *
 * On success writes the clone to `*out_clone`. Errors: `NULL_ARGUMENT`.
 *
 * Thread-safety: may be called while other threads use `events`; the clone may be used, and
 * freed, on any thread.
 *
 * # Safety
 * `events` NULL or live; `out_clone` NULL or writable.
 */
enum wijknet_result wijknet_referral_events_clone(const struct wijknet_referral_events *events,
                                                  struct wijknet_referral_events **out_clone);

/**
 * Number of events in the list. Errors: `NULL_ARGUMENT`.
 *
 * # Safety
 * `events` NULL or live; `out_count` NULL or writable.
 */
enum wijknet_result wijknet_referral_events_count(const struct wijknet_referral_events *events,
                                                  size_t *out_count);

/**
 * Applies event `index` of `events` to the book: one lifecycle transition. A refused event
 * leaves the book unchanged.
 *
 * Errors: `NULL_ARGUMENT`, `OUT_OF_RANGE`, `TRANSITION` (not allowed in the current state),
 * `DUPLICATE_EVENT` (an event with this id was already applied), `WRONG_ACTOR` (this actor may
 * not make this change), `NOT_FOUND` (unknown referral), `INVALID`.
 *
 * Thread-safety: changes the book; not from two threads at once.
 *
 * # Safety
 * Handles NULL or live.
 */
enum wijknet_result wijknet_referral_book_apply(struct wijknet_referral_book *book,
                                                const struct wijknet_referral_events *events,
                                                size_t index);

/**
 * Parses ONE event (the wire form of an event in an events document, e.g.
 * `{"id": "e7", "referral": "r1", "type": "accepted", "at": "...", "actor": {...}, ...}`) and
 * applies it: the way a host records a transition as it happens. The event is read by the same
 * strict reader as an events document (a key given twice is refused); problem paths are those
 * of the event itself (`$.reason.code`, `$` for the event). A refused event leaves the book
 * unchanged.
 *
 * Errors: as `wijknet_referral_events_from_json` and `wijknet_referral_book_apply`.
 *
 * Thread-safety: changes the book; not from two threads at once.
 *
 * # Safety
 * `book` NULL or live; `event_json` NULL or `event_len` readable bytes.
 */
enum wijknet_result wijknet_referral_book_apply_event_json(struct wijknet_referral_book *book,
                                                           const char *event_json,
                                                           size_t event_len);

/**
 * Number of referrals in the book. Errors: `NULL_ARGUMENT`.
 *
 * # Safety
 * `book` NULL or live; `out_count` NULL or writable.
 */
enum wijknet_result wijknet_referral_book_count(const struct wijknet_referral_book *book,
                                                size_t *out_count);

/**
 * The status of one referral as a `wijknet_referral_status` value (typed, no JSON).
 * Errors: `NULL_ARGUMENT`, `INVALID_UTF8`, `NOT_FOUND`.
 *
 * # Safety
 * `book` NULL or live; `referral` NULL or `referral_len` readable bytes; `out_status` NULL or
 * writable.
 */
enum wijknet_result wijknet_referral_book_status(const struct wijknet_referral_book *book,
                                                 const char *referral,
                                                 size_t referral_len,
                                                 uint32_t *out_status);

/**
 * One referral's summary as JSON: `{"id", "status", "declines", "placed_team", "escalation",
 * "reason", "offers": [{"team", "status", "reason"}]}`; owned by the caller
 * (`wijknet_string_free`). Errors: `NULL_ARGUMENT`, `INVALID_UTF8`, `NOT_FOUND`.
 *
 * # Safety
 * `book` NULL or live; `referral` NULL or readable; out pointers NULL or writable.
 */
enum wijknet_result wijknet_referral_book_summary_json(const struct wijknet_referral_book *book,
                                                       const char *referral,
                                                       size_t referral_len,
                                                       char **out_json,
                                                       size_t *out_len);

/**
 * Every referral's summary, sorted by referral id, as a JSON array; owned by the caller
 * (`wijknet_string_free`). Errors: `NULL_ARGUMENT`.
 *
 * # Safety
 * `book` NULL or live; out pointers NULL or writable.
 */
enum wijknet_result wijknet_referral_book_summaries_json(const struct wijknet_referral_book *book,
                                                         char **out_json,
                                                         size_t *out_len);

/**
 * The monitoring figures of the book as JSON: referrals, placed, time to placement (overall
 * and by care type, PC4, municipality: count, median, p90 in seconds), teams contacted,
 * declines by reason, escalations by trigger, referrals never placed by status. Owned by the
 * caller (`wijknet_string_free`). Errors: `NULL_ARGUMENT`.
 *
 * # Safety
 * `book` NULL or live; out pointers NULL or writable.
 */
enum wijknet_result wijknet_referral_book_monitoring_json(const struct wijknet_referral_book *book,
                                                          char **out_json,
                                                          size_t *out_len);

/**
 * Whether a referral must escalate now: unplaced longer than the policy allows (acute and
 * non-acute limits in seconds, both positive), or declined `max_declines` times (0 switches
 * that trigger off). The core never reads the clock: `now_unix_seconds` is the host's now.
 *
 * On success `*out_json` is the `escalated` event to store and apply (its wire form), or
 * `null` when nothing is due; owned by the caller (`wijknet_string_free`). The book is not
 * changed. Errors: `NULL_ARGUMENT`, `INVALID_UTF8`, `NOT_FOUND`, `INVALID_ARGUMENT` (malformed
 * accountable id, non-positive limit, instant out of range).
 *
 * # Safety
 * `book` NULL or live; texts NULL or readable; out pointers NULL or writable.
 */
enum wijknet_result wijknet_referral_book_check_escalation_json(const struct wijknet_referral_book *book,
                                                                const char *referral,
                                                                size_t referral_len,
                                                                const char *accountable,
                                                                size_t accountable_len,
                                                                int64_t max_unplaced_acute_secs,
                                                                int64_t max_unplaced_non_acute_secs,
                                                                uint32_t max_declines,
                                                                int64_t now_unix_seconds,
                                                                char **out_json,
                                                                size_t *out_len);

/**
 * Loads and validates a `wijknet.registry/v1` document (`json_len` bytes of UTF-8 JSON, no
 * terminating NUL needed).
 *
 * On success writes a new handle to `*out_registry`; the caller owns it and frees it with
 * `wijknet_registry_free`. Errors: `NULL_ARGUMENT`, `INVALID_UTF8`, `JSON` (malformed; the
 * problem names the path), `SCHEMA` (missing or other `schema` tag), `INVALID` (every rule
 * violation as a `(path, reason)` problem). `*out_registry` is written only on success.
 *
 * # Safety
 * `json` must be NULL or point to `json_len` readable bytes; `out_registry` NULL or writable.
 */
enum wijknet_result wijknet_registry_from_json(const char *json,
                                               size_t json_len,
                                               struct wijknet_registry **out_registry);

/**
 * Frees a registry handle. NULL is a no-op; freeing a handle twice is undefined behaviour.
 * Handles derived from it (clones, updated registries, agreements, match results) stay valid:
 * each holds what it needs.
 *
 * # Safety
 * `registry` must be NULL or a live handle not used by another thread during or after the call.
 */
void wijknet_registry_free(struct wijknet_registry *registry);

/**
 * A new handle to the same registry: another owner of the same immutable value, nothing is copied.
 * The clone is freed with its own `wijknet_registry_free`; either may be freed first, and the
 * value lives until its last handle is freed. The clone is a different pointer from `registry`.
 *
 * On success writes the clone to `*out_clone`. Errors: `NULL_ARGUMENT`.
 *
 * Thread-safety: may be called while other threads use `registry`; the clone may be used, and
 * freed, on any thread (one handle per thread or component that should own the registry).
 *
 * # Safety
 * `registry` NULL or live; `out_clone` NULL or writable.
 */
enum wijknet_result wijknet_registry_clone(const struct wijknet_registry *registry,
                                           struct wijknet_registry **out_clone);

/**
 * Exports the registry, with current capacity, as a `wijknet.registry/v1` JSON document
 * (loading it again gives an equal registry).
 *
 * On success `*out_json` is a NUL-terminated UTF-8 string of `*out_len` bytes, owned by the
 * caller and freed with `wijknet_string_free`. Errors: `NULL_ARGUMENT`.
 *
 * # Safety
 * `registry` must be NULL or a live handle; out pointers NULL or writable.
 */
enum wijknet_result wijknet_registry_to_json(const struct wijknet_registry *registry,
                                             char **out_json,
                                             size_t *out_len);

/**
 * The registry's data version: the document's `version` plus one per capacity update since.
 *
 * Errors: `NULL_ARGUMENT`.
 *
 * # Safety
 * `registry` must be NULL or a live handle; `out_version` NULL or writable.
 */
enum wijknet_result wijknet_registry_version(const struct wijknet_registry *registry,
                                             uint64_t *out_version);

/**
 * Applies capacity updates and returns a NEW registry; `registry` itself is unchanged and stays
 * valid, so readers on other threads are never disturbed. `updates_json` is one team's update
 * (`{"team", "expected_version", "status", "free_places"?, "free_hours"?, "earliest_start"?,
 * "updated_at"}`) or a JSON array of them, applied in order, all or none (a second update of
 * one team names the version the first one gives). The registry version goes up by one per
 * update.
 *
 * On success writes a new handle to `*out_registry` (caller frees it with
 * `wijknet_registry_free`, independently of `registry`). Errors: `NULL_ARGUMENT`,
 * `INVALID_UTF8`, `JSON`, `INVALID` (every problem of every update at once, at `$.team` for one
 * update, `$[i].team` in an array), `NOT_FOUND` (unknown team), `VERSION_CONFLICT` (the team's
 * capacity changed since `expected_version`: the message names expected and actual versions;
 * re-read and retry), for the first update refused (nothing is applied); `INVALID` also when the
 * team's capacity version or the registry version is at its maximum (versions never wrap).
 *
 * Two calls on the same `registry` with the same `expected_version` BOTH succeed, each with its
 * own new handle: which one counts is up to where the host stores it. To have the second one
 * refused, keep the current registry in a `wijknet_shared_registry` and update it with
 * `wijknet_shared_registry_update_capacities`.
 *
 * # Safety
 * `registry` NULL or live; `updates_json` NULL or `updates_len` readable bytes;
 * `out_registry` NULL or writable.
 */
enum wijknet_result wijknet_registry_update_capacities(const struct wijknet_registry *registry,
                                                       const char *updates_json,
                                                       size_t updates_len,
                                                       struct wijknet_registry **out_registry);

/**
 * Starts a shared current registry with `registry` as its current value.
 *
 * `registry` is NOT taken over: the shared registry keeps its own reference to the same data
 * (no deep copy), and the caller still owns `registry` and may free it at any time. On success
 * writes a new handle to `*out_shared`; the caller owns it and frees it with
 * `wijknet_shared_registry_free`. Errors: `NULL_ARGUMENT`.
 *
 * # Safety
 * `registry` NULL or live; `out_shared` NULL or writable.
 */
enum wijknet_result wijknet_shared_registry_new(const struct wijknet_registry *registry,
                                                struct wijknet_shared_registry **out_shared);

/**
 * Frees a shared registry. NULL is a no-op; freeing it twice is undefined behaviour. Registry
 * handles obtained from it stay valid (free them with `wijknet_registry_free`).
 *
 * # Safety
 * `shared` must be NULL or a live handle that no other thread uses during or after the call.
 */
void wijknet_shared_registry_free(struct wijknet_shared_registry *shared);

/**
 * The current registry, as a NEW registry handle: a snapshot that never changes, whatever is
 * installed after it was taken. Use one snapshot for everything that must agree (a match and
 * the explanation shown with it) and take a new one for the next request. Never waits for a
 * writer.
 *
 * On success writes the handle to `*out_registry`; the caller owns it and frees it with
 * `wijknet_registry_free`, independently of `shared`. Errors: `NULL_ARGUMENT`.
 *
 * # Safety
 * `shared` NULL or live; `out_registry` NULL or writable.
 */
enum wijknet_result wijknet_shared_registry_current(const struct wijknet_shared_registry *shared,
                                                    struct wijknet_registry **out_registry);

/**
 * Applies capacity updates (one or a JSON array, as for `wijknet_registry_update_capacities`:
 * in order, all or none) to the current registry and installs the result, which is also
 * returned.
 *
 * The result is installed only if the registry it was computed from is still current; when
 * another thread installed a value in between, the updates are applied again to that newer
 * value. So concurrent writers behave as if they ran one after the other: of two updates
 * based on the same `expected_version` of one team, one succeeds and the other gets
 * `VERSION_CONFLICT`; an update to another team still succeeds.
 *
 * On success writes a NEW registry handle (the value installed by this call) to
 * `*out_registry`; the caller owns it and frees it with `wijknet_registry_free`. On failure
 * nothing is installed. Errors: as for `wijknet_registry_update_capacities`; on
 * `VERSION_CONFLICT` take a new snapshot with `wijknet_shared_registry_current`, decide again,
 * retry; on `INVALID` for a version at its maximum reload the registry from a document with a
 * lower version.
 *
 * # Safety
 * `shared` NULL or live; `updates_json` NULL or `updates_len` readable bytes; `out_registry`
 * NULL or writable.
 */
enum wijknet_result wijknet_shared_registry_update_capacities(struct wijknet_shared_registry *shared,
                                                              const char *updates_json,
                                                              size_t updates_len,
                                                              struct wijknet_registry **out_registry);

/**
 * Installs `registry` (typically a newly loaded document) as the current registry, whatever is
 * current. Last writer wins, on purpose: a new document supersedes the old one, including
 * capacity updates installed since the old one was loaded. An update running at the same time
 * is applied to the new registry.
 *
 * `registry` is NOT taken over: the shared registry keeps its own reference to the same data,
 * and the caller still owns `registry` and may free it at any time. Errors: `NULL_ARGUMENT`.
 *
 * # Safety
 * `shared` and `registry` NULL or live.
 */
enum wijknet_result wijknet_shared_registry_replace(struct wijknet_shared_registry *shared,
                                                    const struct wijknet_registry *registry);

/**
 * The teams with their current capacity as a JSON array, each element in the shape of the
 * registry document's `teams` entries, in document order. With `location` NULL: every team;
 * with a PC6 or PC4 (`location_len` bytes): the teams whose service area touches its PC4, which
 * are the teams a match there evaluates.
 *
 * `*out_json` (NUL-terminated, `*out_len` bytes) is owned by the caller and freed with
 * `wijknet_string_free`. Errors: `NULL_ARGUMENT`, `INVALID_UTF8`, `INVALID_ARGUMENT` (not a
 * postcode).
 *
 * # Safety
 * `registry` NULL or live; `location` NULL or `location_len` readable bytes; out pointers NULL
 * or writable.
 */
enum wijknet_result wijknet_registry_teams_json(const struct wijknet_registry *registry,
                                                const char *location,
                                                size_t location_len,
                                                char **out_json,
                                                size_t *out_len);

/**
 * One team by id (`id_len` bytes) as JSON, in the shape of `wijknet_registry_teams_json`'s
 * elements; owned by the caller (`wijknet_string_free`). Errors: `NULL_ARGUMENT`,
 * `INVALID_UTF8`, `NOT_FOUND` (no team has this id).
 *
 * # Safety
 * `registry` NULL or live; `id` NULL or `id_len` readable bytes; out pointers NULL or writable.
 */
enum wijknet_result wijknet_registry_team_json(const struct wijknet_registry *registry,
                                               const char *id,
                                               size_t id_len,
                                               char **out_json,
                                               size_t *out_len);

/**
 * The organisations as a JSON array, each element in the shape of the registry document's
 * `organisations` entries, in document order; owned by the caller (`wijknet_string_free`).
 * Errors: `NULL_ARGUMENT`.
 *
 * # Safety
 * `registry` NULL or live; out pointers NULL or writable.
 */
enum wijknet_result wijknet_registry_organisations_json(const struct wijknet_registry *registry,
                                                        char **out_json,
                                                        size_t *out_len);

/**
 * The coordination point (*coördinatiepunt*) accountable for a PC6 or PC4 (`location_len`
 * bytes), in the shape of the registry document's `coordination_points` entries, or the JSON
 * text `null` where no point covers it; owned by the caller (`wijknet_string_free`). Errors:
 * `NULL_ARGUMENT`, `INVALID_UTF8`, `INVALID_ARGUMENT` (not a postcode).
 *
 * # Safety
 * `registry` NULL or live; `location` NULL or `location_len` readable bytes; out pointers NULL
 * or writable.
 */
enum wijknet_result wijknet_registry_coordination_point_json(const struct wijknet_registry *registry,
                                                             const char *location,
                                                             size_t location_len,
                                                             char **out_json,
                                                             size_t *out_len);

/**
 * JSON out: replays every submitted referral of `book` at its submission time against the
 * baseline (`registry` with `agreements`) and the proposal (`proposed_registry` with
 * `proposed_agreements`), and writes the `wijknet.what-if/v1` document: `total`, `by_change`,
 * `by_pc4`, `by_municipality`, `by_care_type`, `by_time_of_day` (each row: referrals, no
 * eligible team before/after, candidates before/after, changed, now/no longer eligible,
 * placed, time to placement, escalated before/after, estimated), and at most `max_referrals`
 * changed referrals (`referrals`, the rest counted in `referrals_omitted`). After-figures of
 * referrals that gain or lose their last candidate are estimates, marked `estimated`.
 *
 * `agreements` NULL: the baseline has no agreements. `proposed_registry` NULL: the same
 * registry. `proposed_agreements` NULL: the proposal has no agreements (pass `agreements` again
 * to change only the registry). The book is not changed. `progress` (may be NULL) gets the
 * `WHAT_IF` step's reports (in referrals of the book) with `user_data`, and can cancel
 * (`CANCELLED`, nothing written).
 *
 * Ownership: every handle is borrowed for the call only; `*out_json` (NUL-terminated,
 * `*out_len` bytes) is owned by the caller and freed with `wijknet_string_free`.
 * Errors: `NULL_ARGUMENT` (book, registry, out pointers); `INVALID` only if a referral of the
 * book could not be matched (never for a book replayed from valid events); `CANCELLED`.
 *
 * # Safety
 * `book` and `registry` NULL or live; each other handle NULL or live; out pointers NULL or
 * writable; `progress`, when not NULL, callable with `user_data` during the call.
 */
enum wijknet_result wijknet_what_if_json(const struct wijknet_referral_book *book,
                                         const struct wijknet_registry *registry,
                                         const struct wijknet_agreements *agreements,
                                         const struct wijknet_registry *proposed_registry,
                                         const struct wijknet_agreements *proposed_agreements,
                                         uint32_t max_referrals,
                                         wijknet_progress_fn progress,
                                         void *user_data,
                                         char **out_json,
                                         size_t *out_len);

#ifdef __cplusplus
}  // extern "C"
#endif  // __cplusplus

#endif  /* WIJKNET_H */
