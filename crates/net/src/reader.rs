//! Streaming pcap / pcapng reader.
//!
//! Wraps `pcap-parser`'s buffered readers: the file is read through a fixed
//! buffer (grown only for a single oversized record), so multi-gigabyte
//! traces are never loaded whole. Both byte orders, micro- and nanosecond
//! classic pcap, and pcapng (per-interface link type, `if_tsresol` and
//! `if_tsoffset`) are supported. A truncated or malformed file yields the
//! packets before the damage and then a [`ReadError`]; the reader never
//! panics.

use std::fmt;
use std::fs::File;
use std::io::{self, Read};
use std::path::Path;

use pcap_parser::pcapng::Block;
use pcap_parser::traits::PcapReaderIterator;
use pcap_parser::{PcapBlockOwned, PcapError};

/// Link types (DLT values) the decoder understands.
pub mod linktype {
    pub const NULL: u32 = 0;
    pub const ETHERNET: u32 = 1;
    pub const RAW_BSD12: u32 = 12;
    pub const RAW_BSD14: u32 = 14;
    pub const PPP_SERIAL: u32 = 50;
    pub const RAW: u32 = 101;
    pub const IEEE802_11: u32 = 105;
    pub const LOOP: u32 = 108;
    pub const IEEE802_11_RADIO: u32 = 127;
    pub const LINUX_SLL: u32 = 113;
    pub const IPV4: u32 = 228;
    pub const IPV6: u32 = 229;
    pub const LINUX_SLL2: u32 = 276;
}

/// One captured packet, borrowed from the reader's buffer until the next
/// call to [`PcapReader::next_packet`].
#[derive(Debug, Clone, Copy)]
pub struct RawPacket<'a> {
    /// Timestamp, whole seconds.
    pub ts_sec: i64,
    /// Timestamp, nanoseconds within the second.
    pub ts_nsec: u32,
    /// Length of the packet on the wire.
    pub wire_len: u32,
    /// Link type (DLT) of the interface the packet came from.
    pub linktype: u32,
    /// The captured bytes (`data.len()` is the capture length).
    pub data: &'a [u8],
}

impl<'a> RawPacket<'a> {
    /// Builds a packet from parts (tests, other sources).
    pub fn new(ts: f64, linktype: u32, data: &'a [u8]) -> Self {
        let sec = ts.floor();
        let nsec = ((ts - sec) * 1e9).round().clamp(0.0, 999_999_999.0) as u32;
        RawPacket {
            ts_sec: sec as i64,
            ts_nsec: nsec,
            wire_len: data.len() as u32,
            linktype,
            data,
        }
    }

    /// The timestamp as Zeek sees it: a double built from a microsecond
    /// timeval (libpcap hands Zeek microseconds, truncating nanoseconds).
    pub fn time(&self) -> f64 {
        self.ts_sec as f64 + (self.ts_nsec / 1000) as f64 / 1e6
    }

    /// Capture length.
    pub fn cap_len(&self) -> u32 {
        self.data.len() as u32
    }
}

/// Why reading stopped early.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ReadError {
    /// The input could not be opened or read.
    Io(String),
    /// The input is neither pcap nor pcapng.
    NotPcap,
    /// The input ends in the middle of a header or record.
    Truncated { packets_read: u64 },
    /// A record or block could not be parsed.
    Malformed { packets_read: u64, detail: String },
}

impl fmt::Display for ReadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ReadError::Io(e) => write!(f, "{e}"),
            ReadError::NotPcap => write!(f, "unknown file format (not a pcap or pcapng file)"),
            ReadError::Truncated { packets_read } => {
                write!(f, "truncated dump file (after {packets_read} packets)")
            }
            ReadError::Malformed {
                packets_read,
                detail,
            } => {
                write!(
                    f,
                    "malformed dump file after {packets_read} packets: {detail}"
                )
            }
        }
    }
}

impl std::error::Error for ReadError {}

#[derive(Clone, Copy)]
struct Iface {
    linktype: u32,
    /// Units per second.
    resolution: u64,
    offset: i64,
}

const INITIAL_BUFFER: usize = 1 << 20;
const MAX_BUFFER: usize = 256 << 20;

/// A streaming reader over a pcap or pcapng source.
pub struct PcapReader {
    inner: Box<dyn PcapReaderIterator + Send>,
    /// Bytes of the previously returned block still to be consumed.
    pending: usize,
    /// Classic pcap: link type and whether timestamps are nanoseconds.
    legacy: Option<(u32, bool)>,
    ifaces: Vec<Iface>,
    packets: u64,
    capacity: usize,
    done: bool,
}

