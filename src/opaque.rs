//! Opaque values (`opaque of md5` and friends): state that scripts hold
//! but cannot look into.

#[derive(Debug, Clone)]
pub enum Opaque {}
