// JSON string literals for the hand-written JSON documents (evaluation.json, MolViewSpec).
#pragma once

#include <string>

namespace axs {

/// `s` as a JSON string literal: quoted, with '"', '\' and control characters escaped
/// (bytes >= 0x80 pass through, so UTF-8 stays UTF-8).
std::string jsonString(const std::string& s);

}  // namespace axs
