//! What a TCP segment says: its flags, the fields the session logic
//! reads, and sequence-number arithmetic.

/// TCP header flags.
pub(crate) const TH_FIN: u8 = 0x01;
pub(crate) const TH_SYN: u8 = 0x02;
pub(crate) const TH_RST: u8 = 0x04;
pub(crate) const TH_PUSH: u8 = 0x08;
pub(crate) const TH_ACK: u8 = 0x10;
pub(crate) const TH_URG: u8 = 0x20;

/// The parts of a TCP segment the session logic reads.
pub(crate) struct Segment<'a> {
    pub flags: u8,
    pub base_seq: u32,
    pub ack_seq: u32,
    /// Data length (what the IP length says, captured or not).
    pub len: u32,
    /// The TCP header, options included.
    pub hdr: &'a [u8],
    /// The segment's data when all of it was captured.
    pub payload: &'a [u8],
}

impl Segment<'_> {
    #[inline]
    pub fn syn(&self) -> bool {
        self.flags & TH_SYN != 0
    }
    #[inline]
    pub fn fin(&self) -> bool {
        self.flags & TH_FIN != 0
    }
    #[inline]
    pub fn rst(&self) -> bool {
        self.flags & TH_RST != 0
    }
    #[inline]
    pub fn ack(&self) -> bool {
        self.flags & TH_ACK != 0
    }
}

/// `a - b` in sequence space (wrapping, signed).
#[inline]
pub(crate) fn seq_delta(a: u32, b: u32) -> i32 {
    a.wrapping_sub(b) as i32
}
