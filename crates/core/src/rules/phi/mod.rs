//! PHI-exposure rules: one per place PHI can escape a patient portal (`phi.location`),
//! each in the file named after its id. Detection lives in [`crate::phi`], reporting
//! (evidence, storage checks) in [`crate::report::phi`]; [`support`] holds URL facts.

mod phi_form_transmission;
mod phi_guest_access;
mod phi_in_cache_storage;
mod phi_in_comment;
mod phi_in_console;
mod phi_in_cookie;
mod phi_in_hidden_field;
mod phi_in_indexeddb;
mod phi_in_local_storage;
mod phi_in_script;
mod phi_in_session_storage;
mod phi_in_title;
mod phi_in_url;
mod phi_referrer_leak;
mod phi_response_no_store;
mod phi_restored_after_logout;
mod phi_storage_after_logout;
mod phi_third_party;
mod session_cookie_flags;
mod session_cookie_lifetime;
mod session_idle_timeout;
mod session_survives_logout;
mod support;
mod third_party_integrity;
mod transport_hsts;
mod transport_https;

use crate::rule::Rule;

pub fn rules() -> Vec<&'static dyn Rule> {
    vec![
        &phi_in_url::PhiInUrl,
        &phi_in_title::PhiInTitle,
        &phi_in_comment::PhiInComment,
        &phi_in_hidden_field::PhiInHiddenField,
        &phi_in_script::PhiInScript,
        &phi_form_transmission::PhiFormTransmission,
        &phi_in_local_storage::PhiInLocalStorage,
        &phi_in_session_storage::PhiInSessionStorage,
        &phi_in_indexeddb::PhiInIndexedDb,
        &phi_in_cache_storage::PhiInCacheStorage,
        &phi_in_cookie::PhiInCookie,
        &session_cookie_flags::SessionCookieFlags,
        &phi_in_console::PhiInConsole,
        &phi_response_no_store::PhiResponseNoStore,
        &phi_restored_after_logout::PhiRestoredAfterLogout,
        &phi_guest_access::PhiGuestAccess,
        &session_survives_logout::SessionSurvivesLogout,
        &phi_storage_after_logout::PhiStorageAfterLogout,
        &session_cookie_lifetime::SessionCookieLifetime,
        &session_idle_timeout::SessionIdleTimeout,
        &phi_referrer_leak::PhiReferrerLeak,
        &phi_third_party::PhiThirdParty,
        &third_party_integrity::ThirdPartyIntegrity,
        &transport_https::MixedContent,
        &transport_hsts::Hsts,
    ]
}
