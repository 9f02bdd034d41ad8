// The model downloader against a tiny HTTP server on 127.0.0.1 (written here with
// QTcpServer): a complete download, an interrupted one that leaves no file at the final
// path, its resume with an HTTP Range request, a server that ignores ranges, cancel,
// HTTP errors, and the official file pair under a base URL given by AXIALSCOPE_DOWNLOAD_BASE.
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QNetworkAccessManager>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

#include "download/file_download.hpp"
#include "download/model_download.hpp"
#include "download/official_model.hpp"
#include "session/model_choice.hpp"
#include "test_paths.hpp"
#include "test_ui_support.hpp"

using namespace axs;
using namespace axs::ui;

namespace {

// Serves fixed files over HTTP/1.1 (one request per connection). Knobs for the tests:
// stop after N body bytes (an interrupted transfer), ignore Range, or send slowly.
class TinyHttpServer : public QObject {
public:
    QMap<QString, QByteArray> files;  ///< URL path -> content
    qint64 cutAfter = -1;             ///< close the connection after this many body bytes (once)
    bool ignoreRange = false;
    int chunkDelayMs = 0;      ///< > 0: send in 4 KiB chunks with this delay
    QStringList requests;      ///< "GET /path" lines received
    QStringList rangeHeaders;  ///< Range header of each request ("" if none)

    TinyHttpServer() {
        QObject::connect(&server_, &QTcpServer::newConnection, this, [this] { accept(); });
    }
    bool listen() { return server_.listen(QHostAddress::LocalHost, 0); }
    QString base() const { return QStringLiteral("http://127.0.0.1:%1").arg(server_.serverPort()); }

private:
    void accept() {
        while (QTcpSocket* socket = server_.nextPendingConnection()) {
            auto* buffer = new QByteArray;
            QObject::connect(socket, &QTcpSocket::readyRead, this, [this, socket, buffer] {
                buffer->append(socket->readAll());
                if (buffer->contains("\r\n\r\n")) respond(socket, *buffer);
            });
            QObject::connect(socket, &QTcpSocket::disconnected, socket, [socket, buffer] {
                delete buffer;
                socket->deleteLater();
            });
        }
    }

    void respond(QTcpSocket* socket, const QByteArray& request) {
        const QList<QByteArray> lines = request.split('\n');
        const QString first = QString::fromLatin1(lines.value(0)).trimmed();
        requests << first.section(' ', 0, 1);
        QString range;
        for (const QByteArray& line : lines)
            if (line.toLower().startsWith("range:")) range = QString::fromLatin1(line.mid(6)).trimmed();
        rangeHeaders << range;
        const QString path = first.section(' ', 1, 1);
        if (!files.contains(path)) {
            socket->write("HTTP/1.1 404 Not Found\r\nContent-Length: 9\r\nConnection: close\r\n\r\nnot found");
            socket->disconnectFromHost();
            return;
        }
        const QByteArray& content = files[path];
        qint64 start = 0;
        static const QRegularExpression re(QStringLiteral(R"(bytes=(\d+)-)"));
        const auto m = re.match(range);
        QByteArray head;
        if (m.hasMatch() && !ignoreRange) {
            start = m.captured(1).toLongLong();
            if (start >= content.size()) {
                socket->write("HTTP/1.1 416 Range Not Satisfiable\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
                socket->disconnectFromHost();
                return;
            }
            head = "HTTP/1.1 206 Partial Content\r\nContent-Range: bytes " + QByteArray::number(start) + "-" +
                   QByteArray::number(content.size() - 1) + "/" + QByteArray::number(content.size()) + "\r\n";
        } else {
            head = "HTTP/1.1 200 OK\r\nAccept-Ranges: bytes\r\n";
        }
        QByteArray body = content.mid(start);
        head += "Content-Length: " + QByteArray::number(body.size()) + "\r\nConnection: close\r\n\r\n";
        socket->write(head);
        if (cutAfter >= 0) {
            body = body.left(cutAfter);  // announced in full, delivered in part: an interrupted transfer
            cutAfter = -1;
            socket->write(body);
            socket->flush();
            socket->disconnectFromHost();
            return;
        }
        if (chunkDelayMs <= 0) {
            socket->write(body);
            socket->disconnectFromHost();
            return;
        }
        auto* timer = new QTimer(socket);
        auto offset = std::make_shared<qint64>(0);
        QObject::connect(timer, &QTimer::timeout, socket, [socket, timer, body, offset] {
            if (socket->state() != QAbstractSocket::ConnectedState) return timer->stop();
            socket->write(body.mid(*offset, 4096));
            *offset += 4096;
            if (*offset >= body.size()) {
                timer->stop();
                socket->disconnectFromHost();
            }
        });
        timer->start(chunkDelayMs);
    }

    QTcpServer server_;
};

QByteArray readAll(const QString& path) {
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

QByteArray referenceModelBytes() { return readAll(test::dataPath("reference/models/msa_t4_e96_h6_fp16.pt")); }

}  // namespace

class TestUiDownload : public QObject {
    Q_OBJECT
    QTemporaryDir scratch_;
    QNetworkAccessManager network_;

private slots:
    void initTestCase() {
        QVERIFY(scratch_.isValid());
        test::setUpWorkbenchTest("test_ui_download", scratch_);
        QVERIFY(referenceModelBytes().size() > 1000000);
    }

