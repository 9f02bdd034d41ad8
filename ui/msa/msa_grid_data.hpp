// What the alignment grid shows, independent of how it is painted: the MSA, its column
// statistics and query numbering, the colour scheme, the rows a run kept, and the
// selection. Owned by the view; cheap to query from paint code.
#pragma once

#include <QImage>
#include <QObject>
#include <memory>
#include <set>
#include <vector>

#include "msa/colour_schemes.hpp"
#include "msa/column_stats.hpp"
#include "msa/msa.hpp"

namespace axs::ui {

class MsaGridData : public QObject {
    Q_OBJECT
public:
    explicit MsaGridData(QObject* parent = nullptr) : QObject(parent) {}

    /// Replaces the alignment (null clears). Resets selection and kept rows.
    void setMsa(std::shared_ptr<const Msa> msa);
    const Msa* msa() const { return msa_.get(); }
    std::shared_ptr<const Msa> msaPtr() const { return msa_; }
    int depth() const { return msa_ ? static_cast<int>(msa_->depth()) : 0; }
    int width() const { return msa_ ? static_cast<int>(msa_->width()) : 0; }
    char residue(int row, int col) const { return msa_->rows[size_t(row)][size_t(col)]; }

    const std::vector<ColumnStats>& stats() const { return stats_; }
    /// 1-based query residue number of an alignment column, 0 where the query has a gap.
    int queryNumber(int col) const { return numbers_[size_t(col)]; }

    void setScheme(ColourScheme scheme);
    ColourScheme scheme() const { return scheme_; }
    QRgb colour(int row, int col) const { return cellColour(scheme_, residue(row, col), stats_[size_t(col)]); }

    /// Rows of the opened MSA (0-based) that the last run kept; empty: no run yet.
    void setKeptRows(const std::vector<size_t>& rows);
    bool isKept(int row) const { return !kept_.empty() && kept_[size_t(row)]; }
    int keptCount() const { return keptCount_; }

    /// Selected alignment column (0-based) or -1.
    int selectedColumn() const { return selectedColumn_; }
    void setSelectedColumn(int col);
    const std::set<int>& selectedRows() const { return selectedRows_; }
    /// Columns marked besides the selected one (the other residue of a selected pair).
    const std::vector<int>& markedColumns() const { return marked_; }
    void setMarkedColumns(std::vector<int> columns);
    void setSelectedRows(std::set<int> rows);

    /// depth x width image, one pixel per residue, 8-bit indexed with cellPalette();
    /// built on first use after a change of MSA or scheme (used at small zoom).
    const QImage& overviewImage() const;

signals:
    void msaChanged();
    void appearanceChanged();  ///< scheme or kept rows: repaint only
    void selectionChanged();

private:
    std::shared_ptr<const Msa> msa_;
    std::vector<ColumnStats> stats_;
    std::vector<int> numbers_;
    ColourScheme scheme_ = ColourScheme::ClustalX;
    std::vector<bool> kept_;
    int keptCount_ = 0;
    int selectedColumn_ = -1;
    std::set<int> selectedRows_;
    std::vector<int> marked_;
    mutable QImage overview_;
};

}  // namespace axs::ui
