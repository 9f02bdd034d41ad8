// A clearly marked empty place for a view that is not part of the program yet, so the
// window layout is final while the view is being written.
#pragma once

#include <QWidget>

namespace axs::ui {

class ViewSlot : public QWidget {
    Q_OBJECT
public:
    /// title: "Attention explorer"; detail: what will appear here.
    ViewSlot(const QString& title, const QString& detail, QWidget* parent = nullptr);
};

}  // namespace axs::ui
