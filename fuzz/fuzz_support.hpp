// What every harness shares: the one rule a reader must keep on any input (succeed, or throw
// axs::Error naming the input), checked so that libFuzzer reports a break of it as a crash.
#pragma once

#include <cstdio>
#include <cstdlib>
#include <exception>
#include <string>
#include <string_view>

#include "common/error.hpp"

namespace axs::fuzz {

/// The fuzz input as a string view.
inline std::string_view bytes(const uint8_t* data, size_t size) { return {reinterpret_cast<const char*>(data), size}; }

/// Aborts (a finding) with a message; for invariants a harness checks itself.
[[noreturn]] inline void broken(const std::string& what) {
    std::fprintf(stderr, "invariant broken: %s\n", what.c_str());
    std::abort();
}

/// Runs `read`: success and axs::Error whose message starts with "<name>: " are fine; any
/// other exception, or an error that does not name the input, is a finding.
template <class Read>
void expectSuccessOrError(const std::string& name, Read&& read) {
    try {
        read();
    } catch (const Error& e) {
        const std::string_view what = e.what();
        if (what.substr(0, name.size() + 2) != name + ": ")
            broken("error does not name the input: " + std::string(what));
    } catch (const std::exception& e) {
        broken(std::string("exception other than axs::Error: ") + e.what());
    }
}

}  // namespace axs::fuzz
