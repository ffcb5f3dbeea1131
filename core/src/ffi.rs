//! How the core's own values cross into Kotlin and Swift (the `uniffi` feature).
//!
//! The records and enums of the domain modules derive `uniffi::Record` / `uniffi::Enum` under this
//! feature; this module gives their field types a foreign form:
//!
//! - **Ids and postcodes** ([`Id`], [`Location`], [`Pc4`], [`Pc6`], [`MunicipalityCode`],
//!   [`AgbCode`], [`UraNumber`], [`KvkNumber`]) are strings.
//! - **Calendar dates** ([`CalendarDate`], chrono's `NaiveDate`) are `java.time.LocalDate` in Kotlin
//!   (configured in `core/uniffi.toml`) and ISO `YYYY-MM-DD` strings in Swift, which has no
//!   date-only type.
//! - **Instants** ([`Timestamp`], `DateTime<Utc>`) are uniffi timestamps: `java.time.Instant`,
//!   Swift `Date`.
//! - **Clock times** ([`ClockTime`], `NaiveTime`) are `HH:MM` strings, `24:00` for the end of a day.
//! - **Code sets** ([`CodeSet`]) are lists in stable code order; **free places** a map from care
//!   type to places; the PC4 set of an area a list of PC4 codes; a provision path a list of
//!   indices; the core's ordered maps (`BTreeMap`) maps in key order.
//! - **Shared contact persons** (`Arc<ContactPerson>`) are plain `ContactPerson` records.
//!
//! **Counts** in crossing records are signed (`i32`, `i64`), so Kotlin and Swift see `Int` and
//! `Long`, the types their code counts with; they are never negative. Versions (registry,
//! capacity, referral `seq`) stay `u64` (`ULong` in Kotlin): documents carry the full unsigned
//! range, and a version is compared, never counted with.
//!
//! **Lifting never rejects an instant or a well-formed date**: one beyond what chrono can
//! represent becomes the earliest or latest value chrono has, which every check then refuses as
//! outside the years [`MIN_YEAR`](crate::limits::MIN_YEAR) to
//! [`MAX_YEAR`](crate::limits::MAX_YEAR), with the path of the field. So a typed request reports
//! such a value like any other problem. Text that is no date at all (possible from Swift only) and
//! malformed ids or postcodes inside a record that was built in Kotlin or Swift fail the lift:
//! the records a host builds to pass in (requests, updates, events) hold ids as strings and are
//! checked by the core with the path of every problem, so this happens only for answers passed
//! back after the host changed them.

use std::collections::BTreeMap;
use std::sync::Arc;
use std::time::{SystemTime, UNIX_EPOCH};

use chrono::{DateTime, NaiveDate, NaiveTime, Utc};
use uniffi::{Lift, Lower, MetadataBuffer, RustBuffer, TypeId};

use crate::codes::{CareType, Code, CodeSet};
use crate::consent::{CategoryDecision, DataCategory, ProvisionPath};
use crate::ids::{AgbCode, Id, KvkNumber, Location, MunicipalityCode, Pc4, Pc6, UraNumber};
use crate::registry::{ContactPerson, FreePlaces, Pc4Set};
use crate::volume::Hours;

type AnyResult<T> = uniffi::Result<T>;

fn refused(reason: impl std::fmt::Display) -> uniffi::deps::anyhow::Error {
    uniffi::deps::anyhow::anyhow!("{reason}")
}

// ---- ids and postcodes: strings -----------------------------------------------------------------

/// Ids and postcodes cross as their text (`Display`), parsed again when they come back.
macro_rules! crosses_as_text {
    ($($ty:ident),+) => {$(
        uniffi::custom_type!($ty, String, {
            lower: |v| v.to_string(),
            try_lift: |s| $ty::parse(&s).map_err(refused),
        });
    )+};
}
crosses_as_text!(Id, Location, Pc4, Pc6, MunicipalityCode, AgbCode, UraNumber, KvkNumber);

