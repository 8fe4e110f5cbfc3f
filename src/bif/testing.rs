//! A stand-in interpreter for unit-testing built-ins.

use crate::runtime::func::Host;
use crate::runtime::value::Value;

/// Records reports; calls functions only if they are built-ins.
pub struct FakeHost {
    pub now: f64,
    pub reports: Vec<(String, String)>,
    pub seed: u64,
    pub ext: crate::runtime::extensions::Extensions,
}

impl FakeHost {
    pub fn new() -> FakeHost {
        FakeHost {
            now: 1_000_000.5,
            reports: Vec::new(),
            seed: 42,
            ext: Default::default(),
        }
    }

    /// Calls the named built-in with the arguments.
    pub fn call(&mut self, name: &str, args: &[Value]) -> Result<Value, String> {
        let def = super::find(name).unwrap_or_else(|| panic!("no built-in {name}"));
        (def.func)(self, args)
    }

    /// Calls the named built-in and renders its result as `print` would.
    pub fn show(&mut self, name: &str, args: &[Value]) -> String {
        let v = self
            .call(name, args)
            .unwrap_or_else(|e| panic!("{name} failed: {e}"));
        String::from_utf8_lossy(&crate::runtime::format::print_line(&[v])).into_owned()
    }

    pub fn errors(&self) -> Vec<String> {
        self.reports
            .iter()
            .filter(|(k, _)| k == "error")
            .map(|(_, m)| m.clone())
            .collect()
    }
}

impl Host for FakeHost {
    fn extensions(&mut self) -> &mut crate::runtime::extensions::Extensions {
        &mut self.ext
    }

    fn network_time(&self) -> f64 {
        self.now
    }

    fn call_value(&mut self, f: &Value, args: Vec<Value>) -> Result<Value, String> {
        match f {
            Value::Func(func) => match func.builtin {
                Some(b) => b(self, &args),
                None => Err("not a built-in".into()),
            },
            _ => Err("not a function".into()),
        }
    }

    fn report(&mut self, kind: &str, msg: &str) {
        self.reports.push((kind.to_string(), msg.to_string()));
    }

    fn random(&mut self) -> u64 {
        self.seed = self
            .seed
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        self.seed >> 1
    }
}

pub fn s(x: &str) -> Value {
    Value::str(x.as_bytes())
}

pub fn b(x: &[u8]) -> Value {
    Value::str(x)
}

/// Renders a value as `print` shows it.
pub fn show(v: &Value) -> String {
    String::from_utf8_lossy(&crate::runtime::format::print_line(std::slice::from_ref(v)))
        .into_owned()
}
