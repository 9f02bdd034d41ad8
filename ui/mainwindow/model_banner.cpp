#include "mainwindow/model_banner.hpp"

#include <QHBoxLayout>
#include <QLabel>
#include <QProgressBar>
#include <QPushButton>
#include <QVBoxLayout>

#include "download/model_download.hpp"
#include "download/official_model.hpp"
#include "run/run_estimate.hpp"
#include "session/model_choice.hpp"

namespace axs::ui {

ModelBanner::ModelBanner(QWidget* parent) : QFrame(parent) {
    setObjectName(QStringLiteral("modelBanner"));
    setFrameShape(QFrame::StyledPanel);
    setStyleSheet(
        QStringLiteral("#modelBanner { background: #fff4dc; border: 1px solid #e0b050; border-radius: 4px; }"));
    text_ = new QLabel(this);
    text_->setWordWrap(true);
    text_->setTextFormat(Qt::RichText);
    text_->setText(tr("<b>The official ESM-MSA-1b weights were not found</b> (looked for %1 in %2). "
                      "Using the <b>%3</b>.")
                       .arg(officialModelName() + QStringLiteral(".pt"), hubCheckpointsDir().toHtmlEscaped(),
                            demoModelWarning().toHtmlEscaped()));
    status_ = new QLabel(this);
    status_->setObjectName(QStringLiteral("downloadStatus"));
    status_->setWordWrap(true);
    status_->hide();
    progress_ = new QProgressBar(this);
    progress_->setRange(0, 1000);
    progress_->hide();
    locate_ = new QPushButton(tr("Locate\u2026"), this);
    locate_->setToolTip(tr("Choose an esm_msa1b_t12_100M_UR50S.pt you already have"));
    download_button_ = new QPushButton(tr("Download"), this);
    download_button_->setObjectName(QStringLiteral("downloadButton"));
    download_button_->setToolTip(tr("Download the model and its contact-regression file from %1 into %2")
                                     .arg(downloadBase(), hubCheckpointsDir()));
    cancel_ = new QPushButton(tr("Cancel download"), this);
    cancel_->hide();

    auto* row = new QHBoxLayout;
    row->addWidget(text_, 1);
    row->addWidget(locate_);
    row->addWidget(download_button_);
    row->addWidget(cancel_);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(8, 4, 8, 4);
    layout->addLayout(row);
    layout->addWidget(progress_);
    layout->addWidget(status_);

    connect(locate_, &QPushButton::clicked, this, &ModelBanner::locateRequested);
    connect(download_button_, &QPushButton::clicked, this, &ModelBanner::startDownload);
    connect(cancel_, &QPushButton::clicked, this, [this] {
        if (download_) download_->cancel();
    });
}

void ModelBanner::startDownload() {
    if (download_) return;
    auto* download = new ModelDownload(this);
    download_ = download;
    connect(download, &ModelDownload::progress, this,
            [this](int index, int count, qint64 received, qint64 total, const QString& name) {
                progress_->setRange(0, total > 0 ? 1000 : 0);
                if (total > 0) progress_->setValue(int(1000.0 * double(received) / double(total)));
                status_->setText(tr("Downloading %1 (%2 of %3): %4%5")
                                     .arg(name)
                                     .arg(index + 1)
                                     .arg(count)
                                     .arg(formatBytes(double(received)),
                                          total > 0 ? tr(" of %1").arg(formatBytes(double(total))) : QString()));
            });
    connect(download, &ModelDownload::finished, this, [this, download](const QString& path) {
        download->deleteLater();
        setDownloading(false);
        status_->setText(tr("Download complete: %1").arg(path));
        emit modelDownloaded(path);
    });
    connect(download, &ModelDownload::failed, this, [this, download](const QString& message) {
        download->deleteLater();
        setDownloading(false);
        status_->setText(tr("<span style='color:#b00000'>%1</span>").arg(message.toHtmlEscaped()));
        download_button_->setText(tr("Resume download"));
    });
    connect(download, &ModelDownload::cancelled, this, [this, download] {
        download->deleteLater();
        setDownloading(false);
        status_->setText(tr("Download cancelled; the partial file is kept, Resume continues it."));
        download_button_->setText(tr("Resume download"));
    });
    setDownloading(true);
    status_->setText(tr("Connecting to %1\u2026").arg(downloadBase()));
    download->start();
}

void ModelBanner::setDownloading(bool on) {
    progress_->setVisible(on);
    status_->show();
    cancel_->setVisible(on);
    download_button_->setVisible(!on);
    locate_->setEnabled(!on);
}

}  // namespace axs::ui
