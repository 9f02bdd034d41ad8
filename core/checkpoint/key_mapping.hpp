// Name conversions the official loader (esm/pretrained.py) applies to the released
// files, spec §7.2 and §7.3.
#pragma once

#include <string>

namespace axs {

/// Stored state-dict key -> open-source parameter name, in the official order:
/// 1. contains "row": every "row" -> "column"; otherwise every "column" -> "row";
/// 2. contains "sentence_encoder": keep what follows "sentence_encoder.";
/// 3. then contains "encoder": keep what follows "encoder.".
/// ("Keep what follows" concatenates the pieces after every occurrence, exactly like the
/// official `"".join(s.split(sep)[1:])`; for real keys there is one occurrence.)
/// Example: "encoder.sentence_encoder.layers.3.column_self_attention.layer.q_proj.weight"
///       -> "layers.3.row_self_attention.layer.q_proj.weight".
std::string convertStoredKey(const std::string& stored);

/// Released args field name -> the name the model reads: names containing "encoder"
/// become the concatenation of the pieces after each "encoder_" ("encoder_layers" ->
/// "layers"); other names are kept.
std::string convertArgName(const std::string& stored);

}  // namespace axs
