//! A referral (*verwijzing*) and its offers, rebuilt from events. The transition tables this file
//! implements are documented on the `referral` module ("Transitions"); every event is checked
//! completely before anything changes, so a rejected event leaves the referral exactly as it was.

use std::collections::{HashMap, HashSet};

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::escalation::{Escalation, EscalationPolicy};
use super::event::{Actor, Event, EventKind, Intake};
use super::state::{EscalationTrigger, OfferStatus, Reason, ReferralStatus};
use crate::codes::{CareType, CodeSet};
use crate::error::{Error, Result};
use crate::fnv::fnv1a64;
use crate::ids::{Id, MunicipalityCode, Pc4};
use crate::input::shown;
use crate::wire::{ser_instant, ser_opt_instant};

/// Most offers one referral may have: [`MAX_RECORD_LIST`](crate::limits::MAX_RECORD_LIST), the
/// bound of every list inside one record. Far above practice (one transfer nurse called ten
/// organisations); finding a team's offer costs constant time however many there are.
pub const MAX_OFFERS: usize = crate::limits::MAX_RECORD_LIST;

/// Most events one referral may have: room for every offer to be sent, received and answered,
/// and a long care episode with many pauses. Finding a duplicate event id costs constant time
/// however many there are.
pub const MAX_EVENTS: usize = 4 * crate::limits::MAX_RECORD_LIST;

/// A referral's offers are few in practice (a handful): up to this many they are scanned by
/// fingerprint, compactly and without hashing; beyond it they get a hash
/// index, so a long referral costs constant time per lookup instead of a scan.
const FEW: usize = 16;

/// How many event ids a referral keeps inline (fingerprints in the referral itself, no
/// allocation to reach): a referral's life is about nine events in practice.
const INLINE_EVENTS: usize = 12;

/// The ids of a referral's applied events, for the duplicate check, which every event makes.
/// While few: 32-bit fingerprints inside the referral (the check then touches no memory beyond
/// the referral, which the event had to read anyway) and the ids' text in one buffer, separated
/// by a space (which no id contains), reserved for a typical life at creation and read only on
/// a fingerprint match. Beyond [`INLINE_EVENTS`]: a hash set (std's keyed hasher, so crafted
/// ids cannot collide).
#[derive(Debug, Clone, PartialEq, Eq)]
enum EventIds {
    Few {
        /// Fingerprints of the first `len` ids.
        fps: [u32; INLINE_EVENTS],
        len: u8,
        /// The ids in order, each followed by a space.
        text: String,
    },
    // Boxed: a rare state, and every referral is smaller for it.
    #[allow(clippy::box_collection)]
    Many(Box<HashSet<Box<str>>>),
}

impl EventIds {
    /// The ids of a new referral, starting with its `created` event's.
    fn first(fp: u32, id: &Id) -> Self {
        // Room for a typical life's ids (they tend to share a length) in one allocation.
        let mut text = String::with_capacity((id.as_str().len() + 1) * INLINE_EVENTS);
        text.push_str(id.as_str());
        text.push(' ');
        let mut fps = [0; INLINE_EVENTS];
        fps[0] = fp;
        EventIds::Few { fps, len: 1, text }
    }

    fn len(&self) -> usize {
        match self {
            EventIds::Few { len, .. } => *len as usize,
            EventIds::Many(set) => set.len(),
        }
    }

    fn contains(&self, fp: u32, id: &Id) -> bool {
        match self {
            EventIds::Few { fps, len, text } => fps[..*len as usize]
                .iter()
                .enumerate()
                .any(|(i, &f)| f == fp && text.split(' ').nth(i) == Some(id.as_str())),
            EventIds::Many(set) => set.contains(id.as_str()),
        }
    }

    /// Adds an id that is not in the list yet.
    fn push(&mut self, fp: u32, id: &Id) {
        match self {
            EventIds::Few { fps, len, text } if (*len as usize) < INLINE_EVENTS => {
                text.push_str(id.as_str());
                text.push(' ');
                fps[*len as usize] = fp;
                *len += 1;
            }
            EventIds::Few { text, .. } => {
                let mut set: HashSet<Box<str>> = HashSet::with_capacity(4 * INLINE_EVENTS);
                set.extend(text.split_terminator(' ').map(Box::from));
                set.insert(id.as_str().into());
                *self = EventIds::Many(Box::new(set));
            }
            EventIds::Many(set) => {
                set.insert(id.as_str().into());
            }
        }
    }
}

/// 64-bit FNV-1a: a cheap fingerprint of an id, so a short list is scanned by comparing numbers
/// and the text only when fingerprints match.
fn fingerprint(id: &Id) -> u64 {
    fnv1a64(id.as_bytes())
}

