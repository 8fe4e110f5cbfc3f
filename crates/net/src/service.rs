//! Which application protocol a connection carries, for `connection$service`
//! (and so conn.log's `service` column).
//!
//! Zeek fills the set when a protocol analyzer confirms what it parses.
//! rzeek has no protocol analyzers; it recognizes the opening messages of
//! the commonest protocols instead, from the first bytes each side sends
//! (a TCP side's first line, up to 64 bytes, gathered in order across
//! segments, as a client typing a request sends it byte by byte):
//!
//! - **ssl**: the responder opens with a TLS (or SSL 3) handshake record
//!   holding a ServerHello, as the SSL analyzer confirms on the server's
//!   hello.
//! - **http**: the originator opens with an HTTP request line and the
//!   responder with an HTTP status line.
//! - **dns**: a UDP datagram to or from the DNS ports (53, 5353 for mDNS,
//!   5355 for LLMNR) that holds a well-formed DNS header and question.
//!
//! A protocol whose opening is not seen (a connection picked up
//! mid-stream, or an unusual first message) is not named; Zeek would name
//! some of those.

/// Protocols found so far, as bits.
pub const SSL: u8 = 1;
pub const HTTP: u8 = 2;
pub const DNS: u8 = 4;
/// The bits that name a protocol.
pub const NAMED: u8 = SSL | HTTP | DNS;
/// Internal: the originator's first payload was an HTTP request.
pub const HTTP_REQUEST: u8 = 8;
/// Internal: the originator's, the responder's first TCP payload was seen.
pub const SEEN_ORIG: u8 = 16;
pub const SEEN_RESP: u8 = 32;

/// The names of the protocol bits as `connection$service` holds them:
/// Zeek's analyzer names, in capitals (conn.log writes them in lower
/// case).
pub fn names(bits: u8) -> impl Iterator<Item = &'static str> {
    [(SSL, "SSL"), (HTTP, "HTTP"), (DNS, "DNS")]
        .into_iter()
        .filter(move |(b, _)| bits & b != 0)
        .map(|(_, n)| n)
}

/// How many opening bytes of a TCP side are enough to judge.
const OPENING: usize = 64;

/// The opening bytes of both sides of a TCP connection, gathered until
/// each side can be judged.
#[derive(Clone, Default, Debug)]
pub struct Opening {
    bytes: [Vec<u8>; 2],
}

impl Opening {
    /// Adds `data` sent at relative sequence number `seq` (1 for the first
    /// byte) by one side; in-order data only. Returns the updated bits.
    pub fn add(&mut self, bits: u8, is_orig: bool, seq: u64, data: &[u8]) -> u8 {
        let seen = if is_orig { SEEN_ORIG } else { SEEN_RESP };
        let buf = &mut self.bytes[usize::from(!is_orig)];
        if bits & seen != 0 || seq != 1 + buf.len() as u64 {
            return bits;
        }
        let room = OPENING - buf.len();
        buf.extend_from_slice(&data[..data.len().min(room)]);
        let tls = !is_orig && buf.len() >= 6 && buf[0] == 22;
        if buf.len() < OPENING && !tls && !buf.contains(&b'\n') {
            return bits;
        }
        let opening = std::mem::take(buf);
        first_tcp_payload(bits, is_orig, &opening)
    }

    /// Both sides judged: nothing left to gather.
    pub fn done(bits: u8) -> bool {
        bits & (SEEN_ORIG | SEEN_RESP) == SEEN_ORIG | SEEN_RESP
    }
}

/// Looks at the opening bytes a side sends on a TCP connection and
/// returns the updated bits.
pub fn first_tcp_payload(bits: u8, is_orig: bool, data: &[u8]) -> u8 {
    let seen = if is_orig { SEEN_ORIG } else { SEEN_RESP };
    if bits & seen != 0 || data.is_empty() {
        return bits;
    }
    let mut bits = bits | seen;
    if is_orig {
        if http_request(data) {
            bits |= HTTP_REQUEST;
        }
    } else {
        if tls_server_hello(data) {
            bits |= SSL;
        }
        if bits & HTTP_REQUEST != 0 && data.starts_with(b"HTTP/") && http_status(data) {
            bits |= HTTP;
        }
    }
    bits
}

/// Looks at a UDP datagram between `ports` (originator's, responder's).
pub fn udp_payload(bits: u8, ports: (u16, u16), data: &[u8]) -> u8 {
    let dns_port = |p: u16| matches!(p, 53 | 5353 | 5355);
    if bits & DNS == 0 && (dns_port(ports.0) || dns_port(ports.1)) && dns_message(data) {
        return bits | DNS;
    }
    bits
}

/// A TLS record of type handshake (22), version 3.x, whose first message
/// is a ServerHello (2).
fn tls_server_hello(d: &[u8]) -> bool {
    d.len() >= 6 && d[0] == 22 && d[1] == 3 && d[2] <= 4 && d[5] == 2
}

