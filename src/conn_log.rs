//! `conn.log` as Zeek's default scripts write it (base/protocols/conn),
//! for runs without `-b`. rzeek has no logging framework yet; this writes
//! the same file directly from the tracker's view of each connection when
//! it is removed: Zeek's ASCII log format, its `conn_state` letters, and
//! the field rules of the conn scripts (bytes and duration only for a
//! connection that lasted, `-` for what is unset).

use std::fmt::Write as _;
use std::fs::File;
use std::io::{BufWriter, Write};

use crate::packet::{tcp_state, Connection, Proto};

const FIELDS: &[(&str, &str)] = &[
    ("ts", "time"),
    ("uid", "string"),
    ("id.orig_h", "addr"),
    ("id.orig_p", "port"),
    ("id.resp_h", "addr"),
    ("id.resp_p", "port"),
    ("proto", "enum"),
    ("service", "string"),
    ("duration", "interval"),
    ("orig_bytes", "count"),
    ("resp_bytes", "count"),
    ("conn_state", "string"),
    ("local_orig", "bool"),
    ("local_resp", "bool"),
    ("missed_bytes", "count"),
    ("history", "string"),
    ("orig_pkts", "count"),
    ("orig_ip_bytes", "count"),
    ("resp_pkts", "count"),
    ("resp_ip_bytes", "count"),
    ("tunnel_parents", "set[string]"),
    ("ip_proto", "count"),
];

/// An open `conn.log`.
pub struct ConnLog {
    out: Option<BufWriter<File>>,
    line: String,
}

impl ConnLog {
    /// Opens `conn.log` in the current directory; `None` if it cannot be
    /// created (Zeek reports that and carries on without the log).
    pub fn create() -> Option<ConnLog> {
        let f = match File::create("conn.log") {
            Ok(f) => f,
            Err(e) => {
                eprintln!("error: conn.log: {e}");
                return None;
            }
        };
        let mut log = ConnLog {
            out: Some(BufWriter::new(f)),
            line: String::new(),
        };
        let mut h = String::new();
        h.push_str("#separator \\x09\n#set_separator\t,\n#empty_field\t(empty)\n");
        h.push_str("#unset_field\t-\n#path\tconn\n");
        let _ = writeln!(h, "#open\t{}", stamp());
        h.push_str("#fields");
        for (n, _) in FIELDS {
            h.push('\t');
            h.push_str(n);
        }
        h.push_str("\n#types");
        for (_, t) in FIELDS {
            h.push('\t');
            h.push_str(t);
        }
        h.push('\n');
        log.write(&h);
        Some(log)
    }

    fn write(&mut self, s: &str) {
        if let Some(o) = &mut self.out {
            if o.write_all(s.as_bytes()).is_err() {
                self.out = None;
            }
        }
    }

    /// One line for a connection being removed.
    pub fn record(&mut self, c: &Connection, uid: &[u8], missed_bytes: u64) {
        let mut l = std::mem::take(&mut self.line);
        l.clear();
        let (o, r) = (c.orig(), c.resp());
        let proto = match c.id.proto {
            Proto::Tcp => "tcp",
            Proto::Udp => "udp",
            Proto::Icmp => "icmp",
            Proto::Unknown => "unknown_transport",
        };
        let _ = write!(
            l,
            "{:.6}\t{}\t{}\t{}\t{}\t{}\t{}\t-\t",
            c.start_time,
            String::from_utf8_lossy(uid),
            c.id.orig_h,
            c.id.orig_p,
            c.id.resp_h,
            c.id.resp_p,
            proto,
        );
        let d = c.duration();
        if d > 0.0 {
            let _ = write!(l, "{d:.6}\t{}\t{}\t", o.size, r.size);
        } else {
            l.push_str("-\t-\t-\t");
        }
        let _ = write!(l, "{}\tF\tF\t{missed_bytes}\t", conn_state(c));
        if c.history.is_empty() {
            l.push('-');
        } else {
            l.push_str(&c.history);
        }
        let _ = writeln!(
            l,
            "\t{}\t{}\t{}\t{}\t-\t{}",
            o.num_pkts, o.num_bytes_ip, r.num_pkts, r.num_bytes_ip, c.id.ip_proto
        );
        self.write(&l);
        self.line = l;
    }

