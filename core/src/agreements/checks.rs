//! Agreement checks: what a coordinator must fix before it bites — nights with nobody on duty,
//! rotations competing for the same nights, references the registry no longer knows, agreements
//! past their review date, expired mandates.

use chrono::{Duration, NaiveDate};
use serde::{Deserialize, Serialize};

use super::Agreements;
use super::model::{AgreementStatus, SharedSpecialistTeam, Subcontracting, Terms};
use crate::codes::code_enum;
use crate::ids::Id;
use crate::registry::Registry;

code_enum! {
    /// What a finding is about.
    FindingCode, "finding code" {
        /// Nights in the rotation's period with nobody on duty.
        NightGap = "night_gap", "gat in nachtdienst", "night with nobody on duty";
        /// Two rotations with overlapping areas both have a team on duty on the same nights.
        OverlappingShifts = "overlapping_shifts", "overlappende diensten", "overlapping shifts";
        /// A party, payer or accountable organisation is not in the registry.
        UnknownParty = "unknown_party", "onbekende partij", "party not in the registry";
        /// A team is not in the registry.
        UnknownTeam = "unknown_team", "onbekend team", "team not in the registry";
        /// The review date has passed while the agreement is still in use.
        ReviewOverdue = "review_overdue", "evaluatie verlopen", "review overdue";
        /// A delegated mandate's validity has ended but it is still marked active.
        MandateExpired = "mandate_expired", "mandaat verlopen", "mandate expired";
    }
}

/// One thing to fix, naming the agreement and the field or nights.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct Finding {
    /// What kind of problem.
    pub code: FindingCode,
    /// The agreement.
    pub agreement: Id,
    /// Path of the field inside the agreement, e.g. `terms.rota[1]`.
    pub field: String,
    /// First night or date concerned.
    pub from: Option<NaiveDate>,
    /// Last night or date concerned.
    pub to: Option<NaiveDate>,
    /// Human explanation (codes, ids and dates only).
    pub message: String,
}

/// "the night of D" for one night, "the nights D1 to D2" for a run (a finding names its nights).
fn nights_text(from: NaiveDate, to: NaiveDate) -> String {
    if from == to { format!("the night of {from}") } else { format!("the nights {from} to {to}") }
}

/// Runs of consecutive dates, as (first, last).
fn runs(dates: impl IntoIterator<Item = NaiveDate>) -> Vec<(NaiveDate, NaiveDate)> {
    let mut out: Vec<(NaiveDate, NaiveDate)> = Vec::new();
    for d in dates {
        match out.last_mut() {
            Some((_, last)) if *last + Duration::days(1) == d => *last = d,
            _ => out.push((d, d)),
        }
    }
    out
}

fn nights(from: NaiveDate, to: NaiveDate) -> impl Iterator<Item = NaiveDate> {
    from.iter_days().take_while(move |d| *d <= to)
}

pub(crate) fn check(set: &Agreements, registry: &Registry, today: NaiveDate, horizon_days: u32) -> Vec<Finding> {
    let horizon = today + Duration::days(i64::from(horizon_days));
    let mut out = Vec::new();
    let agreements = set.agreements();
    for a in agreements {
        let mut find = |code, field: String, from, to, message: String| {
            out.push(Finding { code, agreement: a.id.clone(), field, from, to, message })
        };
        for (i, p) in a.parties.iter().enumerate() {
            if registry.organisation(p.organisation.as_str()).is_none() {
                find(
                    FindingCode::UnknownParty,
                    format!("parties[{i}].organisation"),
                    None,
                    None,
                    format!("organisation `{}` is not in the registry", p.organisation),
                );
            }
        }
        let in_use = matches!(a.status, AgreementStatus::Active | AgreementStatus::Suspended);
        if in_use && a.review_date < today {
            find(
                FindingCode::ReviewOverdue,
                "review_date".into(),
                Some(a.review_date),
                None,
                format!("review was due on {}", a.review_date),
            );
        }
        match &a.terms {
            Terms::DelegatedMandate(_) => {
                if let Some(u) = a.valid_until.filter(|u| *u < today && a.status == AgreementStatus::Active) {
                    find(
                        FindingCode::MandateExpired,
                        "valid_until".into(),
                        Some(u),
                        None,
                        format!("the mandate ended on {u}: the municipal team assesses again"),
                    );
                }
            }
            Terms::Subcontracting(Subcontracting { delivering_team, .. })
            | Terms::SharedSpecialistTeam(SharedSpecialistTeam { delivering_team, .. })
                if registry.team(delivering_team.as_str()).is_none() =>
            {
                find(
                    FindingCode::UnknownTeam,
                    "terms.delivering_team".into(),
                    None,
                    None,
                    format!("team `{delivering_team}` is not in the registry"),
                );
            }
            Terms::CoordinationPoint(t) if registry.organisation(t.accountable.as_str()).is_none() => {
                find(
                    FindingCode::UnknownParty,
                    "terms.accountable".into(),
                    None,
                    None,
                    format!("organisation `{}` is not in the registry", t.accountable),
                );
            }
            Terms::NightRotation(r) => {
                for (i, team) in r.rota.iter().enumerate() {
                    if registry.team(team.as_str()).is_none() {
                        find(
                            FindingCode::UnknownTeam,
                            format!("terms.rota[{i}]"),
                            None,
                            None,
                            format!("team `{team}` is not in the registry"),
                        );
                    }
                }
                if a.status == AgreementStatus::Active {
                    let first = a.valid_from.max(today);
                    let last = a.valid_until.unwrap_or(horizon).min(horizon);
                    let gaps = nights(first, last)
                        .filter(|n| r.team_on(*n).is_none_or(|t| registry.team(t.as_str()).is_none()));
                    for (from, to) in runs(gaps) {
                        find(
                            FindingCode::NightGap,
                            "terms.rota".into(),
                            Some(from),
                            Some(to),
                            format!("nobody on duty in {}", nights_text(from, to)),
                        );
                    }
                }
            }
            _ => {}
        }
    }
    // Overlaps: pairs of active rotations sharing a PC4 with teams on duty the same nights.
    let rotations: Vec<_> = agreements
        .iter()
        .filter_map(|a| match &a.terms {
            Terms::NightRotation(r) if a.status == AgreementStatus::Active => Some((a, r)),
            _ => None,
        })
        .collect();
    for (i, (a, ra)) in rotations.iter().enumerate() {
        for (b, rb) in &rotations[i + 1..] {
            let shared = ra.area.covered_pc4().iter().find(|p| rb.area.covered_pc4().contains(*p));
            let Some(pc4) = shared else { continue };
            let first = a.valid_from.max(b.valid_from).max(today);
            let last = [a.valid_until, b.valid_until].into_iter().flatten().fold(horizon, NaiveDate::min);
            let both = nights(first, last).filter(|n| ra.team_on(*n).is_some() && rb.team_on(*n).is_some());
            for (from, to) in runs(both) {
                out.push(Finding {
                    code: FindingCode::OverlappingShifts,
                    agreement: a.id.clone(),
                    field: "terms.area".into(),
                    from: Some(from),
                    to: Some(to),
                    message: format!(
                        "rotation `{}` also has a team on duty for PC4 `{pc4}` in {}",
                        b.id,
                        nights_text(from, to)
                    ),
                });
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_night_is_not_a_range() {
        let d = |day| NaiveDate::from_ymd_opt(2026, 12, day).unwrap();
        assert_eq!(nights_text(d(24), d(24)), "the night of 2026-12-24");
        assert_eq!(nights_text(d(24), d(26)), "the nights 2026-12-24 to 2026-12-26");
    }
}
