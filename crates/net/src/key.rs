//! The connection key: which packets belong to one connection.
//!
//! Zeek keys a connection by its packed 5-tuple with the lower
//! address/port first (so both directions find it), ICMP by type and
//! the counterpart type (or code, for messages that have no reply), and
//! optionally by VLAN tags. It lives below [`crate::conn`] because every
//! connection stores its key and the table compares it there.

use std::net::IpAddr;

use crate::decode;

/// The connection key: Zeek's packed tuple (lower address/port first),
/// plus VLANs when configured. Field order gives Zeek's drain order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub(crate) struct Key {
    ip1: [u8; 16],
    ip2: [u8; 16],
    port1: u16,
    port2: u16,
    proto: u8,
    vlan: u16,
    inner_vlan: u16,
}

#[inline]
pub(crate) fn make_key(
    src: &[u8; 16],
    sp: u16,
    dst: &[u8; 16],
    dp: u16,
    proto: u8,
    one_way: bool,
    vlans: (u16, u16),
) -> Key {
    // Zeek compares the ports as stored (network order in a host integer).
    let lt = src < dst || (src == dst && sp.swap_bytes() < dp.swap_bytes());
    let (ip1, port1, ip2, port2) = if one_way || lt {
        (*src, sp, *dst, dp)
    } else {
        (*dst, dp, *src, sp)
    };
    Key {
        ip1,
        ip2,
        port1,
        port2,
        proto,
        vlan: vlans.0,
        inner_vlan: vlans.1,
    }
}

/// An address as the 16 bytes of the key (IPv4 v4-mapped).
pub(crate) fn ip16(a: &IpAddr) -> [u8; 16] {
    match a {
        IpAddr::V4(v) => decode::v4_mapped(&v.octets()),
        IpAddr::V6(v) => v.octets(),
    }
}

/// Zeek's ICMP4_counterpart / ICMP6_counterpart: (counterpart type or the
/// code, one-way?).
pub fn icmp_counterpart(v6: bool, itype: u8, code: u8) -> (u8, bool) {
    let c = if v6 {
        match itype {
            128 => 129,
            129 => 128,
            133 => 134,
            134 => 133,
            135 => 136,
            136 => 135,
            130 => 131,
            131 => 130,
            139 => 140,
            140 => 139,
            144 => 145,
            145 => 144,
            _ => return (code, true),
        }
    } else {
        match itype {
            8 => 0,
            0 => 8,
            13 => 14,
            14 => 13,
            15 => 16,
            16 => 15,
            10 => 9,
            9 => 10,
            17 => 18,
            18 => 17,
            _ => return (code, true),
        }
    };
    (c, false)
}
