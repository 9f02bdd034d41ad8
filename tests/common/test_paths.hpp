// Where tests find their data. tests/data is committed; ../shared is optional.
#pragma once

#include <QDir>
#include <QFileInfo>
#include <QString>
#include <QTest>

namespace axs::test {

inline QString dataPath(const QString& rel) { return QStringLiteral(AXS_TEST_DATA) + "/" + rel; }
inline std::string dataFile(const QString& rel) { return dataPath(rel).toStdString(); }

/// Path under ../shared, or "" when shared/ is absent (CI has it; a bare clone may not).
inline QString sharedPath(const QString& rel) {
    const QString p = QStringLiteral(AXS_SHARED_DIR) + "/" + rel;
    return QFileInfo::exists(p) ? p : QString();
}

}  // namespace axs::test

/// Skips the current test with a clear message when a file under ../shared is missing.
#define AXS_REQUIRE_SHARED(var, rel)                \
    const QString var = axs::test::sharedPath(rel); \
    if (var.isEmpty()) QSKIP(qPrintable(QStringLiteral("needs ../shared/%1 (not present beside this clone)").arg(rel)))