    void completeDownload() {
        TinyHttpServer server;
        server.files["/m.pt"] = referenceModelBytes();
        QVERIFY(server.listen());
        const QString target = scratch_.filePath("complete/m.pt");
        FileDownload download(&network_, QUrl(server.base() + "/m.pt"), target);
        QSignalSpy finished(&download, &FileDownload::finished);
        QSignalSpy progress(&download, &FileDownload::progress);
        download.start();
        QVERIFY(finished.wait(20000));
        QCOMPARE(readAll(target), server.files["/m.pt"]);
        QVERIFY(!QFile::exists(FileDownload::partPath(target)));
        QVERIFY(progress.count() > 0);
        QCOMPARE(progress.last().at(0).toLongLong(), qint64(server.files["/m.pt"].size()));
        QCOMPARE(progress.last().at(1).toLongLong(), qint64(server.files["/m.pt"].size()));
    }

    void interruptedThenResumed() {
        TinyHttpServer server;
        server.files["/m.pt"] = referenceModelBytes();
        const qint64 size = server.files["/m.pt"].size();
        server.cutAfter = size / 3;
        QVERIFY(server.listen());
        const QString target = scratch_.filePath("resume/m.pt");
        {
            FileDownload download(&network_, QUrl(server.base() + "/m.pt"), target);
            QSignalSpy failed(&download, &FileDownload::failed);
            QSignalSpy finished(&download, &FileDownload::finished);
            download.start();
            QVERIFY(failed.wait(20000));
            QCOMPARE(finished.count(), 0);
            qInfo("interrupted: %s", qPrintable(failed.front().front().toString()));
        }
        // Nothing at the final path; the bytes received so far wait in the .part file.
        QVERIFY(!QFile::exists(target));
        const QByteArray part = readAll(FileDownload::partPath(target));
        QVERIFY(part.size() > 0 && part.size() <= size / 3);
        QCOMPARE(part, server.files["/m.pt"].left(part.size()));

        FileDownload again(&network_, QUrl(server.base() + "/m.pt"), target);
        QSignalSpy finished(&again, &FileDownload::finished);
        again.start();
        QVERIFY(finished.wait(20000));
        QCOMPARE(server.rangeHeaders.last(), QStringLiteral("bytes=%1-").arg(part.size()));
        QCOMPARE(readAll(target), server.files["/m.pt"]);
        QVERIFY(!QFile::exists(FileDownload::partPath(target)));
    }

