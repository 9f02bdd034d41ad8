// torch.save's persistent ids: how a pickle refers to a storage kept outside of it.
#pragma once

#include <string>

#include "checkpoint/pickle_value.hpp"

namespace axs {

/// Interprets ("storage", <storage class>, key, location, numel) (zip format) or
/// ("storage", <storage class>, root_key, location, root_numel, view_metadata) (legacy;
/// view_metadata is None or (view_key, offset, size)) into a PyKind::Storage value.
/// Throws axs::Error naming `source` for anything else, including unknown storage classes
/// and pickled module objects.
pickle::PyValue* makeStorageValue(pickle::PickleDocument& doc, const pickle::PyValue& pid, const std::string& source);

}  // namespace axs
