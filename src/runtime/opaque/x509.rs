//! The state of `opaque of x509`: a certificate's DER bytes. What the
//! built-ins read from it lives in `bif/x509.rs`; the parser borrows the
//! bytes each time, so the opaque stays small and cheap to copy.

use std::rc::Rc;
use x509_parser::prelude::{FromDer, X509Certificate};

/// A certificate as `x509_from_der` received it: its DER bytes, or none
/// when they did not parse (Zeek keeps such an opaque too, and the
/// functions that read it then complain).
#[derive(Debug, Clone)]
pub struct Certificate {
    der: Option<Rc<[u8]>>,
}

impl Certificate {
    pub fn from_der(der: &[u8]) -> Certificate {
        let ok = X509Certificate::from_der(der).is_ok_and(|(rest, _)| rest.len() < der.len());
        Certificate {
            der: ok.then(|| Rc::from(der)),
        }
    }

    /// The DER bytes, if they parsed.
    pub fn der(&self) -> Option<&[u8]> {
        self.der.as_deref()
    }

    /// The certificate parsed again (cheap: the parser borrows the bytes).
    pub fn parsed(&self) -> Option<X509Certificate<'_>> {
        let der = self.der.as_deref()?;
        X509Certificate::from_der(der).ok().map(|(_, c)| c)
    }
}
