#include "workflow/contact_exports.hpp"

#include <algorithm>
#include <cctype>
#include <filesystem>

#include "common/error.hpp"
#include "common/npy.hpp"
#include "contacts/contact_io.hpp"

namespace axs {

namespace {

std::string targetName(const std::string& sourcePath) {
    return sourcePath.empty() ? std::string() : std::filesystem::path(sourcePath).stem().string();
}

}  // namespace

ContactExport contactExport(const ModelRun& run) {
    if (run.contacts.rank() != 3) throw Error("no predicted contacts: the run has no contact head output");
    ContactExport e;
    e.map = contactMap(run);
    e.stored = run.contacts;
    e.query = run.msa.query();
    e.target = targetName(run.msa.sourcePath);
    return e;
}

ContactExport contactExport(const CoevolutionRun& run) {
    ContactExport e;
    e.map = run.scores;
    e.stored = run.scores;
    e.query = run.query;
    e.target = targetName(run.sourcePath);
    return e;
}

std::optional<ContactFileKind> contactFileKind(const std::string& path) {
    std::string ext = std::filesystem::path(path).extension().string();
    std::transform(ext.begin(), ext.end(), ext.begin(), [](unsigned char c) { return std::tolower(c); });
    if (ext == ".csv") return ContactFileKind::Csv;
    if (ext == ".rr") return ContactFileKind::Rr;
    if (ext == ".npy") return ContactFileKind::Npy;
    return std::nullopt;
}

void writeContactFile(const std::string& path, ContactFileKind kind, const ContactExport& contacts,
                      const StructureTruth* truth) {
    switch (kind) {
        case ContactFileKind::Npy:
            writeNpy(path, contacts.stored);
            return;
        case ContactFileKind::Rr:
            writeCaspRr(path, contacts.map, contacts.query, contacts.target);
            return;
        case ContactFileKind::Csv: {
            ContactAnnotation annotation;
            annotation.query = contacts.query;
            if (truth) {
                annotation.truth = &truth->map.contacts;
                annotation.distances = &truth->map.distances;
            }
            writeContactsCsv(path, contacts.map, annotation);
            return;
        }
    }
}

}  // namespace axs
