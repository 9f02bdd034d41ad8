#include "mainwindow/view_slot.hpp"

#include <QLabel>
#include <QVBoxLayout>

namespace axs::ui {

ViewSlot::ViewSlot(const QString& title, const QString& detail, QWidget* parent) : QWidget(parent) {
    setObjectName(QStringLiteral("viewSlot"));
    auto* label = new QLabel(QStringLiteral("<h3>%1</h3><p>%2</p><p><i>%3</i></p>")
                                 .arg(title.toHtmlEscaped(), detail.toHtmlEscaped(),
                                      tr("This view is not available in this build yet.")),
                             this);
    label->setAlignment(Qt::AlignCenter);
    label->setWordWrap(true);
    label->setStyleSheet(QStringLiteral("color: #666; border: 2px dashed #bbb; border-radius: 8px; padding: 24px;"));
    auto* layout = new QVBoxLayout(this);
    layout->addStretch(1);
    layout->addWidget(label);
    layout->addStretch(1);
}

}  // namespace axs::ui
