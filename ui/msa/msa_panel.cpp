#include "msa/msa_panel.hpp"

#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QSettings>
#include <QToolButton>
#include <QVBoxLayout>

#include "msa/msa_grid_data.hpp"
#include "msa/msa_grid_view.hpp"

namespace axs::ui {

MsaPanel::MsaPanel(QWidget* parent) : QWidget(parent), grid_(new MsaGridView(this)) {
    auto* scheme = new QComboBox(this);
    scheme->setObjectName(QStringLiteral("colourScheme"));
    for (ColourScheme s : allColourSchemes()) scheme->addItem(colourSchemeName(s), colourSchemeKey(s));
    const QString saved = QSettings().value(QStringLiteral("msa/colourScheme"), QStringLiteral("clustalx")).toString();
    grid_->setColourScheme(colourSchemeFromKey(saved));
    scheme->setCurrentIndex(scheme->findData(colourSchemeKey(grid_->colourScheme())));
    connect(scheme, &QComboBox::currentIndexChanged, this, [this, scheme] {
        const QString key = scheme->currentData().toString();
        grid_->setColourScheme(colourSchemeFromKey(key));
        QSettings().setValue(QStringLiteral("msa/colourScheme"), key);
    });

    const auto button = [this](const QString& text, const QString& tip) {
        auto* b = new QToolButton(this);
        b->setText(text);
        b->setToolTip(tip);
        b->setAutoRaise(true);
        return b;
    };
    auto* zoomOut = button(QStringLiteral("\u2212"), tr("Zoom out (Ctrl+wheel)"));
    auto* zoomIn = button(QStringLiteral("+"), tr("Zoom in (Ctrl+wheel)"));
    auto* overview = button(tr("Overview"), tr("One pixel per residue"));
    auto* letters = button(tr("Letters"), tr("Default zoom with residue letters"));
    zoomOut->setObjectName(QStringLiteral("zoomOut"));
    zoomIn->setObjectName(QStringLiteral("zoomIn"));
    connect(zoomOut, &QToolButton::clicked, grid_, &MsaGridView::zoomOut);
    connect(zoomIn, &QToolButton::clicked, grid_, &MsaGridView::zoomIn);
    connect(overview, &QToolButton::clicked, grid_, [this] { grid_->setZoomLevel(0); });
    connect(letters, &QToolButton::clicked, grid_, [this] { grid_->setZoomLevel(kDefaultZoomLevel); });

    auto* info = new QLabel(this);
    info->setObjectName(QStringLiteral("msaInfo"));
    const auto updateInfo = [this, info] {
        const MsaGridData& d = grid_->data();
        if (!d.msa()) return info->setText(tr("no alignment"));
        QString text = tr("%1 rows \u00d7 %2 columns").arg(d.depth()).arg(d.width());
        if (d.keptCount() > 0) text += tr("  \u00b7  %1 rows used by the last run (green marks)").arg(d.keptCount());
        info->setText(text);
    };
    connect(&grid_->data(), &MsaGridData::msaChanged, info, updateInfo);
    connect(&grid_->data(), &MsaGridData::appearanceChanged, info, updateInfo);
    updateInfo();

    auto* bar = new QHBoxLayout;
    bar->setContentsMargins(4, 2, 4, 2);
    bar->addWidget(new QLabel(tr("Colours:"), this));
    bar->addWidget(scheme);
    bar->addSpacing(12);
    bar->addWidget(new QLabel(tr("Zoom:"), this));
    bar->addWidget(zoomOut);
    bar->addWidget(zoomIn);
    bar->addWidget(overview);
    bar->addWidget(letters);
    bar->addSpacing(12);
    bar->addWidget(info, 1);

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addLayout(bar);
    layout->addWidget(grid_, 1);
}

}  // namespace axs::ui
