// gzip detection and bounded decompression (zlib), so that compressed alignments open like
// plain ones and a "zip bomb" ends in a clear error instead of exhausting memory.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace axs {

/// True when the bytes start with the gzip magic 1f 8b.
bool isGzip(std::string_view bytes);

/// Decompresses all gzip members in `bytes`. Throws axs::Error("<name>: ...") on corrupt or
/// truncated data, or when the output would exceed `maxOutputBytes`.
std::string gunzip(std::string_view bytes, size_t maxOutputBytes, const std::string& nameForMessages);

/// Decompresses as much of a (possibly cut-off) gzip prefix as possible, at most
/// `maxOutputBytes`; never throws on bad data (returns what was decoded). For sniffing.
std::string gunzipPrefix(std::string_view bytes, size_t maxOutputBytes);

}  // namespace axs
