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

pub mod cksum;
pub mod conn;
pub mod decode;
mod frag;
pub mod http;
mod key;
pub mod reader;
pub mod service;
pub mod stream;
pub(crate) mod tcp;
pub mod tracker;

pub use conn::{tcp_state, ConnHandle, ConnId, Connection, Endpoint, Proto, Uid, UidGen};
pub use decode::{IcmpFields, IpFields, L3Proto, LinkEncap, PacketInfo, TcpFields, UdpFields};
pub use reader::{linktype, PcapReader, RawPacket, ReadError};
pub use tracker::{
    Config, ConnEvent, ConnStats, DrainOrder, EventMask, IcmpInfo, Stats, ThresholdKind, Tracker,
    WeirdScope,
};
