#include "msa/msa_grid_data.hpp"

#include <algorithm>

namespace axs::ui {

void MsaGridData::setMsa(std::shared_ptr<const Msa> msa) {
    msa_ = std::move(msa);
    stats_ = msa_ ? computeColumnStats(*msa_) : std::vector<ColumnStats>{};
    numbers_ = msa_ ? queryNumbering(*msa_) : std::vector<int>{};
    kept_.clear();
    keptCount_ = 0;
    selectedColumn_ = -1;
    selectedRows_.clear();
    marked_.clear();
    overview_ = QImage();
    emit msaChanged();
}

void MsaGridData::setScheme(ColourScheme scheme) {
    if (scheme == scheme_) return;
    scheme_ = scheme;
    overview_ = QImage();
    emit appearanceChanged();
}

void MsaGridData::setKeptRows(const std::vector<size_t>& rows) {
    kept_.assign(size_t(depth()), false);
    keptCount_ = 0;
    for (size_t r : rows)
        if (r < kept_.size() && !kept_[r]) kept_[r] = true, ++keptCount_;
    if (rows.empty()) kept_.clear();
    emit appearanceChanged();
}

void MsaGridData::setSelectedColumn(int col) {
    if (col < -1 || col >= width()) col = -1;
    if (col == selectedColumn_) return;
    selectedColumn_ = col;
    emit selectionChanged();
}

void MsaGridData::setSelectedRows(std::set<int> rows) {
    if (rows == selectedRows_) return;
    selectedRows_ = std::move(rows);
    emit selectionChanged();
}

void MsaGridData::setMarkedColumns(std::vector<int> columns) {
    columns.erase(std::remove_if(columns.begin(), columns.end(), [this](int c) { return c < 0 || c >= width(); }),
                  columns.end());
    if (columns == marked_) return;
    marked_ = std::move(columns);
    emit selectionChanged();
}

const QImage& MsaGridData::overviewImage() const {
    if (overview_.isNull() && msa_ && depth() > 0 && width() > 0) {
        QImage img(width(), depth(), QImage::Format_Indexed8);
        img.setColorTable(cellPalette());
        for (int r = 0; r < depth(); ++r) {
            uchar* line = img.scanLine(r);
            const std::string& row = msa_->rows[size_t(r)];
            for (int c = 0; c < width(); ++c) line[c] = cellPaletteIndex(scheme_, row[size_t(c)], stats_[size_t(c)]);
        }
        overview_ = std::move(img);
    }
    return overview_;
}

}  // namespace axs::ui
