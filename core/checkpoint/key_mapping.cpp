#include "checkpoint/key_mapping.hpp"

namespace axs {

namespace {

bool contains(const std::string& s, const std::string& part) { return s.find(part) != std::string::npos; }

std::string replaceAll(std::string s, const std::string& from, const std::string& to) {
    for (size_t pos = s.find(from); pos != std::string::npos; pos = s.find(from, pos + to.size()))
        s.replace(pos, from.size(), to);
    return s;
}

// Python: "".join(s.split(sep)[1:])
std::string joinAfterSeparators(const std::string& s, const std::string& sep) {
    std::string out;
    size_t pos = s.find(sep);
    while (pos != std::string::npos) {
        const size_t start = pos + sep.size();
        pos = s.find(sep, start);
        out += s.substr(start, pos == std::string::npos ? std::string::npos : pos - start);
    }
    return out;
}

}  // namespace

std::string convertStoredKey(const std::string& stored) {
    std::string key =
        contains(stored, "row") ? replaceAll(stored, "row", "column") : replaceAll(stored, "column", "row");
    if (contains(key, "sentence_encoder")) key = joinAfterSeparators(key, "sentence_encoder.");
    if (contains(key, "encoder")) key = joinAfterSeparators(key, "encoder.");
    return key;
}

std::string convertArgName(const std::string& stored) {
    return contains(stored, "encoder") ? joinAfterSeparators(stored, "encoder_") : stored;
}

}  // namespace axs
