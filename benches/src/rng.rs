//! A tiny deterministic pseudo-random generator, so the synthetic data set is the same on
//! every machine and every run without another dependency.

/// xorshift64* (Vigna, 2016): 64 bits of state, good enough statistical quality for
/// sampling sentences and names, and fully reproducible from its seed.
#[derive(Debug, Clone)]
pub struct XorShift64 {
    state: u64,
}

impl XorShift64 {
    /// A generator seeded with `seed` (a zero seed is replaced, since zero is a fixed point).
    pub fn new(seed: u64) -> Self {
        // One round of splitmix64 spreads nearby seeds (1, 2, 3 …) far apart.
        let mut z = seed.wrapping_add(0x9E37_79B9_7F4A_7C15);
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^= z >> 31;
        Self {
            state: if z == 0 { 0x2545_F491_4F6C_DD1D } else { z },
        }
    }

    /// The next 64 random bits.
    pub fn next_u64(&mut self) -> u64 {
        let mut x = self.state;
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        self.state = x;
        x.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    /// A uniform float in `[0, 1)`.
    pub fn unit(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64
    }

    /// A uniform integer in `[0, n)`; 0 when `n` is 0.
    pub fn below(&mut self, n: usize) -> usize {
        if n == 0 {
            return 0;
        }
        // Multiply-shift: unbiased enough for n far below 2^32, which is all we use.
        (((self.next_u64() >> 32) * n as u64) >> 32) as usize
    }

    /// A uniform integer in `[lo, hi]`.
    pub fn range(&mut self, lo: usize, hi: usize) -> usize {
        lo + self.below(hi.saturating_sub(lo) + 1)
    }

    /// A skewed index in `[0, n)`: index 0 is the most likely and the probabilities fall
    /// off like a power law, as lead departments do in real plans (the development and
    /// reform commission leads far more tasks than the archives bureau).
    pub fn skewed(&mut self, n: usize, exponent: f64) -> usize {
        let i = (self.unit().powf(exponent) * n as f64) as usize;
        i.min(n.saturating_sub(1))
    }

    /// One element of a non-empty slice, `None` for an empty one.
    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> Option<&'a T> {
        items.get(self.below(items.len()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn it_is_deterministic_and_in_range() {
        let mut a = XorShift64::new(7);
        let mut b = XorShift64::new(7);
        for _ in 0..1000 {
            let x = a.below(10);
            assert_eq!(x, b.below(10));
            assert!(x < 10);
            assert!(a.skewed(5, 2.0) < 5 && b.skewed(5, 2.0) < 5);
        }
    }
}