/// [`fingerprint`] folded to 32 bits, for the event ids kept inline.
fn fingerprint32(id: &Id) -> u32 {
    let h = fingerprint(id);
    (h ^ (h >> 32)) as u32
}

/// An id as the field name of an error (`offers[<team>]`) shows it: by the input layer's rule
/// ([`shown`]: cut to a short prefix, or `(not shown)` when it looks like a BSN or a date),
/// without the backticks.
fn short_id(id: &Id) -> String {
    shown(id.as_str()).to_string().trim_matches('`').to_owned()
}

/// The request to one candidate team (*aanbod*), with its own FHIR Task status.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Offer {
    team: Id,
    /// Fingerprint of `team`, so finding a team's offer compares numbers before text.
    #[serde(skip)]
    team_fp: u64,
    status: OfferStatus,
    #[serde(serialize_with = "ser_instant")]
    sent_at: DateTime<Utc>,
    #[serde(serialize_with = "ser_opt_instant")]
    accepted_at: Option<DateTime<Utc>>,
    #[serde(serialize_with = "ser_opt_instant")]
    started_at: Option<DateTime<Utc>>,
    #[serde(serialize_with = "ser_opt_instant")]
    closed_at: Option<DateTime<Utc>>,
    reason: Option<Reason>,
}

impl Offer {
    /// The team asked.
    pub fn team(&self) -> &Id {
        &self.team
    }
    /// Its status.
    pub fn status(&self) -> OfferStatus {
        self.status
    }
    /// When it was sent.
    pub fn sent_at(&self) -> DateTime<Utc> {
        self.sent_at
    }
    /// When the team accepted (kept if the offer is later cancelled or fails).
    pub fn accepted_at(&self) -> Option<DateTime<Utc>> {
        self.accepted_at
    }
    /// When care started under this offer.
    pub fn started_at(&self) -> Option<DateTime<Utc>> {
        self.started_at
    }
    /// When it was rejected, cancelled, completed or failed.
    pub fn closed_at(&self) -> Option<DateTime<Utc>> {
        self.closed_at
    }
    /// Why it was rejected, cancelled or failed; `None` for an offer withdrawn automatically.
    pub fn reason(&self) -> Option<&Reason> {
        self.reason.as_ref()
    }
}

/// One client request and its offers: the state that replaying its events produces.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Referral {
    id: Id,
    referrer: Id,
    care_types: CodeSet<CareType>,
    pc4: Pc4,
    municipality: Option<MunicipalityCode>,
    acute: bool,
    policy: Option<EscalationPolicy>,
    volume: crate::volume::Volume,
    created_at: DateTime<Utc>,
    submitted_at: Option<DateTime<Utc>>,
    status: ReferralStatus,
    offers: Vec<Offer>,
    /// Offer position by team, once there are more than [`FEW`] offers.
    #[allow(clippy::box_collection)] // boxed: rare (more than FEW offers), and every referral is smaller for it
    offer_index: Option<Box<HashMap<Id, usize>>>,
    /// The offer that holds the placement (accepted, care running or paused), if any.
    holder: Option<usize>,
    declines: u32,
    escalation: Option<Escalation>,
    placed: Option<(Id, DateTime<Utc>)>,
    reason: Option<Reason>,
    seq: u64,
    last_at: DateTime<Utc>,
    /// Ids of the applied events with their fingerprints, in order.
    event_ids: EventIds,
}

/// The state of a referral as plain data: what conformance vectors compare and bindings show.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct ReferralSummary {
    /// Referral id.
    pub id: Id,
    /// Referral status code.
    pub status: ReferralStatus,
    /// Team rejections so far.
    pub declines: i32,
    /// The team under which care first started, if any.
    pub placed_team: Option<Id>,
    /// The escalation, if it ever escalated.
    pub escalation: Option<Escalation>,
    /// Why the referral was cancelled or failed.
    pub reason: Option<Reason>,
    /// Every offer in the order they were sent.
    pub offers: Vec<OfferSummary>,
}

/// One offer of a referral summary.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct OfferSummary {
    /// The team.
    pub team: Id,
    /// Offer status code.
    pub status: OfferStatus,
    /// Why it closed, if it has a reason.
    pub reason: Option<Reason>,
}

impl ReferralSummary {
    /// The summary as JSON (the shape of the referral conformance vectors' `summary`).
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }

    /// A summary written by [`ReferralSummary::to_json`] read back (saved earlier, or pickled);
    /// a reason's text is checked as when it was first given.
    pub fn from_json(text: &str) -> Result<Self> {
        crate::wire::answer_from_json("referral summary", "a referral summary", text)
    }
}

type Res = Result<()>;

