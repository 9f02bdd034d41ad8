// One error path for all of core: every failure a user can cause (bad file, bad
// option, hostile checkpoint) is an axs::Error whose message names the file and the
// problem. Programming errors stay assertions.
#pragma once

#include <stdexcept>
#include <string>

namespace axs {

class Error : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

/// Thrown by long computations when their cancel flag was raised.
class Cancelled : public Error {
public:
    Cancelled() : Error("cancelled by the user") {}
};

/// Throws Error("<path>: <what>"). Use for anything wrong with an input file.
[[noreturn]] inline void failFile(const std::string& path, const std::string& what) {
    throw Error(path.empty() ? what : path + ": " + what);
}

}  // namespace axs
