#include "msa/msa_io.hpp"

#include <filesystem>

#include "common/decompression.hpp"
#include "common/error.hpp"
#include "msa/msa_formats.hpp"

namespace axs {
namespace {

// A text alignment never holds NUL bytes and hardly any control characters; anything
// else is most likely a binary file opened by mistake (a checkpoint, an image, ...).
void rejectBinary(std::string_view text, const std::string& name) {
    if (text.find('\0') != std::string_view::npos)
        failFile(name, "this is a binary file (it contains NUL bytes), not a text alignment");
    const std::string_view head = text.substr(0, 64 * 1024);
    size_t control = 0;
    for (char ch : head) {
        const auto c = static_cast<unsigned char>(ch);
        if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f' && c != '\v') || c == 0x7f) ++control;
    }
    if (control > 8 + head.size() / 100)
        failFile(name, "this looks like a binary file (" + std::to_string(control) +
                           " control bytes at the start), not a text alignment");
}

std::string formatList() {
    std::string s;
    for (const auto& f : msaFormats()) s += (s.empty() ? "" : ", ") + f.displayName;
    return s;
}

Msa readText(std::string_view text, const std::string& name, const MsaReadOptions& options) {
    if (text.starts_with("\xEF\xBB\xBF")) text.remove_prefix(3);
    if (text.empty()) failFile(name, "the file is empty");
    rejectBinary(text, name);
    if (text.find_first_not_of(" \t\r\n\f\v") == std::string_view::npos)
        failFile(name, "the file contains only whitespace, no sequences");

    std::string id = options.format;
    if (id.empty()) {
        id = sniffMsaFormat(std::string(text.substr(0, 64 * 1024)), name);
        if (id.empty())
            failFile(name, "cannot recognise the alignment format from the content (supported: " + formatList() + ")");
    }
    const MsaFormat* format = findMsaFormat(id);
    if (!format) failFile(name, "unknown alignment format '" + id + "' (supported: " + formatList() + ")");
    return format->read(text, name, options);
}

DecompressionLimits limitsOf(const MsaReadOptions& options) {
    DecompressionLimits limits;
    limits.maxBytes = options.maxBytes;
    limits.maxRatio = options.maxCompressionRatio;
    return limits;
}

}  // namespace

Msa readMsa(const std::string& path, const MsaReadOptions& options) {
    std::error_code ec;
    if (!std::filesystem::exists(path, ec)) failFile(path, "no such file");
    if (std::filesystem::is_directory(path, ec)) failFile(path, "this is a directory, not an alignment file");
    Msa msa = readText(readFileDecompressed(path, limitsOf(options)), path, options);
    msa.sourcePath = path;
    return msa;
}

Msa readMsaFromString(const std::string& text, const std::string& nameForMessages, const MsaReadOptions& options) {
    return readText(decompressIfGzip(text, nameForMessages, limitsOf(options)), nameForMessages, options);
}

}  // namespace axs
