//! `--shard i/n`: a deterministic split of the URL set so a CI matrix crawls one portal on
//! n machines.
//!
//! A URL belongs to shard `(fnv1a64(normalised URL) mod n) + 1`: it depends on the URL alone,
//! never on discovery order or timing, so every machine agrees. Every shard walks the same
//! link graph in the same canonical BFS order with the same limits, so all shards see the same
//! URL set; each *scans* (snapshot, rules, Tab walk, report) only its own URLs and visits the
//! others only to read their links (skipped at the last depth, whose links lead nowhere). So
//! on a static site the shards' reports are disjoint and their union is the unsharded crawl.

use std::fmt;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Shard {
    /// 1-based.
    pub index: u32,
    pub count: u32,
}

impl Default for Shard {
    fn default() -> Shard {
        Shard { index: 1, count: 1 }
    }
}

impl fmt::Display for Shard {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}/{}", self.index, self.count)
    }
}

impl Shard {
    /// Parses `i/n` with 1 ≤ i ≤ n.
    pub fn parse(text: &str) -> Result<Shard, String> {
        let bad = || format!("shard '{text}': expected i/n with 1 <= i <= n (e.g. 2/4)");
        let (i, n) = text.split_once('/').ok_or_else(bad)?;
        let index: u32 = i.trim().parse().map_err(|_| bad())?;
        let count: u32 = n.trim().parse().map_err(|_| bad())?;
        if count == 0 || index == 0 || index > count {
            return Err(bad());
        }
        Ok(Shard { index, count })
    }

    /// Whether this shard scans the (normalised) URL.
    pub fn owns(&self, url: &str) -> bool {
        self.count <= 1
            || (fnv1a64(url.as_bytes()) % u64::from(self.count)) as u32 + 1 == self.index
    }
}

/// FNV-1a, 64 bit: tiny, stable across platforms and releases (unlike std's hasher).
pub fn fnv1a64(bytes: &[u8]) -> u64 {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for b in bytes {
        hash ^= u64::from(*b);
        hash = hash.wrapping_mul(0x0000_0100_0000_01b3);
    }
    hash
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_and_refuses() {
        assert_eq!(Shard::parse("2/4").unwrap(), Shard { index: 2, count: 4 });
        for bad in ["0/4", "5/4", "1/0", "x/2", "3", ""] {
            assert!(Shard::parse(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn every_url_has_exactly_one_shard() {
        let urls: Vec<String> = (0..200)
            .map(|i| format!("https://p.example/s/{i}"))
            .collect();
        let shards: Vec<Shard> = (1..=3).map(|index| Shard { index, count: 3 }).collect();
        let mut sizes = [0; 3];
        for url in &urls {
            let owners: Vec<usize> = (0..3).filter(|&i| shards[i].owns(url)).collect();
            assert_eq!(owners.len(), 1, "{url}");
            sizes[owners[0]] += 1;
        }
        // A stable hash spreads them: no shard is empty.
        assert!(sizes.iter().all(|&n| n > 30), "{sizes:?}");
        // Known value: the split must not change between releases.
        assert_eq!(fnv1a64(b"a"), 0xaf63_dc4c_8601_ec8c);
    }
}
