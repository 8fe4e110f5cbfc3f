//! IPv4 / IPv6 fragment reassembly, following Zeek's FragReassembler:
//! first-arrived data wins on overlap, with the same weirds
//! (`fragment_overlap`, `fragment_inconsistency`, `fragment_size_inconsistency`,
//! `excessively_small_fragment`, `fragment_with_DF`, ...).

use ahash::AHashMap;

use super::decode::Ip;

const MIN_ACCEPTABLE_FRAG_SIZE: u32 = 64;
const MAX_ACCEPTABLE_FRAG_SIZE: u64 = 64000;
/// Bound on concurrently pending datagrams, so hostile input cannot grow
/// memory without limit.
const MAX_PENDING: usize = 65536;

#[derive(Clone, Copy, PartialEq, Eq, Hash)]
struct Key {
    src: [u8; 16],
    dst: [u8; 16],
    id: u32,
    v6: bool,
}

struct Pending {
    /// Unfragmentable header copied from the first fragment seen.
    hdr: Vec<u8>,
    prev_nh_pos: usize,
    next_proto: u8,
    /// v4: IHL and protocol of the first fragment, for consistency checks.
    first_hl: u32,
    first_p: u8,
    /// Size of the reassembled payload, 0 = not yet known.
    frag_size: u64,
    /// Sorted, non-overlapping.
    blocks: Vec<(u64, Vec<u8>)>,
    expire: f64,
}

/// The fragment table.
pub(crate) struct Fragments {
    table: AHashMap<Key, Pending>,
    pub timeout: f64,
}

impl Fragments {
    pub fn new(timeout: f64) -> Self {
        Fragments {
            table: AHashMap::new(),
            timeout,
        }
    }

    /// Drops datagrams whose timer ran out.
    pub fn expire(&mut self, now: f64) {
        if self.timeout > 0.0 && !self.table.is_empty() {
            self.table.retain(|_, p| p.expire > now);
        }
    }

    /// Datagrams waiting for fragments.
    pub fn len(&self) -> usize {
        self.table.len()
    }

    pub fn clear(&mut self) {
        self.table.clear();
    }