    /// Writes the closing line and flushes.
    pub fn close(&mut self) {
        let s = format!("#close\t{}\n", stamp());
        self.write(&s);
        if let Some(o) = &mut self.out {
            let _ = o.flush();
        }
        self.out = None;
    }
}

impl Drop for ConnLog {
    fn drop(&mut self) {
        if self.out.is_some() {
            self.close();
        }
    }
}

/// The conn scripts' `conn_state`: a summary of both endpoints' states.
pub fn conn_state(c: &Connection) -> &'static str {
    use tcp_state::*;
    let (o, r) = (c.orig(), c.resp());
    let (os, rs) = (o.state, r.state);
    match c.id.proto {
        Proto::Tcp => {
            let o_inactive = os == INACTIVE || os == PARTIAL;
            let r_inactive = rs == INACTIVE || rs == PARTIAL;
            if rs == RESET {
                if os == SYN_SENT
                    || os == SYN_ACK_SENT
                    || (os == RESET && o.size == 0 && r.size == 0)
                {
                    "REJ"
                } else if o_inactive {
                    "RSTRH"
                } else {
                    "RSTR"
                }
            } else if os == RESET {
                if r_inactive {
                    if syn_then_reset(&c.history) {
                        "RSTOS0"
                    } else {
                        "OTH"
                    }
                } else {
                    "RSTO"
                }
            } else if rs == CLOSED && os == CLOSED {
                "SF"
            } else if os == CLOSED {
                if r_inactive {
                    "SH"
                } else {
                    "S2"
                }
            } else if rs == CLOSED {
                if o_inactive {
                    "SHR"
                } else {
                    "S3"
                }
            } else if os == SYN_SENT && rs == INACTIVE {
                "S0"
            } else if os == ESTABLISHED && rs == ESTABLISHED {
                "S1"
            } else {
                "OTH"
            }
        }
        Proto::Udp => match (os == 1, rs == 1) {
            (true, true) => "SF",
            (true, false) => "S0",
            (false, true) => "SHR",
            (false, false) => "OTH",
        },
        _ => "OTH",
    }
}

/// The history is an originator SYN, then (without handshake, ack, data,
/// FIN or the like from the originator in between) its RST: optionally a
/// leading `^`, `S`, none of `HAFGIQ`, then `R`.
fn syn_then_reset(h: &str) -> bool {
    let h = h.strip_prefix('^').unwrap_or(h);
    let Some(rest) = h.strip_prefix('S') else {
        return false;
    };
    for ch in rest.chars() {
        if ch == 'R' {
            return true;
        }
        if "HAFGIQ".contains(ch) {
            return false;
        }
    }
    false
}

/// Local time as Zeek stamps log files: `YYYY-MM-DD-HH-MM-SS`.
pub(crate) fn stamp() -> String {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs() as i64);
    let days = secs.div_euclid(86_400);
    let rem = secs.rem_euclid(86_400);
    let (y, m, d) = civil_from_days(days);
    format!(
        "{y:04}-{m:02}-{d:02}-{:02}-{:02}-{:02}",
        rem / 3600,
        rem % 3600 / 60,
        rem % 60
    )
}

/// Days since 1970-01-01 to a proleptic Gregorian date.
fn civil_from_days(z: i64) -> (i64, u32, u32) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    (if m <= 2 { y + 1 } else { y }, m, d)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn syn_then_reset_pattern() {
        assert!(syn_then_reset("SR"));
        assert!(syn_then_reset("^SdR"));
        assert!(syn_then_reset("ShR"));
        assert!(!syn_then_reset("SAR"));
        assert!(!syn_then_reset("DR"));
    }

    #[test]
    fn dates() {
        assert_eq!(civil_from_days(0), (1970, 1, 1));
        assert_eq!(civil_from_days(19_723), (2024, 1, 1));
        assert_eq!(civil_from_days(11_016), (2000, 2, 29));
    }
}
