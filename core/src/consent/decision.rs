//! The answer: per data category permit, deny or no applicable consent, with the basis that
//! decided it, the deciding provision, and obligations; plus the optional trace.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::codes::{
    CombiningPolicy, ConsentBasis, ConsentEffect, ConsentOutcome, ConsentSourceKind, ConsentTraceReason, DataCategory,
    Obligation, WhoDecides, code_list,
};
use super::path::ProvisionPath;
use crate::codes::CodeSet;
use crate::ids::Id;

/// Points at the consent provision or objection that decided a category.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct ProvisionRef {
    /// A consent or an objection.
    pub source: ConsentSourceKind,
    /// Its record id.
    pub id: Id,
    /// Child indices from the consent's root provision down to the deciding one (empty for the
    /// root and for objections).
    pub path: ProvisionPath,
}

/// The answer for one data category.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct CategoryDecision {
    /// The category.
    pub category: DataCategory,
    /// Permit, deny, or no applicable consent (nothing shared, ask the client).
    pub outcome: ConsentOutcome,
    /// The rule that decided it; always present (`no_basis` for the default deny).
    pub basis: ConsentBasis,
    /// The deciding consent provision or objection, when one decided.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub provision: Option<ProvisionRef>,
    /// What the discloser must do when sharing (empty for a deny).
    #[serde(with = "code_list")]
    pub obligations: CodeSet<Obligation>,
}

/// A decision: one answer per requested category, in stable category order (kept per category,
/// so that deciding allocates nothing).
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct Decision {
    /// Pseudonymous client id.
    pub client: Id,
    /// The decision time.
    pub at: DateTime<Utc>,
    /// The combining policy used.
    pub policy: CombiningPolicy,
    /// Who decides for this client at that time (age and capacity rules).
    pub who_decides: WhoDecides,
    /// Per category; empty slots for the categories not asked for.
    pub categories: [Option<CategoryDecision>; DataCategory::COUNT],
    /// A partial deny (*gedeeltelijke weigering*): when some requested categories are permitted
    /// and others are not, the ones that are not (denied or without applicable consent), which
    /// what is shared must leave out; every permitted category then carries the `redact`
    /// obligation. Empty when everything or nothing is permitted.
    pub redact: CodeSet<DataCategory>,
}

impl Decision {
    /// The answer for one category, if it was requested.
    pub fn get(&self, category: DataCategory) -> Option<&CategoryDecision> {
        self.categories[category.index() as usize].as_ref()
    }

    /// The requested categories and their answers, in stable category order.
    pub fn iter(&self) -> impl Iterator<Item = (DataCategory, &CategoryDecision)> {
        DataCategory::ALL.iter().filter_map(|c| self.get(*c).map(|d| (*c, d)))
    }

    /// Whether every requested category is permitted.
    pub fn all_permitted(&self) -> bool {
        self.iter().all(|(_, d)| d.outcome.is_permit())
    }

    /// The categories permitted.
    pub fn permitted(&self) -> CodeSet<DataCategory> {
        self.iter().filter(|(_, d)| d.outcome.is_permit()).map(|(c, _)| c).collect()
    }

    /// A decision written as JSON (its `Serialize` form, what Python's `to_json` writes) read
    /// back: saved earlier, or pickled. Read strictly (unknown codes and keys, a category given
    /// twice refused); `redact` must be what the categories' outcomes make it, so a decision read
    /// back never tells a host to share more than the engine would have.
    ///
    /// Errors: [`Error::Json`](crate::Error::Json) (document `consent decision`) at the path
    /// where the text stops being a decision; [`Error::Invalid`](crate::Error::Invalid) at
    /// `$.redact`. No message repeats a value of the text.
    pub fn from_json(text: &str) -> crate::Result<Self> {
        const DOCUMENT: &str = "consent decision";
        let decision: Self = crate::wire::answer_from_json_strict(DOCUMENT, "a consent decision", text)?;
        let mut problems = crate::error::Problems::new();
        if decision.redact != decision.redaction() {
            problems
                .push("$.redact", "expected the requested categories not permitted, and only when some are permitted");
        }
        problems.finish(DOCUMENT, || decision)
    }

    /// What [`Decision::redact`] is for these answers: on a partial deny, the requested
    /// categories not permitted; otherwise none.
    pub(crate) fn redaction(&self) -> CodeSet<DataCategory> {
        let asked: CodeSet<DataCategory> = self.iter().map(|(c, _)| c).collect();
        let permitted = self.permitted();
        if permitted.is_empty() { CodeSet::empty() } else { asked.difference(permitted) }
    }

