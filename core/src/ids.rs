//! Validated identifiers: AGB, URA, KvK, BSN, postcodes, municipality codes and record ids.
//!
//! Identifiers are typed, never bare strings, so that a KvK number cannot be passed where an AGB
//! code is expected and so that a BSN can never be printed by accident: [`Bsn`]'s `Debug` and
//! `Display` are redacted and no error message carries its digits.

use std::fmt;
use std::str::FromStr;
use std::sync::Arc;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// Why an identifier was rejected. The message never repeats a BSN.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum IdError {
    /// Wrong number of characters or a non-digit where a digit was expected. The rejected text
    /// is not kept: an id field may hold anything a user typed, and no message repeats input.
    #[error("{kind} must be {expected}")]
    Malformed {
        /// Kind of identifier.
        kind: &'static str,
        /// What the format is.
        expected: &'static str,
    },
    /// A BSN failed its format or eleven-test; the value itself is not echoed.
    #[error("BSN is not valid ({0})")]
    Bsn(&'static str),
}

fn digits(s: &str, n: usize) -> bool {
    s.len() == n && s.bytes().all(|b| b.is_ascii_digit())
}

macro_rules! digit_id {
    ($(#[$m:meta])* $name:ident, $kind:literal, $n:literal, $expected:literal) => {
        $(#[$m])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub struct $name([u8; $n]);

        impl $name {
            /// Parses and validates.
            pub fn parse(s: &str) -> Result<Self, IdError> {
                if !digits(s, $n) {
                    return Err(IdError::Malformed { kind: $kind, expected: $expected });
                }
                let mut b = [0u8; $n];
                b.copy_from_slice(s.as_bytes());
                Ok(Self(b))
            }
            /// The digits as text.
            pub fn as_str(&self) -> &str {
                std::str::from_utf8(&self.0).expect("validated ASCII digits")
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl FromStr for $name {
            type Err = IdError;
            fn from_str(s: &str) -> Result<Self, IdError> {
                Self::parse(s)
            }
        }

        impl Serialize for $name {
            fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_str(self.as_str())
            }
        }

        impl<'de> Deserialize<'de> for $name {
            fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                let s = std::borrow::Cow::<'de, str>::deserialize(d)?;
                Self::parse(&s).map_err(serde::de::Error::custom)
            }
        }
    };
}

digit_id!(
    /// AGB code (*Algemeen GegevensBeheer*): 8 digits, the care provider's Vektis identifier.
    AgbCode, "AGB code", 8, "8 digits"
);
digit_id!(
    /// URA number (*UZI-register abonneenummer*): 8 digits, identifies an organisation in the
    /// UZI register for secure data exchange.
    UraNumber, "URA number", 8, "8 digits"
);
digit_id!(
    /// KvK number (*Kamer van Koophandel*): 8 digits, the chamber of commerce registration.
    KvkNumber, "KvK number", 8, "8 digits"
);

/// Citizen service number (*burgerservicenummer*). Redacted in every `Debug` and `Display`;
/// use [`Bsn::expose`] only to hand it to a system that is entitled to it.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct Bsn([u8; 9]);

impl Bsn {
    /// Parses nine digits and applies the eleven-test (*elfproef*).
    pub fn parse(s: &str) -> Result<Self, IdError> {
        if !digits(s, 9) {
            return Err(IdError::Bsn("must be 9 digits"));
        }
        let mut b = [0u8; 9];
        b.copy_from_slice(s.as_bytes());
        let sum: i32 = b
            .iter()
            .enumerate()
            .map(|(i, d)| {
                let w = if i == 8 { -1 } else { 9 - i as i32 };
                w * i32::from(d - b'0')
            })
            .sum();
        if sum % 11 != 0 || b == [b'0'; 9] {
            return Err(IdError::Bsn("fails the eleven-test"));
        }
        Ok(Self(b))
    }

    /// The digits. Deliberately a separate call so that every disclosure is visible in review.
    pub fn expose(&self) -> &str {
        std::str::from_utf8(&self.0).expect("validated ASCII digits")
    }

    /// The number the nine digits write, never zero (the eleven-test refuses nine zeros): how a
    /// store that keeps a BSN per client keeps it in four bytes instead of ten.
    pub(crate) fn packed(&self) -> std::num::NonZeroU32 {
        let n = self.0.iter().fold(0u32, |n, d| n * 10 + u32::from(d - b'0'));
        std::num::NonZeroU32::new(n).expect("the eleven-test refuses nine zeros")
    }

    /// The BSN [`Bsn::packed`] gave.
    pub(crate) fn unpacked(n: std::num::NonZeroU32) -> Self {
        let mut b = [b'0'; 9];
        let mut n = n.get();
        for d in b.iter_mut().rev() {
            *d = b'0' + (n % 10) as u8;
            n /= 10;
        }
        Self(b)
    }
}

impl fmt::Debug for Bsn {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Bsn(<redacted>)")
    }
}

impl fmt::Display for Bsn {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("<redacted BSN>")
    }
}