impl Referral {
    /// Starts a referral from its `created` event (its first event, `seq` 1).
    ///
    /// Errors: [`Error::Invalid`] (document `referral event`, path `$.at`) for a time outside the
    /// years [`MIN_YEAR`](crate::limits::MIN_YEAR) to [`MAX_YEAR`](crate::limits::MAX_YEAR);
    /// [`Error::WrongActor`]; [`Error::Transition`] for a `seq` other than 1, no care type, or a
    /// policy limit outside 1 second to [`EscalationPolicy::MAX_LIMIT_SECS`];
    /// [`Error::NotFound`] for an event of another type.
    pub fn create(event: &Event) -> Result<Self> {
        crate::input::param::instant("referral event", "at", event.at)?;
        let EventKind::Created(intake) = &event.kind else {
            return Err(Error::NotFound { kind: "referral", id: event.referral.to_string() });
        };
        let fail = |field: &str, reason: &str| Error::Transition {
            referral: event.referral.clone(),
            event: event.id.clone(),
            event_type: "created",
            field: field.to_owned(),
            from: "none",
            reason: reason.to_owned(),
        };
        if event.seq != 1 {
            return Err(fail("seq", "the `created` event must have seq 1"));
        }
        let Intake { referrer, care_types, pc4, municipality, acute, policy, volume } = &**intake;
        match &event.actor {
            Actor::Referrer(id) if id != referrer => {
                return Err(Error::WrongActor {
                    referral: event.referral.to_string(),
                    event: event.id.to_string(),
                    event_type: "created",
                    actor: event.actor.to_string(),
                    allowed: format!("the named referrer {} or a coordinator", shown(referrer.as_str())),
                });
            }
            Actor::Team(_) => {
                return Err(Error::WrongActor {
                    referral: event.referral.to_string(),
                    event: event.id.to_string(),
                    event_type: "created",
                    actor: event.actor.to_string(),
                    allowed: format!("the named referrer {} or a coordinator", shown(referrer.as_str())),
                });
            }
            _ => {}
        }
        if care_types.is_empty() {
            return Err(fail("care_types", "at least one care type is needed"));
        }
        if let Some((field, why)) = crate::volume::volume_problems(volume.visits_per_week, volume.hours_per_week).next()
        {
            return Err(fail(field, &why));
        }
        if let Some(p) = policy {
            if let Err((field, why)) = p.validate() {
                return Err(fail(&format!("policy.{field}"), why));
            }
        }
        let event_ids = EventIds::first(fingerprint32(&event.id), &event.id);
        Ok(Self {
            id: event.referral.clone(),
            referrer: referrer.clone(),
            care_types: *care_types,
            pc4: *pc4,
            municipality: *municipality,
            acute: *acute,
            policy: policy.clone(),
            volume: *volume,
            created_at: event.at,
            submitted_at: None,
            status: ReferralStatus::Draft,
            offers: Vec::new(),
            offer_index: None,
            holder: None,
            declines: 0,
            escalation: None,
            placed: None,
            reason: None,
            seq: 1,
            last_at: event.at,
            event_ids,
        })
    }

