// Running axialscope-cli and measuring the peak resident memory of that one process (the
// kernel's ru_maxrss from wait4), for the tests that hostile input stays in bounded memory.
#pragma once

#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <QFile>
#include <QStringList>
#include <QTemporaryDir>
#include <QThread>
#include <string>
#include <vector>

#include "cli_run.hpp"

extern char** environ;

namespace axs::test {

struct MeasuredCliRun : CliRun {
    double maxResidentMib = -1;  ///< peak resident set size of the CLI process; -1 if unknown
};

/// Runs the CLI with `args` (at most `timeoutMs`; then killed, exitCode -1).
inline MeasuredCliRun runCliMeasured(const QStringList& args, int timeoutMs = 120000) {
    MeasuredCliRun run;
    QTemporaryDir dir;
    const std::string outPath = dir.filePath("out").toStdString(), errPath = dir.filePath("err").toStdString();
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, 1, outPath.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    posix_spawn_file_actions_addopen(&actions, 2, errPath.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    std::vector<std::string> argStrings{AXS_CLI_PATH};
    for (const QString& a : args) argStrings.push_back(a.toStdString());
    std::vector<char*> argv;
    for (std::string& s : argStrings) argv.push_back(s.data());
    argv.push_back(nullptr);
    pid_t pid = 0;
    const int rc = posix_spawn(&pid, AXS_CLI_PATH, &actions, nullptr, argv.data(), environ);
    posix_spawn_file_actions_destroy(&actions);
    if (rc != 0) return run;
    int status = 0;
    rusage usage{};
    for (int waited = 0;; waited += 20) {
        const pid_t done = wait4(pid, &status, WNOHANG, &usage);
        if (done == pid) break;
        if (done < 0) return run;
        if (waited >= timeoutMs) {
            kill(pid, SIGKILL);
            wait4(pid, &status, 0, &usage);
            break;
        }
        QThread::msleep(20);
    }
    if (WIFEXITED(status)) run.exitCode = WEXITSTATUS(status);
    run.maxResidentMib = double(usage.ru_maxrss) / 1024.0;  // ru_maxrss is in KiB on Linux
    QFile out(QString::fromStdString(outPath)), err(QString::fromStdString(errPath));
    if (out.open(QIODevice::ReadOnly)) run.out = out.readAll();
    if (err.open(QIODevice::ReadOnly)) run.err = err.readAll();
    return run;
}

}  // namespace axs::test