impl Serialize for Bsn {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.expose())
    }
}

impl<'de> Deserialize<'de> for Bsn {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = std::borrow::Cow::<'de, str>::deserialize(d)?;
        Self::parse(&s).map_err(serde::de::Error::custom)
    }
}

/// A 4-digit postcode area (PC4), 1000 to 9999.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Pc4(u16);

impl Pc4 {
    /// Lowest Dutch PC4.
    pub const MIN: u16 = 1000;
    /// Highest Dutch PC4.
    pub const MAX: u16 = 9999;

    /// From a number in range.
    pub fn new(n: u16) -> Result<Self, IdError> {
        if (Self::MIN..=Self::MAX).contains(&n) {
            Ok(Self(n))
        } else {
            Err(IdError::Malformed { kind: "PC4 postcode", expected: "4 digits from 1000 to 9999" })
        }
    }

    /// Parses `"1234"`.
    pub fn parse(s: &str) -> Result<Self, IdError> {
        let s = s.trim();
        if !digits(s, 4) {
            return Err(IdError::Malformed { kind: "PC4 postcode", expected: "4 digits from 1000 to 9999" });
        }
        Self::new(s.parse().expect("4 digits"))
    }

    /// The number.
    pub fn get(self) -> u16 {
        self.0
    }
}

impl fmt::Display for Pc4 {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}", self.0)
    }
}

/// A 6-character postcode (PC6) such as `7511AB`: a street or part of one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Pc6 {
    pc4: Pc4,
    letters: [u8; 2],
}

impl Pc6 {
    /// Parses `"7511AB"` or `"7511 ab"`; letters are folded to upper case. PostNL never issues
    /// the letter pairs SA, SD and SS, so they are rejected.
    pub fn parse(s: &str) -> Result<Self, IdError> {
        let bad = || IdError::Malformed {
            kind: "PC6 postcode",
            expected: "4 digits (1000-9999) and 2 letters, e.g. `7511AB`",
        };
        let compact: String = s.chars().filter(|c| !c.is_whitespace()).collect();
        if compact.len() != 6 || !compact.is_ascii() {
            return Err(bad());
        }
        let pc4 = Pc4::parse(&compact[..4]).map_err(|_| bad())?;
        let l = compact.as_bytes();
        let letters = [l[4].to_ascii_uppercase(), l[5].to_ascii_uppercase()];
        if !letters.iter().all(u8::is_ascii_uppercase) || matches!(&letters, b"SA" | b"SD" | b"SS") {
            return Err(bad());
        }
        Ok(Self { pc4, letters })
    }

    /// The PC4 area this PC6 lies in.
    pub fn pc4(self) -> Pc4 {
        self.pc4
    }
}

impl fmt::Display for Pc6 {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}{}{}", self.pc4, self.letters[0] as char, self.letters[1] as char)
    }
}

/// Where a client lives: a PC6 when known, otherwise a PC4.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Location {
    /// Only the 4-digit area is known.
    Pc4(Pc4),
    /// The full postcode is known.
    Pc6(Pc6),
}

impl Location {
    /// Parses a PC4 (`"7511"`) or PC6 (`"7511AB"`).
    pub fn parse(s: &str) -> Result<Self, IdError> {
        let compact_len = s.chars().filter(|c| !c.is_whitespace()).count();
        if compact_len == 4 { Pc4::parse(s).map(Location::Pc4) } else { Pc6::parse(s).map(Location::Pc6) }
    }

    /// The PC4 area.
    pub fn pc4(self) -> Pc4 {
        match self {
            Location::Pc4(p) => p,
            Location::Pc6(p) => p.pc4(),
        }
    }
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Location::Pc4(p) => p.fmt(f),
            Location::Pc6(p) => p.fmt(f),
        }
    }
}

