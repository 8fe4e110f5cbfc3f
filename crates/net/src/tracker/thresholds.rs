//! The conn-size analyzer: packets and IP bytes per direction, and the
//! byte, packet, duration and generic-packet thresholds scripts set on a
//! connection (`set_current_conn_*_threshold`,
//! `ConnThreshold::generic_packet_thresholds`).

use super::config::Config;
use super::emit::Emit;
use super::events::{ConnEvent, ThresholdKind};
use super::table::live_conn;
use super::Tracker;
use crate::conn::{ConnHandle, Connection};
use crate::decode::Ip;

impl Tracker {
    /// A conn-size threshold of a connection (`get_current_conn_*_threshold`):
    /// bytes or packets of one direction; 0 when none is set.
    pub fn size_threshold(&self, h: ConnHandle, bytes: bool, is_orig: bool) -> u64 {
        let Some(l) = self.conn(h).and_then(|c| c.limits.as_deref()) else {
            return 0;
        };
        let d = usize::from(!is_orig);
        if bytes {
            l.bytes[d]
        } else {
            l.pkts[d]
        }
    }

    /// The connection's duration threshold in seconds (0 for none).
    pub fn duration_threshold(&self, h: ConnHandle) -> f64 {
        self.conn(h)
            .and_then(|c| c.limits.as_deref())
            .map_or(0.0, |l| l.duration)
    }

    /// Sets a byte or packet threshold (`set_current_conn_*_threshold`) and
    /// checks it at once, as Zeek does: what is already reached is reported
    /// into `out`. False if there is no such connection.
    pub fn set_size_threshold(
        &mut self,
        h: ConnHandle,
        bytes: bool,
        is_orig: bool,
        threshold: u64,
        out: &mut Vec<ConnEvent>,
    ) -> bool {
        let now = self.network_time;
        let cfg = &self.cfg;
        let Some(c) = live_conn(&mut self.slots, h) else {
            return false;
        };
        let l = c.limits.get_or_insert_with(Default::default);
        let d = usize::from(!is_orig);
        if bytes {
            l.bytes[d] = threshold;
        } else {
            l.pkts[d] = threshold;
        }
        check_thresholds(c, h, cfg, now, is_orig, out);
        true
    }

    /// Sets the duration threshold in seconds and checks it at once.
    pub fn set_duration_threshold(
        &mut self,
        h: ConnHandle,
        secs: f64,
        out: &mut Vec<ConnEvent>,
    ) -> bool {
        let now = self.network_time;
        let cfg = &self.cfg;
        let Some(c) = live_conn(&mut self.slots, h) else {
            return false;
        };
        c.limits.get_or_insert_with(Default::default).duration = secs;
        check_thresholds(c, h, cfg, now, true, out);
        true
    }
}

/// Counts a packet of one direction, then checks the thresholds.
#[inline]
pub(super) fn count_packet(c: &mut Connection, em: &mut Emit, is_orig: bool, ip: &Ip) {
    if is_orig {
        c.orig_pkts += 1;
        c.orig_ip_bytes += ip.total_len as u64;
    } else {
        c.resp_pkts += 1;
        c.resp_ip_bytes += ip.total_len as u64;
    }
    if c.limits.is_some() {
        check_thresholds(c, em.h, em.cfg, em.net_time, is_orig, em.out);
    }
}

/// ConnSize's threshold check after a packet of one direction (or after a
/// script set a threshold): each threshold reached reports once and is
/// cleared; the generic one moves on to the next.
fn check_thresholds(
    c: &mut Connection,
    h: ConnHandle,
    cfg: &Config,
    now: f64,
    is_orig: bool,
    out: &mut Vec<ConnEvent>,
) {
    let (pkts, bytes) = if is_orig {
        (c.orig_pkts, c.orig_ip_bytes)
    } else {
        (c.resp_pkts, c.resp_ip_bytes)
    };
    let total = c.orig_pkts + c.resp_pkts;
    let start = c.start_time;
    let Some(l) = c.limits.as_deref_mut() else {
        return;
    };
    let mut ev = |kind, threshold| {
        out.push(ConnEvent::Threshold {
            conn: h,
            kind,
            threshold,
            is_orig,
        })
    };
    if l.generic != 0 && total == l.generic {
        ev(ThresholdKind::GenericPackets, l.generic);
        l.next_generic(&cfg.generic_packet_thresholds);
    }
    let d = usize::from(!is_orig);
    if l.bytes[d] != 0 && bytes >= l.bytes[d] {
        ev(ThresholdKind::Bytes, l.bytes[d]);
        l.bytes[d] = 0;
    }
    if l.pkts[d] != 0 && pkts >= l.pkts[d] {
        ev(ThresholdKind::Packets, l.pkts[d]);
        l.pkts[d] = 0;
    }
    if l.duration != 0.0 && now - start > l.duration {
        ev(ThresholdKind::Duration(l.duration), 0);
        l.duration = 0.0;
    }
}