    /// Rebuilds a referral from its events in order (the first must be `created`).
    pub fn replay<'a>(events: impl IntoIterator<Item = &'a Event>) -> Result<Self> {
        let mut it = events.into_iter();
        let first = it.next().ok_or_else(|| Error::NotFound { kind: "referral", id: String::new() })?;
        let mut r = Self::create(first)?;
        for e in it {
            r.apply(e)?;
        }
        Ok(r)
    }

    /// Applies the next event. Errors (typed, naming the referral, event and field) leave the
    /// referral unchanged. See [Transitions](crate::referral#transitions).
    ///
    /// Errors: [`Error::Invalid`] (document `referral event`, path `$.at`) for a time outside the
    /// years [`MIN_YEAR`](crate::limits::MIN_YEAR) to [`MAX_YEAR`](crate::limits::MAX_YEAR);
    /// [`Error::DuplicateEvent`]; [`Error::VersionConflict`] for a `seq` that does not follow;
    /// [`Error::Transition`]; [`Error::WrongActor`]. Every check costs constant time, however
    /// many events and offers the referral has.
    pub fn apply(&mut self, e: &Event) -> Res {
        if e.referral != self.id {
            return Err(self.refuse(
                e,
                "referral",
                "none",
                format!("event belongs to referral {}", shown(e.referral.as_str())),
            ));
        }
        self.apply_own(e)
    }

    /// [`Referral::apply`] for an event already known to belong to this referral (the book found
    /// the referral by the event's referral id, so comparing the ids again would be wasted work).
    pub(crate) fn apply_own(&mut self, e: &Event) -> Res {
        crate::input::param::instant("referral event", "at", e.at)?;
        let fp = fingerprint32(&e.id);
        if self.event_ids.contains(fp, &e.id) {
            return Err(Error::DuplicateEvent { referral: self.id.to_string(), event: e.id.to_string() });
        }
        if Some(e.seq) != self.seq.checked_add(1) {
            return Err(Error::VersionConflict {
                what: "referral",
                id: self.id.to_string(),
                expected: e.seq.saturating_sub(1),
                actual: self.seq,
            });
        }
        if e.at < self.last_at {
            return Err(self.refuse(
                e,
                "at",
                self.status.code(),
                "event time is before the previous event".to_string(),
            ));
        }
        if self.status.is_final() {
            return Err(self.refuse(e, "status", self.status.code(), "the referral is closed".into()));
        }
        if self.event_ids.len() >= MAX_EVENTS {
            return Err(self.refuse(e, "events", "full", format!("at most {MAX_EVENTS} events per referral")));
        }
        self.dispatch(e)?;
        self.seq = e.seq;
        self.last_at = e.at;
        self.event_ids.push(fp, &e.id);
        Ok(())
    }

    fn dispatch(&mut self, e: &Event) -> Res {
        use OfferStatus as T;
        use ReferralStatus as R;
        match &e.kind {
            EventKind::Created(_) => {
                Err(self.refuse(e, "status", self.status.code(), "the referral already exists".into()))
            }
            EventKind::Submitted => {
                self.by_referrer(e)?;
                self.need_status(e, &[R::Draft])?;
                self.status = R::Requested;
                self.submitted_at = Some(e.at);
                Ok(())
            }
            EventKind::OfferSent { team } => {
                self.by_referrer(e)?;
                if !self.status.is_unplaced() {
                    return Err(self.refuse(
                        e,
                        "status",
                        self.status.code(),
                        "offers go out only while unplaced".into(),
                    ));
                }
                if self.offer_index(team).is_some() {
                    return Err(self.refuse(
                        e,
                        &format!("offers[{}]", short_id(team)),
                        "exists",
                        "this team already has an offer on this referral".into(),
                    ));
                }
                if self.offers.len() >= MAX_OFFERS {
                    return Err(self.refuse(e, "offers", "full", format!("at most {MAX_OFFERS} offers per referral")));
                }
                self.index_offer(team);
                self.offers.push(Offer {
                    team: team.clone(),
                    team_fp: fingerprint(team),
                    status: T::Requested,
                    sent_at: e.at,
                    accepted_at: None,
                    started_at: None,
                    closed_at: None,
                    reason: None,
                });
                Ok(())
            }
            EventKind::OfferReceived { team } => {
                let i = self.team_offer(e, team, &[T::Requested])?;
                self.offers[i].status = T::Received;
                Ok(())
            }
            EventKind::OfferAccepted { team } => {
                let i = self.team_offer(e, team, &[T::Requested, T::Received])?;
                if !self.status.is_unplaced() {
                    let holder = self.holder.and_then(|h| self.offers.get(h));
                    let why = match holder {
                        Some(o) => format!("the offer of team {} already holds the placement", shown(o.team.as_str())),
                        None => "the referral is not looking for a team".into(),
                    };
                    return Err(self.refuse(e, "status", self.status.code(), why));
                }
                let o = &mut self.offers[i];
                o.status = T::Accepted;
                o.accepted_at = Some(e.at);
                self.status = R::Accepted;
                self.holder = Some(i);
                Ok(())
            }
            EventKind::OfferRejected { team, reason } => {
                let i = self.team_offer(e, team, &[T::Requested, T::Received])?;
                self.close_offer(i, T::Rejected, e.at, Some(reason.clone()));
                self.declines = self.declines.saturating_add(1);
                self.escalate_on_declines(e.at);
                Ok(())
            }
            EventKind::OfferCancelled { team, reason } => {
                self.by_referrer(e)?;
                let i = self.offer_in(e, team, &[T::Requested, T::Received, T::Accepted])?;
                let was_accepted = self.offers[i].status == T::Accepted;
                self.close_offer(i, T::Cancelled, e.at, Some(reason.clone()));
                if was_accepted {
                    self.status = self.unplaced_status();
                    self.holder = None;
                }
                Ok(())
            }
            EventKind::CareStarted { team } => {
                let i = self.team_offer(e, team, &[T::Accepted])?;
                let accepted_at = self.offers[i].accepted_at.unwrap_or(e.at);
                let o = &mut self.offers[i];
                o.status = T::InProgress;
                o.started_at = Some(e.at);
                self.status = R::InProgress;
                if self.placed.is_none() {
                    self.placed = Some((team.clone(), accepted_at));
                }
                self.withdraw_open_offers(e.at);
                Ok(())
            }
            EventKind::CarePaused { team } => {
                let i = self.team_offer(e, team, &[T::InProgress])?;
                self.offers[i].status = T::OnHold;
                self.status = R::OnHold;
                Ok(())
            }
            EventKind::CareResumed { team } => {
                let i = self.team_offer(e, team, &[T::OnHold])?;
                self.offers[i].status = T::InProgress;
                self.status = R::InProgress;
                Ok(())
            }
            EventKind::CareCompleted { team } => {
                let i = self.team_offer(e, team, &[T::InProgress, T::OnHold])?;
                self.close_offer(i, T::Completed, e.at, None);
                self.status = R::Completed;
                self.holder = None;
                Ok(())
            }
            EventKind::CareFailed { team, reason } => {
                let i = self.team_offer(e, team, &[T::Accepted, T::InProgress, T::OnHold])?;
                let started = self.offers[i].status != T::Accepted;
                self.close_offer(i, T::Failed, e.at, Some(reason.clone()));
                self.holder = None;
                if started {
                    self.status = R::Failed;
                    self.reason = Some(reason.clone());
                } else {
                    self.status = self.unplaced_status();
                }
                Ok(())
            }
            EventKind::Escalated { accountable, trigger } => {
                self.by_coordinator(e)?;
                self.need_status(e, &[R::Requested])?;
                self.escalate(e.at, *trigger, accountable.clone());
                Ok(())
            }
            EventKind::ReferralCancelled { reason } => {
                self.by_referrer(e)?;
                self.need_status(e, &[R::Draft, R::Requested, R::Escalated, R::Accepted])?;
                for o in &mut self.offers {
                    if o.status.is_open() || o.status == T::Accepted {
                        o.status = T::Cancelled;
                        o.closed_at = Some(e.at);
                    }
                }
                self.status = R::Cancelled;
                self.holder = None;
                self.reason = Some(reason.clone());
                Ok(())
            }
            EventKind::ReferralFailed { reason } => {
                self.by_coordinator(e)?;
                self.need_status(e, &[R::Requested, R::Escalated])?;
                self.withdraw_open_offers(e.at);
                self.status = R::Failed;
                self.reason = Some(reason.clone());
                Ok(())
            }
        }
    }

    fn unplaced_status(&self) -> ReferralStatus {
        if self.escalation.is_some() { ReferralStatus::Escalated } else { ReferralStatus::Requested }
    }

    fn escalate(&mut self, at: DateTime<Utc>, trigger: EscalationTrigger, accountable: Id) {
        self.escalation = Some(Escalation { at, trigger, accountable });
        self.status = ReferralStatus::Escalated;
    }

    /// The decline trigger, inside the reject that reaches the limit (see the escalation module).
    fn escalate_on_declines(&mut self, at: DateTime<Utc>) {
        let Some(policy) = &self.policy else { return };
        if self.status == ReferralStatus::Requested && policy.max_declines > 0 && self.declines >= policy.max_declines {
            let accountable = policy.accountable.clone();
            self.escalate(at, EscalationTrigger::Declines, accountable);
        }
    }

    fn close_offer(&mut self, i: usize, status: OfferStatus, at: DateTime<Utc>, reason: Option<Reason>) {
        let o = &mut self.offers[i];
        o.status = status;
        o.closed_at = Some(at);
        o.reason = reason;
    }

    fn withdraw_open_offers(&mut self, at: DateTime<Utc>) {
        for o in &mut self.offers {
            if o.status.is_open() {
                o.status = OfferStatus::Cancelled;
                o.closed_at = Some(at);
            }
        }
    }

    /// The position of a team's offer: a scan of fingerprints while there are few offers, the
    /// hash index beyond.
    fn offer_index(&self, team: &Id) -> Option<usize> {
        match &self.offer_index {
            Some(index) => index.get(team).copied(),
            None => {
                let fp = fingerprint(team);
                self.offers.iter().position(|o| o.team_fp == fp && &o.team == team)
            }
        }
    }

    /// Indexes the offer about to be pushed for `team` (building the index when the offers
    /// outgrow a scan).
    fn index_offer(&mut self, team: &Id) {
        let next = self.offers.len();
        match &mut self.offer_index {
            Some(index) => {
                index.insert(team.clone(), next);
            }
            None if next >= FEW => {
                let mut index: HashMap<Id, usize> = HashMap::with_capacity(2 * next);
                index.extend(self.offers.iter().enumerate().map(|(i, o)| (o.team.clone(), i)));
                index.insert(team.clone(), next);
                self.offer_index = Some(Box::new(index));
            }
            None => {}
        }
    }

    /// The offer of `team` in one of `allowed`, for a change the team itself makes.
    fn team_offer(&self, e: &Event, team: &Id, allowed: &[OfferStatus]) -> Result<usize> {
        if !matches!(&e.actor, Actor::Team(t) if t == team) {
            return Err(self.wrong_actor(e, format!("the offer's own team {}", shown(team.as_str()))));
        }
        self.offer_in(e, team, allowed)
    }

    fn offer_in(&self, e: &Event, team: &Id, allowed: &[OfferStatus]) -> Result<usize> {
        let field = || format!("offers[{}].status", short_id(team));
        let Some(i) = self.offer_index(team) else {
            return Err(self.refuse(e, &field(), "none", "this team has no offer on this referral".into()));
        };
        let status = self.offers[i].status;
        if !allowed.contains(&status) {
            return Err(self.refuse(e, &field(), status.code(), format!("needs offer status {}", list(allowed))));
        }
        Ok(i)
    }

    fn need_status(&self, e: &Event, allowed: &[ReferralStatus]) -> Res {
        if allowed.contains(&self.status) {
            Ok(())
        } else {
            Err(self.refuse(e, "status", self.status.code(), format!("needs referral status {}", list(allowed))))
        }
    }

    fn by_referrer(&self, e: &Event) -> Res {
        match &e.actor {
            Actor::Referrer(id) if *id == self.referrer => Ok(()),
            Actor::Coordinator(_) => Ok(()),
            _ => Err(self.wrong_actor(e, format!("the referrer {} or a coordinator", shown(self.referrer.as_str())))),
        }
    }

    fn by_coordinator(&self, e: &Event) -> Res {
        match &e.actor {
            Actor::Coordinator(_) => Ok(()),
            _ => Err(self.wrong_actor(e, "a coordinator".into())),
        }
    }

    fn wrong_actor(&self, e: &Event, allowed: String) -> Error {
        Error::WrongActor {
            referral: self.id.to_string(),
            event: e.id.to_string(),
            event_type: e.kind.event_type().code(),
            actor: e.actor.to_string(),
            allowed,
        }
    }

    fn refuse(&self, e: &Event, field: &str, from: &'static str, reason: String) -> Error {
        Error::Transition {
            referral: self.id.clone(),
            event: e.id.clone(),
            event_type: e.kind.event_type().code(),
            field: field.to_owned(),
            from,
            reason,
        }
    }

    /// The referral id.
    pub fn id(&self) -> &Id {
        &self.id
    }
    /// The referring organisation.
    pub fn referrer(&self) -> &Id {
        &self.referrer
    }
    /// Care types asked for.
    pub fn care_types(&self) -> CodeSet<CareType> {
        self.care_types
    }
    /// The client's PC4 area.
    pub fn pc4(&self) -> Pc4 {
        self.pc4
    }
    /// The client's municipality, if given.
    pub fn municipality(&self) -> Option<MunicipalityCode> {
        self.municipality
    }
    /// Whether care must start within 24 hours.
    pub fn acute(&self) -> bool {
        self.acute
    }
    /// How much care the intake stated (hours and visits per week, visit moments).
    pub fn volume(&self) -> crate::volume::Volume {
        self.volume
    }
    /// The coordination point's limits carried by the `created` event.
    pub fn policy(&self) -> Option<&EscalationPolicy> {
        self.policy.as_ref()
    }
    /// Time of the `created` event.
    pub fn created_at(&self) -> DateTime<Utc> {
        self.created_at
    }
    /// Time of the `submitted` event: the start of the escalation clock and of time to placement.
    pub fn submitted_at(&self) -> Option<DateTime<Utc>> {
        self.submitted_at
    }
    /// Current status.
    pub fn status(&self) -> ReferralStatus {
        self.status
    }
    /// Offers in the order sent.
    pub fn offers(&self) -> &[Offer] {
        &self.offers
    }
    /// Number of team rejections.
    pub fn declines(&self) -> u32 {
        self.declines
    }
    /// The escalation, if it ever escalated (kept after a later placement).
    pub fn escalation(&self) -> Option<&Escalation> {
        self.escalation.as_ref()
    }
    /// The placement: the team under which care first started, and when that team accepted.
    pub fn placement(&self) -> Option<(&Id, DateTime<Utc>)> {
        self.placed.as_ref().map(|(t, at)| (t, *at))
    }
    /// Seconds from submission to the placing team's acceptance (the monitoring definition of
    /// time to placement); `None` when the referral was never submitted or never placed.
    pub fn time_to_placement_secs(&self) -> Option<i64> {
        let (_, accepted) = self.placement()?;
        Some(accepted.signed_duration_since(self.submitted_at()?).num_seconds())
    }
    /// Why the referral was cancelled or failed.
    pub fn reason(&self) -> Option<&Reason> {
        self.reason.as_ref()
    }
    /// The `seq` of the last applied event; the next event must have `seq() + 1`.
    pub fn seq(&self) -> u64 {
        self.seq
    }
    /// Time of the last applied event.
    pub fn last_at(&self) -> DateTime<Utc> {
        self.last_at
    }

    /// The state as plain data.
    pub fn summary(&self) -> ReferralSummary {
        ReferralSummary {
            id: self.id.clone(),
            status: self.status,
            declines: i32::try_from(self.declines).unwrap_or(i32::MAX),
            placed_team: self.placed.as_ref().map(|(t, _)| t.clone()),
            escalation: self.escalation.clone(),
            reason: self.reason.clone(),
            offers: self
                .offers
                .iter()
                .map(|o| OfferSummary { team: o.team.clone(), status: o.status, reason: o.reason.clone() })
                .collect(),
        }
    }
}