/// CBS municipality code, e.g. `GM0153` (Enschede).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct MunicipalityCode(u16);

impl MunicipalityCode {
    /// Parses `"GM0153"`.
    pub fn parse(s: &str) -> Result<Self, IdError> {
        let ok = s.len() == 6 && s.starts_with("GM") && digits(&s[2..], 4);
        if !ok {
            return Err(IdError::Malformed { kind: "municipality code", expected: "`GM` and 4 digits, e.g. `GM0153`" });
        }
        Ok(Self(s[2..].parse().expect("4 digits")))
    }

    /// The CBS number.
    pub fn number(self) -> u16 {
        self.0
    }
}

impl fmt::Display for MunicipalityCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "GM{:04}", self.0)
    }
}

macro_rules! text_serde {
    ($($t:ty),*) => {$(
        impl Serialize for $t {
            fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.collect_str(self)
            }
        }
        impl<'de> Deserialize<'de> for $t {
            fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                let s = std::borrow::Cow::<'de, str>::deserialize(d)?;
                Self::parse(&s).map_err(serde::de::Error::custom)
            }
        }
        impl FromStr for $t {
            type Err = IdError;
            fn from_str(s: &str) -> Result<Self, IdError> { Self::parse(s) }
        }
    )*};
}
text_serde!(Pc4, Pc6, Location, MunicipalityCode);

/// A record id chosen by whoever maintains the data (organisation, team, agreement, referral):
/// 1 to 64 characters of `A-Z a-z 0-9 . _ : -`. Cheap to clone, because results carry ids of
/// many teams: an id of up to [`Id::INLINE_LEN`] characters (such as `p01234-t12`; not a UUID) is
/// kept in the value itself, a longer one in a shared string.
///
/// Why inline: a match lists every team it examined with its id and its organisation's id.
/// Cloning a shared string writes its reference count, in memory of its own that is rarely in
/// the cache; for the 30 to 60 teams of a match those two writes per team cost more than all
/// the matching rules together. Copying 16 bytes costs nothing of the kind.
#[derive(Clone)]
pub struct Id(IdRepr);

enum IdRepr {
    /// `len` bytes of ASCII at the start of `bytes`.
    Inline { len: u8, bytes: [u8; Id::INLINE_LEN] },
    /// A longer id, behind one thin pointer so that an id stays 16 bytes.
    Shared(Arc<Box<str>>),
}

/// Written by hand: the derived clone joined both arms in one stack slot, written a few bytes at
/// a time and read back as 16, which stalled every copy of the clone (four per exclusion a match
/// lists). With the shared arm out of line, an inline id is one 16-byte load and store.
impl Clone for IdRepr {
    #[inline(always)]
    fn clone(&self) -> Self {
        match self {
            IdRepr::Inline { len, bytes } => IdRepr::Inline { len: *len, bytes: *bytes },
            IdRepr::Shared(s) => shared_clone(s),
        }
    }
}

/// The rare arm of [`IdRepr::clone`]: ids longer than [`Id::INLINE_LEN`].
#[cold]
#[inline(never)]
fn shared_clone(s: &Arc<Box<str>>) -> IdRepr {
    IdRepr::Shared(Arc::clone(s))
}

impl Id {
    /// Longest id accepted.
    pub const MAX_LEN: usize = 64;

    /// Longest id kept inline (an id is 16 bytes either way; a longer one is shared).
    pub const INLINE_LEN: usize = 14;

    /// Parses and validates.
    pub fn parse(s: &str) -> Result<Self, IdError> {
        if !Self::valid(s.as_bytes()) {
            return Err(Self::MALFORMED);
        }
        if s.len() <= Self::INLINE_LEN {
            let mut bytes = [0u8; Self::INLINE_LEN];
            bytes[..s.len()].copy_from_slice(s.as_bytes());
            Ok(Self(IdRepr::Inline { len: s.len() as u8, bytes }))
        } else {
            Ok(Self(IdRepr::Shared(Arc::new(Box::from(s)))))
        }
    }

    /// Whether `s` is an id, without making one: for an id that is only looked up (a record's
    /// client, an organisation already known), where building the value was most of the cost.
    pub(crate) fn check(s: &str) -> Result<(), IdError> {
        if Self::valid(s.as_bytes()) { Ok(()) } else { Err(Self::MALFORMED) }
    }