    /// Sets [`Decision::redact`] from the answers: on a partial deny, the categories not
    /// permitted, and the `redact` obligation on every permitted one.
    /// In place: a decision is a few hundred bytes, and each move of it was a copy.
    pub(crate) fn set_redaction(&mut self) {
        self.redact = self.redaction();
        if !self.redact.is_empty() {
            for d in self.categories.iter_mut().flatten().filter(|d| d.outcome.is_permit()) {
                d.obligations.insert(Obligation::Redact);
            }
        }
    }
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct DecisionJson {
    client: Id,
    at: DateTime<Utc>,
    policy: CombiningPolicy,
    who_decides: WhoDecides,
    categories: Vec<CategoryDecision>,
    #[serde(default = "CodeSet::empty", skip_serializing_if = "nothing_to_redact", with = "code_list")]
    redact: CodeSet<DataCategory>,
}

fn nothing_to_redact(set: &CodeSet<DataCategory>) -> bool {
    set.is_empty()
}

impl Serialize for Decision {
    /// `{"client", "at", "policy", "who_decides", "categories": [{"category", "outcome", "basis",
    /// "provision"?, "obligations"}], "redact"?}` with the categories in stable order; `redact`
    /// only on a partial deny.
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        DecisionJson {
            client: self.client.clone(),
            at: self.at,
            policy: self.policy,
            who_decides: self.who_decides,
            categories: self.iter().map(|(_, d)| d.clone()).collect(),
            redact: self.redact,
        }
        .serialize(s)
    }
}

impl<'de> Deserialize<'de> for Decision {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let json = DecisionJson::deserialize(d)?;
        let mut categories: [Option<CategoryDecision>; DataCategory::COUNT] = Default::default();
        for c in json.categories {
            let slot = &mut categories[c.category.index() as usize];
            if slot.is_some() {
                return Err(serde::de::Error::custom(format!("duplicate category `{}`", c.category)));
            }
            *slot = Some(c);
        }
        Ok(Decision {
            client: json.client,
            at: json.at,
            policy: json.policy,
            who_decides: json.who_decides,
            categories,
            redact: json.redact,
        })
    }
}

impl CategoryDecision {
    /// One category's answer written as JSON (its `Serialize` form) read back, strictly:
    /// saved earlier, or pickled. Errors: [`Error::Json`](crate::Error::Json) (document
    /// `category decision`) at the path where the text stops being one, never repeating a value.
    pub fn from_json(text: &str) -> crate::Result<Self> {
        crate::wire::answer_from_json_strict("category decision", "a category decision", text)
    }
}

impl Trace {
    /// A trace written as JSON (its `Serialize` form) read back, strictly: saved earlier, or
    /// pickled. Errors: [`Error::Json`](crate::Error::Json) (document `consent trace`) at the
    /// path where the text stops being a trace, never repeating a value.
    pub fn from_json(text: &str) -> crate::Result<Self> {
        crate::wire::answer_from_json_strict("consent trace", "a consent trace", text)
    }
}

/// Why each consent and objection of the client did or did not take part, and what the legal
/// bases and consents said per category. Contains ids and codes only, never personal data.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct Trace {
    /// Who decides for the client at the decision time.
    pub who_decides: WhoDecides,
    /// Every consent and objection of the client, consents first, each sorted by id.
    pub records: Vec<TraceEntry>,
    /// Per requested category, in stable order.
    pub categories: Vec<CategoryTrace>,
}

/// One consent or objection in a trace.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct TraceEntry {
    /// Consent or objection.
    pub source: ConsentSourceKind,
    /// Record id.
    pub id: Id,
    /// Why it did or did not apply.
    pub reason: ConsentTraceReason,
    /// Requested categories for which one of its provisions matched and counted.
    #[serde(with = "code_list")]
    pub matched: CodeSet<DataCategory>,
    /// Categories it decided.
    #[serde(with = "code_list")]
    pub decided: CodeSet<DataCategory>,
}

/// The ingredients of one category's answer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct CategoryTrace {
    /// The category.
    pub category: DataCategory,
    /// The legal basis that applies without consent, if any.
    pub legal_basis: Option<ConsentBasis>,
    /// What the combined consents and objections said, if anything applied.
    pub consent: Option<ConsentEffect>,
    /// Whether break-glass changed the answer.
    pub emergency_applied: bool,
}
