#include "download/model_download.hpp"

#include <QFileInfo>
#include <QNetworkAccessManager>

#include "download/file_download.hpp"
#include "download/official_model.hpp"

namespace axs::ui {

ModelDownload::ModelDownload(QObject* parent)
    : ModelDownload({{officialRegressionUrl(), officialRegressionPath()}, {officialModelUrl(), officialModelPath()}},
                    parent) {}

ModelDownload::ModelDownload(std::vector<Item> items, QObject* parent)
    : QObject(parent), items_(std::move(items)), network_(new QNetworkAccessManager(this)) {}

void ModelDownload::start() {
    if (current_ || items_.empty()) return;
    startItem(0);
}

void ModelDownload::cancel() {
    if (current_) current_->cancel();
}

void ModelDownload::startItem(size_t index) {
    index_ = index;
    const Item& item = items_[index];
    auto* download = new FileDownload(network_, item.url, item.path, this);
    current_ = download;
    const QString name = QFileInfo(item.path).fileName();
    connect(download, &FileDownload::progress, this, [this, name](qint64 received, qint64 total) {
        emit progress(int(index_), int(items_.size()), received, total, name);
    });
    connect(download, &FileDownload::finished, this, [this, download] {
        download->deleteLater();
        if (index_ + 1 < items_.size())
            startItem(index_ + 1);
        else {
            current_ = nullptr;
            emit finished(items_.back().path);
        }
    });
    connect(download, &FileDownload::failed, this, [this, download](const QString& message) {
        download->deleteLater();
        current_ = nullptr;
        emit failed(message);
    });
    connect(download, &FileDownload::cancelled, this, [this, download] {
        download->deleteLater();
        current_ = nullptr;
        emit cancelled();
    });
    download->start();
}

}  // namespace axs::ui