    const MALFORMED: IdError =
        IdError::Malformed { kind: "id", expected: "1 to 64 characters of A-Z, a-z, 0-9, `.`, `_`, `:`, `-`" };

    /// Which bytes an id may hold, by value: one look per byte, and the whole id looked at
    /// without a branch per byte (a consent store's load checks a few million ids).
    const BYTES: [bool; 256] = {
        let mut t = [false; 256];
        let mut b = 0;
        while b < 256 {
            let c = b as u8;
            t[b] = c.is_ascii_alphanumeric() || matches!(c, b'.' | b'_' | b':' | b'-');
            b += 1;
        }
        t
    };

    #[inline]
    fn valid(s: &[u8]) -> bool {
        !s.is_empty() && s.len() <= Self::MAX_LEN && s.iter().fold(true, |ok, &b| ok & Self::BYTES[b as usize])
    }

    /// Parses and validates bytes that are not yet known to be text: an id is ASCII, so checking
    /// its characters checks the encoding too. A C host's typed query passes ids this way,
    /// without a separate UTF-8 pass (issue 12: that pass was a sixth of the C call's cost).
    pub fn from_ascii(s: &[u8]) -> Result<Self, IdError> {
        if !Self::valid(s) {
            return Err(Self::MALFORMED);
        }
        if s.len() <= Self::INLINE_LEN {
            let mut bytes = [0u8; Self::INLINE_LEN];
            bytes[..s.len()].copy_from_slice(s);
            Ok(Self(IdRepr::Inline { len: s.len() as u8, bytes }))
        } else {
            // Checked ASCII above, so this is text.
            Self::parse(std::str::from_utf8(s).map_err(|_| Self::MALFORMED)?)
        }
    }

    /// The id as text.
    pub fn as_str(&self) -> &str {
        match &self.0 {
            // Validated ASCII when parsed, so this never fails; the check is a few instructions
            // for at most 14 bytes (the core has no unsafe code to skip it).
            IdRepr::Inline { len, bytes } => std::str::from_utf8(&bytes[..*len as usize]).expect("validated ASCII"),
            IdRepr::Shared(s) => s,
        }
    }
}

impl Id {
    /// The id's bytes (ASCII), without the UTF-8 check of [`Id::as_str`]: what comparisons,
    /// hashes and fingerprints use, and what a columnar table of millions of ids copies (it
    /// checks its whole buffer once instead of every id).
    pub fn as_bytes(&self) -> &[u8] {
        match &self.0 {
            IdRepr::Inline { len, bytes } => &bytes[..*len as usize],
            IdRepr::Shared(s) => s.as_bytes(),
        }
    }
}

// Equality, order and hash are those of the text, whatever the representation (and the hash
// must be the text's for lookups by `&str` through `Borrow<str>`). Byte order is text order.
impl PartialEq for Id {
    fn eq(&self, other: &Self) -> bool {
        self.as_bytes() == other.as_bytes()
    }
}

impl Eq for Id {}

impl std::hash::Hash for Id {
    /// What `str`'s hash feeds a hasher (`Hasher::write_str`'s default: the bytes, then `0xff`,
    /// which no UTF-8 text contains), from the bytes without the UTF-8 check: a national replay
    /// hashes an id per event. The test `hash_is_the_texts` keeps it equal to the text's.
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        state.write(self.as_bytes());
        state.write_u8(0xff);
    }
}

impl PartialOrd for Id {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Id {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        self.as_bytes().cmp(other.as_bytes())
    }
}

impl fmt::Debug for Id {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:?}", self.as_str())
    }
}

impl fmt::Display for Id {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl std::borrow::Borrow<str> for Id {
    fn borrow(&self) -> &str {
        self.as_str()
    }
}

text_serde!(Id);

#[cfg(test)]
mod tests {
    use super::*;

    /// Every valid BSN packs into a non-zero number and back to the same digits, leading zeros
    /// included (a consent store keeps BSNs packed).
    #[test]
    fn bsn_packs_and_unpacks_to_the_same_digits() {
        let mut valid = 0;
        for n in (0u32..1_000_000_000).step_by(7_919) {
            let text = format!("{n:09}");
            let Ok(b) = Bsn::parse(&text) else { continue };
            valid += 1;
            assert_eq!(b.packed().get(), n);
            assert_eq!(Bsn::unpacked(b.packed()).expose(), text);
        }
        assert!(valid > 10_000, "{valid}");
        // Some begin with zeros: their digits come back with them.
        let leading = (1u32..100_000_000).step_by(97).find_map(|n| Bsn::parse(&format!("{n:09}")).ok());
        let b = leading.expect("a valid BSN below 100000000");
        assert!(b.expose().starts_with('0'));
        assert_eq!(Bsn::unpacked(b.packed()), b);
    }

