//! # wijknet-fhir
//!
//! FHIR R4 for wijknet, outside the pure domain core so that a vendor who does not need FHIR does
//! not pay for it: the care services directory (IHE mCSD, and its Dutch profile nl-gf, *Generic
//! Functions*) in and out ([`directory`]), consent and sharing decisions ([`consent`]), and
//! referrals as ServiceRequest + Task ([`referral`]). Like the core it does no I/O and never
//! reads the clock; it adds no dependency the core does not already have. [`api`] is its front
//! door: the operations every binding (C, Python, Kotlin/Swift) offers, JSON bytes in and out.
//!
//! # Which FHIR model, and why
//!
//! The maintained crates with R4 types were compared on this project's build machine (2 shared
//! cores) against a small typed layer of only the resources needed:
//!
//! | crate | R4 | release build of a one-line Bundle reader (2 shared cores, load average 1 to 9) | what it brings |
//! |---|---|---|---|
//! | `fhirbolt` 0.4 (`r4`) | yes | 25 min (1,518 s); a 30 MB binary; its serde crate alone is a 135 MB rlib | every R4 resource, with serde code for all of them |
//! | `fhir-sdk` 0.16 / `fhir-model` 0.13 | no: STU3, R4B and R5 only | with `r4b`: 11 min for the model crate (a 184 MB rlib); the reader on top had not finished 25 minutes later | R4B types, builders, an async HTTP client (no use here: no I/O) |
//! | `fhir` 4.x (`r4`) | yes | does not build here: its current `fhir-r4` needs rustc 1.96 (the toolchain is 1.95) | every release R2 to R6 |
//! | this crate | the 12 resources used | 2.5 min for the crate itself (96 s on CPU, load average 6), a 2.4 MB rlib; no new dependency | exactly the elements wijknet reads and writes |
//!
//! Beyond the build cost, a general model does not give what a wijknet input needs: the core's
//! strict reading (a key given twice refused, bounded lists and texts, `$`-style paths for every
//! problem, all problems at once, no value in any message). Deserialising into generated structs
//! stops at the first error and its messages quote values. So this crate reads JSON once into an
//! ordered tree with the core's bounds ([`json`]), then walks the resources it knows with a
//! checker that records every problem at a FHIRPath-like path and repeats no value, and writes
//! resources with `serde_json`. Elements wijknet does not use are not read (a FHIR validator is
//! the place to check them), except that a `modifierExtension` or `implicitRules` wijknet does not
//! know makes the element unreadable, as FHIR requires.
//!
//! # Limits
//!
//! The same as native documents ([`wijknet::limits`]): at most 256 MiB per document, 4,194,304
//! items per array or members per object, 64 KiB per text, 128 levels of nesting, 10,000 entries
//! in a list inside one record (a coverage area of one kind, a provision's actors), 1,000 problems
//! listed and the rest counted. Membership is checked with hash maps, so cost is linear in the
//! input.
//!
//! # wijknet's own namespace
//!
//! Code systems, naming systems and extensions that wijknet defines live under [`codes::NS`],
//! `https://example.invalid/wijknet/fhir` (the workspace's placeholder address, to be replaced by
//! the project's canonical one when it publishes profiles). They are wijknet's own, stated as
//! such: no IG defines them.
//!
//! # The directory (IHE mCSD / nl-gf)
//!
//! | registry | FHIR |
//! |---|---|
//! | organisation | `Organization`: `id` (or an identifier of [`codes::REGISTRY_ID`] when the registry id is not a FHIR id), `name`, identifiers URA (`http://fhir.nl/fhir/NamingSystem/ura`), AGB (`.../agb-z`) and KvK (`.../kvk`), `type` |
//! | organisation kind | `Organization.type`: a coding of wijknet's `organisation-kind` (exported always), or a RoleCodeNL `organization-type` (table below) |
//! | department | an `Organization` with `partOf` is not a registry organisation: its services belong to the top of its `partOf` chain (a cycle is a problem) |
//! | contracted insurer | `OrganizationAffiliation`: `organization` the insurer, `participatingOrganization` the provider, `code` wijknet's `affiliation#insurer_contract`; other affiliations are kept and not used |
//! | team | `HealthcareService` with `category` wijknet's `service-kind#team` (or none) |
//! | coordination point | `HealthcareService` with `category` `service-kind#coordination_point` |
//! | care types | `HealthcareService.type`, codings of wijknet's `care-type` |
//! | highest nurse level | `HealthcareService.characteristic`, a coding of wijknet's `nurse-level` |
//! | times of day | `HealthcareService.availableTime`: day is 07:00-17:00, evening 17:00-23:00, night 23:00-07:00 (an end before the start wraps past midnight); a team works a time of day when one of its windows overlaps it; `allDay` is all three. Written as one window per time of day, every day |
//! | service area | `HealthcareService.coverageArea`: Locations, each one part: a PC4 (`address.postalCode` of 4 digits), a PC6 street (6 characters, a space allowed), a PC4 range (extension `pc4-range` with `from` and `to`), or a municipality (an identifier of [`codes::MUNICIPALITY`]; the municipality Location lists its PC4s in `municipality-pc4` extensions). Streets not served: extension `coverage-exclusion` referring to PC6 Locations. Location.type of wijknet's `area-kind` says which, and is written always |
//! | capacity | extension `capacity` (below) |
//! | contact person | `PractitionerRole` with `practitioner` (its `name.text`, or `given` and `family`), `code.text` the role, `telecom` phone and e-mail, `availableTime` the reachable hours (`23:59:59` is the end of the day). With `healthcareService`: a contact of that team or coordination point, in bundle order. Without: the organisation's fixed contact, only when `code` has wijknet's `contact#fixed_contact` (other PractitionerRoles are kept and not used) |
//! | registry version | `Bundle.meta.versionId` |
//! | not read | `Endpoint` (kept); `active: false` resources are left out |
//!
//! RoleCodeNL organisation types read as a kind ([`codes::ORGANIZATION_TYPES`]): `T2` Thuiszorg
//! and `X3` Verplegings- of verzorgingsinstelling as `home_care_provider`; `Z3` Huisartspraktijk
//! and `H1` Huisartsinstelling as `gp_practice`; `V4` Ziekenhuis, `V5` UMC and `V6` Algemeen
//! ziekenhuis as `hospital_transfer_office` (the registry knows a hospital only as a referrer,
//! through its transfer office); `A1` Apotheekinstelling and `J8` Openbare apotheek as `pharmacy`.
//! Other types are a problem (no guessing).
//!
//! Care types: the nl-gf profile binds `HealthcareService.type` to the Wlz care profiles
//! (`nl-gf-wlz-zorgprofielen`: `4VV`...`GGZWonen5`) and the mCSD examples use SNOMED CT or HL7
//! service types. None of them is a district-nursing care type (the Wlz profiles describe
//! residential long-term care, not Zvw *wijkverpleging*), so none is mapped: a service typed only
//! with them is a problem that says so. wijknet's `care-type` code system carries the care types.
//!
//! **Capacity extension** (`capacity`, on HealthcareService; wijknet's own, URL
//! `https://example.invalid/wijknet/fhir/StructureDefinition/capacity`): sub-extensions
//! `status` (valueCode: `accepting`, `waitlist`, `full`, `unknown`), `freePlaces` (repeating:
//! `careType` valueCode and `places` valueUnsignedInt), `freeHours` (repeating, the free hours
//! per week per care type that matching compares with a request's hours: `careType` valueCode
//! and `hours` valueDecimal, 0 to 4,000; at most one per care type; a care type without one has
//! no number reported — an earlier draft's single `freeHours` valueDecimal without a care type
//! is refused, since it cannot say which care the hours are for), `earliestStart` (valueDate),
//! `updatedAt` (valueInstant, required) and `version`
//! (valueString of digits: the capacity version of the compare-and-swap updates). A
//! HealthcareService without the extension reads as capacity `unknown` as of `meta.lastUpdated`.
//!
//! **Changes** ([`Directory::apply_history`]): a `_history` Bundle (newest first, applied oldest
//! first) or a `transaction`. A change of a team's capacity must name the next capacity version
//! (the current one plus one), or it is a version conflict and nothing is applied; of two
//! writers on a [`SharedDirectory`] with the same version exactly one wins. Capacity-only changes
//! update the registry team by team; changes of existing teams' services (name, area, care
//! types, nurse level, times, languages) and of the contacts PractitionerRoles give them (a role
//! changed, moved to other services, removed, or new; a Practitioner renamed) describe those
//! teams anew ([`wijknet::Registry::replace_teams`]), and changed Organizations (the same kind
//! and registry id, not departments) describe those organisations anew
//! ([`wijknet::Registry::replace_organisations`]), new HealthcareServices of the
//! registry's organisations become teams added after the others
//! ([`wijknet::Registry::add_teams`]) and deleted or deactivated ones leave it
//! ([`wijknet::Registry::remove_teams`]), new Organizations (not departments) are added
//! ([`wijknet::Registry::add_organisations`]), and changed insurer contracts
//! (OrganizationAffiliations between organisations of the registry) describe their providers
//! anew, sharing the rest; a Location that gives the same area part as before (renamed, say)
//! or a new one no service names yet, a deleted one no service names, a renamed department,
//! and a new department or inactive Organization nothing refers to yet, change nothing; a
//! Location
//! given another postcode (not a municipality) describes the teams naming it anew; any other
//! change (another new or deleted resource, a municipality changed, an organisation of another
//! kind or a department moved, a PractitionerRole naming a service twice, a team moved to
//! another organisation) rebuilds the registry from the resources. Either way the registry is the one
//! reading the resulting resources anew gives (a property test holds them to that).
//!
//! **Merging** ([`merge`]): identical resources once; of two that differ the later
//! `meta.lastUpdated` wins; neither later is a problem naming both sources.
//!
//! # Consent
//!
//! See [`consent`]: a consent record or objection is one `Consent` (`scope` `patient-privacy`,
//! `category` LOINC `59284-0` and wijknet's `consent-kind`; the client as `Patient/<client id>`,
//! or found by its BSN identifier; `dateTime`, `performer` the client and `RelatedPerson`
//! representatives, `organization` the recording organisation; the root `provision.period` is the
//! consent's period; nested provisions with actors (`IRCP`/`PRCP` + an Organization, or a role of
//! wijknet's `recipient-role`), `purpose` (wijknet's `purpose`, or v3 ActReason: `TREAT`
//! direct care, `COC` coordination, `HPAYMT` billing, `HQUALIMP` quality, `HRESCH` research,
//! `ETREAT` emergency), `code`/`class` data categories of wijknet's `data-category`. `dataPeriod`,
//! `securityLabel`, `data` and actions other than disclosure are refused, never dropped. A
//! decision's audit record becomes an `AuditEvent` ([`consent::audit_event`]), with a BSN only
//! when the host passes one.
//!
//! # Referrals
//!
//! See [`referral`]: the referral is a `ServiceRequest` (extension `referral`,
//! `https://example.invalid/wijknet/fhir/StructureDefinition/referral`, with the PC4,
//! municipality, acute flag, the volume the intake states — `visitsPerWeek` valueUnsignedInt,
//! `hoursPerWeek` valueDecimal, `visitMoment` valueCode repeating, each optional and checked by
//! the core's rules for a request's volume —, escalation policy, wijknet status, escalation and
//! reason), each offer a
//! `Task` (`status` the offer status with FHIR's hyphens, `statusReason` of wijknet's
//! `referral-reason`, `owner` the team's HealthcareService, `requester` the referrer,
//! `executionPeriod` the care), and every event one version of one of them.
#![forbid(unsafe_code)]

pub mod api;
pub mod codes;
pub mod consent;
pub mod directory;
pub mod json;
mod path;
pub mod referral;

pub use directory::{BundleType, Directory, MergeSource, SharedDirectory, merge, to_bundle, to_bundle_json};