impl PcapReader {
    /// Opens `path`; `-` means standard input.
    pub fn open(path: &str) -> Result<PcapReader, ReadError> {
        if path == "-" {
            return PcapReader::from_read(io::stdin());
        }
        let f = File::open(Path::new(path)).map_err(|e| ReadError::Io(format!("{path}: {e}")))?;
        PcapReader::from_read(f)
    }

    /// Reads from any byte source.
    pub fn from_read<R: Read + Send + 'static>(r: R) -> Result<PcapReader, ReadError> {
        let inner = match pcap_parser::create_reader(INITIAL_BUFFER, r) {
            Ok(r) => r,
            Err(PcapError::Eof) | Err(PcapError::Incomplete(_)) => {
                return Err(ReadError::Truncated { packets_read: 0 })
            }
            Err(PcapError::ReadError) => return Err(ReadError::Io("read error".into())),
            Err(_) => return Err(ReadError::NotPcap),
        };
        Ok(PcapReader {
            inner,
            pending: 0,
            legacy: None,
            ifaces: Vec::new(),
            packets: 0,
            capacity: INITIAL_BUFFER,
            done: false,
        })
    }

    /// Number of packets returned so far.
    pub fn packets_read(&self) -> u64 {
        self.packets
    }

    /// The link type of a classic pcap file, or of the first pcapng
    /// interface seen so far.
    pub fn linktype(&self) -> Option<u32> {
        self.legacy
            .map(|l| l.0)
            .or_else(|| self.ifaces.first().map(|i| i.linktype))
    }

    /// Returns the next packet, `Ok(None)` at the clean end of the input,
    /// or the error that stopped reading (after which it returns `Ok(None)`).
    #[allow(clippy::should_implement_trait)]
    pub fn next_packet(&mut self) -> Result<Option<RawPacket<'_>>, ReadError> {
        if self.pending > 0 {
            self.inner.consume(self.pending);
            self.pending = 0;
        }
        if self.done {
            return Ok(None);
        }
        loop {
            // Decide what to do with the next block without holding a borrow
            // of the reader across the refill / consume calls.
            enum Step {
                Skip(usize),
                Packet(usize, i64, u32, u32, u32),
                Refill,
                Grow,
                End,
                Fail(ReadError),
            }
            let packets = self.packets;
            let step = match self.inner.next() {
                Ok((off, block)) => match block {
                    PcapBlockOwned::LegacyHeader(h) => {
                        self.legacy = Some((h.network.0 as u32, h.is_nanosecond_precision()));
                        Step::Skip(off)
                    }
                    PcapBlockOwned::Legacy(b) => {
                        let (lt, nano) = self.legacy.unwrap_or((linktype::ETHERNET, false));
                        let nsec = if nano {
                            b.ts_usec
                        } else {
                            b.ts_usec.saturating_mul(1000)
                        };
                        let (sec, nsec) = normalize(b.ts_sec as i64, nsec as u64);
                        Step::Packet(off, sec, nsec, b.origlen, lt)
                    }
                    PcapBlockOwned::NG(Block::SectionHeader(_)) => {
                        self.ifaces.clear();
                        Step::Skip(off)
                    }
                    PcapBlockOwned::NG(Block::InterfaceDescription(idb)) => {
                        let resolution = idb.ts_resolution().unwrap_or(1_000_000);
                        self.ifaces.push(Iface {
                            linktype: idb.linktype.0 as u32,
                            resolution: resolution.max(1),
                            offset: idb.ts_offset(),
                        });
                        Step::Skip(off)
                    }
                    PcapBlockOwned::NG(Block::EnhancedPacket(epb)) => {
                        match self.ifaces.get(epb.if_id as usize).copied() {
                            Some(ifc) => {
                                let raw = ((epb.ts_high as u64) << 32) | epb.ts_low as u64;
                                let sec = (raw / ifc.resolution) as i64 + ifc.offset;
                                let frac = raw % ifc.resolution;
                                let nsec = (frac as u128 * 1_000_000_000u128
                                    / ifc.resolution as u128)
                                    as u64;
                                let (sec, nsec) = normalize(sec, nsec);
                                Step::Packet(off, sec, nsec, epb.origlen, ifc.linktype)
                            }
                            None => Step::Fail(ReadError::Malformed {
                                packets_read: packets,
                                detail: format!("packet for undeclared interface {}", epb.if_id),
                            }),
                        }
                    }
                    PcapBlockOwned::NG(Block::SimplePacket(spb)) => match self.ifaces.first() {
                        Some(ifc) => Step::Packet(off, 0, 0, spb.origlen, ifc.linktype),
                        None => Step::Fail(ReadError::Malformed {
                            packets_read: packets,
                            detail: "simple packet block before any interface".into(),
                        }),
                    },
                    PcapBlockOwned::NG(_) => Step::Skip(off),
                },
                Err(PcapError::Eof) => Step::End,
                Err(PcapError::Incomplete(_)) => Step::Refill,
                Err(PcapError::BufferTooSmall) => Step::Grow,
                Err(PcapError::UnexpectedEof) => Step::Fail(ReadError::Truncated {
                    packets_read: packets,
                }),
                Err(PcapError::ReadError) => Step::Fail(ReadError::Io("read error".into())),
                Err(e) => Step::Fail(ReadError::Malformed {
                    packets_read: packets,
                    detail: format!("{:?}", e.to_owned_vec())
                        .chars()
                        .take(120)
                        .collect(),
                }),
            };
            match step {
                Step::Skip(off) => self.inner.consume(off),
                Step::Refill => {
                    if self.inner.refill().is_err() {
                        self.done = true;
                        return Err(ReadError::Io("read error".into()));
                    }
                }
                Step::Grow => {
                    let want = self.capacity * 2;
                    if want > MAX_BUFFER || !self.inner.grow(want) {
                        self.done = true;
                        return Err(ReadError::Malformed {
                            packets_read: packets,
                            detail: "record larger than any plausible packet".into(),
                        });
                    }
                    self.capacity = want;
                    if self.inner.refill().is_err() {
                        self.done = true;
                        return Err(ReadError::Io("read error".into()));
                    }
                }
                Step::End => {
                    self.done = true;
                    return Ok(None);
                }
                Step::Fail(e) => {
                    self.done = true;
                    return Err(e);
                }
                Step::Packet(off, sec, nsec, wire_len, lt) => {
                    self.pending = off;
                    self.packets += 1;
                    // Re-borrow the block data: the buffer has not moved.
                    let data = block_data(self.inner.data(), off, self.legacy.is_some());
                    return Ok(Some(RawPacket {
                        ts_sec: sec,
                        ts_nsec: nsec,
                        wire_len,
                        linktype: lt,
                        data,
                    }));
                }
            }
        }
    }
}

