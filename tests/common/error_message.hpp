// The message a call fails with, for tests that check what users are told.
#pragma once

#include <QString>

#include "common/error.hpp"

namespace axs::test {

/// Runs `call`; the what() of the axs::Error it throws, or an empty string if it succeeds.
/// Other exceptions propagate (the test fails on them).
template <class Call>
QString errorMessageOf(Call&& call) {
    try {
        call();
    } catch (const axs::Error& e) {
        return QString::fromStdString(e.what());
    }
    return {};
}

}  // namespace axs::test
