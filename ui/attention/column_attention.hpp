// Column attention on demand: keeping B x L x H x C x R x R for a whole run would cost
// gigabytes, so the explorer reruns the model for the one MSA column the user selects,
// capturing only that column (ForwardOptions::colAttentionColumns), and caches the result.
#pragma once

#include <cstddef>
#include <functional>
#include <list>
#include <optional>

#include "common/progress.hpp"
#include "common/tensor.hpp"

namespace axs {
class MsaTransformer;
}

namespace axs::ui {

/// All layers' and heads' column attention of one MSA column: L x H x R x R
/// ([layer][head][query row][key row], rows as in the run's MSA, query first).
/// `msaColumn` is 0-based (token column msaColumn + 1). Runs the full forward pass; throws
/// axs::Error for a column out of range and axs::Cancelled when progress is cancelled.
TensorF computeColumnAttention(const MsaTransformer& model, const TensorI64& tokens, int msaColumn,
                               const Progress& progress = {});

/// Extracts column `index` (into the C' captured columns) of colAttentions (1 x L x H x C' x R x R)
/// as L x H x R x R. Shared by computeColumnAttention and tests against a full forward.
TensorF columnAttentionSlice(const TensorF& colAttentions, int index);

/// Least-recently-used cache of computed columns, bounded by bytes (for R = 256 and the
/// official 12 x 12 heads one column is 38 MB).
class ColumnAttentionCache {
public:
    explicit ColumnAttentionCache(size_t maxBytes = size_t(512) << 20) : maxBytes_(maxBytes) {}
    /// The maps of a column, marking it most recently used; nullptr if not cached.
    const TensorF* find(int msaColumn);
    /// Stores (or replaces) a column; evicts the least recently used ones beyond the budget
    /// (the newest entry always stays, even if it alone exceeds it).
    void insert(int msaColumn, TensorF maps);
    void clear() { entries_.clear(); }
    size_t size() const { return entries_.size(); }
    size_t bytes() const;

private:
    struct Entry {
        int column;
        TensorF maps;
    };
    std::list<Entry> entries_;  ///< most recent first
    size_t maxBytes_;
};

}  // namespace axs::ui