fn list<T: std::fmt::Display>(allowed: &[T]) -> String {
    allowed.iter().map(|s| format!("`{s}`")).collect::<Vec<_>>().join(" or ")
}

#[cfg(test)]
mod tests {
    use chrono::{Duration, TimeZone};

    use super::*;
    use crate::referral::state::ReferralReason;

    fn id(s: &str) -> Id {
        Id::parse(s).unwrap()
    }

    struct H {
        r: Referral,
        t: i64,
    }

    impl H {
        fn new(max_declines: Option<u32>) -> Self {
            let policy = max_declines.map(|m| EscalationPolicy {
                accountable: id("cp"),
                max_unplaced_acute: Duration::hours(4),
                max_unplaced_non_acute: Duration::hours(72),
                max_declines: m,
            });
            let intake = Intake {
                referrer: id("gp"),
                care_types: [CareType::Nursing].into_iter().collect(),
                pc4: Pc4::new(7511).unwrap(),
                municipality: None,
                acute: false,
                policy,
                volume: crate::volume::Volume::UNKNOWN,
            };
            let e = Event {
                id: id("e1"),
                referral: id("r"),
                seq: 1,
                at: Utc.with_ymd_and_hms(2026, 1, 5, 8, 0, 0).unwrap(),
                actor: Actor::Referrer(id("gp")),
                kind: EventKind::Created(Box::new(intake)),
            };
            Self { r: Referral::create(&e).unwrap(), t: 0 }
        }
        fn event(&mut self, actor: Actor, kind: EventKind) -> Event {
            self.t += 1;
            let seq = self.r.seq() + 1;
            Event {
                id: id(&format!("e{seq}")),
                referral: id("r"),
                seq,
                at: Utc.with_ymd_and_hms(2026, 1, 5, 8, 0, 0).unwrap() + Duration::minutes(self.t),
                actor,
                kind,
            }
        }
        fn ok(&mut self, actor: Actor, kind: EventKind) {
            let e = self.event(actor, kind);
            self.r.apply(&e).unwrap();
        }
        fn err(&mut self, actor: Actor, kind: EventKind) -> Error {
            let e = self.event(actor, kind);
            let before = self.r.clone();
            let err = self.r.apply(&e).unwrap_err();
            assert_eq!(self.r, before);
            err
        }
    }

