// Writing files so that a failure never damages what was there: the content goes to a
// temporary file in the same directory, is flushed to disk, and then renamed over the
// destination (rename is atomic on POSIX file systems).
#pragma once

#include <fstream>
#include <functional>
#include <ostream>
#include <string>

namespace axs {

/// The same guarantee for content produced piece by piece (e.g. a large array streamed out
/// layer by layer): write to stream(), then commit(). Destroying the writer without a
/// successful commit() removes the temporary file and leaves `path` untouched.
class AtomicFileWriter {
public:
    /// Creates the temporary sibling; throws axs::Error naming `path` if it cannot.
    explicit AtomicFileWriter(std::string path);
    ~AtomicFileWriter();
    AtomicFileWriter(const AtomicFileWriter&) = delete;
    AtomicFileWriter& operator=(const AtomicFileWriter&) = delete;

    std::ostream& stream() { return out_; }
    /// Flushes, syncs and renames over `path`; throws axs::Error naming `path` on failure.
    void commit();
    const std::string& path() const { return path_; }

private:
    std::string path_, tmp_;
    std::ofstream out_;
    bool committed_ = false;
};

/// Calls write(stream) on a temporary sibling of `path`, then renames it to `path`.
/// On any failure (exception from write, I/O error, full disk) the temporary file is
/// removed, `path` is left untouched, and axs::Error naming `path` is thrown.
void writeFileAtomically(const std::string& path, const std::function<void(std::ostream&)>& write);

/// Convenience: atomically replace `path` with `bytes`.
void writeFileAtomically(const std::string& path, const std::string& bytes);

/// Reads a whole file; throws axs::Error naming the file if it cannot be read.
std::string readFileBytes(const std::string& path);

}  // namespace axs
