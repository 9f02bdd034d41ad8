// One resumable HTTP(S) download into a file, written so that the final path only ever
// holds a complete file: bytes go to "<final>.part"; a later start resumes it with an
// HTTP Range request; the part is renamed to the final path only once the transfer ended
// without error and its size equals the size the server announced.
// Runs on the GUI thread through QNetworkAccessManager's asynchronous API (no blocking).
#pragma once

#include <QFile>
#include <QObject>
#include <QPointer>
#include <QUrl>

class QNetworkAccessManager;
class QNetworkReply;

namespace axs::ui {

class FileDownload : public QObject {
    Q_OBJECT
public:
    /// Does not own `network`.
    FileDownload(QNetworkAccessManager* network, const QUrl& url, const QString& finalPath, QObject* parent = nullptr);
    ~FileDownload() override;

    static QString partPath(const QString& finalPath) { return finalPath + QStringLiteral(".part"); }

    /// Starts (or resumes from an existing .part file).
    void start();
    /// Aborts the transfer; the .part file stays for a later resume. Emits cancelled().
    void cancel();

    QUrl url() const { return url_; }
    QString finalPath() const { return finalPath_; }
    bool isRunning() const { return !reply_.isNull(); }

signals:
    /// received includes bytes resumed from an earlier attempt; total is -1 when unknown.
    void progress(qint64 received, qint64 total);
    void finished(const QString& finalPath);
    void failed(const QString& message);
    void cancelled();

private:
    void onReadyRead();
    void onFinished();
    bool acceptHeaders();
    void fail(const QString& message, bool discardPart);
    bool commit(QString* error);

    QNetworkAccessManager* network_;
    QUrl url_;
    QString finalPath_;
    QFile part_;
    QPointer<QNetworkReply> reply_;
    qint64 offset_ = 0;  ///< bytes already in .part when this request started
    qint64 total_ = -1;  ///< full file size announced by the server
    bool headersChecked_ = false;
    bool writing_ = false;  ///< the response body belongs in the file (200 / 206)
    bool cancelRequested_ = false;
    bool retriedFromZero_ = false;
};

}  // namespace axs::ui