fn normalize(sec: i64, nsec: u64) -> (i64, u32) {
    (
        sec + (nsec / 1_000_000_000) as i64,
        (nsec % 1_000_000_000) as u32,
    )
}

/// Finds the packet bytes of the block at the start of `buf` (`off` bytes
/// long). Classic records are a 16-byte header plus the data; pcapng EPB
/// and SPB carry their capture length in the block header.
fn block_data(buf: &[u8], off: usize, legacy: bool) -> &[u8] {
    let blk = &buf[..off.min(buf.len())];
    if legacy {
        // caplen is at offset 8, in the file's byte order; the data length is
        // simply what follows the header.
        return blk.get(16..).unwrap_or(&[]);
    }
    if blk.len() < 12 {
        return &[];
    }
    let le = u32::from_le_bytes([blk[0], blk[1], blk[2], blk[3]]);
    let be = u32::from_be_bytes([blk[0], blk[1], blk[2], blk[3]]);
    let rd = |o: usize| -> usize {
        let b = [blk[o], blk[o + 1], blk[o + 2], blk[o + 3]];
        if le == 6 || le == 3 {
            u32::from_le_bytes(b) as usize
        } else {
            u32::from_be_bytes(b) as usize
        }
    };
    if le == 6 || be == 6 {
        // EPB: type, len, if_id, ts_high, ts_low, caplen, origlen, data
        if blk.len() < 28 {
            return &[];
        }
        let caplen = rd(20);
        blk.get(28..28 + caplen).unwrap_or(&[])
    } else {
        // SPB: type, len, origlen, data (padded); caplen = min(origlen, block space)
        let origlen = rd(8);
        let space = blk.len().saturating_sub(16);
        blk.get(12..12 + origlen.min(space)).unwrap_or(&[])
    }
}
