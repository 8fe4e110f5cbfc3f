//! Time built-ins: formatting and parsing calendar times with the C
//! library's strftime/strptime in local time, as Zeek does.

use super::{bytes, double, reporter_warning, string_value, BifResult};
use crate::runtime::func::{BifDef, Host};
use crate::runtime::value::Value;
use std::ffi::CString;

/// `strftime` of the C library in local time; None if the format is not
/// a C string or the output would not fit in Zeek's 128-byte buffer.
pub(crate) fn c_strftime(fmt: &[u8], t: f64) -> Option<String> {
    let cfmt = CString::new(fmt).ok()?;
    let secs = t as libc::time_t;
    let mut buf = [0u8; 128];
    // SAFETY: `tm` is plain data filled by localtime_r; the buffer and the
    // format are valid for the duration of the calls.
    let n = unsafe {
        let mut tm: libc::tm = std::mem::zeroed();
        if libc::localtime_r(&secs, &mut tm).is_null() {
            return None;
        }
        libc::strftime(buf.as_mut_ptr().cast(), buf.len(), cfmt.as_ptr(), &tm)
    };
    (n > 0).then(|| String::from_utf8_lossy(&buf[..n]).into_owned())
}

/// `strptime` then `mktime`, starting from the local time of the epoch;
/// None if the text does not match the format.
pub(crate) fn c_strptime(fmt: &[u8], text: &[u8]) -> Option<f64> {
    let cfmt = CString::new(fmt).ok()?;
    let ctext = CString::new(text).ok()?;
    // SAFETY: as above; strptime only writes into `tm`.
    unsafe {
        let zero: libc::time_t = 0;
        let mut tm: libc::tm = std::mem::zeroed();
        if libc::localtime_r(&zero, &mut tm).is_null() {
            return None;
        }
        if libc::strptime(ctext.as_ptr(), cfmt.as_ptr(), &mut tm).is_null() {
            return None;
        }
        Some(libc::mktime(&mut tm) as f64)
    }
}

fn strftime(_: &mut dyn Host, args: &[Value]) -> BifResult {
    let out =
        c_strftime(bytes(args, 0), double(args, 1)).unwrap_or_else(|| "<strftime error>".into());
    Ok(string_value(out))
}

fn strptime(h: &mut dyn Host, args: &[Value]) -> BifResult {
    let (fmt, text) = (bytes(args, 0), bytes(args, 1));
    match c_strptime(fmt, text) {
        Some(t) => Ok(Value::Time(t)),
        None => {
            let msg = format!(
                "strptime conversion failed: fmt:{} d:{}",
                String::from_utf8_lossy(fmt),
                String::from_utf8_lossy(text)
            );
            reporter_warning(h, &msg);
            Ok(Value::Time(0.0))
        }
    }
}

pub static BIFS: &[BifDef] = &[
    BifDef {
        name: "strftime",
        sig: "function(fmt: string, d: time): string",
        func: strftime,
    },
    BifDef {
        name: "strptime",
        sig: "function(fmt: string, d: string): time",
        func: strptime,
    },
];

#[cfg(test)]
mod tests {
    use super::super::testing::{s, FakeHost};
    use crate::runtime::value::Value;

    // bifs.strftime and bifs.strptime (run under TZ=UTC, as the tests are).
    #[test]
    fn formatting_and_parsing() {
        std::env::set_var("TZ", "UTC");
        let mut h = FakeHost::new();
        assert_eq!(
            h.show("strftime", &[s("%Y-%m-%d %H:%M:%S"), Value::Time(0.0)]),
            "1970-01-01 00:00:00"
        );
        assert_eq!(
            h.show("strftime", &[s("%H%M%S %Y%m%d"), Value::Time(123456789.0)]),
            "213309 19731129"
        );
        assert_eq!(
            h.show("strftime", &[s(""), Value::Time(0.0)]),
            "<strftime error>"
        );
        assert_eq!(
            h.show("strptime", &[s("%Y-%m-%d"), s("2012-10-19")]),
            "1350604800.0"
        );
        assert!(h.reports.is_empty());
        assert_eq!(h.show("strptime", &[s("%m"), s("1980-10-24")]), "0.0");
        assert_eq!(
            h.reports,
            vec![(
                "warning".to_string(),
                "strptime conversion failed: fmt:%m d:1980-10-24".to_string()
            )]
        );
    }
}