    void serverIgnoringRangeStartsOver() {
        TinyHttpServer server;
        server.files["/m.pt"] = referenceModelBytes();
        server.ignoreRange = true;
        QVERIFY(server.listen());
        const QString target = scratch_.filePath("norange/m.pt");
        QDir().mkpath(QFileInfo(target).absolutePath());
        QFile part(FileDownload::partPath(target));
        QVERIFY(part.open(QIODevice::WriteOnly));
        part.write("stale bytes from another file");
        part.close();
        FileDownload download(&network_, QUrl(server.base() + "/m.pt"), target);
        QSignalSpy finished(&download, &FileDownload::finished);
        download.start();
        QVERIFY(finished.wait(20000));
        QVERIFY(!server.rangeHeaders.last().isEmpty());    // it asked to resume ...
        QCOMPARE(readAll(target), server.files["/m.pt"]);  // ... got 200 and replaced the stale part
    }

    void cancelKeepsOnlyThePart() {
        TinyHttpServer server;
        server.files["/m.pt"] = referenceModelBytes();
        server.chunkDelayMs = 5;
        QVERIFY(server.listen());
        const QString target = scratch_.filePath("cancel/m.pt");
        FileDownload download(&network_, QUrl(server.base() + "/m.pt"), target);
        QSignalSpy progress(&download, &FileDownload::progress);
        QSignalSpy cancelled(&download, &FileDownload::cancelled);
        QSignalSpy finished(&download, &FileDownload::finished);
        download.start();
        QVERIFY(progress.wait(10000));
        download.cancel();
        QVERIFY(cancelled.count() == 1 || cancelled.wait(5000));
        QCOMPARE(finished.count(), 0);
        QVERIFY(!QFile::exists(target));
        QVERIFY(QFile::exists(FileDownload::partPath(target)));
    }

    void httpErrorLeavesNothing() {
        TinyHttpServer server;
        QVERIFY(server.listen());
        const QString target = scratch_.filePath("missing/m.pt");
        FileDownload download(&network_, QUrl(server.base() + "/nothing-here.pt"), target);
        QSignalSpy failed(&download, &FileDownload::failed);
        download.start();
        QVERIFY(failed.wait(10000));
        QVERIFY(failed.front().front().toString().contains(QStringLiteral("nothing-here.pt")));
        QVERIFY(!QFile::exists(target));
        QVERIFY(!QFile::exists(FileDownload::partPath(target)) || readAll(FileDownload::partPath(target)).isEmpty());
    }

    void officialPairFromOverriddenBase() {
        TinyHttpServer server;
        const QByteArray model = referenceModelBytes();
        const QByteArray regression =
            readAll(test::dataPath("reference/models/msa_t4_e96_h6_fp16-contact-regression.pt"));
        const QString name = officialModelName();
        server.files["/fair-esm/models/" + name + ".pt"] = model;
        server.files["/fair-esm/regression/" + name + "-contact-regression.pt"] = regression;
        QVERIFY(server.listen());
        qputenv("AXIALSCOPE_DOWNLOAD_BASE", (server.base() + "/fair-esm/").toUtf8());
        QCOMPARE(officialModelUrl().toString(), server.base() + "/fair-esm/models/" + name + ".pt");
        QCOMPARE(hubCheckpointsDir(), QDir::cleanPath(scratch_.path() + "/torch/hub/checkpoints"));

        ModelDownload download(nullptr);
        QSignalSpy finished(&download, &ModelDownload::finished);
        QSignalSpy failed(&download, &ModelDownload::failed);
        download.start();
        QVERIFY(finished.wait(30000));
        QCOMPARE(failed.count(), 0);
        QCOMPARE(finished.front().front().toString(), officialModelPath());
        QCOMPARE(readAll(officialModelPath()), model);
        QCOMPARE(readAll(officialRegressionPath()), regression);
        // The regression file first: the model file (what lookups search for) appears last.
        QCOMPARE(server.requests.size(), 2);
        QVERIFY(server.requests[0].contains(QStringLiteral("/regression/")));
        QVERIFY(server.requests[1].contains(QStringLiteral("/models/")));
        // Found on the next start without asking.
        QCOMPARE(findModel().kind, ModelChoice::Kind::Official);
        qunsetenv("AXIALSCOPE_DOWNLOAD_BASE");
    }
};

QTEST_MAIN(TestUiDownload)
#include "test_ui_download.moc"