    fn gp() -> Actor {
        Actor::Referrer(id("gp"))
    }
    fn team(t: &str) -> Actor {
        Actor::Team(id(t))
    }
    fn sent(t: &str) -> EventKind {
        EventKind::OfferSent { team: id(t) }
    }
    fn reject(t: &str) -> EventKind {
        EventKind::OfferRejected { team: id(t), reason: Reason::new(ReferralReason::NoCapacity).unwrap() }
    }

    #[test]
    fn submit_only_from_draft() {
        let mut h = H::new(None);
        h.ok(gp(), EventKind::Submitted);
        assert_eq!(h.r.status(), ReferralStatus::Requested);
        assert_eq!(h.err(gp(), EventKind::Submitted).code(), "transition");
    }

    #[test]
    fn one_offer_per_team_and_a_bounded_number() {
        let mut h = H::new(None);
        assert_eq!(h.err(gp(), sent("a")).code(), "transition", "not before submission");
        h.ok(gp(), EventKind::Submitted);
        h.ok(gp(), sent("a"));
        assert_eq!(h.err(gp(), sent("a")).code(), "transition");
        for i in 1..MAX_OFFERS {
            h.ok(gp(), sent(&format!("t{i}")));
        }
        assert_eq!(h.err(gp(), sent("one-too-many")).code(), "transition");
    }

