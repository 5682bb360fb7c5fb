//! What a personal access token (server-to-server use of the REST API) may do. A user's own
//! sign-in tokens may do everything their role allows; a personal token only what its scopes
//! name, within that role.

use serde::{Deserialize, Serialize};

/// One permission of a personal access token.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum ApiScope {
    /// Read the account the token acts as (`GET /api/v1/me`).
    MeRead,
    /// Change the account's profile (`PATCH /api/v1/me/profile`).
    MeWrite,
    /// Read appointments (one, a patient's list).
    AppointmentsRead,
    /// Hold, book, change, reschedule and review appointments.
    AppointmentsWrite,
    /// Read and mark notifications.
    Notifications,
    /// Read a wallet.
    WalletRead,
    /// Deposit into a wallet.
    WalletWrite,
    /// List accounts, verify doctors, deactivate and reactivate accounts (admins).
    UsersAdmin,
    /// Read patients' histories (a doctor: their own patients'; an admin: anyone's).
    RecordsRead,
    /// Read a doctor's earnings and withdrawal requests.
    EarningsRead,
    /// Read per-doctor statistics (admins: every doctor; a doctor: their own).
    StatisticsRead,
    /// Ask for a withdrawal of a doctor's earnings.
    WithdrawalsWrite,
}

impl ApiScope {
    /// Every scope, in the order documents list them.
    pub const ALL: [ApiScope; 12] = [
        ApiScope::MeRead,
        ApiScope::MeWrite,
        ApiScope::AppointmentsRead,
        ApiScope::AppointmentsWrite,
        ApiScope::Notifications,
        ApiScope::WalletRead,
        ApiScope::WalletWrite,
        ApiScope::UsersAdmin,
        ApiScope::RecordsRead,
        ApiScope::EarningsRead,
        ApiScope::StatisticsRead,
        ApiScope::WithdrawalsWrite,
    ];

    /// The scope's name on the wire (`appointments:write`).
    pub fn as_str(self) -> &'static str {
        match self {
            ApiScope::MeRead => "me:read",
            ApiScope::MeWrite => "me:write",
            ApiScope::AppointmentsRead => "appointments:read",
            ApiScope::AppointmentsWrite => "appointments:write",
            ApiScope::Notifications => "notifications",
            ApiScope::WalletRead => "wallet:read",
            ApiScope::WalletWrite => "wallet:write",
            ApiScope::UsersAdmin => "users:admin",
            ApiScope::RecordsRead => "records:read",
            ApiScope::EarningsRead => "earnings:read",
            ApiScope::StatisticsRead => "statistics:read",
            ApiScope::WithdrawalsWrite => "withdrawals:write",
        }
    }

    /// The scope named `raw`, if there is one.
    pub fn parse(raw: &str) -> Option<ApiScope> {
        ApiScope::ALL.into_iter().find(|s| s.as_str() == raw.trim())
    }

    /// A scope list as stored (`a b c`: sorted, no repeats).
    pub fn join(scopes: &[ApiScope]) -> String {
        let mut sorted = scopes.to_vec();
        sorted.sort();
        sorted.dedup();
        sorted.iter().map(|s| s.as_str()).collect::<Vec<_>>().join(" ")
    }

    /// Reads a stored or sent list (space-separated); `None` if any name is unknown or the
    /// list is empty.
    pub fn split(raw: &str) -> Option<Vec<ApiScope>> {
        let scopes: Option<Vec<ApiScope>> = raw.split_whitespace().map(ApiScope::parse).collect();
        scopes.filter(|s| !s.is_empty())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn names_read_back_and_unknown_or_empty_lists_are_refused() {
        for scope in ApiScope::ALL {
            assert_eq!(ApiScope::parse(scope.as_str()), Some(scope));
        }
        assert_eq!(ApiScope::split("wallet:read admin"), None);
        assert_eq!(ApiScope::split("   "), None);
        assert_eq!(
            ApiScope::split(" appointments:read  me:read "),
            Some(vec![ApiScope::AppointmentsRead, ApiScope::MeRead])
        );
    }

    proptest! {
        #[test]
        fn a_joined_list_splits_back_sorted_without_repeats(picks in proptest::collection::vec(0usize..7, 1..12)) {
            let scopes: Vec<ApiScope> = picks.iter().map(|&i| ApiScope::ALL[i]).collect();
            let back = ApiScope::split(&ApiScope::join(&scopes)).expect("a list");
            let mut expected = scopes.clone();
            expected.sort();
            expected.dedup();
            prop_assert_eq!(back, expected);
        }
    }
}
