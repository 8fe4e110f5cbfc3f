//! Packets and connections: reading traces, decoding, and tracking
//! connections the way Zeek does, as plain Rust data.
//!
//! This layer does not depend on the interpreter. The driver:
//!
//! ```no_run
//! use rzeek_net::{PcapReader, Tracker, Config, ConnEvent};
//! let mut reader = PcapReader::open("trace.pcap").unwrap();
//! let mut tracker = Tracker::new(Config::default());
//! let mut events = Vec::new();
//! loop {
//!     match reader.next_packet() {
//!         Ok(Some(pkt)) => tracker.packet(&pkt, &mut events),
//!         Ok(None) => break,
//!         Err(e) => { eprintln!("{e}"); break }
//!     }
//!     for ev in events.drain(..) {
//!         if let Some(h) = ev.conn() { let _c = tracker.conn(h); }
//!     }
//! }
//! tracker.finish(&mut events);
//! ```
//!
//! Events come in Zeek's order; a connection event carries a
//! [`ConnHandle`] that [`Tracker::conn`] resolves to the [`Connection`]
//! (Zeek's `connection` record fields) as it is now — also for a connection
//! just removed, until the next call that takes `&mut Tracker`.
//!
//! # Modules and their order
//!
//! The modules form a DAG: each uses only modules listed before it, so
//! none imports another that imports it back.
//!
//! | module | job | uses |
//! | --- | --- | --- |
//! | [`reader`] | pcap and pcapng files | — |
//! | [`cksum`] | Internet checksums | — |
//! | [`stream`] | one direction's bytes put in order | — |
//! | [`decode`] | link, IP and transport headers, Zeek's checks | `reader`, `cksum` |
//! | `frag` | IP fragment reassembly | `decode` |
//! | `key` | the connection key (which packets are one connection) | `decode` |
//! | [`http`] | the HTTP/1.x analyzer on an in-order stream | `stream` |
//! | [`service`] | service recognition from the first payload bytes | `http` |
//! | `tcp` | TCP endpoint state: sequence space, reassembly | `http`, `service` |
//! | [`conn`] | the connection record and its per-protocol state | `tcp`, `key` |
//! | [`icmp`] | ICMP message bodies: quoted packets, ND options, MLD | `cksum`, `decode`, `key`, `conn` |
//! | [`tracker`] | the table, the session logic, timers, events | all of the above |
//!
//! Inside `tracker` the same holds: the data modules (`config`,
//! `events`, `stats`, `timers`, `table`) come first, then the
//! [`Tracker`] itself, then `emit` (the sink the session logic writes
//! to), `thresholds`, the per-protocol logic (`udp`, `icmp`, `tcp`), and
//! last the steps that drive them (`dispatch`, `create`, `expire`).
//! The per-packet TCP logic lives in `tracker::tcp` rather than beside
//! the TCP state in `tcp` because it raises events and arms timers, and
//! a connection (below the tracker) has to hold the TCP state.
//!
//! Header decoding and HTTP parsing are hand-written rather than built
//! on `etherparse` and `httparse`: neither keeps Zeek's behaviour (the
//! crate's README says what differs).

pub mod cksum;
pub mod conn;
pub mod decode;
mod frag;
pub mod http;
pub mod icmp;
mod key;
pub mod reader;
pub mod service;
pub mod stream;
pub(crate) mod tcp;
pub mod tracker;

pub use conn::{tcp_state, ConnHandle, ConnId, Connection, Endpoint, Proto};
pub use decode::{IcmpFields, IpFields, L3Proto, LinkEncap, PacketInfo, TcpFields, UdpFields};
pub use key::icmp_counterpart;
pub use reader::{linktype, PcapReader, RawPacket, ReadError};
pub use tracker::{
    Config, ConnEvent, ConnStats, DrainOrder, EventMask, IcmpError, IcmpInfo, IcmpMessage, Stats,
    ThresholdKind, Tracker, WeirdScope,
};
