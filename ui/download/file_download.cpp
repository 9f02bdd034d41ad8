#include "download/file_download.hpp"

#include <unistd.h>

#include <QDir>
#include <QFileInfo>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QRegularExpression>
#include <cstdio>
#include <filesystem>

namespace axs::ui {

FileDownload::FileDownload(QNetworkAccessManager* network, const QUrl& url, const QString& finalPath, QObject* parent)
    : QObject(parent), network_(network), url_(url), finalPath_(finalPath) {}

FileDownload::~FileDownload() {
    if (reply_) {
        reply_->disconnect(this);
        reply_->abort();
        reply_->deleteLater();
    }
}

void FileDownload::start() {
    if (reply_) return;
    cancelRequested_ = false;
    headersChecked_ = writing_ = false;
    total_ = -1;
    if (!QDir().mkpath(QFileInfo(finalPath_).absolutePath())) {
        fail(tr("Cannot create the folder %1").arg(QFileInfo(finalPath_).absolutePath()), false);
        return;
    }
    part_.setFileName(partPath(finalPath_));
    offset_ = part_.exists() ? part_.size() : 0;

    QNetworkRequest request(url_);
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::NoLessSafeRedirectPolicy);
    request.setTransferTimeout(60000);  // a stalled connection fails instead of hanging forever
    if (offset_ > 0) request.setRawHeader("Range", "bytes=" + QByteArray::number(offset_) + "-");
    reply_ = network_->get(request);
    connect(reply_, &QNetworkReply::readyRead, this, &FileDownload::onReadyRead);
    connect(reply_, &QNetworkReply::finished, this, &FileDownload::onFinished);
}

void FileDownload::cancel() {
    if (!reply_) return;
    cancelRequested_ = true;
    reply_->abort();  // finished() follows synchronously or soon; onFinished reports cancelled()
}

// Decides, once per response, whether the body continues the .part file (206 with the
// right offset), replaces it (200: the server ignored the range) or is not file content.
bool FileDownload::acceptHeaders() {
    headersChecked_ = true;
    const int status = reply_->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    if (status == 206) {
        static const QRegularExpression rangeRe(QStringLiteral(R"(bytes\s+(\d+)-(\d+)/(\d+|\*))"));
        const auto m = rangeRe.match(QString::fromLatin1(reply_->rawHeader("Content-Range")));
        if (!m.hasMatch() || m.captured(1).toLongLong() != offset_) {
            fail(tr("The server resumed %1 at the wrong position").arg(url_.toString()), true);
            return false;
        }
        if (m.captured(3) != QLatin1String("*")) total_ = m.captured(3).toLongLong();
        writing_ = part_.open(QIODevice::WriteOnly | QIODevice::Append);
    } else if (status == 200) {
        offset_ = 0;
        const QVariant length = reply_->header(QNetworkRequest::ContentLengthHeader);
        total_ = length.isValid() ? length.toLongLong() : -1;
        writing_ = part_.open(QIODevice::WriteOnly | QIODevice::Truncate);
    } else {
        return false;  // an error status: onFinished reports it
    }
    if (!writing_) fail(tr("Cannot write %1: %2").arg(part_.fileName(), part_.errorString()), false);
    return writing_;
}

void FileDownload::onReadyRead() {
    if (!reply_) return;
    if (!headersChecked_ && !acceptHeaders()) return;
    if (!writing_) return;
    const QByteArray bytes = reply_->readAll();
    if (part_.write(bytes) != bytes.size()) {
        fail(tr("Cannot write %1: %2").arg(part_.fileName(), part_.errorString()), false);
        return;
    }
    emit progress(part_.pos(), total_);  // in append mode pos() starts at the resumed size
}

void FileDownload::onFinished() {
    QNetworkReply* reply = reply_;
    if (!reply) return;
    if (!headersChecked_ && reply->error() == QNetworkReply::NoError) acceptHeaders();
    if (writing_ && reply->isOpen() && reply->bytesAvailable() > 0) part_.write(reply->readAll());
    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    const auto error = reply->error();
    const QString errorText = reply->errorString();
    reply_ = nullptr;
    reply->deleteLater();
    if (part_.isOpen()) {
        part_.flush();
        ::fsync(part_.handle());
        part_.close();
    }

    if (cancelRequested_) {
        emit cancelled();
        return;
    }
    if (status == 416 && !retriedFromZero_) {
        // The .part does not fit the file on the server (e.g. it changed): start over once.
        retriedFromZero_ = true;
        QFile::remove(part_.fileName());
        start();
        return;
    }
    if (error != QNetworkReply::NoError) {
        const qint64 kept = QFileInfo(part_.fileName()).exists() ? QFileInfo(part_.fileName()).size() : 0;
        fail(
            tr("Downloading %1 failed: %2%3")
                .arg(url_.toString(), errorText,
                     kept > 0 ? tr(" (%1 bytes are kept; downloading again resumes from there)").arg(kept) : QString()),
            false);
        return;
    }
    if (!writing_) {
        fail(tr("Downloading %1 failed: the server answered with status %2").arg(url_.toString()).arg(status), false);
        return;
    }
    QString commitError;
    if (!commit(&commitError)) {
        fail(commitError, false);
        return;
    }
    emit finished(finalPath_);
}

// Renames .part to the final name, but only when its size is the announced one.
bool FileDownload::commit(QString* error) {
    const qint64 size = QFileInfo(part_.fileName()).size();
    if (total_ < 0) {
        *error = tr("Downloading %1: the server did not say how large the file is, so it cannot be verified")
                     .arg(url_.toString());
        return false;
    }
    if (size != total_) {
        *error = tr("Downloading %1 stopped early: %2 of %3 bytes (the partial file is kept; try again to resume)")
                     .arg(url_.toString())
                     .arg(size)
                     .arg(total_);
        if (size > total_) QFile::remove(part_.fileName());
        return false;
    }
    std::error_code ec;
    std::filesystem::rename(part_.fileName().toStdString(), finalPath_.toStdString(), ec);  // atomic replace
    if (ec) {
        *error = tr("Cannot move the download to %1: %2").arg(finalPath_, QString::fromStdString(ec.message()));
        return false;
    }
    return true;
}

void FileDownload::fail(const QString& message, bool discardPart) {
    if (reply_) {
        QNetworkReply* reply = reply_;
        reply_ = nullptr;
        reply->disconnect(this);
        reply->abort();
        reply->deleteLater();
    }
    if (part_.isOpen()) part_.close();
    if (discardPart) QFile::remove(part_.fileName());
    emit failed(message);
}

}  // namespace axs::ui