// ---- hours per week: a number -------------------------------------------------------------------

uniffi::custom_type!(Hours, f64, {
    lower: |h| h.get(),
    // Not a finite number of at least 0: kept as a value every check refuses, so the check reports
    // it with the path of its field.
    try_lift: |x| Ok(crate::volume::Hours::new(x).unwrap_or(crate::volume::Hours::INVALID)),
});

// ---- time ---------------------------------------------------------------------------------------

/// A calendar date (a Dutch local date): `java.time.LocalDate` in Kotlin, an ISO `YYYY-MM-DD`
/// string in Swift.
pub type CalendarDate = NaiveDate;

/// An instant: `java.time.Instant` in Kotlin, `Date` in Swift.
pub type Timestamp = DateTime<Utc>;

/// A local clock time `HH:MM`, `24:00` for the end of a day.
pub type ClockTime = NaiveTime;

/// The date as ISO text (`+10000-01-01` beyond year 9999, as `java.time.LocalDate` writes it).
/// Years 0 to 9999 without chrono's `format`, which reads its format string again for every
/// value: a match result holds many dates, and that was a third of the library's time in a match
/// called from Kotlin.
fn date_text(d: NaiveDate) -> String {
    use chrono::Datelike;
    if (0..=9999).contains(&d.year()) {
        format!("{:04}-{:02}-{:02}", d.year(), d.month(), d.day())
    } else {
        d.format("%Y-%m-%d").to_string()
    }
}

/// The time as `HH:MM` (what chrono's `%H:%M` writes, without reading a format string per value).
fn clock_text(t: NaiveTime) -> String {
    use chrono::Timelike;
    format!("{:02}:{:02}", t.hour(), t.minute())
}

/// ISO date text as a date. A well-formed date whose year chrono cannot represent becomes the
/// earliest or latest date chrono has (both outside the supported years).
fn date_from_text(s: &str) -> AnyResult<NaiveDate> {
    if let Ok(d) = NaiveDate::parse_from_str(s, "%Y-%m-%d") {
        return Ok(d);
    }
    let (negative, digits) = match s.as_bytes().first() {
        Some(b'-') => (true, &s[1..]),
        Some(b'+') => (false, &s[1..]),
        _ => (false, s),
    };
    let mut parts = digits.splitn(3, '-');
    let well_formed = match (parts.next(), parts.next(), parts.next()) {
        (Some(y), Some(m), Some(d)) => {
            y.len() > 4
                && [y, m, d].iter().all(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()))
                && m.len() == 2
                && d.len() == 2
        }
        _ => false,
    };
    if well_formed {
        Ok(if negative { NaiveDate::MIN } else { NaiveDate::MAX })
    } else {
        Err(refused("expected a calendar date `YYYY-MM-DD`"))
    }
}

uniffi::custom_type!(CalendarDate, String, {
    remote,
    lower: |d| date_text(d),
    try_lift: |s| date_from_text(&s),
});

/// A host instant as UTC; one beyond chrono's range becomes chrono's earliest or latest instant
/// (both outside the supported years).
pub fn utc_from_system_time(t: SystemTime) -> DateTime<Utc> {
    let out_of_range = |after: bool| if after { DateTime::<Utc>::MAX_UTC } else { DateTime::<Utc>::MIN_UTC };
    match t.duration_since(UNIX_EPOCH) {
        Ok(d) => i64::try_from(d.as_secs())
            .ok()
            .and_then(|s| DateTime::from_timestamp(s, d.subsec_nanos()))
            .unwrap_or_else(|| out_of_range(true)),
        Err(before) => {
            let d = before.duration();
            let secs = i64::try_from(d.as_secs()).ok();
            let (secs, nanos) = match (secs, d.subsec_nanos()) {
                (Some(s), 0) => (Some(-s), 0),
                (Some(s), n) => (s.checked_add(1).map(|s| -s), 1_000_000_000 - n),
                (None, _) => (None, 0),
            };
            secs.and_then(|s| DateTime::from_timestamp(s, nanos)).unwrap_or_else(|| out_of_range(false))
        }
    }
}

