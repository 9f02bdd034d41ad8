// The alignment tab: a small tool bar (colour scheme, zoom) over the grid.
#pragma once

#include <QWidget>

namespace axs::ui {

class MsaGridView;

class MsaPanel : public QWidget {
    Q_OBJECT
public:
    explicit MsaPanel(QWidget* parent = nullptr);
    MsaGridView* grid() const { return grid_; }

private:
    MsaGridView* grid_;
};

}  // namespace axs::ui
