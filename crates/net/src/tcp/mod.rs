//! TCP endpoint bookkeeping: sequence spaces, sizes and a range-only
//! reassembler (Zeek's TCP_Endpoint and TCP_Reassembler without the
//! payload bytes: enough for sizes, gaps, history and close handling).
//!
//! This is the per-connection TCP *state*; the per-packet TCP *logic*
//! that drives it (Zeek's TCPSessionAdapter) is `tracker::tcp`, which
//! needs the tracker's timers and events. A connection holds a
//! [`TcpConn`], so this module sits below [`crate::conn`].
//!
//! `header` (flags, [`Segment`], sequence arithmetic) ← `reassembly`
//! (ranges only) ← `endpoint` ← `session` ([`TcpConn`]); this file only
//! gathers them.

mod endpoint;
mod header;
mod reassembly;
mod session;

pub use endpoint::tcp_state;
pub(crate) use header::{seq_delta, Segment, TH_ACK, TH_FIN, TH_PUSH, TH_RST, TH_SYN, TH_URG};
pub(crate) use session::TcpConn;