    /// Adds a fragment. Weird names go to `weird`. When the datagram is
    /// complete, the whole IP packet is written into `out` and true is
    /// returned.
    pub fn add(
        &mut self,
        now: f64,
        ip: &Ip,
        out: &mut Vec<u8>,
        weird: &mut dyn FnMut(&'static str),
    ) -> bool {
        let key = Key {
            src: ip.src,
            dst: ip.dst,
            id: ip.frag_id,
            v6: ip.v6,
        };
        if !self.table.contains_key(&key) && self.table.len() >= MAX_PENDING {
            // Evict the datagram closest to expiry.
            if let Some(k) = self
                .table
                .iter()
                .min_by(|a, b| a.1.expire.total_cmp(&b.1.expire))
                .map(|(k, _)| *k)
            {
                self.table.remove(&k);
            }
        }
        let p = self.table.entry(key).or_insert_with(|| Pending {
            hdr: ip.bytes[..ip.unfrag_len as usize].to_vec(),
            prev_nh_pos: ip.prev_nh_pos as usize,
            next_proto: ip.next_proto,
            first_hl: ip.hdr_len,
            first_p: ip.fields.p,
            frag_size: 0,
            blocks: Vec::new(),
            expire: if self.timeout > 0.0 {
                now + self.timeout
            } else {
                f64::INFINITY
            },
        });

        if ip.v6 {
            if ip.unfrag_len as usize != p.hdr.len() {
                weird("fragment_protocol_inconsistency");
            }
        } else if ip.fields.p != p.first_p || ip.hdr_len != p.first_hl {
            weird("fragment_protocol_inconsistency");
        }
        if ip.df {
            weird("fragment_with_DF");
        }
        let offset = ip.frag_off as u64;
        let len = ip.payload.len() as u64;
        let upper = offset + len;
        if offset == 0 {
            p.next_proto = ip.next_proto;
        }
        if !ip.mf {
            if p.frag_size == 0 {
                p.frag_size = upper;
            } else if upper != p.frag_size {
                weird("fragment_size_inconsistency");
                if upper > p.frag_size {
                    p.frag_size = upper;
                }
            }
        } else if ip.total_len < MIN_ACCEPTABLE_FRAG_SIZE {
            weird("excessively_small_fragment");
        }
        if upper > MAX_ACCEPTABLE_FRAG_SIZE {
            weird("excessively_large_fragment");
        }
        if p.frag_size != 0 && upper > p.frag_size {
            weird("fragment_size_inconsistency");
            p.frag_size = upper;
        }
        insert(&mut p.blocks, offset, ip.payload, weird);

        // Do we have it all?
        if p.blocks.is_empty() || p.blocks[0].0 > 0 || p.frag_size == 0 {
            return false;
        }
        let mut i = 0;
        while i + 1 < p.blocks.len() && block_upper(&p.blocks[i]) == p.blocks[i + 1].0 {
            i += 1;
        }
        let reach = block_upper(&p.blocks[i]);
        if i + 1 < p.blocks.len() {
            // A hole.
            if reach >= p.frag_size {
                weird("fragment_size_inconsistency");
                p.frag_size = reach;
            } else {
                return false;
            }
        } else {
            let last = block_upper(p.blocks.last().unwrap());
            if last > p.frag_size {
                weird("fragment_size_inconsistency");
                p.frag_size = last;
            } else if last < p.frag_size {
                return false;
            }
        }
        let size = p.frag_size as usize;
        out.clear();
        out.extend_from_slice(&p.hdr);
        let base = out.len();
        out.resize(base + size, 0);
        for (seq, data) in &p.blocks {
            let s = *seq as usize;
            if s >= size {
                break;
            }
            let n = data.len().min(size - s);
            out[base + s..base + s + n].copy_from_slice(&data[..n]);
        }
        if ip.v6 {
            let plen = (out.len() - 40).min(0xffff) as u16;
            out[4..6].copy_from_slice(&plen.to_be_bytes());
            if p.prev_nh_pos < out.len() {
                out[p.prev_nh_pos] = p.next_proto;
            }
        } else {
            let tot = out.len().min(0xffff) as u16;
            out[2..4].copy_from_slice(&tot.to_be_bytes());
            // Clear MF and the offset: this is a whole datagram now.
            out[6] &= 0x40;
            out[7] = 0;
        }
        self.table.remove(&key);
        true
    }
}

fn block_upper(b: &(u64, Vec<u8>)) -> u64 {
    b.0 + b.1.len() as u64
}

/// Inserts `data` at `seq`, keeping existing bytes where they overlap and
/// reporting whether overlapping bytes agree.
fn insert(
    blocks: &mut Vec<(u64, Vec<u8>)>,
    seq: u64,
    data: &[u8],
    weird: &mut dyn FnMut(&'static str),
) {
    if data.is_empty() {
        return;
    }
    let upper = seq + data.len() as u64;
    let mut pieces: Vec<(u64, u64)> = vec![(seq, upper)];
    for (bseq, bdata) in blocks.iter() {
        let bup = *bseq + bdata.len() as u64;
        if bup <= seq || *bseq >= upper {
            continue;
        }
        let lo = seq.max(*bseq);
        let hi = upper.min(bup);
        let old = &bdata[(lo - bseq) as usize..(hi - bseq) as usize];
        let new = &data[(lo - seq) as usize..(hi - seq) as usize];
        weird(if old == new {
            "fragment_overlap"
        } else {
            "fragment_inconsistency"
        });
        // Cut [lo, hi) out of the pieces still to insert.
        let mut next = Vec::with_capacity(pieces.len() + 1);
        for (a, b) in pieces {
            if b <= lo || a >= hi {
                next.push((a, b));
                continue;
            }
            if a < lo {
                next.push((a, lo));
            }
            if b > hi {
                next.push((hi, b));
            }
        }
        pieces = next;
    }
    for (a, b) in pieces {
        let chunk = data[(a - seq) as usize..(b - seq) as usize].to_vec();
        let pos = blocks.partition_point(|x| x.0 < a);
        blocks.insert(pos, (a, chunk));
    }
}
