//! The gate between the zip guard and calamine, so that the two can work at
//! once on a workbook's worksheets without giving up the guard's promise.
//!
//! calamine decompresses a worksheet from the file's bytes itself. It reads
//! those bytes through [`GatedBytes`], which hands out the compressed bytes of
//! a gated worksheet only as far as the guard, decompressing the same bytes on
//! its own thread, has scanned what they decompress to. Everything calamine
//! can hold of a worksheet has then passed the guard's limits, bar a small
//! lag (see [`Gate::passed`]); a refusal by the guard fails calamine's next
//! read of a gated span, and the guard's message is what the clerk sees.

use std::io::{self, Read, Seek, SeekFrom};
use std::ops::Range;
use std::sync::{Arc, Condvar, Mutex, MutexGuard};

/// How far behind the guard's own reading calamine is held, in compressed
/// bytes. The zip reader keeps up to 8 KB of compressed input buffered
/// beyond what its inflater consumed; behind that, every byte calamine may
/// read has been decompressed and scanned by the guard, less what the guard's
/// inflater still holds back (at most its 32 KB window).
pub(super) const LAG: u64 = 64 * 1024;

/// One gated span of the file and how far it may be read.
#[derive(Debug, Clone)]
struct Span {
    bytes: Range<u64>,
    /// Reads below this offset are free; `u64::MAX` once the guard is done with the span.
    open_to: u64,
}

#[derive(Debug, Default)]
struct State {
    spans: Vec<Span>,
    failed: bool,
}

/// The spans of the file that wait for the guard, shared by the guard's
/// thread (which opens them) and calamine's reader (which waits on them).
#[derive(Debug, Default)]
pub(super) struct Gate {
    state: Mutex<State>,
    moved: Condvar,
}

impl Gate {
    /// A gate that holds back every byte of `spans` until the guard passes it.
    pub(super) fn new(spans: impl IntoIterator<Item = Range<u64>>) -> Gate {
        let spans = spans
            .into_iter()
            .map(|bytes| Span {
                open_to: bytes.start,
                bytes,
            })
            .collect();
        Gate {
            state: Mutex::new(State {
                spans,
                failed: false,
            }),
            moved: Condvar::new(),
        }
    }

    fn lock(&self) -> MutexGuard<'_, State> {
        // A poisoned lock only means a thread panicked while holding it; the
        // offsets it guards are still whole numbers.
        self.state.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// The guard has read the file up to `read_to` for span `i` and scanned
    /// all that its inflater gave back: calamine may read up to [`LAG`]
    /// before that.
    pub(super) fn passed(&self, i: usize, read_to: u64) {
        let mut state = self.lock();
        if let Some(span) = state.spans.get_mut(i) {
            let to = read_to.saturating_sub(LAG).max(span.bytes.start);
            if to > span.open_to {
                span.open_to = to;
                drop(state);
                self.moved.notify_all();
            }
        }
    }

    /// The guard found nothing wrong in span `i`: it is read freely.
    pub(super) fn open(&self, i: usize) {
        if let Some(span) = self.lock().spans.get_mut(i) {
            span.open_to = u64::MAX;
        }
        self.moved.notify_all();
    }

    /// The guard refused the file (or stopped): every read that waits fails.
    pub(super) fn fail(&self) {
        self.lock().failed = true;
        self.moved.notify_all();
    }

    /// How many of `want` bytes at `at` may be read, waiting while none may.
    fn allowed(&self, at: u64, want: u64) -> io::Result<u64> {
        let mut state = self.lock();
        loop {
            let mut may = want;
            for span in &state.spans {
                let overlaps = span.bytes.start < at.saturating_add(want) && at < span.bytes.end;
                if overlaps && span.open_to < span.bytes.end {
                    may = may.min(span.open_to.saturating_sub(at));
                }
            }
            if may > 0 || want == 0 {
                return Ok(may);
            }
            if state.failed {
                return Err(io::Error::other("refused by the zip guard"));
            }
            state = self.moved.wait(state).unwrap_or_else(|p| p.into_inner());
        }
    }
}