uniffi::custom_type!(Timestamp, SystemTime, {
    remote,
    lower: |t| SystemTime::from(t),
    try_lift: |t| Ok(utc_from_system_time(t)),
});

fn end_of_day() -> NaiveTime {
    NaiveTime::from_hms_opt(23, 59, 59).expect("a valid time")
}

uniffi::custom_type!(ClockTime, String, {
    remote,
    lower: |t| if t == end_of_day() { "24:00".to_owned() } else { clock_text(t) },
    try_lift: |s| if s == "24:00" {
        Ok(end_of_day())
    } else {
        NaiveTime::parse_from_str(&s, "%H:%M").map_err(|_| refused("expected a time `HH:MM` (or `24:00`)"))
    },
});

// ---- values that cross as lists and maps ----------------------------------------------------------

/// Implements the FFI traits for a type that crosses as another type uniffi knows (a list):
/// `crosses_as!(impl<generics> Tag: Type as Wire, where [bounds]; lower: |v| wire, lift: |w| value)`
/// writes and reads the wire value, and takes its type id, for the tag `Tag` (a generic `UT` for
/// the core's types, `crate::UniFfiTag` for a foreign one). `lift` answers an `AnyResult`.
macro_rules! crosses_as {
    (impl<$($g:ident),*> $tag:ty: $ty:ty as $wire:ty $(, where [$($bound:tt)+])?;
     lower: |$l:ident| $lower:expr, lift: |$w:ident| $lift:expr $(,)?) => {
        unsafe impl<$($g),*> Lower<$tag> for $ty where $wire: Lower<$tag>, $($($bound)+)? {
            type FfiType = RustBuffer;
            fn write($l: Self, buf: &mut Vec<u8>) {
                <$wire as Lower<$tag>>::write($lower, buf)
            }
            fn lower(value: Self) -> RustBuffer {
                <Self as Lower<$tag>>::lower_into_rust_buffer(value)
            }
        }
        unsafe impl<$($g),*> Lift<$tag> for $ty where $wire: Lift<$tag>, $($($bound)+)? {
            type FfiType = RustBuffer;
            fn try_read(buf: &mut &[u8]) -> AnyResult<Self> {
                let $w = <$wire as Lift<$tag>>::try_read(buf)?;
                $lift
            }
            fn try_lift(buf: RustBuffer) -> AnyResult<Self> {
                <Self as Lift<$tag>>::try_lift_from_rust_buffer(buf)
            }
        }
        impl<$($g),*> TypeId<$tag> for $ty where $wire: TypeId<$tag>, $($($bound)+)? {
            const TYPE_ID_META: MetadataBuffer = <$wire as TypeId<$tag>>::TYPE_ID_META;
        }
        uniffi::derive_ffi_traits!(impl<$($g),*> LowerReturn<$tag> for $ty where $ty: Lower<$tag>);
        uniffi::derive_ffi_traits!(impl<$($g),*> LowerError<$tag> for $ty where $ty: Lower<$tag>);
        uniffi::derive_ffi_traits!(impl<$($g),*> LiftReturn<$tag> for $ty where $ty: Lift<$tag>);
        uniffi::derive_ffi_traits!(impl<$($g),*> LiftRef<$tag> for $ty where $ty: Lift<$tag>);
    };
}

// A code set is a list of its codes in stable order (Kotlin `List<CareType>`, ...).
crosses_as!(impl<T, UT> UT: CodeSet<T> as Vec<T>, where [T: Code];
    lower: |set| set.iter().collect(),
    lift: |codes| Ok(codes.into_iter().collect()));

