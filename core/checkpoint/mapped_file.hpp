// A read-only memory map of a whole file (POSIX mmap), so large checkpoints are read
// straight from the page cache without an intermediate copy.
#pragma once

#include <cstddef>
#include <string>

namespace axs {

class MappedFile {
public:
    /// Maps `path`; throws axs::Error naming it when it cannot be opened or is not a
    /// regular file. An empty file maps to size() == 0, data() == nullptr.
    explicit MappedFile(const std::string& path);
    ~MappedFile();
    MappedFile(const MappedFile&) = delete;
    MappedFile& operator=(const MappedFile&) = delete;

    const unsigned char* data() const { return data_; }
    size_t size() const { return size_; }

private:
    const unsigned char* data_ = nullptr;
    size_t size_ = 0;
};

}  // namespace axs
