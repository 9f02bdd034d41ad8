// Downloads the official model pair (spec §7.1) into the torch hub folder, one file after
// the other. The regression file goes first: the model file is what resolveModelPath
// looks for, so it appears last and only when both are complete.
#pragma once

#include <QObject>
#include <QPointer>
#include <QUrl>
#include <vector>

class QNetworkAccessManager;

namespace axs::ui {

class FileDownload;

class ModelDownload : public QObject {
    Q_OBJECT
public:
    struct Item {
        QUrl url;
        QString path;  ///< final path
    };
    /// The official pair (official_model.hpp) unless `items` is given.
    explicit ModelDownload(QObject* parent = nullptr);
    ModelDownload(std::vector<Item> items, QObject* parent);

    const std::vector<Item>& items() const { return items_; }
    void start();   ///< resumes partial files left by an earlier attempt
    void cancel();  ///< keeps .part files; emits cancelled()
    bool isRunning() const { return !current_.isNull(); }

signals:
    /// fileIndex 0-based of fileCount; bytes of the current file (total -1 if unknown).
    void progress(int fileIndex, int fileCount, qint64 received, qint64 total, const QString& fileName);
    void finished(const QString& modelPath);  ///< path of the last item
    void failed(const QString& message);
    void cancelled();

private:
    void startItem(size_t index);

    std::vector<Item> items_;
    QNetworkAccessManager* network_;
    QPointer<FileDownload> current_;
    size_t index_ = 0;
};

}  // namespace axs::ui