    #[test]
    fn decline_limit_escalates_only_while_requested_and_zero_disables_it() {
        let mut h = H::new(Some(2));
        h.ok(gp(), EventKind::Submitted);
        for t in ["a", "b", "c"] {
            h.ok(gp(), sent(t));
        }
        h.ok(team("a"), reject("a"));
        assert!(h.r.escalation().is_none());
        h.ok(team("b"), reject("b"));
        assert_eq!(h.r.escalation().map(|e| e.trigger), Some(EscalationTrigger::Declines));
        let at = h.r.escalation().unwrap().at;
        h.ok(team("c"), reject("c"));
        assert_eq!(h.r.escalation().unwrap().at, at, "escalates once");

        let mut h = H::new(Some(0));
        h.ok(gp(), EventKind::Submitted);
        for t in ["a", "b", "c"] {
            h.ok(gp(), sent(t));
            h.ok(team(t), reject(t));
        }
        assert_eq!((h.r.declines(), h.r.status()), (3, ReferralStatus::Requested));
    }

    #[test]
    fn cancelling_the_accepted_offer_returns_to_escalated_when_escalated_before() {
        let mut h = H::new(Some(1));
        h.ok(gp(), EventKind::Submitted);
        h.ok(gp(), sent("a"));
        h.ok(team("a"), reject("a"));
        h.ok(gp(), sent("b"));
        h.ok(team("b"), EventKind::OfferAccepted { team: id("b") });
        assert_eq!(h.r.status(), ReferralStatus::Accepted);
        let reason = Reason::new(ReferralReason::ClientDeclined).unwrap();
        h.ok(gp(), EventKind::OfferCancelled { team: id("b"), reason });
        assert_eq!(h.r.status(), ReferralStatus::Escalated);
    }