/// A contact person shared by several records (`Arc<ContactPerson>`) crosses as a plain
/// `ContactPerson` record.
unsafe impl<UT> uniffi::FfiConverterArc<UT> for ContactPerson {
    type FfiType = RustBuffer;
    fn lower(obj: Arc<Self>) -> RustBuffer {
        <ContactPerson as Lower<UT>>::lower(Arc::unwrap_or_clone(obj))
    }
    fn try_lift(v: RustBuffer) -> AnyResult<Arc<Self>> {
        <ContactPerson as Lift<UT>>::try_lift(v).map(Arc::new)
    }
    fn write(obj: Arc<Self>, buf: &mut Vec<u8>) {
        <ContactPerson as Lower<UT>>::write(Arc::unwrap_or_clone(obj), buf)
    }
    fn try_read(buf: &mut &[u8]) -> AnyResult<Arc<Self>> {
        <ContactPerson as Lift<UT>>::try_read(buf).map(Arc::new)
    }
    const TYPE_ID_META: MetadataBuffer = <ContactPerson as TypeId<UT>>::TYPE_ID_META;
}

// Free places are a map from care type to places (Kotlin `Map<CareType, Long>`), in care-type
// order (the ordered map below keeps it); `Long` because a document may report up to
// 4,294,967,295 places.
crosses_as!(impl<> crate::UniFfiTag: FreePlaces as BTreeMap<CareType, i64>;
lower: |places| places.iter().map(|(care, n)| (care, i64::from(n))).collect(),
lift: |map| {
    let mut places = FreePlaces::default();
    for (care, n) in map {
        let n = u32::try_from(n).map_err(|_| refused("expected 0 to 4,294,967,295 free places"))?;
        places.set(care, Some(n));
    }
    Ok(places)
});

// The PC4 areas an area covers as a whole: a list of PC4 codes, ascending.
crosses_as!(impl<UT> UT: Pc4Set as Vec<Pc4>;
    lower: |set| set.iter().collect(),
    lift: |pc4s| Ok(Pc4Set::from_iter(pc4s)));

// A provision path is the list of child indices from the consent's root provision.
crosses_as!(impl<UT> UT: ProvisionPath as Vec<i32>;
lower: |path| path.steps().iter().map(|&s| i32::from(s)).collect(),
lift: |steps| {
    let steps: Vec<u8> = steps.into_iter().map(u8::try_from).collect::<Result<_, _>>()?;
    ProvisionPath::from_steps(&steps).ok_or_else(|| refused("a provision path deeper than a consent can be"))
});

/// A decision's answers (one slot per data category) are the list of the categories asked for,
/// in stable category order. A foreign type, so for the core's own tag (records read their
/// fields with it).
type DecisionSlots = [Option<CategoryDecision>; DataCategory::COUNT];

crosses_as!(impl<> crate::UniFfiTag: DecisionSlots as Vec<CategoryDecision>;
lower: |slots| slots.into_iter().flatten().collect(),
lift: |decisions| {
    let mut slots: DecisionSlots = Default::default();
    for d in decisions {
        let slot = &mut slots[d.category.index() as usize];
        if slot.is_some() {
            return Err(refused("a data category answered twice"));
        }
        *slot = Some(d);
    }
    Ok(slots)
});

