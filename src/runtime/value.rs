//! Runtime values. A `Value` is 16 bytes: scalars inline, everything else
//! behind one `Rc`. Aggregates are shared and mutable (Zeek's reference
//! semantics); `deep_copy` implements `copy()`.

use crate::runtime::types::{EnumConst, RecordType, TypeRef};
use crate::syntax::token::Proto;
use std::cell::RefCell;
use std::hash::{Hash, Hasher};
use std::net::IpAddr;
use std::rc::Rc;

pub use crate::runtime::func::FuncVal;
pub use crate::runtime::table::TableVal;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Port {
    pub num: u32,
    pub proto: Proto,
}

impl Port {
    /// The port of a packet-layer connection endpoint.
    pub fn of_packet(num: u16, proto: crate::packet::Proto) -> Port {
        let proto = match proto {
            crate::packet::Proto::Unknown => Proto::Unknown,
            crate::packet::Proto::Tcp => Proto::Tcp,
            crate::packet::Proto::Udp => Proto::Udp,
            crate::packet::Proto::Icmp => Proto::Icmp,
        };
        Port {
            num: num as u32,
            proto,
        }
    }

    /// The packet layer's name for the port's protocol.
    pub fn packet_proto(self) -> crate::packet::Proto {
        match self.proto {
            Proto::Unknown => crate::packet::Proto::Unknown,
            Proto::Tcp => crate::packet::Proto::Tcp,
            Proto::Udp => crate::packet::Proto::Udp,
            Proto::Icmp => crate::packet::Proto::Icmp,
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Subnet {
    /// The network address, already masked.
    pub addr: IpAddr,
    /// Prefix width as written: up to 32 for IPv4, 128 for IPv6.
    pub width: u8,
}

impl Subnet {
    /// The prefix width counted over 128 bits (IPv4 addresses are mapped
    /// into IPv6).
    pub fn full_width(&self) -> u32 {
        match self.addr {
            IpAddr::V4(_) => self.width as u32 + 96,
            IpAddr::V6(_) => self.width as u32,
        }
    }

    /// Whether `inner` lies within this subnet.
    pub fn covers(&self, inner: &Subnet) -> bool {
        let (ow, iw) = (self.full_width(), inner.full_width());
        ow <= iw && mask128(bits128(&inner.addr), ow) == bits128(&self.addr)
    }
}

/// An address as 128 bits, IPv4 mapped into IPv6.
pub fn bits128(a: &IpAddr) -> u128 {
    match a {
        IpAddr::V4(v4) => u128::from(v4.to_ipv6_mapped()),
        IpAddr::V6(v6) => u128::from(*v6),
    }
}

/// The top `width` bits of `bits`.
pub fn mask128(bits: u128, width: u32) -> u128 {
    if width == 0 {
        0
    } else {
        bits & (u128::MAX << (128 - width.min(128)))
    }
}

/// A pattern: the regular expression as written and its translation,
/// checked when the value is made; the matchers (an anchored one for `==`,
/// an unanchored one for `in`, a DFA for longest matches) are compiled
/// when first used, so the many patterns scripts declare but never match
/// cost nothing at start-up.
#[derive(Debug, Clone)]
pub struct PatternVal {
    pub source: String,
    /// Zeek's text of the pattern (its exact-match form), which printing
    /// shows between slashes and `==` between patterns compares.
    pub text: String,
    pub case_insensitive: bool,
    /// The regex-crate form: flags and the translated body.
    pub(crate) flags: &'static str,
    pub(crate) translated: String,
    pub(crate) exact: std::cell::OnceCell<regex::bytes::Regex>,
    pub(crate) search: std::cell::OnceCell<regex::bytes::Regex>,
    /// The DFA for longest matches, built when a built-in first asks.
    pub longest: std::cell::OnceCell<Option<Rc<crate::runtime::pattern::Longest>>>,
}

#[derive(Debug)]
pub struct RecordVal {
    pub ty: Rc<RecordType>,
    /// One slot per field; `Value::Unset` for an absent optional field.
    pub fields: Vec<Value>,
}

/// The most elements a vector may be grown to at once by assigning past
/// its end or by `resize()`. Zeek has no such limit and fails to allocate
/// (or aborts) on `v[2**62] = 1`; a runtime error is kinder, and no
/// script needs a vector of more than 16 million elements made in one go.
pub const MAX_VECTOR_GROWTH: usize = 1 << 24;

#[derive(Debug)]
pub struct VectorVal {
    /// The vector's own type (`vector of T`).
    pub ty: TypeRef,
    /// `Value::Unset` marks a hole.
    pub items: Vec<Value>,
}

#[derive(Clone, Debug)]
pub enum Value {
    /// An absent optional field, a vector hole, or an uninitialised local.
    Unset,
    Bool(bool),
    Count(u64),
    Int(i64),
    Double(f64),
    Time(f64),
    Interval(f64),
    Port(Port),
    Enum(Rc<EnumConst>),
    String(Rc<Vec<u8>>),
    Addr(Rc<IpAddr>),
    Subnet(Rc<Subnet>),
    Pattern(Rc<PatternVal>),
    Record(Rc<RefCell<RecordVal>>),
    Table(Rc<RefCell<TableVal>>),
    Vector(Rc<RefCell<VectorVal>>),
    Func(Rc<FuncVal>),
    Type(TypeRef),
    /// A multi-part table index (`t[a, b]`).
    Tuple(Rc<Vec<Value>>),
    Opaque(Rc<RefCell<crate::runtime::opaque::Opaque>>),
}

impl Value {
    pub fn str(s: &[u8]) -> Value {
        Value::String(Rc::new(s.to_vec()))
    }
    pub fn string(s: Vec<u8>) -> Value {
        Value::String(Rc::new(s))
    }
    pub fn addr(a: IpAddr) -> Value {
        Value::Addr(Rc::new(a))
    }
    pub fn is_unset(&self) -> bool {
        matches!(self, Value::Unset)
    }

    /// Whether the value is held whole in itself (no shared part), so
    /// dropping it does nothing.
    #[inline(always)]
    pub fn is_plain(&self) -> bool {
        matches!(
            self,
            Value::Unset
                | Value::Bool(_)
                | Value::Count(_)
                | Value::Int(_)
                | Value::Double(_)
                | Value::Time(_)
                | Value::Interval(_)
                | Value::Port(_)
        )
    }

    /// Puts `v` in `slot`, dropping what was there: the general
    /// destructor (an out-of-line call) runs only for a value with a
    /// shared part, which on the hot paths most are not. The old value's
    /// tag is checked in place: reading the whole old value out first
    /// (to drop it) would load 16 bytes that were just written in parts,
    /// which stalls the load until both stores retire.
    #[inline(always)]
    pub fn store(slot: &mut Value, v: Value) {
        if slot.is_plain() {
            // Nothing to drop; the forgotten read is dead and goes.
            std::mem::forget(std::mem::replace(slot, v));
        } else {
            *slot = v;
        }
    }
    pub fn as_bool(&self) -> bool {
        matches!(self, Value::Bool(true))
    }
    pub fn as_count(&self) -> u64 {
        match self {
            Value::Count(c) => *c,
            Value::Int(i) => *i as u64,
            Value::Double(d) | Value::Time(d) | Value::Interval(d) => *d as u64,
            _ => 0,
        }
    }
    pub fn as_int(&self) -> i64 {
        match self {
            Value::Count(c) => *c as i64,
            Value::Int(i) => *i,
            Value::Double(d) | Value::Time(d) | Value::Interval(d) => *d as i64,
            _ => 0,
        }
    }
    pub fn as_double(&self) -> f64 {
        match self {
            Value::Count(c) => *c as f64,
            Value::Int(i) => *i as f64,
            Value::Double(d) | Value::Time(d) | Value::Interval(d) => *d,
            _ => 0.0,
        }
    }
    pub fn as_bytes(&self) -> &[u8] {
        match self {
            Value::String(s) => s,
            _ => b"",
        }
    }

    /// `copy()`: a deep copy of aggregates, sharing nothing mutable.
    pub fn deep_copy(&self) -> Value {
        // A copied string or pattern is a new object too, as
        // `same_object` can tell.
        match self {
            Value::String(s) => return Value::String(Rc::new((**s).clone())),
            Value::Pattern(p) => return Value::Pattern(Rc::new((**p).clone())),
            _ => {}
        }
        let mut seen = ahash::AHashMap::new();
        self.copy_with(&mut seen)
    }

    fn copy_with(&self, seen: &mut ahash::AHashMap<usize, Value>) -> Value {
        match self {
            Value::Record(r) => {
                let key = Rc::as_ptr(r) as usize;
                if let Some(v) = seen.get(&key) {
                    return v.clone();
                }
                let ty = r.borrow().ty.clone();
                let fresh = Rc::new(RefCell::new(RecordVal {
                    ty,
                    fields: Vec::new(),
                }));
                seen.insert(key, Value::Record(fresh.clone()));
                let fields = r
                    .borrow()
                    .fields
                    .iter()
                    .map(|f| f.copy_with(seen))
                    .collect();
                fresh.borrow_mut().fields = fields;
                Value::Record(fresh)
            }
            Value::Vector(v) => {
                let key = Rc::as_ptr(v) as usize;
                if let Some(x) = seen.get(&key) {
                    return x.clone();
                }
                let ty = v.borrow().ty.clone();
                let fresh = Rc::new(RefCell::new(VectorVal {
                    ty,
                    items: Vec::new(),
                }));
                seen.insert(key, Value::Vector(fresh.clone()));
                let items = v.borrow().items.iter().map(|i| i.copy_with(seen)).collect();
                fresh.borrow_mut().items = items;
                Value::Vector(fresh)
            }
            Value::Table(t) => {
                let key = Rc::as_ptr(t) as usize;
                if let Some(x) = seen.get(&key) {
                    return x.clone();
                }
                let mut copy = t.borrow().shallow_clone_empty();
                // A `&default` closure is copied with what it captured.
                if let Some(crate::runtime::table::TableDefault::Func(f)) = copy.default_mut() {
                    *f = f.copy_with(seen);
                }
                let fresh = Rc::new(RefCell::new(copy));
                seen.insert(key, Value::Table(fresh.clone()));
                let entries: Vec<(Value, Value)> = t
                    .borrow()
                    .iter()
                    .map(|(k, v)| (k.clone(), v.clone()))
                    .collect();
                for (k, v) in entries {
                    let v = v.copy_with(seen);
                    fresh.borrow_mut().insert(k, v);
                }
                Value::Table(fresh)
            }
            Value::Opaque(o) => Value::Opaque(Rc::new(RefCell::new(o.borrow().clone()))),
            // A closure's copy has its own copies of what it captured.
            Value::Func(f) if !f.captures.borrow().is_empty() => {
                let fresh = crate::runtime::func::FuncVal::new(
                    f.name.clone(),
                    f.kind,
                    f.ty.clone(),
                    f.span,
                );
                for h in f.handlers.borrow().iter() {
                    fresh.add_handler(crate::runtime::func::Handler {
                        priority: h.priority,
                        body: h.body.clone(),
                    });
                }
                let caps = f
                    .captures
                    .borrow()
                    .iter()
                    .map(|c| c.copy_with(seen))
                    .collect();
                *fresh.captures.borrow_mut() = caps;
                Value::Func(Rc::new(fresh))
            }
            other => other.clone(),
        }
    }
}

/// Equality and hashing as table keys see them: by value for scalars,
/// strings and records, by identity for functions and other aggregates.
impl PartialEq for Value {
    fn eq(&self, other: &Value) -> bool {
        use Value::*;
        match (self, other) {
            (Unset, Unset) => true,
            (Bool(a), Bool(b)) => a == b,
            (Count(a), Count(b)) => a == b,
            (Int(a), Int(b)) => a == b,
            (Double(a), Double(b)) | (Time(a), Time(b)) | (Interval(a), Interval(b)) => {
                a.to_bits() == b.to_bits() || a == b
            }
            (Port(a), Port(b)) => a == b,
            (Enum(a), Enum(b)) => {
                Rc::ptr_eq(a, b) || (a.value == b.value && a.type_name == b.type_name)
            }
            (String(a), String(b)) => a == b,
            (Addr(a), Addr(b)) => a == b,
            (Subnet(a), Subnet(b)) => a == b,
            (Pattern(a), Pattern(b)) => a.text == b.text,
            (Record(a), Record(b)) => Rc::ptr_eq(a, b) || a.borrow().fields == b.borrow().fields,
            (Table(a), Table(b)) => Rc::ptr_eq(a, b) || a.borrow().same_entries(&b.borrow()),
            (Vector(a), Vector(b)) => Rc::ptr_eq(a, b) || a.borrow().items == b.borrow().items,
            (Func(a), Func(b)) => Rc::ptr_eq(a, b),
            (Type(a), Type(b)) => crate::runtime::types::same_type(a, b),
            (Tuple(a), Tuple(b)) => a == b,
            (Opaque(a), Opaque(b)) => Rc::ptr_eq(a, b),
            _ => false,
        }
    }
}

impl Eq for Value {}

impl Hash for Value {
    fn hash<H: Hasher>(&self, h: &mut H) {
        use Value::*;
        std::mem::discriminant(self).hash(h);
        match self {
            Unset => {}
            Bool(b) => b.hash(h),
            Count(c) => c.hash(h),
            Int(i) => i.hash(h),
            Double(d) | Time(d) | Interval(d) => {
                // +0.0 and -0.0 compare equal, so they must hash alike.
                if *d == 0.0 {
                    0u64.hash(h)
                } else {
                    d.to_bits().hash(h)
                }
            }
            Port(p) => p.hash(h),
            Enum(e) => e.value.hash(h),
            String(s) => s.hash(h),
            Addr(a) => a.hash(h),
            Subnet(s) => s.hash(h),
            Pattern(p) => p.text.hash(h),
            Record(r) => r.borrow().fields.hash(h),
            Table(t) => t.borrow().len().hash(h),
            Vector(v) => v.borrow().items.hash(h),
            Func(f) => (Rc::as_ptr(f) as usize).hash(h),
            Type(t) => t.to_string().hash(h),
            Tuple(t) => t.hash(h),
            Opaque(o) => (Rc::as_ptr(o) as usize).hash(h),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn value_is_sixteen_bytes() {
        assert_eq!(std::mem::size_of::<Value>(), 16);
    }
}
