mod guard;
pub mod login;
pub use guard::ScopeGuard;
