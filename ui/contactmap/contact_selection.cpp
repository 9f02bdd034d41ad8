#include "contactmap/contact_selection.hpp"

namespace axs::ui {

SeparationWindow separationWindow(SeparationRange range) {
    switch (range) {
        case SeparationRange::Local:
            return axs::separationWindow(ContactRange::Local);
        case SeparationRange::Short:
            return axs::separationWindow(ContactRange::Short);
        case SeparationRange::Medium:
            return axs::separationWindow(ContactRange::Medium);
        case SeparationRange::Long:
            return axs::separationWindow(ContactRange::Long);
        case SeparationRange::All:
            break;
    }
    return {6, 0};
}

QString separationRangeName(SeparationRange range) {
    switch (range) {
        case SeparationRange::Local:
            return QStringLiteral("local (3–5)");
        case SeparationRange::Short:
            return QStringLiteral("short (6–11)");
        case SeparationRange::Medium:
            return QStringLiteral("medium (12–23)");
        case SeparationRange::Long:
            return QStringLiteral("long (≥ 24)");
        case SeparationRange::All:
            return QStringLiteral("all (≥ 6)");
    }
    return {};
}

}  // namespace axs::ui
