//! A long text scanned in parts, a thread each, and the parts spliced into what one scan from
//! the text's start finds (natively only: the browser's wasm has no threads).
//!
//! Why it is exact: a scan is a function of where it is ([`Scanner`]), so a scan from the
//! text's start that decides a candidate the scan of a later part also decided goes on alike
//! from there. Each part is scanned from its first byte to the next part's, recording every
//! candidate it decided with how many detections came before it. The scan of the first part
//! then goes on past its end, candidate by candidate, until it decides one the next part
//! recorded (its first, nearly always: only a detection running across the bound, such as a
//! URL or a private key block, delays the meeting), and takes that part's detections from
//! there. A part it never meets (a key block longer than the part) is scanned again by the
//! continuing scan: its work is lost, never the answer.
//!
//! The scanner's speed is bound by the latency of its table reads, not by the core's width
//! (`scan.rs`); two scans on two cores nearly double what one finds per second.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::OnceLock;

use super::{floor_boundary, scan_with, Engine, Scanner};
use crate::Detection;

/// The least text a thread is given: less, and starting the thread costs more than it saves
/// (a part this long takes ~3–5 ms to scan, a thread ~0.05 ms to start).
const PART_MIN: usize = 1 << 18;

/// The most threads a scan may use, set by [`limit_threads`] (0: one per core).
static LIMIT: AtomicUsize = AtomicUsize::new(0);

/// Caps the threads of every later scan in this process at `threads` (1: each scan on its
/// caller's thread alone; 0: one per core again, the default). For a pipeline that runs many
/// scans side by side and keeps its cores for them (`tearsheet --threads N`).
pub(super) fn limit_threads(threads: usize) {
    LIMIT.store(threads, Ordering::Relaxed);
}

/// How many parts a text of `len` bytes is scanned in: one per core (or per thread allowed by
/// [`limit_threads`]), each at least [`PART_MIN`] bytes.
pub(super) fn parts(len: usize) -> usize {
    static CORES: OnceLock<usize> = OnceLock::new();
    let cores = *CORES.get_or_init(|| std::thread::available_parallelism().map_or(1, |n| n.get()));
    let threads = match LIMIT.load(Ordering::Relaxed) {
        0 => cores,
        limit => cores.min(limit),
    };
    threads.min(len / PART_MIN).max(1)
}

/// One part's scan, stopped before the first candidate at or beyond the next part.
struct Part<'t> {
    scan: Scanner<'t>,
    /// Each candidate decided (its start), with how many detections came before it.
    decided: Vec<(usize, usize)>,
}

/// Scans the candidates starting in `from..to`.
fn scan_part<'t>(eng: &'static Engine, text: &'t str, from: usize, to: usize) -> Part<'t> {
    let mut scan = Scanner::new(eng, text, from);
    let mut decided = Vec::new();
    while let Some(c) = scan.candidate() {
        if c.0 >= to {
            break;
        }
        decided.push((c.0, scan.out.len()));
        scan.take(c);
    }
    Part { scan, decided }
}

/// Every detection in `text`, the text scanned in `parts` parts (one on this thread): the same
/// as [`scan_with`].
pub(super) fn scan(eng: &'static Engine, text: &str, parts: usize) -> Vec<Detection> {
    if parts <= 1 {
        return scan_with(eng, text);
    }
    let each = text.len() / parts;
    // Part `k` is `bounds[k]..bounds[k + 1]`.
    let bounds: Vec<usize> = (0..parts).map(|k| floor_boundary(text, k * each)).chain([text.len()]).collect();
    let ranges: Vec<(usize, usize)> = bounds.windows(2).map(|w| (w[0], w[1])).collect();
    let mut done = work_on_threads(&ranges, |&(from, to)| scan_part(eng, text, from, to)).into_iter();
    let Some(first) = done.next() else { return scan_with(eng, text) };
    let rest: Vec<Part> = done.collect();
    // The first part's scan goes on (its gate has read past the bound already).
    let mut s = first.scan;
    // The part ahead of the scan, or the one it is in and has not met yet.
    let mut k = 1;
    while let Some(c) = s.candidate() {
        // Pass the parts this candidate is beyond; in the one it falls in, meet the part's own
        // scan if it decided this candidate too.
        while k < parts && c.0 >= bounds[k + 1] {
            k += 1;
        }
        let part = rest.get(k - 1).filter(|_| k < parts && c.0 >= bounds[k]);
        if let Some(part) = part {
            if let Ok(i) = part.decided.binary_search_by_key(&c.0, |d| d.0) {
                s.out.extend_from_slice(part.scan.out.get(part.decided[i].1..).unwrap_or_default());
                s.at = part.scan.at;
                k += 1;
                continue;
            }
        }
        s.take(c);
    }
    s.out
}

