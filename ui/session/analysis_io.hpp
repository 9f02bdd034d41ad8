// A Session as a saved analysis and back (core's workflow/analysis_document.hpp does the
// files): what the session holds — alignment and query row, structure and chain, model
// choice, run, coevolution result, comparisons — plus the views' state, which the main
// window captures and applies (mainwindow/view_state.cpp).
#pragma once

#include "session/session.hpp"
#include "workflow/analysis_document.hpp"

namespace axs::ui {

/// The session as a document (the alignment must have been read from a file).
/// `createdBy` e.g. "axialscope 0.1.0".
AnalysisDocument documentOf(const Session& session, const AnalysisViewState& view, const std::string& createdBy);

/// Replaces the session's contents by the document's: alignment and query row, structure
/// and chain, the last run, the last coevolution result, the comparisons. The model choice
/// stays (the run's own model is recognised by its SHA-256 when it is loaded).
void applyDocument(Session& session, const AnalysisDocument& doc);

}  // namespace axs::ui
