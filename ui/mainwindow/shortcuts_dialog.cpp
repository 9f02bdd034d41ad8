#include "mainwindow/shortcuts_dialog.hpp"

#include <QAction>
#include <QDialog>
#include <QDialogButtonBox>
#include <QLabel>
#include <QMenu>
#include <QMenuBar>
#include <QScrollArea>
#include <QVBoxLayout>

namespace axs::ui {

namespace {

struct Row {
    QString keys, what;
};

void collect(const QMenu* menu, const QString& path, QList<Row>& rows) {
    for (QAction* a : menu->actions()) {
        if (a->isSeparator()) continue;
        const QString name = path + QStringLiteral(" \u25b8 ") + QString(a->text()).remove('&').remove(QChar(0x2026));
        if (a->menu()) {
            collect(a->menu(), name, rows);
            continue;
        }
        if (!a->shortcut().isEmpty()) rows.push_back({a->shortcut().toString(QKeySequence::NativeText), name});
    }
}

}  // namespace

QString shortcutsText(const QMenuBar* menus, bool html) {
    QList<Row> rows;
    for (QAction* top : menus->actions())
        if (top->menu()) collect(top->menu(), QString(top->text()).remove('&'), rows);
    const QList<Row> gestures = {
        {QObject::tr("Click"), QObject::tr("a column, a map cell or a pair: selects it in every view")},
        {QObject::tr("Ctrl+Wheel"), QObject::tr("zooms the alignment")},
        {QObject::tr("Wheel / drag"), QObject::tr("zoom / move a heatmap; double-click resets it")},
        {QObject::tr("Right-click a row"), QObject::tr("use that row as the query")},
    };
    QString out;
    if (html) out += QStringLiteral("<table cellspacing='6'>");
    auto add = [&](const Row& r) {
        out += html ? QStringLiteral("<tr><td><b>%1</b></td><td>%2</td></tr>")
                          .arg(r.keys.toHtmlEscaped(), r.what.toHtmlEscaped())
                    : r.keys + QLatin1Char('\t') + r.what + QLatin1Char('\n');
    };
    for (const Row& r : rows) add(r);
    if (html) out += QStringLiteral("<tr><td colspan='2'><hr></td></tr>");
    for (const Row& r : gestures) add(r);
    if (html) out += QStringLiteral("</table>");
    return out;
}

void showShortcutsDialog(QWidget* parent, const QMenuBar* menus) {
    auto* dialog = new QDialog(parent);
    dialog->setObjectName(QStringLiteral("shortcutsDialog"));
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setWindowTitle(QObject::tr("Keyboard Shortcuts"));
    auto* label = new QLabel(shortcutsText(menus, true));
    label->setTextFormat(Qt::RichText);
    label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    auto* scroll = new QScrollArea;
    scroll->setWidget(label);
    scroll->setWidgetResizable(true);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close);
    QObject::connect(buttons, &QDialogButtonBox::rejected, dialog, &QDialog::close);
    auto* layout = new QVBoxLayout(dialog);
    layout->addWidget(scroll);
    layout->addWidget(buttons);
    dialog->resize(560, 620);
    dialog->show();
}

}  // namespace axs::ui
