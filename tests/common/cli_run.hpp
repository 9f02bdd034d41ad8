// Running axialscope-cli from a test (targets declared with NEEDS_CLI get AXS_CLI_PATH).
#pragma once

#include <QByteArray>
#include <QProcess>
#include <QString>
#include <QStringList>

namespace axs::test {

struct CliRun {
    int exitCode = -1;  ///< -1: did not start, crashed, or did not finish within the time limit
    QByteArray out, err;
    QString errText() const { return QString::fromUtf8(err); }
};

/// Runs the CLI with `args` and waits at most `timeoutMs`; a run that does not finish is
/// killed and reported with exitCode -1.
inline CliRun runCli(const QStringList& args, int timeoutMs = 300000) {
    QProcess p;
    p.start(QStringLiteral(AXS_CLI_PATH), args);
    CliRun run;
    if (!p.waitForFinished(timeoutMs)) {
        p.kill();
        p.waitForFinished();
    } else if (p.exitStatus() == QProcess::NormalExit) {
        run.exitCode = p.exitCode();
    }
    run.out = p.readAllStandardOutput();
    run.err = p.readAllStandardError();
    return run;
}

}  // namespace axs::test