/// The core's ordered maps are maps in key order (Kotlin keeps the order it reads). A foreign
/// type, so for the core's own tag.
unsafe impl<K, V> Lower<crate::UniFfiTag> for BTreeMap<K, V>
where
    K: Lower<crate::UniFfiTag> + Ord,
    V: Lower<crate::UniFfiTag>,
{
    type FfiType = RustBuffer;
    fn write(map: Self, buf: &mut Vec<u8>) {
        use uniffi::deps::bytes::BufMut;
        buf.put_i32(i32::try_from(map.len()).expect("maps of the core are far below 2^31 entries"));
        for (k, v) in map {
            <K as Lower<crate::UniFfiTag>>::write(k, buf);
            <V as Lower<crate::UniFfiTag>>::write(v, buf);
        }
    }
    fn lower(map: Self) -> RustBuffer {
        Self::lower_into_rust_buffer(map)
    }
}
unsafe impl<K, V> Lift<crate::UniFfiTag> for BTreeMap<K, V>
where
    K: Lift<crate::UniFfiTag> + Ord,
    V: Lift<crate::UniFfiTag>,
{
    type FfiType = RustBuffer;
    fn try_read(buf: &mut &[u8]) -> AnyResult<Self> {
        use uniffi::deps::bytes::Buf;
        uniffi::check_remaining(buf, 4)?;
        let len = usize::try_from(buf.get_i32())?;
        let mut map = BTreeMap::new();
        for _ in 0..len {
            let k = <K as Lift<crate::UniFfiTag>>::try_read(buf)?;
            let v = <V as Lift<crate::UniFfiTag>>::try_read(buf)?;
            map.insert(k, v);
        }
        Ok(map)
    }
    fn try_lift(buf: RustBuffer) -> AnyResult<Self> {
        Self::try_lift_from_rust_buffer(buf)
    }
}
impl<K, V> TypeId<crate::UniFfiTag> for BTreeMap<K, V>
where
    K: TypeId<crate::UniFfiTag> + Ord,
    V: TypeId<crate::UniFfiTag>,
{
    const TYPE_ID_META: MetadataBuffer = MetadataBuffer::from_code(uniffi::metadata::codes::TYPE_HASH_MAP)
        .concat(K::TYPE_ID_META)
        .concat(V::TYPE_ID_META);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::UniFfiTag;
    use std::time::Duration as StdDuration;

    fn round_trip<T: Lower<UniFfiTag> + Lift<UniFfiTag>>(v: T) -> T {
        let mut buf = Vec::new();
        <T as Lower<UniFfiTag>>::write(v, &mut buf);
        let mut rest = buf.as_slice();
        let back = <T as Lift<UniFfiTag>>::try_read(&mut rest).expect("lifts");
        assert!(rest.is_empty(), "the whole value is read back");
        back
    }

    #[test]
    fn instants_round_trip_and_saturate_beyond_chrono() {
        for text in
            ["2026-11-22T10:00:00Z", "2026-03-29T01:30:00.250Z", "1969-12-31T23:59:59.5Z", "1900-01-01T00:00:00Z"]
        {
            let t: DateTime<Utc> = text.parse().unwrap();
            assert_eq!(utc_from_system_time(SystemTime::from(t)), t, "{text}");
        }
        // Through uniffi's timestamp format too. That format carries the sign in the whole
        // seconds only, so an instant less than a second before 1970 comes back after it
        // (uniffi 0.32.2: `1969-12-31T23:59:59.5Z` reads as `1970-01-01T00:00:00.5Z`). Not worked
        // around: it is uniffi's format on both sides, and that second matters to no referral.
        for text in
            ["2026-11-22T10:00:00Z", "2026-03-29T01:30:00.250Z", "1969-12-31T23:59:58.5Z", "1900-01-01T00:00:00Z"]
        {
            let t: DateTime<Utc> = text.parse().unwrap();
            assert_eq!(round_trip(t), t, "{text}");
        }
        let far = UNIX_EPOCH + StdDuration::from_secs(i64::MAX as u64 / 2);
        assert_eq!(utc_from_system_time(far), DateTime::<Utc>::MAX_UTC);
        let early = UNIX_EPOCH - StdDuration::from_secs(i64::MAX as u64 / 2);
        assert_eq!(utc_from_system_time(early), DateTime::<Utc>::MIN_UTC);
    }

    #[test]
    fn dates_and_times_are_written_as_chrono_writes_them() {
        let mut d = NaiveDate::from_ymd_opt(-2, 12, 20).unwrap();
        while d <= NaiveDate::from_ymd_opt(2300, 1, 10).unwrap() {
            assert_eq!(date_text(d), d.format("%Y-%m-%d").to_string());
            d = d.succ_opt().unwrap();
        }
        for (y, m, day) in [(0, 1, 1), (9999, 12, 31), (10000, 1, 1), (-1, 6, 30), (262_000, 2, 28)] {
            let d = NaiveDate::from_ymd_opt(y, m, day).unwrap();
            assert_eq!(date_text(d), d.format("%Y-%m-%d").to_string());
        }
        for minute in 0..24 * 60 {
            for second in [0, 59] {
                let t = NaiveTime::from_hms_opt(minute / 60, minute % 60, second).unwrap();
                assert_eq!(clock_text(t), t.format("%H:%M").to_string());
            }
        }
        let leap = NaiveTime::from_hms_milli_opt(23, 59, 59, 1_500).unwrap();
        assert_eq!(clock_text(leap), leap.format("%H:%M").to_string());
    }

    #[test]
    fn dates_cross_as_iso_text() {
        let d = NaiveDate::from_ymd_opt(2026, 2, 28).unwrap();
        assert_eq!(date_text(d), "2026-02-28");
        assert_eq!(round_trip(d), d);
        // As java.time.LocalDate writes years beyond 9999, and beyond chrono's range.
        assert_eq!(date_from_text("+10000-01-01").unwrap(), NaiveDate::from_ymd_opt(10000, 1, 1).unwrap());
        assert_eq!(date_from_text("+999999999-12-31").unwrap(), NaiveDate::MAX);
        assert_eq!(date_from_text("-999999999-01-01").unwrap(), NaiveDate::MIN);
        for bad in ["2026-02-30", "tomorrow", "", "+-1-01-01", "+1234567-1-01"] {
            let e = date_from_text(bad).unwrap_err().to_string();
            assert_eq!(e, "expected a calendar date `YYYY-MM-DD`", "{bad}");
        }
    }

    #[test]
    fn clock_times_write_the_end_of_the_day_as_24_00() {
        assert_eq!(round_trip(end_of_day()), end_of_day());
        let lowered = <ClockTime as Lower<UniFfiTag>>::lower(end_of_day());
        assert_eq!(<String as Lift<UniFfiTag>>::try_lift(lowered).unwrap(), "24:00");
        let nine = NaiveTime::from_hms_opt(9, 0, 0).unwrap();
        assert_eq!(round_trip(nine), nine);
    }

    #[test]
    fn sets_lists_and_maps_keep_their_order() {
        let set: CodeSet<CareType> = [CareType::WoundCare, CareType::Nursing].into_iter().collect();
        let lowered = <CodeSet<CareType> as Lower<UniFfiTag>>::lower(set);
        let list = <Vec<CareType> as Lift<UniFfiTag>>::try_lift(lowered).unwrap();
        assert_eq!(list, vec![CareType::Nursing, CareType::WoundCare]);
        assert_eq!(round_trip(set), set);

        let mut places = FreePlaces::default();
        places.set(CareType::WoundCare, Some(u32::MAX));
        places.set(CareType::Nursing, Some(3));
        assert_eq!(round_trip(places), places);

        let map: BTreeMap<Pc4, i64> = [(Pc4::new(7512).unwrap(), 2), (Pc4::new(7511).unwrap(), 1)].into();
        let mut bytes = Vec::new();
        <BTreeMap<Pc4, i64> as Lower<UniFfiTag>>::write(map.clone(), &mut bytes);
        assert_eq!(&bytes[..4], &[0, 0, 0, 2]);
        assert_eq!(round_trip(map.clone()), map);

        let path = ProvisionPath::from_steps(&[1, 0]).unwrap();
        assert_eq!(round_trip(path), path);
    }

    #[test]
    fn malformed_ids_fail_the_lift_without_repeating_the_text() {
        let lowered = <String as Lower<UniFfiTag>>::lower("Jantje Pietersen".to_owned());
        let e = <Id as Lift<UniFfiTag>>::try_lift(lowered).unwrap_err();
        assert!(!format!("{e:#}").contains("Jantje"), "{e:#}");
    }
}
