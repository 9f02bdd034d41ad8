// The strip above the views while the official weights are missing: says so, says that the
// demo model (random weights) is in use, and offers Locate… and Download (with progress,
// Cancel, and Resume after an interruption).
#pragma once

#include <QFrame>
#include <QPointer>

class QLabel;
class QProgressBar;
class QPushButton;

namespace axs::ui {

class ModelDownload;

class ModelBanner : public QFrame {
    Q_OBJECT
public:
    explicit ModelBanner(QWidget* parent = nullptr);

    /// Starts (or resumes) the download of the official files.
    void startDownload();
    bool isDownloading() const { return !download_.isNull(); }

signals:
    void locateRequested();
    /// Both official files are in place; `modelPath` is the model file.
    void modelDownloaded(const QString& modelPath);

private:
    void setDownloading(bool on);

    QLabel* text_;
    QLabel* status_;
    QProgressBar* progress_;
    QPushButton* locate_;
    QPushButton* download_button_;
    QPushButton* cancel_;
    QPointer<ModelDownload> download_;
};

}  // namespace axs::ui
