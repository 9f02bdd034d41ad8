#include "common/atomic_file.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>

#include "common/error.hpp"

namespace axs {

namespace {

std::string temporarySibling(const std::string& path) {
    std::random_device rd;
    std::ostringstream name;
    name << path << ".tmp-" << std::hex << rd() << rd();
    return name.str();
}

void syncFile(const std::string& path) {
    int fd = ::open(path.c_str(), O_RDONLY);
    if (fd >= 0) {
        ::fsync(fd);
        ::close(fd);
    }
}

}  // namespace

void writeFileAtomically(const std::string& path, const std::function<void(std::ostream&)>& write) {
    const std::string tmp = temporarySibling(path);
    try {
        {
            std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
            if (!out) failFile(path, std::string("cannot create a temporary file for writing: ") + std::strerror(errno));
            write(out);
            out.flush();
            if (!out) failFile(path, "write failed (disk full or I/O error)");
        }
        syncFile(tmp);
        std::error_code ec;
        std::filesystem::rename(tmp, path, ec);
        if (ec) failFile(path, "cannot replace the file: " + ec.message());
    } catch (...) {
        std::error_code ignored;
        std::filesystem::remove(tmp, ignored);
        throw;
    }
}

void writeFileAtomically(const std::string& path, const std::string& bytes) {
    writeFileAtomically(path, [&](std::ostream& out) { out.write(bytes.data(), static_cast<std::streamsize>(bytes.size())); });
}

std::string readFileBytes(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) failFile(path, std::string("cannot open for reading: ") + std::strerror(errno));
    std::ostringstream buf;
    buf << in.rdbuf();
    if (in.bad()) failFile(path, "read error");
    return buf.str();
}

}  // namespace axs
