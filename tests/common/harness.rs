//! For the test files run by libtest-mimic (`harness = false`): trials
//! that need something the checkout may lack — `../shared` beside the
//! crate, an environment variable unset — report as ignored, with the
//! reason, instead of passing without having run.

use std::path::{Path, PathBuf};

use libtest_mimic::{Arguments, Completion, Trial};

/// `../shared` beside the crate: Zeek's conformance cases, traces and
/// script tree, present in CI and on developers' machines, not in every
/// checkout.
pub fn shared_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared")
}

/// `../shared/REL`, if it is there.
pub fn shared(rel: &str) -> Option<PathBuf> {
    let p = shared_dir().join(rel);
    p.exists().then_some(p)
}

/// A trial that always runs; a panic fails it.
pub fn test(name: &str, f: impl FnOnce() + Send + 'static) -> Trial {
    Trial::test(name, move || {
        f();
        Ok(())
    })
}

/// A trial that runs `f` with what `check` finds at run time; when
/// `check` gives `Err(reason)` instead, the trial is reported as ignored
/// with that reason.
pub fn test_if<T: 'static>(
    name: &str,
    check: impl FnOnce() -> Result<T, String> + Send + 'static,
    f: impl FnOnce(T) + Send + 'static,
) -> Trial {
    Trial::ignorable_test(name, move || match check() {
        Ok(v) => {
            f(v);
            Ok(Completion::Completed)
        }
        Err(reason) => Ok(Completion::ignored_with(reason)),
    })
}

/// Why a trial needing `../shared/REL` cannot run.
pub fn missing(rel: &str) -> String {
    format!("../shared/{rel} is not beside the crate")
}

/// A trial given the path of `../shared/REL`; ignored, saying so, when
/// that is missing.
pub fn with_shared(
    name: &str,
    rel: &'static str,
    f: impl FnOnce(PathBuf) + Send + 'static,
) -> Trial {
    test_if(name, move || shared(rel).ok_or_else(|| missing(rel)), f)
}

/// Runs the trials with the command line's arguments and exits.
pub fn run(trials: Vec<Trial>) -> ! {
    libtest_mimic::run(&Arguments::from_args(), trials).exit()
}

/// Trials of the functions named, each under its own name:
/// `trials![a, b]` always run; `trials![needs "REL": a, b]` are given the
/// path of `../shared/REL` and are ignored, saying so, when it is missing.
#[macro_export]
macro_rules! trials {
    ($($f:ident),* $(,)?) => {
        vec![$($crate::common::harness::test(stringify!($f), $f)),*]
    };
    (needs $rel:literal: $($f:ident),* $(,)?) => {
        vec![$($crate::common::harness::with_shared(stringify!($f), $rel, $f)),*]
    };
}