/// A workbook's bytes as calamine reads them: a cursor whose reads of gated
/// spans wait for the guard.
#[derive(Debug, Clone)]
pub struct GatedBytes {
    bytes: Arc<Vec<u8>>,
    at: u64,
    gate: Option<Arc<Gate>>,
}

impl GatedBytes {
    /// Bytes read freely.
    pub(super) fn free(bytes: Arc<Vec<u8>>) -> GatedBytes {
        GatedBytes {
            bytes,
            at: 0,
            gate: None,
        }
    }

    /// Bytes whose reads wait on `gate`.
    pub(super) fn gated(bytes: Arc<Vec<u8>>, gate: Arc<Gate>) -> GatedBytes {
        GatedBytes {
            bytes,
            at: 0,
            gate: Some(gate),
        }
    }

    pub(super) fn get_ref(&self) -> &[u8] {
        &self.bytes
    }
}

impl Read for GatedBytes {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let len = self.bytes.len() as u64;
        let start = self.at.min(len);
        let mut want = (buf.len() as u64).min(len - start);
        if let Some(gate) = &self.gate {
            want = gate.allowed(start, want)?;
        }
        let (from, to) = (start as usize, (start + want) as usize);
        buf[..to - from].copy_from_slice(&self.bytes[from..to]);
        self.at = start + want;
        Ok(to - from)
    }
}

impl Seek for GatedBytes {
    fn seek(&mut self, to: SeekFrom) -> io::Result<u64> {
        let len = self.bytes.len() as i128;
        let at = match to {
            SeekFrom::Start(n) => i128::from(n),
            SeekFrom::End(d) => len + i128::from(d),
            SeekFrom::Current(d) => i128::from(self.at) + i128::from(d),
        };
        self.at = u64::try_from(at)
            .map_err(|_| io::Error::new(io::ErrorKind::InvalidInput, "seek before the start"))?;
        Ok(self.at)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_outside_the_spans_are_free_and_inside_wait_for_the_guard() {
        let bytes = Arc::new((0..=255u8).cycle().take(200_000).collect::<Vec<u8>>());
        let gate = Arc::new(Gate::new(std::iter::once(1_000..150_000)));
        let mut reader = GatedBytes::gated(bytes.clone(), gate.clone());
        let mut buf = vec![0u8; 4_096];
        // Before the span: read up to its start only.
        assert_eq!(reader.read(&mut buf).unwrap(), 1_000);
        // Past the span: free.
        reader.seek(SeekFrom::Start(160_000)).unwrap();
        assert_eq!(reader.read(&mut buf).unwrap(), 4_096);
        assert_eq!(buf[0], bytes[160_000]);
        // Inside: as far as the guard has passed, less the lag.
        gate.passed(0, 1_000 + LAG + 500);
        reader.seek(SeekFrom::Start(1_000)).unwrap();
        assert_eq!(reader.read(&mut buf).unwrap(), 500);
        // A read that would wait is released by the guard from another thread.
        let waiting = std::thread::spawn(move || reader.read(&mut buf));
        std::thread::sleep(std::time::Duration::from_millis(20));
        gate.open(0);
        assert_eq!(waiting.join().unwrap().unwrap(), 4_096);
    }

    #[test]
    fn a_refusal_fails_the_waiting_read() {
        let bytes = Arc::new(vec![7u8; 10_000]);
        let gate = Arc::new(Gate::new(std::iter::once(0..10_000)));
        let mut reader = GatedBytes::gated(bytes, gate.clone());
        let waiting = std::thread::spawn(move || reader.read(&mut [0u8; 16]));
        std::thread::sleep(std::time::Duration::from_millis(20));
        gate.fail();
        assert!(waiting.join().unwrap().is_err());
    }
}
