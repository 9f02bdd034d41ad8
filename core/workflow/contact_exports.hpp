// Every contact file the program writes, for the CLI (`predict`, `coevolution`) and the
// workbench (File ▸ Export) alike, so that the same inputs give the same bytes:
//   contacts.npy  the prediction as predict stores it (1 x T x T for a model run, T x T
//                 for coevolution, float32)
//   contacts.csv  i,j,probability,residue_i,residue_j,cb_distance,true_contact
//                 (contacts/contact_io.hpp; the structure columns filled when a
//                 structure is known)
//   contacts.rr   CASP RR with the query (gap columns as X), TARGET = the alignment's
//                 file name without its last extension
#pragma once

#include <optional>
#include <string>

#include "common/tensor.hpp"
#include "workflow/coevolution_run.hpp"
#include "workflow/model_run.hpp"
#include "workflow/structure_truth.hpp"

namespace axs {

/// A prediction ready to be written.
struct ContactExport {
    TensorF map;         ///< T x T
    TensorF stored;      ///< what contacts.npy holds (1 x T x T or T x T)
    std::string query;   ///< T characters, gaps possible
    std::string target;  ///< RR TARGET
};

/// The run's contacts; throws axs::Error when the run has none.
ContactExport contactExport(const ModelRun& run);
ContactExport contactExport(const CoevolutionRun& run);

enum class ContactFileKind { Csv, Rr, Npy };
/// From the extension (.csv, .rr, .npy; case-insensitive), or nullopt.
std::optional<ContactFileKind> contactFileKind(const std::string& path);

/// Writes one contact file atomically. `truth` (may be null) fills the CSV's structure
/// columns; it must be the truth for the export's query. Throws axs::Error naming `path`.
void writeContactFile(const std::string& path, ContactFileKind kind, const ContactExport& contacts,
                      const StructureTruth* truth);

}  // namespace axs
