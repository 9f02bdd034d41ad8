// SHA-256 of a file, to recognise a model or an input again (saved analyses record the
// digest of the checkpoint, the alignment and the structure they were made from).
#pragma once

#include <string>

namespace axs {

/// Lower-case hex SHA-256 of the whole file, read in blocks. Throws axs::Error naming the
/// file when it cannot be read.
std::string sha256OfFile(const std::string& path);

/// Lower-case hex SHA-256 of `bytes`.
std::string sha256OfBytes(const std::string& bytes);

}  // namespace axs
