// Small text helpers shared by the prediction readers (internal to core/contacts).
#pragma once

#include <cctype>
#include <charconv>
#include <string>
#include <string_view>
#include <vector>

namespace axs::contacts_detail {

/// Splits `text` into lines (LF or CRLF), keeping empty lines so numbers stay 1-based.
inline std::vector<std::string_view> splitLines(std::string_view text) {
    std::vector<std::string_view> lines;
    size_t start = 0;
    while (start < text.size()) {
        size_t end = text.find('\n', start);
        if (end == std::string_view::npos) end = text.size();
        std::string_view line = text.substr(start, end - start);
        if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
        lines.push_back(line);
        start = end + 1;
    }
    return lines;
}

/// Splits on whitespace, and also on `extra` separators (e.g. ',').
inline std::vector<std::string_view> splitFields(std::string_view line, std::string_view extra = "") {
    std::vector<std::string_view> out;
    size_t k = 0;
    auto isSep = [&](char c) {
        return std::isspace(static_cast<unsigned char>(c)) || extra.find(c) != std::string_view::npos;
    };
    while (k < line.size()) {
        while (k < line.size() && isSep(line[k])) ++k;
        const size_t b = k;
        while (k < line.size() && !isSep(line[k])) ++k;
        if (k > b) out.push_back(line.substr(b, k - b));
    }
    return out;
}

/// Splits on exactly one separator character, keeping empty fields (CSV without quotes).
inline std::vector<std::string_view> splitOn(std::string_view line, char sep) {
    std::vector<std::string_view> out;
    size_t b = 0;
    for (;;) {
        const size_t e = line.find(sep, b);
        std::string_view f = line.substr(b, e == std::string_view::npos ? std::string_view::npos : e - b);
        while (!f.empty() && std::isspace(static_cast<unsigned char>(f.front()))) f.remove_prefix(1);
        while (!f.empty() && std::isspace(static_cast<unsigned char>(f.back()))) f.remove_suffix(1);
        out.push_back(f);
        if (e == std::string_view::npos) break;
        b = e + 1;
    }
    return out;
}

inline std::string_view trim(std::string_view s) {
    while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
    while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
    return s;
}

/// Whole-token number ("1.5", "-0.000000", "1.2e-03", "+3", "nan").
inline bool parseDouble(std::string_view s, double& out) {
    if (!s.empty() && s.front() == '+') s.remove_prefix(1);
    if (s.empty()) return false;
    const auto res = std::from_chars(s.data(), s.data() + s.size(), out);
    return res.ec == std::errc() && res.ptr == s.data() + s.size();
}

/// Whole-token non-negative decimal integer (digits only: "12", not "12.0").
inline bool parseIndex(std::string_view s, long long& out) {
    if (s.empty() || s.size() > 12) return false;
    for (char c : s)
        if (!std::isdigit(static_cast<unsigned char>(c))) return false;
    std::from_chars(s.data(), s.data() + s.size(), out);
    return true;
}

inline bool isAlphaToken(std::string_view s) {
    if (s.empty()) return false;
    for (char c : s)
        if (!std::isalpha(static_cast<unsigned char>(c))) return false;
    return true;
}

inline std::string upper(std::string_view s) {
    std::string u(s);
    for (char& c : u) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    return u;
}

inline std::string lower(std::string_view s) {
    std::string u(s);
    for (char& c : u) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return u;
}

/// Line as shown in an error message: trimmed and at most 60 characters.
inline std::string quoteLine(std::string_view line) {
    line = trim(line);
    std::string s(line.substr(0, 60));
    if (line.size() > 60) s += "...";
    return "'" + s + "'";
}

}  // namespace axs::contacts_detail