    #[test]
    fn bsn_eleven_test() {
        // 111222333: 9+8+7+12+10+8+9+6-3 = 66 = 6*11
        assert!(Bsn::parse("111222333").is_ok());
        assert!(Bsn::parse("111222334").is_err());
        assert!(Bsn::parse("000000000").is_err());
        assert!(Bsn::parse("12345678").is_err());
        let e = Bsn::parse("111222334").unwrap_err().to_string();
        assert!(!e.contains("111222334"), "{e}");
        let b = Bsn::parse("111222333").unwrap();
        assert!(!format!("{b:?} {b}").contains("111222333"));
    }

    #[test]
    fn postcodes() {
        assert_eq!(Pc6::parse("7511 ab").unwrap().to_string(), "7511AB");
        assert!(Pc6::parse("7511SS").is_err());
        assert!(Pc6::parse("0511AB").is_err());
        assert!(Pc4::parse("999").is_err());
        assert!(Pc4::parse("0999").is_err());
        assert_eq!(Location::parse("7511").unwrap(), Location::Pc4(Pc4::new(7511).unwrap()));
        assert_eq!(Location::parse("7511AB").unwrap().pc4().get(), 7511);
        assert_eq!(MunicipalityCode::parse("GM0153").unwrap().to_string(), "GM0153");
        assert!(MunicipalityCode::parse("gm0153").is_err());
    }

    #[test]
    fn hash_is_the_texts() {
        use std::hash::BuildHasher;
        let keyed = std::collections::hash_map::RandomState::new();
        for s in ["a", "team-7511.a", "p01234-t12", "exactly-14-chr", "a-longer-id-that-is-shared:1", &"x".repeat(64)] {
            let id = Id::parse(s).unwrap();
            assert_eq!(keyed.hash_one(&id), keyed.hash_one(s), "{s}");
            assert_eq!(
                std::hash::BuildHasherDefault::<std::hash::DefaultHasher>::default().hash_one(&id),
                std::hash::BuildHasherDefault::<std::hash::DefaultHasher>::default().hash_one(s)
            );
        }
        // Lookups by text find ids (Borrow<str>).
        let map: std::collections::HashMap<Id, u32> = [(Id::parse("r000001").unwrap(), 1)].into();
        assert_eq!(map.get("r000001"), Some(&1));
    }

    #[test]
    fn identifiers() {
        assert!(AgbCode::parse("75750123").is_ok());
        assert!(AgbCode::parse("7575012").is_err());
        assert!(KvkNumber::parse("1234567a").is_err());
        assert!(Id::parse("team-7511.a").is_ok());
        assert!(Id::parse("").is_err());
        assert!(Id::parse("with space").is_err());
    }

    #[test]
    fn ids_inline_and_shared_behave_alike() {
        use std::collections::HashMap;
        let short = "t".repeat(Id::INLINE_LEN);
        let long = "t".repeat(Id::INLINE_LEN + 1);
        let (a, b) = (Id::parse(&short).unwrap(), Id::parse(&long).unwrap());
        assert_eq!((a.as_str(), b.as_str()), (short.as_str(), long.as_str()));
        assert_eq!((a.cmp(&b), b.cmp(&a)), (std::cmp::Ordering::Less, std::cmp::Ordering::Greater));
        // A clone outlives its original, inline or shared.
        let (ca, cb) = (a.clone(), b.clone());
        let (oa, ob) = (a.clone(), b.clone());
        drop((oa, ob));
        assert_eq!((ca.as_str(), cb.as_str()), (short.as_str(), long.as_str()));
        assert_eq!((&ca, &cb), (&a, &b));
        assert_ne!(a, b);
        let map: HashMap<Id, u8> = [(a.clone(), 1), (b.clone(), 2)].into_iter().collect();
        assert_eq!((map.get(short.as_str()), map.get(long.as_str())), (Some(&1), Some(&2)));
        assert_eq!(format!("{a} {b:?}"), format!("{short} {long:?}"));
        assert_eq!(std::mem::size_of::<Id>(), 16);
    }
}