/// Every text's detections (as [`scan`] finds them), the texts shared out in runs of about
/// equal length to a thread per core when together they are long enough: the prompt pastes of
/// a report are each too short to be cut in parts, but many.
pub(super) fn scan_each(eng: &'static Engine, texts: &[&str]) -> Vec<Vec<Detection>> {
    let total: usize = texts.iter().map(|t| t.len()).sum();
    let threads = parts(total);
    if threads <= 1 {
        // (No text is longer than all of them: none would be cut in parts either.)
        return texts.iter().map(|t| scan_with(eng, t)).collect();
    }
    // Runs of consecutive texts, each ending once the texts so far reach its share.
    let mut runs: Vec<&[&str]> = Vec::with_capacity(threads);
    let (mut from, mut sum) = (0, 0);
    for (i, t) in texts.iter().enumerate() {
        sum += t.len();
        if sum * threads >= total * (runs.len() + 1) || i + 1 == texts.len() {
            runs.push(texts.get(from..=i).unwrap_or_default());
            from = i + 1;
        }
    }
    work_on_threads(&runs, |run| run.iter().map(|t| scan_with(eng, t)).collect::<Vec<_>>()).into_iter().flatten().collect()
}

/// `work` on each item, the first on this thread and every other on a (scoped) thread of its
/// own, the results in order; an item whose thread could not start or failed is worked here.
fn work_on_threads<T: Sync, R: Send>(items: &[T], work: impl Fn(&T) -> R + Sync) -> Vec<R> {
    let work = &work;
    std::thread::scope(|scope| {
        let others: Vec<_> = items.iter().skip(1).map(|item| std::thread::Builder::new().spawn_scoped(scope, move || work(item)).ok()).collect();
        let mut out: Vec<R> = items.first().map(work).into_iter().collect();
        for (thread, item) in others.into_iter().zip(items.iter().skip(1)) {
            out.push(thread.and_then(|t| t.join().ok()).unwrap_or_else(|| work(item)));
        }
        out
    })
}

#[cfg(test)]
mod tests {
    use super::super::{corpus, engine};
    use super::*;

    /// The spliced scan against one scan from the start, the mixed corpus cut into every number
    /// of parts up to 9 (parts of ~110 KB down to a few hundred bytes: bounds in every kind of
    /// place, inside URLs, key blocks and e-mail threads).
    #[test]
    fn parts_splice_into_the_one_scan() {
        let eng = engine().unwrap();
        let text = corpus::mixed_text(200_000);
        let want = scan_with(eng, &text);
        assert!(want.len() > 1000);
        for parts in 2..10 {
            assert_eq!(scan(eng, &text, parts), want, "{parts} parts");
        }
        for len in [1000, 4000] {
            let short = &text[..floor_boundary(&text, len)];
            let want = scan_with(eng, short);
            for parts in [2, 3, 7, 64, 1000] {
                assert_eq!(scan(eng, short, parts), want, "{len} bytes in {parts} parts");
            }
        }
    }

    /// Detections running across a bound and past the next part: a private key block longer
    /// than a part (never met: the continuing scan does the part again), a URL across a bound.
    #[test]
    fn detections_across_bounds() {
        let eng = engine().unwrap();
        let key = format!("-----BEGIN RSA PRIVATE KEY-----\n{}\n-----END RSA PRIVATE KEY-----", "MIIEpAIBAAKCAQEA3Tz2mr7SZiAMfQyuvBjM\n".repeat(200));
        let text = format!("mail jane.doe@acme-corp.com {key} then https://evil-cdn.test/a/{} and 198.51.100.7 ssn 123-45-6789", "x".repeat(3000));
        let want = scan_with(eng, &text);
        assert!(want.iter().any(|d| d.kind == "secret.private_key" && d.end - d.start > 7000), "{want:?}");
        for parts in 2..40 {
            assert_eq!(scan(eng, &text, parts), want, "{parts} parts");
        }
    }

    /// Texts shared out among threads: each text's own scan, in order, however many and
    /// however long (empty ones, one long among short ones).
    #[test]
    fn each_text_as_alone() {
        let eng = engine().unwrap();
        let text = corpus::mixed_text(1_200_000);
        let pastes: Vec<&str> = text.as_bytes().chunks(70_000).map(|c| std::str::from_utf8(c).unwrap_or("")).collect();
        let mut texts: Vec<&str> = vec![""];
        texts.extend(pastes.iter().copied().filter(|p| !p.is_empty()));
        texts.insert(3, "");
        texts.push(&text[..floor_boundary(&text, 600_000)]);
        assert!(texts.iter().filter(|t| t.len() > 60_000).count() > 10);
        let want: Vec<Vec<Detection>> = texts.iter().map(|t| scan_with(eng, t)).collect();
        assert_eq!(scan_each(eng, &texts), want);
        assert!(scan_each(eng, &[]).is_empty());
    }

    #[test]
    fn parts_follow_the_cores_and_the_length() {
        assert_eq!(parts(0), 1);
        assert_eq!(parts(PART_MIN - 1), 1);
        let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
        assert_eq!(parts(PART_MIN * 2), cores.min(2));
        assert_eq!(parts(usize::MAX / 2), cores);
        // The limit caps it, 0 lifts it (set and reset in this one test: the others of this
        // crate do not depend on the number of parts).
        for (limit, want) in [(1, 1), (2, cores.min(2)), (64, cores), (0, cores)] {
            limit_threads(limit);
            assert_eq!(parts(usize::MAX / 2), want, "limit {limit}");
        }
        assert_eq!(parts(PART_MIN - 1), 1);
    }
}