    #[test]
    fn care_start_withdraws_open_offers_without_reason() {
        let mut h = H::new(None);
        h.ok(gp(), EventKind::Submitted);
        h.ok(gp(), sent("a"));
        h.ok(gp(), sent("b"));
        h.ok(team("b"), EventKind::OfferReceived { team: id("b") });
        h.ok(team("a"), EventKind::OfferAccepted { team: id("a") });
        h.ok(team("a"), EventKind::CareStarted { team: id("a") });
        let b = &h.r.offers()[1];
        assert_eq!((b.status(), b.reason(), b.closed_at().is_some()), (OfferStatus::Cancelled, None, true));
        assert_eq!(h.r.placement().unwrap().0.as_str(), "a");
        assert_eq!(h.err(team("b"), EventKind::OfferAccepted { team: id("b") }).code(), "transition");
    }

    #[test]
    fn pause_resume_complete_follow_the_offer() {
        let mut h = H::new(None);
        h.ok(gp(), EventKind::Submitted);
        h.ok(gp(), sent("a"));
        assert_eq!(h.err(team("a"), EventKind::CareStarted { team: id("a") }).code(), "transition");
        h.ok(team("a"), EventKind::OfferAccepted { team: id("a") });
        assert_eq!(h.err(team("a"), EventKind::CarePaused { team: id("a") }).code(), "transition");
        h.ok(team("a"), EventKind::CareStarted { team: id("a") });
        h.ok(team("a"), EventKind::CarePaused { team: id("a") });
        assert_eq!(h.r.status(), ReferralStatus::OnHold);
        assert_eq!(h.err(team("a"), EventKind::CarePaused { team: id("a") }).code(), "transition");
        h.ok(team("a"), EventKind::CareResumed { team: id("a") });
        h.ok(team("a"), EventKind::CareCompleted { team: id("a") });
        assert_eq!(h.r.status(), ReferralStatus::Completed);
        assert_eq!(h.err(gp(), sent("b")).code(), "transition");
    }

    #[test]
    fn events_per_referral_are_bounded() {
        let mut h = H::new(None);
        h.ok(gp(), EventKind::Submitted);
        h.ok(gp(), sent("a"));
        h.ok(team("a"), EventKind::OfferAccepted { team: id("a") });
        h.ok(team("a"), EventKind::CareStarted { team: id("a") });
        while h.r.event_ids.len() + 2 <= MAX_EVENTS {
            h.ok(team("a"), EventKind::CarePaused { team: id("a") });
            h.ok(team("a"), EventKind::CareResumed { team: id("a") });
        }
        if h.r.event_ids.len() < MAX_EVENTS {
            h.ok(team("a"), EventKind::CarePaused { team: id("a") });
        }
        let e = h.err(team("a"), EventKind::CareCompleted { team: id("a") });
        assert!(e.to_string().contains(&format!("at most {MAX_EVENTS} events")), "{e}");
    }

    #[test]
    fn referral_values_can_cross_threads() {
        fn check<T: Send + Sync>() {}
        check::<Referral>();
        check::<Event>();
        check::<crate::referral::ReferralBook>();
        check::<crate::referral::Monitoring>();
    }
}