/// `METHOD SP target SP HTTP/d.d` at the start of `d`.
fn http_request(d: &[u8]) -> bool {
    let line = first_line(d);
    let mut parts = line.split(|&b| b == b' ').filter(|p| !p.is_empty());
    let (Some(method), Some(_target), Some(version)) = (parts.next(), parts.next(), parts.next())
    else {
        return false;
    };
    super::http::METHODS.contains(&method) && http_version(version)
}

/// `HTTP/d.d SP ddd` at the start of `d`.
fn http_status(d: &[u8]) -> bool {
    let line = first_line(d);
    let mut parts = line.split(|&b| b == b' ').filter(|p| !p.is_empty());
    let (Some(version), Some(code)) = (parts.next(), parts.next()) else {
        return false;
    };
    http_version(version) && code.len() == 3 && code.iter().all(u8::is_ascii_digit)
}

fn http_version(v: &[u8]) -> bool {
    matches!(v, [b'H', b'T', b'T', b'P', b'/', a, b'.', b] if a.is_ascii_digit() && b.is_ascii_digit())
}

fn first_line(d: &[u8]) -> &[u8] {
    let end = d
        .iter()
        .position(|&b| b == b'\r' || b == b'\n')
        .unwrap_or(d.len());
    &d[..end]
}

/// A DNS header with a standard or inverse query opcode, at most a few
/// questions, and a first question whose name is well-formed labels.
fn dns_message(d: &[u8]) -> bool {
    if d.len() < 12 {
        return false;
    }
    let opcode = (d[2] >> 3) & 0xf;
    let qdcount = u16::from_be_bytes([d[4], d[5]]);
    if opcode > 5 || qdcount > 16 {
        return false;
    }
    if qdcount == 0 {
        return true;
    }
    // The first question's name: labels up to a zero length, or a
    // compression pointer; then type and class.
    let mut i = 12;
    loop {
        let Some(&len) = d.get(i) else {
            return false;
        };
        if len == 0 {
            i += 1;
            break;
        }
        if len & 0xc0 == 0xc0 {
            i += 2;
            break;
        }
        if len > 63 {
            return false;
        }
        i += 1 + usize::from(len);
    }
    d.len() >= i + 4
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn https_needs_the_server_hello() {
        let client_hello = [22, 3, 1, 0, 200, 1, 0, 0, 196];
        let server_hello = [22, 3, 3, 0, 90, 2, 0, 0, 86];
        let b = first_tcp_payload(0, true, &client_hello);
        assert_eq!(b & SSL, 0);
        let b = first_tcp_payload(b, false, &server_hello);
        assert_eq!(names(b).collect::<Vec<_>>(), ["SSL"]);
        // An alert instead of a hello is no confirmation.
        assert_eq!(
            first_tcp_payload(0, false, &[21, 3, 3, 0, 2, 2, 40]) & SSL,
            0
        );
    }

    #[test]
    fn http_needs_request_and_reply() {
        let b = first_tcp_payload(0, true, b"GET /index.html HTTP/1.1\r\nHost: x\r\n\r\n");
        assert_eq!(b & HTTP, 0);
        let b2 = first_tcp_payload(b, false, b"HTTP/1.1 200 OK\r\n\r\n");
        assert_eq!(names(b2).collect::<Vec<_>>(), ["HTTP"]);
        // Only the first payload of each side counts.
        let b3 = first_tcp_payload(b2, false, b"junk");
        assert_eq!(b3, b2);
        assert_eq!(
            first_tcp_payload(0, true, b"HELLO / HTTP/1.1\r\n") & HTTP_REQUEST,
            0
        );
        assert_eq!(first_tcp_payload(b, false, b"HTTP/1.1 OK\r\n") & HTTP, 0);
    }

    #[test]
    fn openings_gathered_across_segments() {
        let mut o = Opening::default();
        let mut b = 0;
        for (i, byte) in b"GET / HTTP/1.0\n\n".iter().enumerate() {
            b = o.add(b, true, 1 + i as u64, &[*byte]);
        }
        assert_ne!(b & HTTP_REQUEST, 0);
        // Out of order or repeated data does not count.
        let mut o2 = Opening::default();
        assert_eq!(o2.add(0, false, 5, b"HTTP/1.0 200 OK\r\n"), 0);
        b = o.add(b, false, 1, b"HTTP/1.0 200 OK\r\nServer: x\r\n");
        assert!(Opening::done(b));
        assert_eq!(names(b).collect::<Vec<_>>(), ["HTTP"]);
    }

    #[test]
    fn dns_on_its_ports() {
        // A query for "a.com" type A class IN.
        let q = [
            0x12, 0x34, 1, 0, 0, 1, 0, 0, 0, 0, 0, 0, 1, b'a', 3, b'c', b'o', b'm', 0, 0, 1, 0, 1,
        ];
        assert_eq!(udp_payload(0, (40000, 53), &q), DNS);
        assert_eq!(udp_payload(0, (40000, 5353), &q), DNS);
        assert_eq!(udp_payload(0, (40000, 9999), &q), 0);
        assert_eq!(udp_payload(0, (40000, 53), &q[..15]), 0);
        assert_eq!(udp_payload(0, (40000, 53), b"not dns at all"), 0);
    }
}
