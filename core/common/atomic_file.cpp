#include "common/atomic_file.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>
#include <utility>

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

AtomicFileWriter::AtomicFileWriter(std::string path) : path_(std::move(path)), tmp_(temporarySibling(path_)) {
    out_.open(tmp_, std::ios::binary | std::ios::trunc);
    if (!out_) failFile(path_, std::string("cannot create a temporary file for writing: ") + std::strerror(errno));
}

AtomicFileWriter::~AtomicFileWriter() {
    if (committed_) return;
    out_.close();
    std::error_code ignored;
    std::filesystem::remove(tmp_, ignored);
}

void AtomicFileWriter::commit() {
    out_.flush();
    if (!out_) failFile(path_, "write failed (disk full or I/O error)");
    out_.close();
    syncFile(tmp_);
    std::error_code ec;
    std::filesystem::rename(tmp_, path_, ec);
    if (ec) failFile(path_, "cannot replace the file: " + ec.message());
    committed_ = true;
}

void writeFileAtomically(const std::string& path, const std::function<void(std::ostream&)>& write) {
    AtomicFileWriter writer(path);
    write(writer.stream());
    writer.commit();
}

void writeFileAtomically(const std::string& path, const std::string& bytes) {
    writeFileAtomically(
        path, [&](std::ostream& out) { out.write(bytes.data(), static_cast<std::streamsize>(bytes.size())); });
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
